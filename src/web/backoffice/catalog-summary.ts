import type { Db } from '../../db/index.js'
import type { ShopId } from '../../lib/ids.js'
import { listShopProducts, type Product } from '../../modules/catalog/index.js'

export interface CatalogSummary {
  products: number
  hidden: number
  outOfStock: number
  /** UX-01: products with a stock count older than the shop's freshness window. */
  unconfirmed: number
}

// Walks the shop's catalogue page by page with the one listing the catalog offers; a counting query in
// the catalog module would answer in one statement (asked of the lead). Fine for a few hundred products.
const PAGE = 200
const MAX_PAGES = 25

export async function summarizeCatalog(db: Db, shopId: ShopId, now: Date, freshnessHours: number): Promise<CatalogSummary> {
  const summary: CatalogSummary = { products: 0, hidden: 0, outOfStock: 0, unconfirmed: 0 }
  let cursor: string | undefined
  for (let page = 0; page < MAX_PAGES; page++) {
    const { items, nextCursor } = await listShopProducts(db, shopId, { limit: PAGE, cursor })
    for (const product of items) count(summary, product, now, freshnessHours)
    if (!nextCursor) break
    cursor = nextCursor
  }
  return summary
}

function count(summary: CatalogSummary, product: Product, now: Date, freshnessHours: number): void {
  summary.products++
  if (product.status === 'hidden') summary.hidden++
  const stocks = product.variants.flatMap((v) => (v.stock ? [v.stock] : []))
  if (stocks.length === 0) return
  if (stocks.every((s) => s.available <= 0)) summary.outOfStock++
  if (stocks.some((s) => isStale(s.updatedAt, now, freshnessHours))) summary.unconfirmed++
}

export const isStale = (updatedAt: string, now: Date, freshnessHours: number) =>
  now.getTime() - Date.parse(updatedAt) > freshnessHours * 3_600_000
