import { sql, type Kysely } from 'kysely'

// A drop's bundle offers (issue #4): the drop's item with another product of the shop for one price, offered
// beside the single item, never instead of it (LAW F11). A basket line taken at the bundle's price names its offer.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('drop_offers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('drop_id', 'text', (c) => c.notNull().references('drops.id').onDelete('cascade'))
    .addColumn('variant_id', 'text', (c) => c.notNull().references('variants.id').onDelete('cascade'))
    // The price of the drop's item and this variant together, one of each.
    .addColumn('bundle_price_cents', 'integer', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addUniqueConstraint('drop_offers_variant', ['drop_id', 'variant_id'])
    .addCheckConstraint('drop_offers_price', sql`bundle_price_cents > 0`)
    .execute()
  await db.schema.alterTable('basket_lines').addColumn('offer_id', 'text').execute()
  // The admission frontier counts residents admitted lately who hold nothing yet, at every hold batch: by this
  // index it reads only the lately admitted, not the whole queue.
  await db.schema
    .createIndex('drop_entries_admitted')
    .on('drop_entries')
    .columns(['drop_id', 'admitted_at'])
    .execute()
}

export async function down(): Promise<void> {
  throw new Error('not reversible')
}
