import { sql, type Kysely } from 'kysely'

// UX-18: the number of no-shows in 12 months after which a resident books a shop online only with a guarantee is
// the shop's to set (default 4, TheFork's). No row: the default.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('booking_shop_settings')
    .addColumn('shop_id', 'text', (c) => c.primaryKey().references('shops.id').onDelete('cascade'))
    .addColumn('no_show_limit', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addCheckConstraint('booking_shop_settings_no_show_limit', sql`no_show_limit between 1 and 20`)
    .execute()
}
