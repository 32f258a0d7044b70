import { sql } from 'kysely'
import type { Trx } from '../../db/index.js'
import { enqueue } from '../../db/outbox.js'
import { prepared, type Placeholder } from '../../db/prepared.js'
import type { ChangeFeed } from '../../lib/change-feed.js'
import type { ProductId, ShopId, UserId, VariantId } from '../../lib/ids.js'
import { newId } from '../../lib/ids.js'
import { consumeStock, releaseStock, type StockLine } from '../inventory/index.js'
import { getShop } from '../shops/index.js'
import {
  canMove,
  CLOSED_STATUSES,
  isPickupCode,
  normalizePickupCode,
  sourcesOf,
  type OrderStatus,
} from './rules.js'
import type { LifecycleDeps } from './deps.js'
import {
  invalidPickupCode,
  orderNotFound,
  reasonRequired,
  transitionRefused,
  unknownPickupCode,
} from './errors.js'

/** Who asks for a move: staff of a shop, the resident who ordered, or the platform's scheduled work. */
export type MoveRequest =
  | { by: 'shop'; shopId: ShopId; userId: UserId }
  | { by: 'resident'; userId: UserId | undefined; checkoutId?: string }
  | { by: 'system' }

/**
 * Moves an order along its lifecycle (rules.ts ORDER_TRANSITIONS), as one conditional update: two staff
 * tapping "collected" at once make one move, and the other is told the order already moved. The effects
 * travel in the same transaction: stock given back or taken out, the slot freed, the event recorded, and
 * the outbox messages (emails, payment capture or release) that leave once it commits.
 * Throws ordering.order_not_found or ordering.transition_refused (with the current status).
 */
export async function moveOrder(
  deps: LifecycleDeps,
  request: MoveRequest,
  orderId: string,
  to: OrderStatus,
  reason?: string,
): Promise<OrderStatus> {
  const now = deps.clock.now().toISOString()
  const trimmedReason = reason?.trim().slice(0, 300) || undefined
  if (to === 'cancelled' && request.by === 'shop' && !trimmedReason) throw reasonRequired()
  const closing = CLOSED_STATUSES.includes(to)
  const moved = await deps.db.transaction().execute(async (trx) => {
    let query = trx
      .selectFrom('orders')
      .select(['id', 'shop_id', 'status', 'user_id', 'checkout_id', 'slot_starts_at', 'slot_ends_at'])
      .where('id', '=', orderId)
    if (request.by === 'shop') query = query.where('shop_id', '=', request.shopId)
    const order = await query.executeTakeFirst()
    if (!order) throw orderNotFound()
    if (request.by === 'resident' && !ownsOrder(request, order)) throw orderNotFound()
    const from = order.status as OrderStatus
    if (!canMove(from, to, request.by)) throw transitionRefused(from, to)
    const updated = await trx
      .updateTable('orders')
      .set({
        status: to,
        updated_at: now,
        ...(to === 'ready' ? { ready_at: now } : {}),
        ...(closing ? { closed_at: now } : {}),
        ...(to === 'cancelled'
          ? { cancel_reason: request.by === 'system' ? null : request.by, cancel_note: trimmedReason ?? null }
          : {}),
      })
      .where('id', '=', orderId)
      .where('status', 'in', sourcesOf(to, request.by))
      .executeTakeFirst()
    // Someone moved it between the read and the update (two staff at the counter): their move stands.
    if (updated.numUpdatedRows === 0n) {
      const current = await trx
        .selectFrom('orders')
        .select('status')
        .where('id', '=', orderId)
        .executeTakeFirstOrThrow()
      throw transitionRefused(current.status as OrderStatus, to)
    }
    await recordOrderEvent(trx, {
      orderId,
      shopId: order.shop_id,
      from,
      to,
      at: now,
      actor: request.by === 'system' ? undefined : request.userId,
      reason: trimmedReason,
    })
    // Only an order that closes moves stock.
    const lines = closing ? await stockLinesOf(trx, orderId) : []
    if (to === 'collected') {
      await consumeStock(trx, lines)
      await enqueue(trx, { topic: 'payment.capture', key: orderId, shopId: order.shop_id }, now)
    }
    if (to === 'cancelled' || to === 'no_show') {
      await releaseOrder(
        trx,
        { id: orderId, shop_id: order.shop_id, slot_starts_at: order.slot_starts_at },
        lines,
      )
      await enqueue(trx, { topic: 'payment.cancel', key: orderId, shopId: order.shop_id }, now)
      await enqueue(
        trx,
        {
          topic: to === 'cancelled' ? 'order.cancelled' : 'order.no_show',
          key: orderId,
          shopId: order.shop_id,
        },
        now,
      )
    }
    if (to === 'ready') {
      await enqueue(trx, { topic: 'order.ready', key: orderId, shopId: order.shop_id }, now)
      const shop = await getShop(trx, order.shop_id as ShopId)
      const due = new Date(
        Date.parse(order.slot_ends_at) + shop.pickup.noShowAfterHours * 3_600_000,
      ).toISOString()
      await enqueue(
        trx,
        { topic: 'order.no_show_due', key: orderId, shopId: order.shop_id, notBefore: due },
        now,
      )
    }
    return { shopId: order.shop_id as ShopId, lines }
  })
  if (closing) publishStock(deps, moved.shopId, moved.lines)
  return to
}

/** Staff type or scan the pickup code at the counter: the shop's ready order with that code is collected. */
export async function collectByCode(
  deps: LifecycleDeps,
  staff: { shopId: ShopId; userId: UserId },
  typedCode: string,
): Promise<string> {
  const code = normalizePickupCode(typedCode)
  if (!isPickupCode(code)) throw invalidPickupCode()
  const order = await deps.db
    .selectFrom('orders')
    .select(['id', 'status'])
    .where('shop_id', '=', staff.shopId)
    .where('pickup_code', '=', code)
    .executeTakeFirst()
  // Another shop's code is answered like a wrong one: no hint that it exists elsewhere.
  if (!order) throw unknownPickupCode()
  await moveOrder(deps, { by: 'shop', ...staff }, order.id, 'collected')
  return order.id
}

function ownsOrder(
  request: Extract<MoveRequest, { by: 'resident' }>,
  order: { user_id: string | null; checkout_id: string },
): boolean {
  if (request.userId && order.user_id === request.userId) return true
  return request.checkoutId !== undefined && request.checkoutId === order.checkout_id
}

export async function recordOrderEvent(
  trx: Trx,
  event: {
    orderId: string
    shopId: string
    from: OrderStatus | undefined
    to: OrderStatus
    at: string
    actor: UserId | undefined
    reason: string | undefined
  },
): Promise<void> {
  await insertOrderEvent.execute(trx, {
    id: newId(),
    order_id: event.orderId,
    shop_id: event.shopId,
    from_status: event.from ?? null,
    to_status: event.to,
    at: event.at,
    actor_user_id: event.actor ?? null,
    reason: event.reason ?? null,
  })
}

type OrderEventRow = {
  id: string
  order_id: string
  shop_id: string
  from_status: string | null
  to_status: string
  at: string
  actor_user_id: string | null
  reason: string | null
}
const insertOrderEvent = prepared((db, p: Placeholder<OrderEventRow>) =>
  db.insertInto('order_events').values({
    id: p('id'),
    order_id: p('order_id'),
    shop_id: p('shop_id'),
    from_status: p('from_status'),
    to_status: p('to_status'),
    at: p('at'),
    actor_user_id: p('actor_user_id'),
    reason: p('reason'),
  }),
)

export async function stockLinesOf(trx: Trx, orderId: string): Promise<StockLine[]> {
  const rows = await trx
    .selectFrom('order_lines')
    .select(['variant_id', 'product_id', 'quantity'])
    .where('order_id', '=', orderId)
    .where('holds_stock', '=', 1)
    .execute()
  return rows.map((r) => ({
    variantId: r.variant_id as VariantId,
    productId: r.product_id as ProductId,
    quantity: r.quantity,
  }))
}

/** Step: an order that will not be collected gives its units and its place in the slot back. */
export async function releaseOrder(
  trx: Trx,
  order: { id: string; shop_id: string; slot_starts_at: string },
  lines: readonly StockLine[],
): Promise<void> {
  // The slot before the stock, as a checkout takes them (place-orders.ts): no lock-order deadlock.
  await trx
    .updateTable('slot_loads')
    .set({ orders: sql`orders - 1` })
    .where('shop_id', '=', order.shop_id)
    .where('starts_at', '=', order.slot_starts_at)
    .where('orders', '>', 0)
    .execute()
  await releaseStock(trx, lines)
}

/** After a commit that changed held units: product pages show the new counts at once. */
export function publishStock(
  deps: { changes?: ChangeFeed | undefined },
  shopId: ShopId,
  lines: readonly StockLine[],
): void {
  for (const productId of new Set(lines.map((l) => l.productId))) deps.changes?.publish({ shopId, productId })
}
