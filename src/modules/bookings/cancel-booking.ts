import { writeTransaction } from '../../db/group-commit.js'
import { enqueue } from '../../db/outbox.js'
import { type ShopId } from '../../lib/ids.js'
import { bookingNotFound, tooLateToCancel } from './errors.js'
import { enqueueDepositSettlement } from './deposits.js'
import type { Booking, BookingStatus } from './types.js'
import type { BookingsDeps } from './deps.js'
import { dropPendingReminder } from './book.js'
import { bookingOfLink, toBooking } from './find-bookings.js'

/**
 * The resident cancels by the link in their confirmation (UX-15), until the service's deadline: the booking is
 * cancelled and its cells freed in one transaction. Cancelling twice answers the same. Throws
 * bookings.booking_not_found (unknown booking or wrong secret) or bookings.too_late_to_cancel.
 */
export async function cancelBookingByLink(
  deps: BookingsDeps,
  bookingId: string,
  token: string,
): Promise<Booking> {
  const booking = await bookingOfLink(deps.db, bookingId, token)
  if (booking.status === 'cancelled') return booking
  // A request was never a booking: the resident may withdraw it until its time (the deadline is for bookings).
  const deadline = booking.status === 'requested' ? booking.startsAt : booking.cancellableUntil
  if (deps.clock.now().toISOString() > deadline) throw tooLateToCancel(booking.cancellableUntil)
  return cancel(deps, booking.shopId, bookingId, 'resident')
}

/** The shop cancels a booking, at any time (it tells the resident). Throws bookings.booking_not_found. */
export async function cancelBookingByShop(
  deps: BookingsDeps,
  shopId: ShopId,
  bookingId: string,
): Promise<Booking> {
  return cancel(deps, shopId, bookingId, 'shop')
}

/**
 * Cancels a booking still to be honoured (by default a confirmed one or a request) and frees its cells, in one
 * transaction, with one message: `booking.cancelled`, or the topic given (a declined request is told otherwise).
 */
export async function cancel(
  deps: BookingsDeps,
  shopId: ShopId,
  bookingId: string,
  by: 'resident' | 'shop',
  how: {
    from: readonly BookingStatus[]
    topic: 'booking.cancelled' | 'booking.declined' | 'booking.request_lapsed'
  } = { from: ['confirmed', 'requested'], topic: 'booking.cancelled' },
): Promise<Booking> {
  const at = deps.clock.now().toISOString()
  const row = await writeTransaction(deps.db, async (trx) => {
    const moved = await trx
      .updateTable('bookings')
      .set({ status: 'cancelled', cancelled_at: at, cancelled_by: by })
      .where('id', '=', bookingId)
      .where('shop_id', '=', shopId)
      .where('status', 'in', [...how.from])
      .executeTakeFirst()
    // Only the booking this shop just cancelled frees its cells (another shop's id changes nothing).
    const current = await trx
      .selectFrom('bookings')
      .selectAll()
      .where('id', '=', bookingId)
      .where('shop_id', '=', shopId)
      .executeTakeFirst()
    if (!current) throw bookingNotFound()
    if (moved.numUpdatedRows > 0n) {
      await trx.deleteFrom('booking_cells').where('booking_id', '=', bookingId).execute()
      await dropPendingReminder(trx, bookingId)
      // One message, whoever cancels: the resident's calendar drops the event.
      await enqueue(trx, { topic: how.topic, key: bookingId, shopId }, at)
      // A hold is voided, a deposit or prepayment refunded: cancelling in time or by the shop costs nothing.
      await enqueueDepositSettlement(trx, current, 'cancelled', at)
    }
    return current
  })
  return toBooking(row)
}
