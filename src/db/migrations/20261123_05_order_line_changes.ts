import type { Kysely } from 'kysely'

// UX-03: what a shop changed in an order it could not serve as ordered (fewer units, a line withdrawn, a
// substitute), kept for the resident's single message and the order's history.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('order_line_changes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('order_id', 'text', (c) => c.notNull().references('orders.id').onDelete('cascade'))
    .addColumn('shop_id', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('product_name', 'text', (c) => c.notNull())
    .addColumn('variant_name', 'text', (c) => c.notNull())
    .addColumn('quantity_before', 'integer', (c) => c.notNull())
    .addColumn('quantity_after', 'integer', (c) => c.notNull())
    .addColumn('substitute_product_name', 'text')
    .addColumn('substitute_variant_name', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_user_id', 'text')
    // Set when the resident was told (one message for the changes made close together).
    .addColumn('notified_at', 'text')
    .execute()
  await db.schema
    .createIndex('order_line_changes_order')
    .on('order_line_changes')
    .columns(['order_id', 'at'])
    .execute()
}

export async function down(): Promise<void> {
  throw new Error('not reversible')
}
