import { randomInt } from 'node:crypto'
import { sql, type Selectable } from 'kysely'
import type { Trx } from '../../db/index.js'
import type { OrderLinesTable, OrdersTable } from '../../db/schema/ordering.js'
import { prepared, type Placeholder } from '../../db/prepared.js'
import type { ShopId } from '../../lib/ids.js'
import { slotFull } from './errors.js'
import { PICKUP_CODE_ALPHABET, PICKUP_CODE_LENGTH } from './rules.js'

/** Step: takes one place in the slot, a conditional counter: capacity holds under any concurrency. */
export async function takeSlotPlace(
  trx: Trx,
  shopId: ShopId,
  startsAt: string,
  capacity: number,
): Promise<void> {
  const taken = await takePlace.affected(trx, { shopId, startsAt, capacity })
  if (taken === 0) throw slotFull(`slots.${shopId}`)
}

/** Inserts the order with a random pickup code; a code the shop already used is drawn again (a unique key). */
export async function insertWithFreePickupCode(trx: Trx, row: Selectable<OrdersTable>): Promise<string> {
  for (;;) {
    const code = Array.from(
      { length: PICKUP_CODE_LENGTH },
      () => PICKUP_CODE_ALPHABET[randomInt(PICKUP_CODE_ALPHABET.length)],
    ).join('')
    if ((await insertOrder.affected(trx, { ...row, pickup_code: code })) === 1) return code
  }
}

// The checkout's statements, compiled once (src/db/prepared.ts): the checkout is the busiest write path.
type NewCheckout = {
  id: string
  scope: string
  idempotency_key: string
  fingerprint: string
  user_id: string | null
  contact_name: string
  contact_email: string
  contact_phone: string
  created_at: string
}
export const claimKey = prepared((db, p: Placeholder<NewCheckout>) =>
  db
    .insertInto('checkouts')
    .values({
      id: p('id'),
      scope: p('scope'),
      idempotency_key: p('idempotency_key'),
      fingerprint: p('fingerprint'),
      user_id: p('user_id'),
      contact_name: p('contact_name'),
      contact_email: p('contact_email'),
      contact_phone: p('contact_phone'),
      created_at: p('created_at'),
    })
    .onConflict((oc) => oc.columns(['scope', 'idempotency_key']).doNothing()),
)
export const checkoutOfKey = prepared((db, p: Placeholder<{ scope: string; idempotencyKey: string }>) =>
  db
    .selectFrom('checkouts')
    .select(['id', 'fingerprint'])
    .where('scope', '=', p('scope'))
    .where('idempotency_key', '=', p('idempotencyKey')),
)
const insertOrder = prepared((db, p: Placeholder<Selectable<OrdersTable>>) =>
  db
    .insertInto('orders')
    .values({
      id: p('id'),
      checkout_id: p('checkout_id'),
      shop_id: p('shop_id'),
      user_id: p('user_id'),
      status: p('status'),
      pickup_code: p('pickup_code'),
      slot_starts_at: p('slot_starts_at'),
      slot_ends_at: p('slot_ends_at'),
      payment_method: p('payment_method'),
      total_cents: p('total_cents'),
      currency: p('currency'),
      placed_at: p('placed_at'),
      updated_at: p('updated_at'),
      ready_at: p('ready_at'),
      closed_at: p('closed_at'),
      cancel_reason: p('cancel_reason'),
      cancel_note: p('cancel_note'),
    })
    .onConflict((oc) => oc.columns(['shop_id', 'pickup_code']).doNothing()),
)
export const insertOrderLine = prepared((db, p: Placeholder<Selectable<OrderLinesTable>>) =>
  db.insertInto('order_lines').values({
    order_id: p('order_id'),
    position: p('position'),
    shop_id: p('shop_id'),
    product_id: p('product_id'),
    variant_id: p('variant_id'),
    product_name: p('product_name'),
    variant_name: p('variant_name'),
    quantity: p('quantity'),
    unit_price_cents: p('unit_price_cents'),
    vat_rate_bp: p('vat_rate_bp'),
    holds_stock: p('holds_stock'),
    withdrawal_exception: p('withdrawal_exception'),
  }),
)
export const emptyBasket = prepared((db, p: Placeholder<{ basketId: string }>) =>
  db.deleteFrom('basket_lines').where('basket_id', '=', p('basketId')),
)
/** One conditional upsert: the slot's first order creates its counter, later ones add to it while it is below capacity. */
const takePlace = prepared((db, p: Placeholder<{ shopId: string; startsAt: string; capacity: number }>) =>
  db
    .insertInto('slot_loads')
    .values({ shop_id: p('shopId'), starts_at: p('startsAt'), orders: 1 })
    .onConflict((oc) =>
      oc
        .columns(['shop_id', 'starts_at'])
        .doUpdateSet({ orders: sql`slot_loads.orders + 1` })
        .where('slot_loads.orders', '<', p('capacity')),
    ),
)
