import type { Db } from '../../db/index.js'
import type { VariantId } from '../../lib/ids.js'
import type { SellableVariant } from '../catalog/index.js'
import { bundlePartPriceCents, bundleTermsOf } from '../drops/index.js'

/** A basket line as stored: what pricing reads (the basket and the checkout both price lines). */
export interface StoredBasketLine {
  variant_id: string
  quantity: number
  seen_price_cents: number
  /** The drop whose hold this line is (issue #4), else null. */
  drop_id: string | null
  /** The drop's bundle offer this line was taken with, else null. */
  offer_id: string | null
}

export interface LinePrice {
  priceCents: number
  /** Priced as part of a drop's bundle (issue #4). */
  bundled: boolean
}

/**
 * Each basket line's unit price now, by variant id: the variant's own price or, for a line taken with a drop's
 * bundle offer, the bundle's part, as long as the basket holds that drop's item in at least as many units not
 * already paired with another bundle line (in basket order).
 * Otherwise the line is back at its own price and, like any price change, the resident confirms it before
 * ordering. Lines whose variant is gone are absent.
 */
export async function currentLinePrices(
  db: Db,
  lines: readonly StoredBasketLine[],
  variants: ReadonlyMap<VariantId, SellableVariant>,
): Promise<Map<string, LinePrice>> {
  const terms = await bundleTermsOf(
    db,
    lines.flatMap((l) => (l.offer_id ? [l.offer_id] : [])),
  )
  const prices = new Map<string, LinePrice>()
  // Units of each drop's item already paired with a bundle line: one item makes one bundle, whatever the offer.
  const paired = new Map<string, number>()
  for (const line of lines) {
    const variant = variants.get(line.variant_id as VariantId)
    if (!variant) continue
    const offer = line.offer_id ? terms.get(line.offer_id) : undefined
    const item =
      offer && lines.find((l) => l.drop_id === offer.dropId && l.variant_id === offer.dropVariantId)
    const itemVariant = item && variants.get(item.variant_id as VariantId)
    const pairedBefore = offer ? (paired.get(offer.dropId) ?? 0) : 0
    if (
      offer &&
      offer.variantId === variant.variantId &&
      item &&
      itemVariant &&
      pairedBefore + line.quantity <= item.quantity
    ) {
      paired.set(offer.dropId, pairedBefore + line.quantity)
      prices.set(line.variant_id, {
        priceCents: bundlePartPriceCents(offer.bundlePriceCents, itemVariant.priceCents, variant.priceCents),
        bundled: true,
      })
    } else {
      prices.set(line.variant_id, { priceCents: variant.priceCents, bundled: false })
    }
  }
  return prices
}
