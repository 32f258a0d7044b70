import { AppError } from '../../lib/app-error.js'
import type { ProductId, ShopId, UserId, VariantId } from '../../lib/ids.js'
import { recordAudit } from '../identity/index.js'
import { productNotFound, stockBelowReserved, stockNotTracked, variantNotFound } from './errors.js'
import { refreshHasStock } from './product-availability.js'
import { setOnHand } from './save-product.js'
import type { Stock } from './types.js'
import type { CatalogDeps } from './deps.js'

/**
 * A counted stock for one variant (the counter's "I counted 12"). The variant must belong to this shop's
 * product, so another shop's id answers not_found like an unknown one. Throws catalog.variant_not_found,
 * catalog.stock_not_tracked (services) or catalog.stock_below_reserved (with field 'onHand').
 */
export async function setVariantStock(
  deps: CatalogDeps,
  actor: UserId | undefined,
  shopId: ShopId,
  productId: ProductId,
  variantId: VariantId,
  onHand: number,
): Promise<Stock> {
  const stock = await deps.db.transaction().execute(async (trx) => {
    const variant = await trx
      .selectFrom('variants')
      .innerJoin('products', 'products.id', 'variants.product_id')
      .select(['products.kind'])
      .where('variants.shop_id', '=', shopId)
      .where('variants.product_id', '=', productId)
      .where('variants.id', '=', variantId)
      .executeTakeFirst()
    if (!variant) {
      const product = await trx
        .selectFrom('products')
        .select('id')
        .where('shop_id', '=', shopId)
        .where('id', '=', productId)
        .executeTakeFirst()
      throw product ? variantNotFound() : productNotFound()
    }
    if (variant.kind !== 'product') throw stockNotTracked()
    const at = deps.clock.now().toISOString()
    try {
      await setOnHand(trx, shopId, variantId, onHand, at)
    } catch (error) {
      if (error instanceof AppError && error.code === 'catalog.stock_below_reserved')
        throw stockBelowReserved('onHand', Number(error.details.reserved))
      throw error
    }
    await refreshHasStock(trx, productId)
    await recordAudit(trx, {
      at,
      actor,
      shopId,
      action: 'product.stock_set',
      subject: productId,
      details: { variantId, onHand },
    })
    const row = await trx
      .selectFrom('stock_levels')
      .selectAll()
      .where('variant_id', '=', variantId)
      .executeTakeFirstOrThrow()
    return {
      onHand: row.on_hand,
      reserved: row.reserved,
      available: row.on_hand - row.reserved,
      updatedAt: row.updated_at,
    }
  })
  deps.changes?.publish({ shopId, productId })
  return stock
}
