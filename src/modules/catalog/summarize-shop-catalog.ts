import { sql } from 'kysely'
import type { Db } from '../../db/index.js'
import type { ShopId } from '../../lib/ids.js'

export interface ShopCatalogSummary {
  products: number
  hidden: number
  /** Stocked products with no unit left in any variant. */
  outOfStock: number
  /** UX-01: stocked products with a count older than the shop's freshness window. */
  unconfirmed: number
}

/** The back-office overview's counts, in one statement whatever the size of the catalog. */
export async function summarizeShopCatalog(
  db: Db,
  shopId: ShopId,
  now: Date,
  freshnessHours: number,
): Promise<ShopCatalogSummary> {
  const staleBefore = new Date(now.getTime() - freshnessHours * 3_600_000).toISOString()
  const { rows } = await sql<{ products: number; hidden: number; out_of_stock: number; unconfirmed: number }>`
    select count(*) as products,
      coalesce(sum(case when status = 'hidden' then 1 else 0 end), 0) as hidden,
      coalesce(sum(case when stocked > 0 and with_units = 0 then 1 else 0 end), 0) as out_of_stock,
      coalesce(sum(case when stocked > 0 and oldest < ${staleBefore} then 1 else 0 end), 0) as unconfirmed
    from (
      select p.id, p.status, count(s.variant_id) as stocked,
        sum(case when s.on_hand - s.reserved > 0 then 1 else 0 end) as with_units,
        min(s.updated_at) as oldest
      from products p
      left join variants v on v.product_id = p.id
      left join stock_levels s on s.variant_id = v.id
      where p.shop_id = ${shopId}
      group by p.id, p.status
    ) per_product`.execute(db)
  const row = rows[0]
  return {
    products: Number(row?.products ?? 0),
    hidden: Number(row?.hidden ?? 0),
    outOfStock: Number(row?.out_of_stock ?? 0),
    unconfirmed: Number(row?.unconfirmed ?? 0),
  }
}
