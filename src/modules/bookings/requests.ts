import { writeTransaction } from '../../db/group-commit.js'
import { enqueue } from '../../db/outbox.js'
import { isWellFormedId, type ShopId } from '../../lib/ids.js'
import { hashSecretToken, newSecretToken } from '../../lib/secret-token.js'
import { getShop } from '../shops/index.js'
import { cancel } from './cancel-booking.js'
import { toBooking } from './find-bookings.js'
import { enqueueDepositSettlement } from './deposits.js'
import { bookingNotFound, notARequest } from './errors.js'
import { reminderKey, reminderTime } from './reminders.js'
import type { Booking } from './types.js'
import type { BookingsDeps } from './deps.js'

/**
 * The shop accepts a large party's request (its table was held since it came): the booking is confirmed, and the
 * resident gets the confirmation with a new cancel link (the request's link stops working) and, if they asked,
 * the reminder. Confirming twice changes nothing. Throws bookings.booking_not_found (another shop's too) or
 * bookings.not_a_request (cancelled or declined meanwhile, or its time has passed).
 */
export async function confirmRequest(
  deps: BookingsDeps,
  shopId: ShopId,
  bookingId: string,
): Promise<Booking> {
  const now = deps.clock.now()
  const at = now.toISOString()
  const id = isWellFormedId(bookingId) ? bookingId : ''
  const shop = await getShop(deps.db, shopId)
  const cancelToken = newSecretToken()
  const row = await writeTransaction(deps.db, async (trx) => {
    const current = await trx
      .selectFrom('bookings')
      .selectAll()
      .where('id', '=', id)
      .where('shop_id', '=', shopId)
      .executeTakeFirst()
    if (!current) throw bookingNotFound()
    if (current.status === 'confirmed') return current
    const confirmed = await trx
      .updateTable('bookings')
      .set({ status: 'confirmed', cancel_token_hash: hashSecretToken(cancelToken) })
      .where('id', '=', id)
      .where('status', '=', 'requested')
      .where('starts_at', '>', at)
      .executeTakeFirst()
    if (confirmed.numUpdatedRows === 0n) {
      // Two staff confirming at once: on PostgreSQL the second waits for the first, then finds it confirmed.
      const latest = await trx
        .selectFrom('bookings')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirstOrThrow()
      if (latest.status === 'confirmed') return latest
      throw notARequest()
    }
    // A request's card was only held: a deposit or prepayment is taken now that the shop said yes.
    await enqueueDepositSettlement(trx, current, 'confirmed', at)
    if (current.contact_email) {
      await enqueue(trx, { topic: 'booking.confirmed', key: id, shopId, payload: { cancelToken } }, at)
      const remindAt =
        current.wants_reminder === 1
          ? reminderTime(new Date(current.starts_at), now, shop.timeZone, new Date(current.cancellable_until))
          : undefined
      if (remindAt)
        await enqueue(
          trx,
          {
            topic: 'booking.reminder',
            key: reminderKey(id, current.starts_at),
            shopId,
            payload: { cancelToken },
            notBefore: remindAt.toISOString(),
          },
          at,
        )
    }
    return trx.selectFrom('bookings').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
  })
  return toBooking(row)
}

/**
 * The outbox job at a request's time: one still unanswered lapses (booking.request_lapsed), its table freed and a
 * card held released, as if declined; one answered or withdrawn meanwhile is left as it is.
 */
export async function lapseRequest(deps: BookingsDeps, bookingId: string): Promise<void> {
  const row = isWellFormedId(bookingId)
    ? await deps.db
        .selectFrom('bookings')
        .select(['shop_id', 'status'])
        .where('id', '=', bookingId)
        .executeTakeFirst()
    : undefined
  if (row?.status !== 'requested') return
  await cancel(deps, row.shop_id as ShopId, bookingId, 'shop', {
    from: ['requested'],
    topic: 'booking.request_lapsed',
  })
}

/**
 * The shop cannot take a large party's request: the table is freed and the resident told (booking.declined).
 * Throws bookings.booking_not_found (another shop's too) or bookings.not_a_request.
 */
export async function declineRequest(
  deps: BookingsDeps,
  shopId: ShopId,
  bookingId: string,
): Promise<Booking> {
  const booking = await cancel(deps, shopId, isWellFormedId(bookingId) ? bookingId : '', 'shop', {
    from: ['requested'],
    topic: 'booking.declined',
  })
  if (booking.status !== 'cancelled' || booking.cancelledBy !== 'shop') throw notARequest()
  return booking
}
