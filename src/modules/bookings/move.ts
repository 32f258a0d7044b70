import { writeTransaction } from '../../db/group-commit.js'
import { enqueue } from '../../db/outbox.js'
import { AppError, invalid } from '../../lib/app-error.js'
import type { ShopId } from '../../lib/ids.js'
import { hashSecretToken, newSecretToken } from '../../lib/secret-token.js'
import { toZoned } from '../../lib/zoned-time.js'
import { getShop } from '../shops/index.js'
import { toBooking } from './book.js'
import { bookingNotFound, timeTaken } from './errors.js'
import { freeTimesOnDates } from './free-times.js'
import { reminderKey, reminderTime } from './reminders.js'
import { listResources, type BookingsDeps } from './resources.js'
import { occupiedCells } from './rules.js'
import { getBookableService } from './services.js'
import type { Booking } from './types.js'

/**
 * The shop moves a confirmed booking to another time (and person), free then as if the booking were not there.
 * In one transaction its old cells are freed and its new ones written (a cell taken meanwhile rolls it all back),
 * and the resident is told once, with a new cancel link (the old secret was only ever sent, never kept) and an
 * updated calendar entry; the reminder follows the new time. Throws bookings.booking_not_found (another shop's
 * too), bookings.booking_not_movable (cancelled or past), bookings.time_not_offered or bookings.time_taken.
 */
export async function moveBooking(deps: BookingsDeps, shopId: ShopId, bookingId: string, to: { startsAt: string; resourceId: string }): Promise<Booking> {
  const now = deps.clock.now()
  const current = await deps.db.selectFrom('bookings').selectAll().where('id', '=', bookingId).where('shop_id', '=', shopId).executeTakeFirst()
  if (!current) throw bookingNotFound()
  if (current.status !== 'confirmed' || current.starts_at <= now.toISOString()) throw new AppError('conflict', 'bookings.booking_not_movable', 'only a booking still to come can be moved')
  const service = { ...(await getBookableService(deps.db, current.variant_id)), noticeMinutes: 0 }
  const shop = await getShop(deps.db, shopId)
  const start = Date.parse(to.startsAt)
  if (!Number.isFinite(start)) throw invalid('bookings.time_not_offered', 'startsAt', 'choose a time the person works and is free')
  const startsAt = new Date(start).toISOString()
  const day = [toZoned(new Date(start), shop.timeZone).date]
  const offered = (await freeTimesOnDates(deps.db, service, shop, day, to.resourceId, now, { ignoreBookingId: bookingId })).find((t) => t.startsAt === startsAt)
  if (!offered) throw invalid('bookings.time_not_offered', 'startsAt', 'choose a time the person works and is free')
  const resourceName = (await listResources(deps.db, shopId)).find((r) => r.id === to.resourceId)?.name ?? ''
  const cells = occupiedCells(start, Date.parse(offered.endsAt), service)
  const cancelToken = newSecretToken()
  const cancellableUntil = new Date(start - service.cancelHoursBefore * 3_600_000).toISOString()
  const movedAt = now.toISOString()
  const row = await writeTransaction(deps.db, async (trx) => {
    const moved = await trx
      .updateTable('bookings')
      .set({ starts_at: startsAt, ends_at: offered.endsAt, resource_id: to.resourceId, resource_name: resourceName, cancel_token_hash: hashSecretToken(cancelToken), cancellable_until: cancellableUntil })
      .where('id', '=', bookingId)
      .where('shop_id', '=', shopId)
      .where('status', '=', 'confirmed')
      .where('starts_at', '=', current.starts_at)
      .executeTakeFirst()
    // Cancelled or moved by someone else since it was read: nothing is changed.
    if (moved.numUpdatedRows === 0n) throw new AppError('conflict', 'bookings.booking_not_movable', 'this booking changed meanwhile: look at it again')
    await trx.deleteFrom('booking_cells').where('booking_id', '=', bookingId).execute()
    const written = await trx
      .insertInto('booking_cells')
      .values(cells.map((cell) => ({ resource_id: to.resourceId, cell_start: cell, booking_id: bookingId })))
      .onConflict((oc) => oc.columns(['resource_id', 'cell_start']).doNothing())
      .executeTakeFirst()
    if (Number(written.numInsertedOrUpdatedRows ?? 0n) !== cells.length) throw timeTaken()
    // A reminder not sent yet carries the old secret (and maybe the old time): it goes, the new one replaces it.
    await trx.deleteFrom('outbox').where('topic', '=', 'booking.reminder').where('key', 'like', `${bookingId}@%`).where('done_at', 'is', null).execute()
    if (current.contact_email) {
      // Keys name the move as well as the start: a booking moved back to a time it had is told again.
      const key = reminderKey(bookingId, startsAt, movedAt)
      await enqueue(trx, { topic: 'booking.moved', key, shopId, payload: { cancelToken, from: current.starts_at, movedAt } }, movedAt)
      const remindAt = current.wants_reminder === 1 ? reminderTime(new Date(start), now, shop.timeZone, new Date(cancellableUntil)) : undefined
      if (remindAt) await enqueue(trx, { topic: 'booking.reminder', key, shopId, payload: { cancelToken }, notBefore: remindAt.toISOString() }, movedAt)
    }
    return trx.selectFrom('bookings').selectAll().where('id', '=', bookingId).executeTakeFirstOrThrow()
  })
  return toBooking(row)
}
