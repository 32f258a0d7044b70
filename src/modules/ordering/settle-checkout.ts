import type { ShopId } from '../../lib/ids.js'
import { enqueue } from '../../db/outbox.js'
import type { StockLine } from '../inventory/index.js'
import { cancelPayment, paymentsOfOrders } from '../payments/index.js'
import type { PlaceDeps } from './deps.js'
import { publishStock, recordOrderEvent, releaseOrder, stockLinesOf } from './lifecycle.js'
import type { CancelReason } from './rules.js'

// How a checkout paid by card ends: every card authorized (the orders go to the shops), or not (all given back).

/** Every card of the checkout was authorized: the shops get the orders, the confirmation leaves. */
export async function confirmPaidCheckout(deps: PlaceDeps, checkoutId: string): Promise<void> {
  const at = deps.clock.now().toISOString()
  await deps.db.transaction().execute(async (trx) => {
    const pending = await trx
      .selectFrom('orders')
      .select(['id', 'shop_id'])
      .where('checkout_id', '=', checkoutId)
      .where('status', '=', 'pending_payment')
      .execute()
    for (const order of pending) {
      await trx
        .updateTable('orders')
        .set({ status: 'placed', updated_at: at })
        .where('id', '=', order.id)
        .where('status', '=', 'pending_payment')
        .execute()
      await recordOrderEvent(trx, {
        orderId: order.id,
        shopId: order.shop_id,
        from: 'pending_payment',
        to: 'placed',
        at,
        actor: undefined,
        reason: undefined,
      })
    }
    await enqueue(trx, { topic: 'checkout.confirmed', key: checkoutId }, at)
  })
}

/**
 * A checkout whose payment failed or never completed: its orders are cancelled, units and slot places
 * given back, and any authorization that did go through is released. Safe to run twice.
 */
export async function abandonCheckout(
  deps: PlaceDeps,
  checkoutId: string,
  reason: Extract<CancelReason, 'payment_declined' | 'payment_timeout'>,
): Promise<void> {
  const now = deps.clock.now()
  const at = now.toISOString()
  const released = await deps.db.transaction().execute(async (trx) => {
    const pending = await trx
      .selectFrom('orders')
      .select(['id', 'shop_id', 'slot_starts_at'])
      .where('checkout_id', '=', checkoutId)
      .where('status', '=', 'pending_payment')
      .execute()
    const result: Array<{ shopId: ShopId; lines: StockLine[] }> = []
    for (const order of pending) {
      const moved = await trx
        .updateTable('orders')
        .set({ status: 'cancelled', cancel_reason: reason, closed_at: at, updated_at: at })
        .where('id', '=', order.id)
        .where('status', '=', 'pending_payment')
        .executeTakeFirst()
      if (moved.numUpdatedRows === 0n) continue
      const lines = await stockLinesOf(trx, order.id)
      await releaseOrder(trx, order, lines)
      await recordOrderEvent(trx, {
        orderId: order.id,
        shopId: order.shop_id,
        from: 'pending_payment',
        to: 'cancelled',
        at,
        actor: undefined,
        reason,
      })
      result.push({ shopId: order.shop_id as ShopId, lines })
    }
    return result
  })
  for (const { shopId, lines } of released) publishStock(deps, shopId, lines)
  const orders = await deps.db
    .selectFrom('orders')
    .select('id')
    .where('checkout_id', '=', checkoutId)
    .execute()
  const payments = await paymentsOfOrders(
    deps.db,
    orders.map((order) => order.id),
  )
  for (const payment of payments.values()) await cancelPayment(deps, payment.id, now)
}
