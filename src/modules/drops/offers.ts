import type { Db, Trx } from '../../db/index.js'
import type { FieldProblem } from '../../lib/app-error.js'
import { newId, type VariantId } from '../../lib/ids.js'
import { findSellableVariants, isOrderable, type SellableVariant } from '../catalog/index.js'
import { bundlePartPriceCents, bundlePriceProblem, type DropOfferInput } from './rules.js'
import { invalidDrop, offerNotOrderable } from './errors.js'

/** A drop's bundle offer as residents see it: the bundle's price next to each item's own price (LAW F6). */
export interface DropOffer {
  id: string
  variantId: VariantId
  productName: string
  variantName: string
  /** The drop's item and this product together, one of each, TTC. */
  bundlePriceCents: number
  /** The drop's item alone, today. */
  itemPriceCents: number
  /** This product alone, today. */
  productPriceCents: number
  /** What this product adds beside the drop's item: bundlePartPriceCents. */
  partPriceCents: number
  /** On sale with units left: otherwise the offer is shown as unavailable. */
  available: boolean
}

/**
 * Step of scheduling: each offer's product must be another product of the shop, on sale, and its bundle price
 * above the item alone and no more than both separately. Throws drops.offer_not_orderable or drops.invalid_drop.
 */
export async function checkOffers(
  db: Db,
  shopId: string,
  item: SellableVariant,
  offers: readonly DropOfferInput[],
): Promise<void> {
  if (offers.length === 0) return
  const variants = await findSellableVariants(
    db,
    offers.map((o) => o.variantId),
  )
  const problems: FieldProblem[] = []
  offers.forEach((offer, i) => {
    const variant = variants.get(offer.variantId as VariantId)
    // Another shop's product is answered like an unknown one.
    if (!variant || variant.shopId !== shopId || !isOrderable(variant)) throw offerNotOrderable(i)
    const problem = bundlePriceProblem(offer.bundlePriceCents, item.priceCents, variant.priceCents)
    if (problem) problems.push({ field: `offers.${i}.bundlePriceCents`, code: problem })
  })
  if (problems.length > 0) throw invalidDrop(problems)
}

/** Step of scheduling: writes the offers in the drop's transaction. */
export async function insertOffers(
  trx: Trx,
  dropId: string,
  offers: readonly DropOfferInput[],
): Promise<void> {
  if (offers.length === 0) return
  await trx
    .insertInto('drop_offers')
    .values(
      offers.map((offer, position) => ({
        id: newId(),
        drop_id: dropId,
        variant_id: offer.variantId,
        bundle_price_cents: offer.bundlePriceCents,
        position,
      })),
    )
    .execute()
}

/** The drop's offers in the shop's order, priced today; offers whose product was deleted are gone with it. */
export async function dropOffersOf(db: Db, drop: { id: string; variantId: string }): Promise<DropOffer[]> {
  const rows = await db
    .selectFrom('drop_offers')
    .selectAll()
    .where('drop_id', '=', drop.id)
    .orderBy('position')
    .execute()
  if (rows.length === 0) return []
  const variants = await findSellableVariants(db, [drop.variantId, ...rows.map((r) => r.variant_id)])
  const item = variants.get(drop.variantId as VariantId)
  return rows.flatMap((row) => {
    const variant = variants.get(row.variant_id as VariantId)
    if (!variant || !item) return []
    return [
      {
        id: row.id,
        variantId: variant.variantId,
        productName: variant.productName,
        variantName: variant.variantName,
        bundlePriceCents: row.bundle_price_cents,
        itemPriceCents: item.priceCents,
        productPriceCents: variant.priceCents,
        partPriceCents: bundlePartPriceCents(row.bundle_price_cents, item.priceCents, variant.priceCents),
        available: isOrderable(variant) && (variant.available === undefined || variant.available > 0),
      },
    ]
  })
}

/** What ordering needs to price a basket line taken at a bundle's price: the offer's drop, item and bundle price. */
export interface BundleTerms {
  dropId: string
  dropVariantId: VariantId
  variantId: VariantId
  bundlePriceCents: number
}

export async function bundleTermsOf(db: Db, offerIds: readonly string[]): Promise<Map<string, BundleTerms>> {
  if (offerIds.length === 0) return new Map()
  const rows = await db
    .selectFrom('drop_offers')
    .innerJoin('drops', 'drops.id', 'drop_offers.drop_id')
    .select([
      'drop_offers.id',
      'drop_offers.drop_id',
      'drops.variant_id as drop_variant_id',
      'drop_offers.variant_id',
      'drop_offers.bundle_price_cents',
    ])
    .where('drop_offers.id', 'in', [...new Set(offerIds)])
    .execute()
  return new Map(
    rows.map((r) => [
      r.id,
      {
        dropId: r.drop_id,
        dropVariantId: r.drop_variant_id as VariantId,
        variantId: r.variant_id as VariantId,
        bundlePriceCents: r.bundle_price_cents,
      },
    ]),
  )
}
