import type { Trx } from '../../db/index.js'
import { writeTransaction } from '../../db/group-commit.js'
import { enqueue } from '../../db/outbox.js'
import { cancelPayment, capturePayment, counterProvider, findPaymentOfBooking } from '../payments/index.js'
import { depositTarget } from './rules.js'
import type { BookingDeposit, BookingStatus } from './types.js'
import type { BookingsDeps, DepositDeps } from './deps.js'
import { paymentRequired } from './errors.js'

/** How long a booking may wait for its card before it fails and its cells are freed (as a checkout, decision 004). */
export const PAYMENT_MINUTES = 15

/**
 * The card provider a guarantee goes through. "Pay at the counter" holds nothing, so it cannot guarantee a
 * booking. Throws bookings.payment_required (field payment) with the guarantee asked, for the page to show it.
 */
export function paymentMethodOf(
  deps: BookingsDeps,
  payment: { method: string } | undefined,
  deposit: BookingDeposit,
): string {
  const method = payment?.method
  if (!method || method === counterProvider.name || !deps.payments?.has(method))
    throw paymentRequired(deposit)
  return method
}

/**
 * Step: after a booking's status changed, a message that brings its money where the new status wants it (taken,
 * released), if anywhere. One per booking and status: a no-show marked twice, or by two staff at once, is one.
 */
export async function enqueueDepositSettlement(
  trx: Trx,
  booking: { id: string; shop_id: string; deposit_kind: string },
  status: BookingStatus,
  at: string,
): Promise<void> {
  if (booking.deposit_kind === 'none') return
  if (depositTarget(booking.deposit_kind as BookingDeposit['kind'], status) === 'leave') return
  await enqueue(
    trx,
    { topic: 'booking.payment_settle', key: `${booking.id}:${status}`, shopId: booking.shop_id },
    at,
  )
}

/**
 * Job handler: brings a booking's payment where its status *now* wants it (decision 006, "Deposits"), whichever
 * message asked: messages may arrive late or out of order (a no-show corrected to attended), so each one converges
 * on the current status instead of replaying its own. Captures, voids and refunds are idempotent (payments).
 */
export async function settleBookingPayment(deps: DepositDeps, bookingId: string): Promise<void> {
  const booking = await deps.db
    .selectFrom('bookings')
    .select(['status', 'deposit_kind'])
    .where('id', '=', bookingId)
    .executeTakeFirst()
  const payment =
    booking && booking.deposit_kind !== 'none' ? await findPaymentOfBooking(deps.db, bookingId) : undefined
  if (!booking || !payment) return
  const target = depositTarget(
    booking.deposit_kind as BookingDeposit['kind'],
    booking.status as BookingStatus,
  )
  // A released payment (voided, refunded) is never taken again: a corrected mark does not charge twice.
  if (target === 'take' && payment.status === 'authorized')
    await capturePayment(deps, payment.id, deps.clock.now())
  else if (target === 'release') await cancelPayment(deps, payment.id, deps.clock.now())
}

/**
 * A booking whose card was declined or never answered: it fails and its cells are free again, in one transaction.
 * Returns whether it was still pending.
 */
export async function failUnpaidBooking(deps: BookingsDeps, bookingId: string): Promise<boolean> {
  return writeTransaction(deps.db, async (trx) => {
    const moved = await trx
      .updateTable('bookings')
      .set({ status: 'payment_failed' })
      .where('id', '=', bookingId)
      .where('status', '=', 'pending_payment')
      .executeTakeFirst()
    if (moved.numUpdatedRows === 0n) return false
    await trx.deleteFrom('booking_cells').where('booking_id', '=', bookingId).execute()
    return true
  })
}

/**
 * Job handler, due PAYMENT_MINUTES after a booking asked for its card: a booking still pending (the process died
 * while the card was asked) fails, and anything the card holds goes back. Safe to run twice.
 */
export async function abandonUnpaidBooking(deps: DepositDeps, bookingId: string): Promise<void> {
  await failUnpaidBooking(deps, bookingId)
  await settleBookingPayment(deps, bookingId)
}

/** An authorization recorded after its booking failed: released through the outbox, so a provider hiccup is retried. */
export async function settleLateAuthorization(deps: BookingsDeps, bookingId: string): Promise<void> {
  const at = deps.clock.now().toISOString()
  await writeTransaction(deps.db, async (trx) => {
    const row = await trx
      .selectFrom('bookings')
      .select(['id', 'shop_id', 'deposit_kind'])
      .where('id', '=', bookingId)
      .executeTakeFirstOrThrow()
    await enqueueDepositSettlement(trx, row, 'payment_failed', at)
  })
}
