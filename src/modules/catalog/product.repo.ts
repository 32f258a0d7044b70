import type { Selectable } from 'kysely'
import type { Db } from '../../db/index.js'
import type { ProductMediaTable, ProductsTable } from '../../db/schema/catalog.js'
import type { CategoryId, MediaId, ProductId, ShopId, VariantId } from '../../lib/ids.js'
import type { Photo, Product, ProductKind, ProductStatus, Variant, WithdrawalException } from './types.js'

export const toPhoto = (row: Selectable<ProductMediaTable>): Photo => ({
  id: row.id as MediaId,
  alt: row.alt,
  widths: row.widths.split(',').map(Number),
  width: row.width,
  height: row.height,
})

/** Loads whole products (variants, stock, photos) in three queries, whatever their number. */
export async function loadProducts(
  db: Db,
  rows: ReadonlyArray<Selectable<ProductsTable>>,
): Promise<Product[]> {
  if (rows.length === 0) return []
  const ids = rows.map((r) => r.id)
  const [variantRows, photoRows] = await Promise.all([
    db
      .selectFrom('variants')
      .leftJoin('stock_levels', 'stock_levels.variant_id', 'variants.id')
      .select([
        'variants.id',
        'variants.product_id',
        'variants.name',
        'variants.sku',
        'variants.price_cents',
        'variants.duration_minutes',
        'variants.tracks_stock',
        'stock_levels.on_hand',
        'stock_levels.reserved',
        'stock_levels.updated_at',
      ])
      .where('variants.product_id', 'in', ids)
      .orderBy('variants.position')
      .orderBy('variants.id')
      .execute(),
    db
      .selectFrom('product_media')
      .selectAll()
      .where('product_id', 'in', ids)
      .orderBy('position')
      .orderBy('id')
      .execute(),
  ])
  const variantsOf = new Map<string, Variant[]>()
  for (const v of variantRows) {
    const variant: Variant = {
      id: v.id as VariantId,
      name: v.name,
      sku: v.sku ?? undefined,
      priceCents: v.price_cents,
      durationMinutes: v.duration_minutes ?? undefined,
      stock:
        v.tracks_stock && v.on_hand !== null && v.reserved !== null && v.updated_at !== null
          ? {
              onHand: v.on_hand,
              reserved: v.reserved,
              available: v.on_hand - v.reserved,
              updatedAt: v.updated_at,
            }
          : undefined,
    }
    variantsOf.set(v.product_id, [...(variantsOf.get(v.product_id) ?? []), variant])
  }
  const photosOf = new Map<string, ReturnType<typeof toPhoto>[]>()
  for (const p of photoRows) photosOf.set(p.product_id, [...(photosOf.get(p.product_id) ?? []), toPhoto(p)])
  return rows.map((row) => ({
    id: row.id as ProductId,
    shopId: row.shop_id as ShopId,
    categoryId: (row.category_id ?? undefined) as CategoryId | undefined,
    slug: row.slug,
    kind: row.kind as ProductKind,
    name: row.name,
    description: row.description,
    vatRateBp: row.vat_rate_bp,
    status: row.status as ProductStatus,
    fromPriceCents: row.from_price_cents,
    withdrawalException: (row.withdrawal_exception ?? undefined) as WithdrawalException | undefined,
    variants: variantsOf.get(row.id) ?? [],
    photos: photosOf.get(row.id) ?? [],
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  }))
}

export async function selectProduct(
  db: Db,
  shopId: ShopId,
  productId: ProductId,
): Promise<Product | undefined> {
  const row = await db
    .selectFrom('products')
    .selectAll()
    .where('shop_id', '=', shopId)
    .where('id', '=', productId)
    .executeTakeFirst()
  if (!row) return undefined
  const [product] = await loadProducts(db, [row])
  return product
}
