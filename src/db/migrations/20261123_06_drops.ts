import { sql, type Kysely } from 'kysely'

// Drops (issue #4, decision 005): a variant's units set aside for a sale at a set time, a queue of residents
// in a fixed order (a random lottery key before the start, arrival after), and holds on the drop's counter.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('drops')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('shop_id', 'text', (c) => c.notNull().references('shops.id'))
    .addColumn('product_id', 'text', (c) => c.notNull())
    .addColumn('variant_id', 'text', (c) => c.notNull().references('variants.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('units', 'integer', (c) => c.notNull())
    .addColumn('per_resident_limit', 'integer', (c) => c.notNull())
    .addColumn('hold_minutes', 'integer', (c) => c.notNull())
    // Units neither held nor ordered: the counter every hold is taken from (L in decision 005).
    .addColumn('units_left', 'integer', (c) => c.notNull())
    // The first `admitted` residents in queue order may take a hold.
    .addColumn('admitted', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('ended_at', 'text')
    .addCheckConstraint('drops_units', sql`units > 0 and per_resident_limit > 0 and hold_minutes > 0`)
    .addCheckConstraint('drops_units_left', sql`units_left >= 0 and units_left <= units`)
    .execute()
  await db.schema.createIndex('drops_shop').on('drops').columns(['shop_id', 'starts_at']).execute()

  await db.schema
    .createTable('drop_entries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('drop_id', 'text', (c) => c.notNull().references('drops.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('arrived_at', 'text', (c) => c.notNull())
    // Before the start: a uniform random key (the shuffle); after: null, and the id's time orders arrivals.
    .addColumn('lottery', 'bigint')
    // Set when the frontier passes this entry: its admission lapses if no hold is taken in time.
    .addColumn('admitted_at', 'text')
    .addUniqueConstraint('drop_entries_resident', ['drop_id', 'user_id'])
    .execute()
  await db.schema
    .createIndex('drop_entries_queue')
    .on('drop_entries')
    .columns(['drop_id', 'lottery', 'id'])
    .execute()

  await db.schema
    .createTable('drop_holds')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('drop_id', 'text', (c) => c.notNull().references('drops.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('quantity', 'integer', (c) => c.notNull())
    // held → ordered (checked out) or expired (not checked out in time).
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('held_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('order_id', 'text')
    .addCheckConstraint('drop_holds_quantity', sql`quantity > 0`)
    .execute()
  await db.schema
    .createIndex('drop_holds_drop')
    .on('drop_holds')
    .columns(['drop_id', 'status', 'expires_at'])
    .execute()
  await db.schema
    .createIndex('drop_holds_resident')
    .on('drop_holds')
    .columns(['drop_id', 'user_id'])
    .execute()

  await db.schema.alterTable('basket_lines').addColumn('drop_id', 'text').execute()
}

export async function down(): Promise<void> {
  throw new Error('not reversible')
}
