import type { Db } from '../../db/index.js'
import { writeTransaction } from '../../db/group-commit.js'
import { enqueue } from '../../db/outbox.js'
import { AppError } from '../../lib/app-error.js'
import type { ShopId } from '../../lib/ids.js'
import { hashSecretToken, newSecretToken } from '../../lib/secret-token.js'
import { addDays, isValidLocalDate, parseInstant, toZoned } from '../../lib/zoned-time.js'
import { getShop, type Shop } from '../shops/index.js'
import { dropPendingReminder } from './book.js'
import { bookingOfLink, toBooking } from './find-bookings.js'
import {
  bookingNotFound,
  bookingNotMovable,
  groupMovesByPhone,
  invalidPeriod,
  timeNotOffered,
  timeTaken,
  tooLateToChange,
} from './errors.js'
import {
  bookableServiceOf,
  freeTimesOnDates,
  MAX_FREE_TIME_DAYS,
  type FreeTimesRequest,
} from './free-times.js'
import { reminderKey, reminderTime } from './reminders.js'
import { listResources } from './resources.js'
import { checkNotBookedElsewhere } from './elsewhere.js'
import { asTheShopBooks, isRequest } from './party.js'
import { occupiedCells } from './rules.js'
import { getBookableService } from './services.js'
import type { BookableService, Booking, FreeTime } from './types.js'
import type { BookingsDeps } from './deps.js'

/**
 * The shop moves a confirmed booking to another time (and person), free then as if the booking were not there.
 * In one transaction its old cells are freed and its new ones written (a cell taken meanwhile rolls it all back),
 * and the resident is told once, with a new cancel link (the old secret was only ever sent, never kept) and an
 * updated calendar entry; the reminder follows the new time. Throws bookings.booking_not_found (another shop's
 * too), bookings.booking_not_movable (cancelled or past), bookings.time_not_offered or bookings.time_taken.
 */
export async function moveBooking(
  deps: BookingsDeps,
  shopId: ShopId,
  bookingId: string,
  to: { startsAt: string; resourceId: string },
): Promise<Booking> {
  const now = deps.clock.now()
  const current = await deps.db
    .selectFrom('bookings')
    .selectAll()
    .where('id', '=', bookingId)
    .where('shop_id', '=', shopId)
    .executeTakeFirst()
  if (!current) throw bookingNotFound()
  if (current.status !== 'confirmed' || current.starts_at <= now.toISOString())
    throw bookingNotMovable('only a booking still to come can be moved')
  const service = asTheShopBooks(await getBookableService(deps.db, current.variant_id))
  const shop = await getShop(deps.db, shopId)
  const start = parseInstant(to.startsAt)
  if (start === undefined) throw timeNotOffered('shop')
  const startsAt = new Date(start).toISOString()
  const day = [toZoned(new Date(start), shop.timeZone).date]
  const offered = (
    await freeTimesOnDates(deps.db, service, shop, day, to.resourceId, now, {
      ignoreBookingId: bookingId,
      partySize: current.party_size,
    })
  ).find((t) => t.startsAt === startsAt)
  if (!offered) throw timeNotOffered('shop')
  const moved = await relocate(
    deps,
    { booking: toBooking(current), tokenHash: current.cancel_token_hash },
    service,
    shop,
    { startsAt, endsAt: offered.endsAt, resourceIds: [to.resourceId] },
    'shop',
  )
  return moved.booking
}

/**
 * The resident moves their booking by the link in its messages (UX-15), until the same deadline as cancelling
 * online: to another free time of the same service, as residents book it (the online notice and the horizon
 * apply), free then as if the booking were not there; `resourceId` undefined means anyone free then (their own
 * person first, then in the service's order). Moving to where it already is changes nothing. Otherwise the old
 * secret stops working: the answer carries the new one, which the "moved" message sends as well. Throws
 * bookings.booking_not_found (unknown booking or wrong secret, including one replaced by a move),
 * bookings.booking_not_movable (cancelled, or moved meanwhile), bookings.too_late_to_change,
 * bookings.group_moves_by_phone (a group the restaurant agreed to),
 * bookings.service_not_bookable (the shop no longer takes it online), bookings.resource_not_found,
 * bookings.booked_elsewhere (UX-17),
 * bookings.time_not_offered or bookings.time_taken (field startsAt).
 */
export async function moveBookingByLink(
  deps: BookingsDeps,
  bookingId: string,
  token: string,
  to: { startsAt: string; resourceId?: string | undefined },
): Promise<{ booking: Booking; cancelToken: string }> {
  const now = deps.clock.now()
  const { booking, service } = await bookingToChange(deps.db, bookingId, token, now)
  const shop = await getShop(deps.db, booking.shopId)
  const start = parseInstant(to.startsAt)
  if (start === undefined) throw timeNotOffered()
  const startsAt = new Date(start).toISOString()
  if (startsAt === booking.startsAt && (to.resourceId === undefined || to.resourceId === booking.resourceId))
    return { booking, cancelToken: token }
  const day = [toZoned(new Date(start), shop.timeZone).date]
  const offered = (
    await freeTimesOnDates(deps.db, service, shop, day, to.resourceId, now, {
      ignoreBookingId: booking.id,
      partySize: booking.partySize,
    })
  ).find((t) => t.startsAt === startsAt)
  if (!offered) {
    // A time offered were it not booked is "taken"; one never offered (closed, too soon, too far, off the step) is not.
    const wouldBe = (
      await freeTimesOnDates(deps.db, service, shop, day, to.resourceId, now, {
        ignoreBookings: true,
        partySize: booking.partySize,
      })
    ).some((t) => t.startsAt === startsAt)
    throw wouldBe ? timeTaken() : timeNotOffered()
  }
  await checkNotBookedElsewhere(
    deps.db,
    shop,
    { userId: booking.userId, email: booking.contact.email },
    { startsAt, endsAt: offered.endsAt },
  )
  // The secret matched the stored hash, so its hash is the one the booking holds now.
  const current = { booking, tokenHash: hashSecretToken(token) }
  return relocate(
    deps,
    current,
    service,
    shop,
    { startsAt, endsAt: offered.endsAt, resourceIds: preferred(service, booking, offered.resourceIds) },
    'resident',
  )
}

/**
 * The free times the link's booking may move to, day by day from `request.from` (today when absent), as
 * residents book them (notice, horizon) but as if the booking were not there, so its own time does not block the
 * times next to it; for "anyone", the resident's own person comes first at each time. Throws what
 * moveBookingByLink throws before a time is chosen, and bookings.invalid_period.
 */
export async function listFreeTimesByLink(
  db: Db,
  bookingId: string,
  token: string,
  request: FreeTimesRequest,
  now: Date,
): Promise<{ booking: Booking; times: FreeTime[] }> {
  const { booking, service } = await bookingToChange(db, bookingId, token, now)
  const shop = await getShop(db, booking.shopId)
  const from = request.from ?? toZoned(now, shop.timeZone).date
  if (
    !isValidLocalDate(from) ||
    !Number.isInteger(request.days) ||
    request.days < 1 ||
    request.days > MAX_FREE_TIME_DAYS
  ) {
    throw invalidPeriod(isValidLocalDate(from) ? 'days' : 'from', MAX_FREE_TIME_DAYS)
  }
  const dates = Array.from({ length: request.days }, (_, i) => addDays(from, i))
  const times = await freeTimesOnDates(db, service, shop, dates, request.resourceId, now, {
    ignoreBookingId: booking.id,
    partySize: booking.partySize,
  })
  return {
    booking,
    times: times.map((t) => ({ ...t, resourceIds: preferred(service, booking, t.resourceIds) })),
  }
}

/**
 * The link's booking and its service, if it may still be changed online: confirmed, the cancellation deadline not
 * passed, and not a group the restaurant had to agree to (a size it takes on request or only by phone): moving
 * that online would skip the restaurant's say, so the group calls.
 */
async function bookingToChange(
  db: Db,
  bookingId: string,
  token: string,
  now: Date,
): Promise<{ booking: Booking; service: BookableService }> {
  const booking = await bookingOfLink(db, bookingId, token)
  if (booking.status !== 'confirmed') throw bookingNotMovable('only a confirmed booking can be moved')
  if (now.toISOString() > booking.cancellableUntil) throw tooLateToChange(booking.cancellableUntil)
  const service = await bookableServiceOf(db, booking.shopId, booking.variantId)
  if (
    service.party &&
    (isRequest(service.party, booking.partySize) || booking.partySize > service.party.maxParty)
  )
    throw groupMovesByPhone()
  return { booking, service }
}

/**
 * Who the moved booking is given to, in order: "anyone" keeps the resident's person when free then; a party takes
 * the smallest table that seats it, as when booking (the table it had may have been the only one left).
 */
const preferred = (service: BookableService, booking: Booking, resourceIds: readonly string[]) =>
  service.party || !resourceIds.includes(booking.resourceId)
    ? [...resourceIds]
    : [booking.resourceId, ...resourceIds.filter((id) => id !== booking.resourceId)]

/**
 * Writes a move both paths have checked against the free times: for each resource in turn (the first whose cells
 * are all free wins), one transaction changes the booking (only if it is still confirmed and still holds the
 * secret it was read with: a move or a cancellation meanwhile leaves it alone), frees its old cells, writes the new
 * ones (a cell taken rolls it all back), and replaces the pending reminder and the secret; the resident is told
 * once. Returns the moved booking and the new secret.
 */
async function relocate(
  deps: BookingsDeps,
  current: { booking: Booking; tokenHash: string },
  service: BookableService,
  shop: Shop,
  to: { startsAt: string; endsAt: string; resourceIds: readonly string[] },
  by: 'shop' | 'resident',
): Promise<{ booking: Booking; cancelToken: string }> {
  const { booking } = current
  const now = deps.clock.now()
  const movedAt = now.toISOString()
  const start = Date.parse(to.startsAt)
  const cells = occupiedCells(start, Date.parse(to.endsAt), service)
  const cancellableUntil = new Date(start - service.cancelHoursBefore * 3_600_000).toISOString()
  const names = new Map((await listResources(deps.db, booking.shopId)).map((r) => [r.id, r.name]))
  for (const resourceId of to.resourceIds) {
    const cancelToken = newSecretToken()
    try {
      const row = await writeTransaction(deps.db, async (trx) => {
        const moved = await trx
          .updateTable('bookings')
          .set({
            starts_at: to.startsAt,
            ends_at: to.endsAt,
            resource_id: resourceId,
            resource_name: names.get(resourceId) ?? '',
            cancel_token_hash: hashSecretToken(cancelToken),
            cancellable_until: cancellableUntil,
          })
          .where('id', '=', booking.id)
          .where('shop_id', '=', booking.shopId)
          .where('status', '=', 'confirmed')
          .where('cancel_token_hash', '=', current.tokenHash)
          .executeTakeFirst()
        // Cancelled or moved by someone else since it was read (every move draws a new secret): nothing is changed.
        if (moved.numUpdatedRows === 0n)
          throw bookingNotMovable('this booking changed meanwhile: look at it again')
        await trx.deleteFrom('booking_cells').where('booking_id', '=', booking.id).execute()
        const written = await trx
          .insertInto('booking_cells')
          .values(
            cells.map((cell) => ({ resource_id: resourceId, cell_start: cell, booking_id: booking.id })),
          )
          .onConflict((oc) => oc.columns(['resource_id', 'cell_start']).doNothing())
          .executeTakeFirst()
        if (Number(written.numInsertedOrUpdatedRows ?? 0n) !== cells.length) throw timeTaken()
        // The new secret and time get a reminder of their own, below.
        await dropPendingReminder(trx, booking.id)
        if (booking.contact.email) {
          // Keys name the move as well as the start: a booking moved back to a time it had is told again.
          const key = reminderKey(booking.id, to.startsAt, movedAt)
          await enqueue(
            trx,
            {
              topic: 'booking.moved',
              key,
              shopId: booking.shopId,
              payload: { cancelToken, from: booking.startsAt, movedAt, by },
            },
            movedAt,
          )
          const remindAt = booking.wantsReminder
            ? reminderTime(new Date(start), now, shop.timeZone, new Date(cancellableUntil))
            : undefined
          if (remindAt)
            await enqueue(
              trx,
              {
                topic: 'booking.reminder',
                key,
                shopId: booking.shopId,
                payload: { cancelToken },
                notBefore: remindAt.toISOString(),
              },
              movedAt,
            )
        }
        return trx.selectFrom('bookings').selectAll().where('id', '=', booking.id).executeTakeFirstOrThrow()
      })
      return { booking: toBooking(row), cancelToken }
    } catch (error) {
      // This person's time was just taken: "anyone" tries the next one free then.
      if (!(error instanceof AppError && error.code === 'bookings.time_taken')) throw error
    }
  }
  throw timeTaken()
}
