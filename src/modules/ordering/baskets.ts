import type { Db, Trx } from '../../db/index.js'
import { writeTransaction } from '../../db/group-commit.js'
import { prepared, type Placeholder } from '../../db/prepared.js'
import type { ShopId, UserId, VariantId } from '../../lib/ids.js'
import { newId } from '../../lib/ids.js'
import { vatBreakdown } from '../../lib/money.js'
import { hashSecretToken } from '../../lib/secret-token.js'
import { findSellableVariants, isOrderable, type SellableVariant } from '../catalog/index.js'
import { bundleTermsOf } from '../drops/index.js'
import { currentLinePrices, type StoredBasketLine } from './line-prices.js'
import type { OrderingDeps } from './deps.js'
import {
  bundleProductInBasket,
  bundleTaken,
  invalidQuantity,
  lineNotFound,
  notEnoughStock,
  notOrderable,
  variantNotFound,
} from './errors.js'

export const MAX_LINE_QUANTITY = 99

/** Whose basket: a signed-in resident's, or a visitor's known by the token in their cookie. */
export type BasketOwner = { userId: UserId } | { token: string }

interface BasketLine {
  variant: SellableVariant
  quantity: number
  /** The unit price the resident saw when adding the line. */
  seenPriceCents: number
  /** The unit price now: the variant's, or its part of a drop's bundle. */
  priceCents: number
  /** Taken at a drop's bundle price, beside the drop's item (issue #4). */
  bundled: boolean
  /** The price changed since: the resident must confirm it before ordering. */
  priceChanged: boolean
  /** Hidden, deleted or a service: cannot be ordered. */
  unavailable: boolean
  lineTotalCents: number
}

export interface BasketShopPart {
  shopId: ShopId
  lines: BasketLine[]
  totalCents: number
  vat: ReturnType<typeof vatBreakdown>
}

export interface Basket {
  id: string | undefined
  parts: BasketShopPart[]
  totalCents: number
  lineCount: number
}

const ownerFilter = (owner: BasketOwner) =>
  'userId' in owner
    ? { column: 'user_id' as const, value: owner.userId as string }
    : { column: 'token_hash' as const, value: hashSecretToken(owner.token) }

async function findBasketId(db: Db, owner: BasketOwner): Promise<string | undefined> {
  const { column, value } = ownerFilter(owner)
  const row = await db.selectFrom('baskets').select('id').where(column, '=', value).executeTakeFirst()
  return row?.id
}

/** The owner's basket id and lines (in the order they were added), in one query. */
export async function basketLinesOf(
  db: Db,
  owner: BasketOwner,
): Promise<{ basketId: string | undefined; lines: StoredBasketLine[] }> {
  const rows =
    'userId' in owner
      ? await linesByUser.rows(db, { owner: owner.userId })
      : await linesByToken.rows(db, { owner: hashSecretToken(owner.token) })
  const lines = rows.flatMap((r) =>
    r.variant_id === null
      ? []
      : [
          {
            variant_id: r.variant_id,
            quantity: r.quantity!,
            seen_price_cents: r.seen_price_cents!,
            drop_id: r.drop_id,
            offer_id: r.offer_id,
          },
        ],
  )
  return { basketId: rows[0]?.id, lines }
}

const basketLinesBy = (column: 'user_id' | 'token_hash') =>
  prepared((db, p: Placeholder<{ owner: string }>) =>
    db
      .selectFrom('baskets')
      .leftJoin('basket_lines', 'basket_lines.basket_id', 'baskets.id')
      .select([
        'baskets.id',
        'basket_lines.variant_id',
        'basket_lines.quantity',
        'basket_lines.seen_price_cents',
        'basket_lines.drop_id',
        'basket_lines.offer_id',
      ])
      .where(`baskets.${column}`, '=', p('owner'))
      .orderBy('basket_lines.added_at')
      .orderBy('basket_lines.variant_id'),
  )
const linesByUser = basketLinesBy('user_id')
const linesByToken = basketLinesBy('token_hash')

/** Step: the owner's basket, created on first use (two tabs creating it at once get the same one). */
async function ensureBasket(trx: Trx, owner: BasketOwner, now: string): Promise<string> {
  const { column, value } = ownerFilter(owner)
  await trx
    .insertInto('baskets')
    .values({
      id: newId(),
      user_id: column === 'user_id' ? value : null,
      token_hash: column === 'token_hash' ? value : null,
      created_at: now,
      updated_at: now,
    })
    .onConflict((oc) => oc.column(column).doNothing())
    .execute()
  const row = await trx.selectFrom('baskets').select('id').where(column, '=', value).executeTakeFirstOrThrow()
  return row.id
}

function checkQuantity(quantity: number, field = 'quantity'): void {
  if (!Number.isInteger(quantity) || quantity < 1 || quantity > MAX_LINE_QUANTITY)
    throw invalidQuantity(field, MAX_LINE_QUANTITY)
}

async function orderableVariant(db: Db, variantId: string): Promise<SellableVariant> {
  const variant = (await findSellableVariants(db, [variantId])).get(variantId as VariantId)
  if (!variant || !variant.published) throw variantNotFound()
  if (variant.kind !== 'product') throw notOrderable()
  return variant
}

/**
 * Adds units to the basket (to the line's quantity when the variant is already there). Refuses a line above
 * 99 units, a hidden product, a service, and more units than can still be ordered.
 */
export async function addToBasket(
  deps: OrderingDeps,
  owner: BasketOwner,
  variantId: string,
  quantity: number,
): Promise<void> {
  checkQuantity(quantity)
  const variant = await orderableVariant(deps.db, variantId)
  const now = deps.clock.now().toISOString()
  await writeTransaction(deps.db, async (trx) => {
    const basketId = await ensureBasket(trx, owner, now)
    const current = await trx
      .selectFrom('basket_lines')
      .select('quantity')
      .where('basket_id', '=', basketId)
      .where('variant_id', '=', variant.variantId)
      .executeTakeFirst()
    const wanted = (current?.quantity ?? 0) + quantity
    checkQuantity(wanted)
    if (variant.available !== undefined && wanted > variant.available) throw notEnoughStock(variant.available)
    await trx
      .insertInto('basket_lines')
      .values({
        basket_id: basketId,
        variant_id: variant.variantId,
        shop_id: variant.shopId,
        quantity: wanted,
        seen_price_cents: variant.priceCents,
        added_at: now,
      })
      .onConflict((oc) =>
        oc
          .columns(['basket_id', 'variant_id'])
          .doUpdateSet({ quantity: wanted, seen_price_cents: variant.priceCents }),
      )
      .execute()
    await trx.updateTable('baskets').set({ updated_at: now }).where('id', '=', basketId).execute()
  })
}

/**
 * Step, in the caller's transaction: the basket line of a drop's hold (issue #4), replacing any line of that
 * variant; the checkout converts the hold instead of holding stock. The hold's own transaction writes it
 * (drops.holdDropUnits' withHold), so a hold is never on disk without its line.
 */
export async function putDropHoldLine(
  trx: Trx,
  userId: UserId,
  hold: { dropId: string; variantId: string; shopId: string; priceCents: number; quantity: number },
  now: string,
): Promise<void> {
  const basketId = await ensureBasket(trx, { userId }, now)
  const line = { quantity: hold.quantity, seen_price_cents: hold.priceCents, drop_id: hold.dropId }
  await trx
    .insertInto('basket_lines')
    .values({ basket_id: basketId, variant_id: hold.variantId, shop_id: hold.shopId, added_at: now, ...line })
    .onConflict((oc) => oc.columns(['basket_id', 'variant_id']).doUpdateSet(line))
    .execute()
  await trx.updateTable('baskets').set({ updated_at: now }).where('id', '=', basketId).execute()
}

/**
 * A resident holding a drop's units takes its bundle offer (issue #4): the offer's product goes into the basket
 * beside the drop's item, as many as the units held, at the bundle's part of the price. Refuses more units than
 * can still be ordered.
 */
export async function putBundleInBasket(
  deps: OrderingDeps,
  userId: UserId,
  bundle: { offerId: string; dropId: string; variantId: string; quantity: number; priceCents: number },
): Promise<void> {
  checkQuantity(bundle.quantity)
  const variant = await orderableVariant(deps.db, bundle.variantId)
  if (variant.available !== undefined && bundle.quantity > variant.available)
    throw notEnoughStock(variant.available)
  // One bundle per unit held, and never a line the resident put there themselves replaced without a word.
  const { lines } = await basketLinesOf(deps.db, { userId })
  const terms = await bundleTermsOf(
    deps.db,
    lines.flatMap((l) => (l.offer_id && l.offer_id !== bundle.offerId ? [l.offer_id] : [])),
  )
  if ([...terms.values()].some((t) => t.dropId === bundle.dropId)) throw bundleTaken()
  if (lines.some((l) => l.variant_id === variant.variantId && l.offer_id !== bundle.offerId))
    throw bundleProductInBasket()
  const now = deps.clock.now().toISOString()
  await writeTransaction(deps.db, async (trx) => {
    const basketId = await ensureBasket(trx, { userId }, now)
    const line = { quantity: bundle.quantity, seen_price_cents: bundle.priceCents, offer_id: bundle.offerId }
    await trx
      .insertInto('basket_lines')
      .values({
        basket_id: basketId,
        variant_id: variant.variantId,
        shop_id: variant.shopId,
        added_at: now,
        ...line,
      })
      .onConflict((oc) => oc.columns(['basket_id', 'variant_id']).doUpdateSet(line))
      .execute()
    await trx.updateTable('baskets').set({ updated_at: now }).where('id', '=', basketId).execute()
  })
}

/** Sets a line's quantity; 0 removes the line. */
export async function setBasketQuantity(
  deps: OrderingDeps,
  owner: BasketOwner,
  variantId: string,
  quantity: number,
): Promise<void> {
  const basketId = await findBasketId(deps.db, owner)
  if (quantity === 0) {
    if (basketId)
      await deps.db
        .deleteFrom('basket_lines')
        .where('basket_id', '=', basketId)
        .where('variant_id', '=', variantId)
        .execute()
    return
  }
  checkQuantity(quantity)
  const line =
    basketId &&
    (await deps.db
      .selectFrom('basket_lines')
      .select('variant_id')
      .where('basket_id', '=', basketId)
      .where('variant_id', '=', variantId)
      .executeTakeFirst())
  if (!basketId || !line) throw lineNotFound()
  const variant = await orderableVariant(deps.db, variantId)
  if (variant.available !== undefined && quantity > variant.available) throw notEnoughStock(variant.available)
  await deps.db
    .updateTable('basket_lines')
    .set({ quantity })
    .where('basket_id', '=', basketId)
    .where('variant_id', '=', variantId)
    .execute()
}

/** The resident accepts the current prices of every line (after being told they changed). */
export async function confirmBasketPrices(deps: OrderingDeps, owner: BasketOwner): Promise<void> {
  const { basketId, lines } = await basketLinesOf(deps.db, owner)
  if (!basketId) return
  const prices = await currentLinePrices(
    deps.db,
    lines,
    await findSellableVariants(
      deps.db,
      lines.map((l) => l.variant_id),
    ),
  )
  await writeTransaction(deps.db, async (trx) => {
    for (const line of lines) {
      const price = prices.get(line.variant_id)
      if (price && price.priceCents !== line.seen_price_cents) {
        await trx
          .updateTable('basket_lines')
          .set({ seen_price_cents: price.priceCents })
          .where('basket_id', '=', basketId)
          .where('variant_id', '=', line.variant_id)
          .execute()
      }
    }
  })
}

/**
 * On sign-in, the visitor's basket joins the resident's: quantities of the same product add up (at most
 * 99), the anonymous basket disappears.
 */
export async function mergeBaskets(deps: OrderingDeps, token: string, userId: UserId): Promise<void> {
  const anonymousId = await findBasketId(deps.db, { token })
  if (!anonymousId) return
  const now = deps.clock.now().toISOString()
  await writeTransaction(deps.db, async (trx) => {
    const lines = await trx
      .selectFrom('basket_lines')
      .selectAll()
      .where('basket_id', '=', anonymousId)
      .execute()
    const basketId = await ensureBasket(trx, { userId }, now)
    for (const line of lines) {
      const mine = await trx
        .selectFrom('basket_lines')
        .select('quantity')
        .where('basket_id', '=', basketId)
        .where('variant_id', '=', line.variant_id)
        .executeTakeFirst()
      await trx
        .insertInto('basket_lines')
        .values({
          ...line,
          basket_id: basketId,
          quantity: Math.min(MAX_LINE_QUANTITY, line.quantity + (mine?.quantity ?? 0)),
        })
        .onConflict((oc) =>
          oc
            .columns(['basket_id', 'variant_id'])
            .doUpdateSet({ quantity: Math.min(MAX_LINE_QUANTITY, line.quantity + (mine?.quantity ?? 0)) }),
        )
        .execute()
    }
    await trx.deleteFrom('baskets').where('id', '=', anonymousId).execute()
  })
}

/** The basket as the resident sees it: lines by shop with current prices, totals TTC and VAT per rate. */
export async function viewBasket(db: Db, owner: BasketOwner): Promise<Basket> {
  const { basketId, lines: rows } = await basketLinesOf(db, owner)
  if (!basketId) return { id: undefined, parts: [], totalCents: 0, lineCount: 0 }
  const variants = await findSellableVariants(
    db,
    rows.map((r) => r.variant_id),
  )
  const prices = await currentLinePrices(db, rows, variants)
  const parts = new Map<ShopId, BasketLine[]>()
  for (const row of rows) {
    const variant = variants.get(row.variant_id as VariantId)
    const price = prices.get(row.variant_id)
    if (!variant || !price) continue // the variant was deleted: its line goes with it (foreign key cascade)
    const line: BasketLine = {
      variant,
      quantity: row.quantity,
      seenPriceCents: row.seen_price_cents,
      priceCents: price.priceCents,
      bundled: price.bundled,
      priceChanged: row.seen_price_cents !== price.priceCents,
      unavailable: !isOrderable(variant),
      lineTotalCents: price.priceCents * row.quantity,
    }
    parts.set(variant.shopId, [...(parts.get(variant.shopId) ?? []), line])
  }
  const shopParts = [...parts].map(([shopId, lines]) => ({
    shopId,
    lines,
    totalCents: lines.reduce((sum, l) => sum + l.lineTotalCents, 0),
    vat: vatBreakdown(lines.map((l) => ({ grossCents: l.lineTotalCents, rateBp: l.variant.vatRateBp }))),
  }))
  return {
    id: basketId,
    parts: shopParts,
    totalCents: shopParts.reduce((sum, p) => sum + p.totalCents, 0),
    lineCount: rows.length,
  }
}
