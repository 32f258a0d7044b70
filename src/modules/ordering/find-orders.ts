import type { Selectable } from 'kysely'
import type { Db } from '../../db/index.js'
import type { OrderLinesTable, OrdersTable } from '../../db/schema/ordering.js'
import type { ShopId, UserId } from '../../lib/ids.js'
import { vatBreakdown } from '../../lib/money.js'
import type { WithdrawalException } from '../catalog/index.js'
import { paymentsOfOrders } from '../payments/index.js'
import type { CancelReason, OrderStatus } from './rules.js'
import { orderNotFound } from './errors.js'

interface OrderLine {
  /** The line's number in its order: stable when another line is withdrawn. */
  position: number
  productId: string
  variantId: string
  productName: string
  variantName: string
  quantity: number
  unitPriceCents: number
  vatRateBp: number
  totalCents: number
  /** As promised when ordered: undefined means the 14-day withdrawal right applies (LAW F2/F3). */
  withdrawalException: WithdrawalException | undefined
}

export interface Order {
  id: string
  checkoutId: string
  shopId: ShopId
  userId: UserId | undefined
  status: OrderStatus
  pickupCode: string
  slotStartsAt: string
  slotEndsAt: string
  paymentMethod: string
  paymentStatus: string | undefined
  totalCents: number
  currency: string
  vat: ReturnType<typeof vatBreakdown>
  contact: { name: string; email: string; phone: string }
  placedAt: string
  /** Any change: a move, or a line changed by the shop. */
  updatedAt: string
  readyAt: string | undefined
  closedAt: string | undefined
  cancelReason: CancelReason | undefined
  /** The words given when cancelling: the shop's. */
  cancelNote: string | undefined
  lines: OrderLine[]
}

/** Orders with their lines, contact and payment status, in four queries whatever their number. */
async function loadOrders(db: Db, rows: ReadonlyArray<Selectable<OrdersTable>>): Promise<Order[]> {
  if (rows.length === 0) return []
  const ids = rows.map((r) => r.id)
  const [lines, payments, checkouts] = await Promise.all([
    db
      .selectFrom('order_lines')
      .selectAll()
      .where('order_id', 'in', ids)
      .orderBy('order_id')
      .orderBy('position')
      .execute(),
    paymentsOfOrders(db, ids),
    db
      .selectFrom('checkouts')
      .select(['id', 'contact_name', 'contact_email', 'contact_phone'])
      .where('id', 'in', [...new Set(rows.map((r) => r.checkout_id))])
      .execute(),
  ])
  const linesOf = new Map<string, Array<Selectable<OrderLinesTable>>>()
  for (const line of lines) linesOf.set(line.order_id, [...(linesOf.get(line.order_id) ?? []), line])
  const checkoutOf = new Map(checkouts.map((c) => [c.id, c]))
  return rows.map((row) => {
    const checkout = checkoutOf.get(row.checkout_id)
    const contact = {
      name: checkout?.contact_name ?? '',
      email: checkout?.contact_email ?? '',
      phone: checkout?.contact_phone ?? '',
    }
    return toOrder(row, linesOf.get(row.id) ?? [], payments.get(row.id)?.status, contact)
  })
}

/** An order from its stored rows (read back, or just written by the checkout). */
export function toOrder(
  row: Selectable<OrdersTable>,
  lines: ReadonlyArray<Selectable<OrderLinesTable>>,
  paymentStatus: string | undefined,
  contact: Order['contact'],
): Order {
  const orderLines = lines.map((l) => ({
    position: l.position,
    productId: l.product_id,
    variantId: l.variant_id,
    productName: l.product_name,
    variantName: l.variant_name,
    quantity: l.quantity,
    unitPriceCents: l.unit_price_cents,
    vatRateBp: l.vat_rate_bp,
    totalCents: l.unit_price_cents * l.quantity,
    withdrawalException: (l.withdrawal_exception ?? undefined) as WithdrawalException | undefined,
  }))
  return {
    id: row.id,
    checkoutId: row.checkout_id,
    shopId: row.shop_id as ShopId,
    userId: (row.user_id ?? undefined) as UserId | undefined,
    status: row.status as OrderStatus,
    pickupCode: row.pickup_code,
    slotStartsAt: row.slot_starts_at,
    slotEndsAt: row.slot_ends_at,
    paymentMethod: row.payment_method,
    paymentStatus,
    totalCents: row.total_cents,
    currency: row.currency,
    vat: vatBreakdown(orderLines.map((l) => ({ grossCents: l.totalCents, rateBp: l.vatRateBp }))),
    contact,
    placedAt: row.placed_at,
    updatedAt: row.updated_at,
    readyAt: row.ready_at ?? undefined,
    closedAt: row.closed_at ?? undefined,
    cancelReason: (row.cancel_reason ?? undefined) as CancelReason | undefined,
    cancelNote: row.cancel_note ?? undefined,
    lines: orderLines,
  }
}

/** One order of one shop, for its staff; another shop's order is not found. */
export async function getShopOrder(db: Db, shopId: ShopId, orderId: string): Promise<Order> {
  const row = await db
    .selectFrom('orders')
    .selectAll()
    .where('shop_id', '=', shopId)
    .where('id', '=', orderId)
    .executeTakeFirst()
  if (!row) throw orderNotFound()
  return (await loadOrders(db, [row]))[0]!
}

/** The orders of a checkout, for the resident who placed it (signed in, or holding the checkout's id). */
export async function listCheckoutOrders(db: Db, checkoutId: string): Promise<Order[]> {
  const rows = await db
    .selectFrom('orders')
    .selectAll()
    .where('checkout_id', '=', checkoutId)
    .orderBy('id')
    .execute()
  return loadOrders(db, rows)
}

/** A resident's orders, newest first. */
export async function listResidentOrders(db: Db, userId: UserId, limit = 50): Promise<Order[]> {
  const rows = await db
    .selectFrom('orders')
    .selectAll()
    .where('user_id', '=', userId)
    .orderBy('placed_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute()
  return loadOrders(db, rows)
}

/**
 * The shop's order board: orders whose slot starts in [from, to), by slot, optionally in some states only.
 * Orders still waiting for their card authorization are not the shop's business yet.
 */
export async function listShopOrders(
  db: Db,
  shopId: ShopId,
  query: { from: string; to: string; statuses?: readonly OrderStatus[] | undefined },
): Promise<Order[]> {
  let select = db
    .selectFrom('orders')
    .selectAll()
    .where('shop_id', '=', shopId)
    .where('slot_starts_at', '>=', query.from)
    .where('slot_starts_at', '<', query.to)
    .where('status', '!=', 'pending_payment')
  if (query.statuses && query.statuses.length > 0) select = select.where('status', 'in', [...query.statuses])
  const rows = await select.orderBy('slot_starts_at').orderBy('placed_at').limit(500).execute()
  return loadOrders(db, rows)
}

/** Any order by id, for the platform's own work (messages, payments); never for a request of a person. */
export async function getShopOrderById(db: Db, orderId: string): Promise<Order | undefined> {
  const row = await db.selectFrom('orders').selectAll().where('id', '=', orderId).executeTakeFirst()
  return row && (await loadOrders(db, [row]))[0]
}

export interface PickupWait {
  /** Orders collected in the period that had been marked ready. */
  collected: number
  medianMinutes: number | undefined
  p90Minutes: number | undefined
}

/**
 * How long residents wait at the counter once told their order is ready (UX-14): minutes from "ready" to
 * "collected" for the shop's orders collected since `since`, as a median and a 90th percentile.
 */
export async function measurePickupWait(db: Db, shopId: ShopId, since: string): Promise<PickupWait> {
  const rows = await db
    .selectFrom('orders')
    .select(['ready_at', 'closed_at'])
    .where('shop_id', '=', shopId)
    .where('status', '=', 'collected')
    .where('closed_at', '>=', since)
    .where('ready_at', 'is not', null)
    .execute()
  const minutes = rows
    .map((r) => (Date.parse(r.closed_at!) - Date.parse(r.ready_at!)) / 60_000)
    .sort((a, b) => a - b)
  const rank = (p: number) => minutes[Math.min(minutes.length - 1, Math.ceil((p / 100) * minutes.length) - 1)]
  return {
    collected: minutes.length,
    medianMinutes: minutes.length > 0 ? rank(50) : undefined,
    p90Minutes: minutes.length > 0 ? rank(90) : undefined,
  }
}
