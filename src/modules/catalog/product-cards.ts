import type { Selectable } from 'kysely'
import type { Db } from '../../db/index.js'
import type { ProductsTable } from '../../db/schema/catalog.js'
import type { CategoryId, ProductId, ShopId } from '../../lib/ids.js'
import { toPhoto } from './product.repo.js'
import { stockState } from './rules.js'
import type { Photo, ProductCard, ProductKind } from './types.js'

/**
 * Turns a page of product rows into cards: shop, stock totals and first photo, in three queries.
 * Reads the shops table (owned by the shops module) for names and freshness: read-only, for listings.
 */
export async function loadCards(
  db: Db,
  rows: ReadonlyArray<Selectable<ProductsTable>>,
  now: Date,
): Promise<ProductCard[]> {
  if (rows.length === 0) return []
  const ids = rows.map((r) => r.id)
  const shopIds = [...new Set(rows.map((r) => r.shop_id))]
  const [shops, stocks, photos] = await Promise.all([
    db
      .selectFrom('shops')
      .select(['id', 'slug', 'name', 'stock_freshness_hours'])
      .where('id', 'in', shopIds)
      .execute(),
    db
      .selectFrom('variants')
      .leftJoin('stock_levels', 'stock_levels.variant_id', 'variants.id')
      .select((eb) => [
        'variants.product_id',
        eb.fn.countAll<number>().as('variant_count'),
        eb.fn.sum<number>(eb('stock_levels.on_hand', '-', eb.ref('stock_levels.reserved'))).as('available'),
        eb.fn.max('stock_levels.updated_at').as('updated_at'),
      ])
      .where('variants.product_id', 'in', ids)
      .groupBy('variants.product_id')
      .execute(),
    db
      .selectFrom('product_media')
      .selectAll()
      .where('product_id', 'in', ids)
      .orderBy('position')
      .orderBy('id')
      .execute(),
  ])
  const shopById = new Map(shops.map((s) => [s.id, s]))
  const stockById = new Map(stocks.map((s) => [s.product_id, s]))
  const photoById = new Map<string, Photo>()
  for (const p of photos) if (!photoById.has(p.product_id)) photoById.set(p.product_id, toPhoto(p))
  return rows.map((row) => {
    const shop = shopById.get(row.shop_id)
    const stock = stockById.get(row.id)
    const isProduct = row.kind === 'product'
    const available = isProduct ? Number(stock?.available ?? 0) : undefined
    const stockUpdatedAt = isProduct ? (stock?.updated_at ?? undefined) : undefined
    return {
      id: row.id as ProductId,
      slug: row.slug,
      name: row.name,
      kind: row.kind as ProductKind,
      shopId: row.shop_id as ShopId,
      shopSlug: shop?.slug ?? '',
      shopName: shop?.name ?? '',
      categoryId: (row.category_id ?? undefined) as CategoryId | undefined,
      fromPriceCents: row.from_price_cents,
      variantCount: Number(stock?.variant_count ?? 0),
      available,
      stockUpdatedAt,
      stockState: stockState(
        available !== undefined && stockUpdatedAt ? { available, updatedAt: stockUpdatedAt } : undefined,
        now,
        shop?.stock_freshness_hours ?? 48,
      ),
      photo: photoById.get(row.id),
    }
  })
}
