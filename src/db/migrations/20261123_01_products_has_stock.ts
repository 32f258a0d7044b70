import { sql, type Kysely } from 'kysely'

// products.has_stock: whether any variant can be sold now (a service, or units on hand not held).
// Kept in step by the catalog in the same transaction as every stock change; it replaces an EXISTS over
// variants and stock rows that the "in stock" search filter ran for every match (docs/performance.md).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('products')
    .addColumn('has_stock', 'integer', (c) => c.notNull().defaultTo(0))
    .execute()
  await sql`update products set has_stock = case when exists (
      select 1 from variants v left join stock_levels s on s.variant_id = v.id
      where v.product_id = products.id and (v.tracks_stock = 0 or s.on_hand - s.reserved > 0)) then 1 else 0 end`.execute(
    db,
  )
}

export async function down(): Promise<void> {
  throw new Error('not reversible')
}
