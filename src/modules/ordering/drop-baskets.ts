import type { UserId } from '../../lib/ids.js'
import { findSellableVariants } from '../catalog/index.js'
import { dropOffersOf, getDrop, holdDropUnits, standingOf, type DropsDeps } from '../drops/index.js'
import { putBundleInBasket, putDropHoldLine } from './baskets.js'
import type { OrderingDeps } from './deps.js'
import { dropOfferNotFound, dropProductUnavailable, notHoldingDrop } from './errors.js'

// What a drop puts in a resident's basket, the same for the API and the pages: the drops module cannot write
// baskets (ordering depends on it), so ordering joins the two steps.

/**
 * An admitted resident holds units of a drop: granted in the drop's batch, with the hold's basket line written in
 * the same transaction (the checkout converts it). Throws what drops.holdDropUnits throws.
 */
export async function holdIntoBasket(
  drops: DropsDeps,
  dropId: string,
  userId: UserId,
  admission: string,
  quantity: number,
) {
  const drop = await getDrop(drops.db, dropId)
  const variant = (await findSellableVariants(drops.db, [drop.variantId])).get(drop.variantId)
  if (!variant) throw dropProductUnavailable()
  const at = drops.clock.now().toISOString()
  return holdDropUnits(drops, drop.id, userId, admission, quantity, (trx, holding) =>
    putDropHoldLine(
      trx,
      userId,
      {
        dropId: drop.id,
        variantId: variant.variantId,
        shopId: variant.shopId,
        priceCents: variant.priceCents,
        quantity: holding,
      },
      at,
    ),
  )
}

/**
 * A resident holding a drop's units takes one of its bundle offers (the API and the page): the offer's product
 * goes into their basket, as many as the units held, at the bundle's part of the price. Throws
 * drops.offer_not_found, drops.not_holding, or ordering's refusals (ordering.not_enough_stock, ordering.bundle_taken,
 * ordering.bundle_product_in_basket).
 */
export async function takeBundleOffer(
  deps: OrderingDeps,
  drops: DropsDeps,
  dropId: string,
  userId: UserId,
  offerId: string,
) {
  const drop = await getDrop(drops.db, dropId)
  const offer = (await dropOffersOf(drops.db, drop)).find((o) => o.id === offerId)
  if (!offer) throw dropOfferNotFound()
  const standing = await standingOf(drops, drop.id, userId)
  if (standing.state !== 'holding') throw notHoldingDrop()
  await putBundleInBasket(deps, userId, {
    offerId: offer.id,
    dropId: drop.id,
    variantId: offer.variantId,
    quantity: standing.quantity,
    priceCents: offer.partPriceCents,
  })
  return { variantId: offer.variantId, quantity: standing.quantity, unitPriceCents: offer.partPriceCents }
}
