import type { Db } from '../../db/index.js'
import { prepared, type Placeholder } from '../../db/prepared.js'
import type { ProductId, ShopId, VariantId } from '../../lib/ids.js'
import type { ProductKind, WithdrawalException } from './types.js'

/** What ordering needs to know about a variant: its product, price, VAT and the units that can be ordered. */
export interface SellableVariant {
  variantId: VariantId
  productId: ProductId
  shopId: ShopId
  productName: string
  productSlug: string
  variantName: string
  kind: ProductKind
  /** False when the product was hidden or is a draft: it cannot be ordered. */
  published: boolean
  priceCents: number
  vatRateBp: number
  /** Units on hand minus units held; undefined when the variant has no stock count (services). */
  available: number | undefined
  /** Undefined: the 14-day withdrawal right applies (LAW F2); otherwise why it does not (F3). */
  withdrawalException: WithdrawalException | undefined
  /** A service's duration (bookings); undefined for products or when not set. */
  durationMinutes: number | undefined
}

/** Whether a resident may put it in a basket: on sale, and a product (services are booked, not ordered). */
export const isOrderable = (variant: SellableVariant): boolean =>
  variant.published && variant.kind === 'product'

/** The variants asked for, in one query; unknown ids are simply absent from the result. */
export async function findSellableVariants(
  db: Db,
  variantIds: readonly string[],
): Promise<Map<VariantId, SellableVariant>> {
  if (variantIds.length === 0) return new Map()
  const rows = await selectSellable.rows(db, { variantIds: [...new Set(variantIds)] })
  return new Map(
    rows.map((r) => [
      r.variant_id as VariantId,
      {
        variantId: r.variant_id as VariantId,
        productId: r.product_id as ProductId,
        shopId: r.shop_id as ShopId,
        productName: r.product_name,
        productSlug: r.product_slug,
        variantName: r.variant_name,
        kind: r.kind as ProductKind,
        published: r.status === 'published',
        priceCents: r.price_cents,
        vatRateBp: r.vat_rate_bp,
        available: r.tracks_stock ? Math.max(0, (r.on_hand ?? 0) - (r.reserved ?? 0)) : undefined,
        withdrawalException: (r.withdrawal_exception ?? undefined) as WithdrawalException | undefined,
        durationMinutes: r.duration_minutes ?? undefined,
      },
    ]),
  )
}

const selectSellable = prepared((db, p: Placeholder<{ variantIds: string[] }>) =>
  db
    .selectFrom('variants')
    .innerJoin('products', 'products.id', 'variants.product_id')
    .leftJoin('stock_levels', 'stock_levels.variant_id', 'variants.id')
    .select([
      'variants.id as variant_id',
      'variants.name as variant_name',
      'variants.price_cents',
      'variants.tracks_stock',
      'variants.duration_minutes',
      'products.id as product_id',
      'products.shop_id',
      'products.name as product_name',
      'products.slug as product_slug',
      'products.kind',
      'products.status',
      'products.vat_rate_bp',
      'products.withdrawal_exception',
      'stock_levels.on_hand',
      'stock_levels.reserved',
    ])
    .where('variants.id', 'in', p('variantIds')),
)
