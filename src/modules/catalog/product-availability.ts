import { sql } from 'kysely'
import type { Trx } from '../../db/index.js'

/**
 * Step: recomputes products.has_stock from the product's variants and stock rows, in one statement.
 * Called in the same transaction as every change of stock or variants, so the "in stock" filter reads
 * one column instead of joining every match's stock rows.
 */
export async function refreshHasStock(trx: Trx, productId: string): Promise<void> {
  await sql`update products set has_stock = case when exists (
      select 1 from variants v left join stock_levels s on s.variant_id = v.id
      where v.product_id = products.id and (v.tracks_stock = 0 or s.on_hand - s.reserved > 0)) then 1 else 0 end
    where id = ${productId}`.execute(trx)
}
