import type { Selectable } from 'kysely'
import type { Db, Trx } from '../../db/index.js'
import type { PaymentsTable } from '../../db/schema/ordering.js'
import { prepared, type Placeholder } from '../../db/prepared.js'
import { newId } from '../../lib/ids.js'
import { counterProvider } from './provider.js'
import type { PaymentsDeps } from './deps.js'
import { wrongState } from './errors.js'

export type PaymentStatus = 'pending' | 'authorized' | 'declined' | 'captured' | 'voided' | 'refunded'

export interface Payment {
  id: string
  /** The order it pays, or undefined for a booking's deposit. */
  orderId: string | undefined
  /** The booking it guarantees (decision 006, "Deposits"), or undefined for an order. */
  bookingId: string | undefined
  provider: string
  status: PaymentStatus
  amountCents: number
  currency: string
}

/**
 * Step: the payment of a new order (or a booking's deposit), pending until `authorizePayment`. Paying at the
 * counter holds nothing, so that payment starts authorized: the counter takes the money at pickup (the capture).
 */
export async function createPayment(
  trx: Trx,
  order: {
    orderId?: string | undefined
    bookingId?: string | undefined
    shopId: string
    provider: string
    amountCents: number
    currency: string
  },
  now: string,
): Promise<{ id: string; status: PaymentStatus }> {
  const id = newId()
  const atCounter = order.provider === counterProvider.name
  await insertPayment.execute(trx, {
    id,
    order_id: order.orderId ?? null,
    booking_id: order.bookingId ?? null,
    shop_id: order.shopId,
    provider: order.provider,
    status: atCounter ? 'authorized' : 'pending',
    amount_cents: order.amountCents,
    currency: order.currency,
    provider_reference: atCounter ? `counter:${id}` : null,
    at: now,
  })
  return { id, status: atCounter ? 'authorized' : 'pending' }
}

type NewPayment = {
  id: string
  order_id: string | null
  booking_id: string | null
  shop_id: string
  provider: string
  status: PaymentStatus
  amount_cents: number
  currency: string
  provider_reference: string | null
  at: string
}
const insertPayment = prepared((db, p: Placeholder<NewPayment>) =>
  db.insertInto('payments').values({
    id: p('id'),
    order_id: p('order_id'),
    booking_id: p('booking_id'),
    shop_id: p('shop_id'),
    provider: p('provider'),
    status: p('status'),
    amount_cents: p('amount_cents'),
    currency: p('currency'),
    provider_reference: p('provider_reference'),
    created_at: p('at'),
    updated_at: p('at'),
  }),
)

/**
 * Step: the order now costs less (a line reduced, withdrawn or replaced by a cheaper product): the payment
 * will capture the new amount. Only ever lowered, and only before any money moved.
 */
export async function lowerPaymentAmount(
  trx: Trx,
  orderId: string,
  amountCents: number,
  now: string,
): Promise<void> {
  await trx
    .updateTable('payments')
    .set({ amount_cents: amountCents, updated_at: now })
    .where('order_id', '=', orderId)
    .where('status', 'in', ['pending', 'authorized'])
    .where('amount_cents', '>=', amountCents)
    .execute()
}

export async function findPaymentOfOrder(db: Db, orderId: string): Promise<Payment | undefined> {
  const row = await db.selectFrom('payments').selectAll().where('order_id', '=', orderId).executeTakeFirst()
  return row && toPayment(row)
}

/** The payment (id and status) of each of these orders that has one; an order paid at the counter has none. */
export async function paymentsOfOrders(
  db: Db,
  orderIds: readonly string[],
): Promise<Map<string, { id: string; status: PaymentStatus }>> {
  if (orderIds.length === 0) return new Map()
  const rows = await db
    .selectFrom('payments')
    .select(['id', 'order_id', 'status'])
    .where('order_id', 'in', orderIds)
    .execute()
  return new Map(
    rows.flatMap((row) =>
      row.order_id === null
        ? []
        : [[row.order_id, { id: row.id, status: row.status as PaymentStatus }] as const],
    ),
  )
}

/** The card hold, deposit or prepayment of a booking, if it needed one. */
export async function findPaymentOfBooking(db: Db, bookingId: string): Promise<Payment | undefined> {
  const row = await db
    .selectFrom('payments')
    .selectAll()
    .where('booking_id', '=', bookingId)
    .executeTakeFirst()
  return row && toPayment(row)
}

function toPayment(row: Selectable<PaymentsTable>): Payment {
  return {
    id: row.id,
    orderId: row.order_id ?? undefined,
    bookingId: row.booking_id ?? undefined,
    provider: row.provider,
    status: row.status as PaymentStatus,
    amountCents: row.amount_cents,
    currency: row.currency,
  }
}

/**
 * Asks the provider to hold the amount. Outside any transaction (a provider is a network call); the
 * provider's idempotency key is the payment's id, so a retry never holds twice. Returns the new status.
 */
export async function authorizePayment(
  deps: PaymentsDeps,
  paymentId: string,
  token: string | undefined,
  now: Date,
): Promise<PaymentStatus> {
  const payment = await deps.db
    .selectFrom('payments')
    .selectAll()
    .where('id', '=', paymentId)
    .executeTakeFirstOrThrow()
  if (payment.status !== 'pending') return payment.status as PaymentStatus
  const provider = providerOf(deps, payment.provider)
  const answer = await provider.authorize({
    idempotencyKey: `${paymentId}:authorize`,
    amountCents: payment.amount_cents,
    currency: payment.currency,
    token,
  })
  await record(deps.db, paymentId, 'authorize', answer.outcome, payment.amount_cents, now, {
    from: ['pending'],
    to: answer.outcome,
    reference: answer.reference,
  })
  return answer.outcome
}

/** Takes the held amount (at pickup). Once per payment, whoever asks and however often. */
export async function capturePayment(deps: PaymentsDeps, paymentId: string, now: Date): Promise<void> {
  await settle(deps, paymentId, 'capture', now)
}

/**
 * Gives the money back as it stands: a held amount is released (void), a taken one refunded; nothing
 * happens to a payment that holds nothing.
 */
export async function cancelPayment(deps: PaymentsDeps, paymentId: string, now: Date): Promise<void> {
  const payment = await deps.db
    .selectFrom('payments')
    .select('status')
    .where('id', '=', paymentId)
    .executeTakeFirstOrThrow()
  if (payment.status === 'authorized') await settle(deps, paymentId, 'void', now)
  else if (payment.status === 'captured') await settle(deps, paymentId, 'refund', now)
}

const SETTLEMENTS = {
  capture: { from: ['authorized'], to: 'captured' },
  void: { from: ['authorized'], to: 'voided' },
  refund: { from: ['captured'], to: 'refunded' },
} as const

async function settle(
  deps: PaymentsDeps,
  paymentId: string,
  kind: keyof typeof SETTLEMENTS,
  now: Date,
): Promise<void> {
  const payment = await deps.db
    .selectFrom('payments')
    .selectAll()
    .where('id', '=', paymentId)
    .executeTakeFirstOrThrow()
  const { from, to } = SETTLEMENTS[kind]
  if (payment.status === to) return
  if (!(from as readonly string[]).includes(payment.status)) throw wrongState(payment.status, to)
  const provider = providerOf(deps, payment.provider)
  const request = {
    idempotencyKey: `${paymentId}:${kind}`,
    reference: payment.provider_reference ?? '',
    amountCents: payment.amount_cents,
  }
  if (kind === 'capture') await provider.capture(request)
  else if (kind === 'void') await provider.void(request)
  else await provider.refund(request)
  await record(deps.db, paymentId, kind, to, payment.amount_cents, now, { from, to })
}

/** Writes the operation once (unique key) and moves the payment's status if it is still where it was. */
async function record(
  db: Db,
  paymentId: string,
  kind: string,
  outcome: string,
  amountCents: number,
  now: Date,
  move: { from: readonly string[]; to: string; reference?: string },
): Promise<void> {
  const at = now.toISOString()
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('payment_operations')
      .values({
        id: newId(),
        payment_id: paymentId,
        kind,
        idempotency_key: `${paymentId}:${kind}`,
        outcome,
        amount_cents: amountCents,
        at,
      })
      .onConflict((oc) => oc.column('idempotency_key').doNothing())
      .execute()
    await trx
      .updateTable('payments')
      .set({
        status: move.to,
        updated_at: at,
        ...(move.reference ? { provider_reference: move.reference } : {}),
      })
      .where('id', '=', paymentId)
      .where('status', 'in', [...move.from])
      .execute()
  })
}

function providerOf(deps: PaymentsDeps, name: string) {
  const provider = deps.payments.get(name)
  if (!provider) throw new Error(`no payment provider named ${name}`)
  return provider
}
