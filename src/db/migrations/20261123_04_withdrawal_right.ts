import type { Kysely } from 'kysely'

// Withdrawal right (LAW F2/F3): each product says whether the 14-day right applies (null) or which
// L221-28 exception removes it; each order line keeps what was promised at the time of the order, so a
// later change to the product does not rewrite what the resident was told.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('products').addColumn('withdrawal_exception', 'text').execute()
  await db.schema.alterTable('order_lines').addColumn('withdrawal_exception', 'text').execute()
}

export async function down(): Promise<void> {
  throw new Error('not reversible')
}
