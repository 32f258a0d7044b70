import { createHash } from 'node:crypto'
import type { Db, Trx } from '../../db/index.js'
import { writeTransaction } from '../../db/group-commit.js'
import { enqueue } from '../../db/outbox.js'
import { isWellFormedId, newId, type ShopId, type UserId, type VariantId } from '../../lib/ids.js'
import { hashSecretToken } from '../../lib/secret-token.js'
import { findSellableVariants, isOrderable, type SellableVariant } from '../catalog/index.js'
import { holdStock, type StockLine } from '../inventory/index.js'
import { forgetDropSnapshot, holdExpired, orderDropHold } from '../drops/index.js'
import { authorizePayment, createPayment } from '../payments/index.js'
import { getOpeningSchedule, getShop } from '../shops/index.js'
import { basketLinesOf, type BasketOwner } from './baskets.js'
import { listCheckoutOrders, toOrder, type Order } from './find-orders.js'
import { currentLinePrices } from './line-prices.js'
import { publishStock, recordOrderEvent } from './lifecycle.js'
import { offeredSlotAt } from './slots.js'
import {
  checkContact,
  isIdempotencyKey,
  type CancelReason,
  type ContactInput,
  type OrderStatus,
} from './rules.js'
import type { PlaceDeps } from './deps.js'
import { abandonCheckout, confirmPaidCheckout } from './settle-checkout.js'
import {
  checkoutOfKey,
  claimKey,
  emptyBasket,
  insertOrderLine,
  insertWithFreePickupCode,
  takeSlotPlace,
} from './checkout.repo.js'
import {
  basketEmpty,
  checkoutNotFound,
  idempotencyKeyReused,
  invalidCheckout,
  invalidIdempotencyKey,
  priceChanged,
  slotNotOffered,
  slotRequired,
  unavailableLines,
} from './errors.js'

export const PAYMENT_METHODS = ['counter', 'test_card'] as const
export type PaymentMethod = (typeof PAYMENT_METHODS)[number]

/** How long units stay held while a card authorization is pending, before the checkout is given up (UX-02). */
const PAYMENT_HOLD_MINUTES = 15

export interface PlaceOrdersInput {
  owner: BasketOwner
  /** The signed-in resident, if any: the orders appear in their account. */
  userId: UserId | undefined
  idempotencyKey: string
  contact: ContactInput
  /** The chosen slot's start (ISO) for each shop of the basket. */
  slots: Readonly<Record<string, string>>
  payment: { method: PaymentMethod; token?: string | undefined }
}

export interface Checkout {
  id: string
  /** placed: the shops have the orders; payment_declined: nothing was ordered; pending_payment: still authorizing. */
  outcome: 'placed' | 'payment_declined' | 'pending_payment'
  /** In id order. */
  orders: Order[]
  /** True when this answer repeats an earlier request with the same idempotency key. */
  replayed: boolean
}

/**
 * Turns the basket into one order per shop, all or nothing, in one transaction: the idempotency key is
 * claimed first (a repeated or concurrent twin gets the first answer), prices and availability are checked,
 * each shop's chosen slot is re-checked and takes one place (a conditional counter), every line's units are
 * held, and the confirmation is written to the outbox. Card payments are then authorized outside the
 * transaction; a declined card gives everything back.
 *
 * Throws ordering.invalid_checkout (fields), ordering.empty_basket, ordering.unavailable_lines,
 * ordering.price_changed, ordering.slot_required / slot_not_offered / slot_full (field slots.<shopId>),
 * inventory.insufficient_stock (shortages) or ordering.idempotency_key_reused.
 */
export async function placeOrders(deps: PlaceDeps, input: PlaceOrdersInput): Promise<Checkout> {
  checkInput(input)
  const now = deps.clock.now()
  const at = now.toISOString()
  const scope = checkoutScope(input.owner)
  const fingerprint = fingerprintOf(input)

  const contact = {
    name: input.contact.name.trim(),
    email: input.contact.email.trim().toLowerCase(),
    phone: input.contact.phone.trim(),
  }

  const placed = await writeTransaction(deps.db, async (trx) => {
    const checkoutId = newId()
    const claimed = await claimKey.affected(trx, {
      id: checkoutId,
      scope,
      idempotency_key: input.idempotencyKey,
      fingerprint,
      user_id: input.userId ?? null,
      contact_name: contact.name,
      contact_email: contact.email,
      contact_phone: contact.phone,
      created_at: at,
    })
    if (claimed === 0) {
      const earlier = (await checkoutOfKey.first(trx, { scope, idempotencyKey: input.idempotencyKey }))!
      if (earlier.fingerprint !== fingerprint) throw idempotencyKeyReused()
      return { checkoutId: earlier.id, replayed: true as const }
    }

    const { basketId, orderable } = await orderableLinesOf(trx, input.owner)

    const byShop = new Map<ShopId, typeof orderable>()
    for (const line of orderable)
      byShop.set(line.variant.shopId, [...(byShop.get(line.variant.shopId) ?? []), line])
    const slotOf = new Map<ShopId, { startsAt: string; endsAt: string; capacity: number }>()
    for (const shopId of byShop.keys())
      slotOf.set(shopId, await checkSlot(trx, shopId, input.slots[shopId], now))

    // Only variants with a stock count hold units, and not a drop's lines: their units were set aside with the
    // drop. By shop, for the product pages to drop after the commit.
    const heldByShop = [...byShop].map(([shopId, shopLines]) => ({
      shopId,
      lines: shopLines
        .filter((l) => l.variant.available !== undefined && !l.dropId)
        .map((l): StockLine => ({
          variantId: l.variantId,
          productId: l.variant.productId,
          quantity: l.quantity,
        })),
    }))
    const held = heldByShop.flatMap((h) => h.lines)

    const status: OrderStatus = input.payment.method === 'counter' ? 'placed' : 'pending_payment'
    const orders: Array<{ order: Order; paymentId: string }> = []
    for (const [shopId, shopLines] of byShop) {
      const slot = slotOf.get(shopId)!
      orders.push(
        await insertShopOrder(trx, {
          checkoutId,
          shopId,
          slot,
          status,
          lines: shopLines,
          input,
          contact,
          at,
        }),
      )
    }
    await emptyBasket.execute(trx, { basketId: basketId! })
    // The shared counters come last: every checkout of the same slot or product waits on their rows until
    // this transaction ends (PostgreSQL row locks), so they are taken just before the commit. Always slots
    // before stock, each in id order, here and when an order is released: no two transactions wait on each other.
    for (const [shopId, slot] of [...slotOf].sort(([a], [b]) => (a < b ? -1 : 1)))
      await takeSlotPlace(trx, shopId, slot.startsAt, slot.capacity)
    await holdStock(trx, held)
    if (status === 'placed') await enqueue(trx, { topic: 'checkout.confirmed', key: checkoutId }, at)
    else
      await enqueue(
        trx,
        {
          topic: 'checkout.payment_timeout',
          key: checkoutId,
          notBefore: new Date(now.getTime() + PAYMENT_HOLD_MINUTES * 60_000).toISOString(),
        },
        at,
      )
    return {
      checkoutId,
      replayed: false as const,
      orders,
      heldByShop,
      dropIds: new Set(orderable.flatMap((l) => (l.dropId ? [l.dropId] : []))),
    }
  })

  if (placed.replayed) return describeCheckout(deps, placed.checkoutId, true)
  for (const { shopId, lines } of placed.heldByShop) publishStock(deps, shopId, lines)
  // Held units became ordered: a drop's waiting room may say "sold out" now.
  for (const dropId of placed.dropIds) forgetDropSnapshot(deps.db, dropId)
  if (input.payment.method === 'counter') {
    const orders = placed.orders.map((o) => o.order).sort((a, b) => (a.id < b.id ? -1 : 1))
    return { id: placed.checkoutId, outcome: 'placed', orders, replayed: false }
  }

  const outcomes = []
  for (const order of placed.orders)
    outcomes.push(await authorizePayment(deps, order.paymentId, input.payment.token, now))
  if (outcomes.every((o) => o === 'authorized')) await confirmPaidCheckout(deps, placed.checkoutId)
  else await abandonCheckout(deps, placed.checkoutId, 'payment_declined')
  return describeCheckout(deps, placed.checkoutId, false)
}

/**
 * Step: one shop's order of the checkout, with its lines, its pickup code, the drop holds it turns into an order,
 * its first event and its payment (not yet authorized).
 */
async function insertShopOrder(
  trx: Trx,
  {
    checkoutId,
    shopId,
    slot,
    status,
    lines: shopLines,
    input,
    contact,
    at,
  }: {
    checkoutId: string
    shopId: ShopId
    slot: { startsAt: string; endsAt: string }
    status: OrderStatus
    lines: readonly OrderableLine[]
    input: PlaceOrdersInput
    contact: Order['contact']
    at: string
  },
): Promise<{ order: Order; paymentId: string }> {
  const orderId = newId()
  const totalCents = shopLines.reduce((sum, l) => sum + l.priceCents * l.quantity, 0)
  const row = {
    id: orderId,
    checkout_id: checkoutId,
    shop_id: shopId,
    user_id: input.userId ?? null,
    status,
    pickup_code: '',
    slot_starts_at: slot.startsAt,
    slot_ends_at: slot.endsAt,
    payment_method: input.payment.method,
    total_cents: totalCents,
    currency: 'EUR',
    placed_at: at,
    updated_at: at,
    ready_at: null,
    closed_at: null,
    cancel_reason: null,
    cancel_note: null,
  }
  row.pickup_code = await insertWithFreePickupCode(trx, row)
  const lineRows = shopLines.map((l, position) => ({
    order_id: orderId,
    position,
    shop_id: shopId,
    product_id: l.variant.productId,
    variant_id: l.variantId,
    product_name: l.variant.productName,
    variant_name: l.variant.variantName,
    quantity: l.quantity,
    unit_price_cents: l.priceCents,
    vat_rate_bp: l.variant.vatRateBp,
    holds_stock: l.variant.available !== undefined || l.dropId ? 1 : 0,
    // What the resident was told at checkout (LAW F1/F3), kept even if the product changes later.
    withdrawal_exception: l.variant.withdrawalException ?? null,
  }))
  for (const line of lineRows) await insertOrderLine.execute(trx, line)
  for (const l of shopLines)
    if (l.dropId)
      await orderDropHold(trx, {
        dropId: l.dropId,
        userId: (input.owner as { userId: string }).userId,
        quantity: l.quantity,
        orderId,
        at,
      })
  await recordOrderEvent(trx, {
    orderId,
    shopId,
    from: undefined,
    to: status,
    at,
    actor: input.userId,
    reason: undefined,
  })
  const payment = await createPayment(
    trx,
    { orderId, shopId, provider: input.payment.method, amountCents: totalCents, currency: row.currency },
    at,
  )
  return { order: toOrder(row, lineRows, payment.status, contact), paymentId: payment.id }
}

/** A basket line as the checkout orders it: its variant on sale, its price now, the drop it was held in. */
interface OrderableLine {
  quantity: number
  seenPriceCents: number
  variantId: VariantId
  variant: SellableVariant
  priceCents: number
  dropId: string | null
}

/**
 * Step: the owner's basket lines, each with its variant and its price now, all still orderable and at the price
 * the resident saw. Throws ordering.empty_basket, ordering.unavailable_lines, drops.hold_expired (a visitor with a
 * drop's line) or ordering.price_changed.
 */
async function orderableLinesOf(
  trx: Trx,
  owner: BasketOwner,
): Promise<{ basketId: string | undefined; orderable: OrderableLine[] }> {
  const { basketId, lines: rows } = await basketLinesOf(trx, owner)
  if (rows.length === 0) throw basketEmpty()
  const variants = await findSellableVariants(
    trx,
    rows.map((r) => r.variant_id),
  )
  // Each line's price now: the variant's, or its part of a drop's bundle while the drop's item is beside it.
  const prices = await currentLinePrices(trx, rows, variants)
  const lines = rows.map((r) => ({
    quantity: r.quantity,
    seenPriceCents: r.seen_price_cents,
    variantId: r.variant_id as VariantId,
    variant: variants.get(r.variant_id as VariantId),
    priceCents: prices.get(r.variant_id)?.priceCents ?? 0,
    dropId: r.drop_id,
  }))
  const unavailable = lines.filter((l) => !l.variant || !isOrderable(l.variant)).map((l) => l.variantId)
  if (unavailable.length > 0) throw unavailableLines(unavailable)
  const orderable = lines as OrderableLine[]
  // A drop's hold belongs to an account (issue #4): a visitor's basket cannot carry one.
  if (orderable.some((l) => l.dropId) && !('userId' in owner)) throw holdExpired('sign in to order a drop')
  const changed = orderable.filter((l) => l.priceCents !== l.seenPriceCents)
  if (changed.length > 0)
    throw priceChanged(
      changed.map((l) => ({
        variantId: l.variantId,
        seenPriceCents: l.seenPriceCents,
        priceCents: l.priceCents,
      })),
    )
  return { basketId, orderable }
}

/** Whose idempotency keys: a resident's account, or a visitor's basket cookie. */
const checkoutScope = (owner: BasketOwner) =>
  'userId' in owner ? `user:${owner.userId}` : `visitor:${hashSecretToken(owner.token)}`

/** Whether the checkout was placed by this resident or from this visitor's basket. */
async function ownsCheckout(db: Db, checkoutId: string, owner: BasketOwner): Promise<boolean> {
  const row = await db
    .selectFrom('checkouts')
    .select(['scope', 'user_id'])
    .where('id', '=', checkoutId)
    .executeTakeFirst()
  if (!row) return false
  return 'userId' in owner
    ? row.user_id === owner.userId || row.scope === checkoutScope(owner)
    : row.scope === checkoutScope(owner)
}

/**
 * The orders of a checkout, for the resident who placed it (their account) or the browser it was placed from
 * (the visitor's basket cookie); anyone else is told it does not exist. Throws ordering.checkout_not_found.
 */
export async function checkoutOrdersOf(
  db: Db,
  checkoutId: string,
  owner: BasketOwner | undefined,
): Promise<Order[]> {
  if (!owner || !isWellFormedId(checkoutId) || !(await ownsCheckout(db, checkoutId, owner)))
    throw checkoutNotFound()
  return listCheckoutOrders(db, checkoutId)
}

function checkInput(input: PlaceOrdersInput): void {
  const problems = checkContact(input.contact)
  if (!(PAYMENT_METHODS as readonly string[]).includes(input.payment.method))
    problems.push({ field: 'payment.method', code: 'unknown_payment_method' })
  if (problems.length > 0) throw invalidCheckout(problems)
  if (!isIdempotencyKey(input.idempotencyKey)) throw invalidIdempotencyKey()
}

/** What the request asked for: the same key with a different request is a mistake, not a retry. */
function fingerprintOf(input: PlaceOrdersInput): string {
  const slots = Object.entries(input.slots).sort(([a], [b]) => a.localeCompare(b))
  const asked = { contact: input.contact, slots, method: input.payment.method, userId: input.userId ?? null }
  return createHash('sha256').update(JSON.stringify(asked)).digest('base64url')
}

/** Step: checks the chosen slot is still offered (hours, closures, preparation time, horizon). */
async function checkSlot(
  trx: Trx,
  shopId: ShopId,
  chosen: string | undefined,
  now: Date,
): Promise<{ startsAt: string; endsAt: string; capacity: number }> {
  const field = `slots.${shopId}`
  if (!chosen) throw slotRequired(field)
  const shop = await getShop(trx, shopId)
  const schedule = await getOpeningSchedule(trx, shop, now)
  const slot = offeredSlotAt(
    schedule.hours,
    schedule.closures,
    shop.pickup,
    shop.timeZone,
    now,
    new Date(chosen),
  )
  if (!slot || slot.startsAt.toISOString() !== chosen) throw slotNotOffered(field)
  return {
    startsAt: slot.startsAt.toISOString(),
    endsAt: slot.endsAt.toISOString(),
    capacity: shop.pickup.slotCapacity,
  }
}

async function describeCheckout(deps: PlaceDeps, checkoutId: string, replayed: boolean): Promise<Checkout> {
  const orders = await listCheckoutOrders(deps.db, checkoutId)
  return { id: checkoutId, outcome: checkoutOutcome(orders), orders, replayed }
}

/** What became of a checkout, from its orders' states. */
export function checkoutOutcome(
  orders: ReadonlyArray<{ status: string; cancelReason: CancelReason | undefined }>,
): Checkout['outcome'] {
  if (orders.some((o) => o.status === 'pending_payment')) return 'pending_payment'
  return orders.length > 0 &&
    orders.every((o) => o.status === 'cancelled' && o.cancelReason === 'payment_declined')
    ? 'payment_declined'
    : 'placed'
}
