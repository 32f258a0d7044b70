import type { Db } from '../../db/index.js'
import type { ShopId } from '../../lib/ids.js'
import { addDays, fromZoned, isValidLocalDate, toZoned, type LocalDate } from '../../lib/zoned-time.js'
import { getOpeningSchedule, getShop } from '../shops/index.js'
import { invalidPartySize, invalidPeriod, resourceNotFound, serviceNotBookable } from './errors.js'
import { checkPartySize, partyDuration, tablesFor } from './party.js'
import { listResources } from './resources.js'
import { freeTimesOn, MAX_BUFFER_MINUTES, type ResourceAgenda } from './rules.js'
import { getBookableService } from './services.js'
import type { BookableService, FreeTime } from './types.js'

/** At most this many days of free times in one answer. */
export const MAX_FREE_TIME_DAYS = 62

export interface FreeTimesRequest {
  /** The first day, on the shop's wall clock; today when absent. */
  from?: LocalDate | undefined
  days: number
  /** One resource, or any that performs the service. */
  resourceId?: string | undefined
  /** How many people, for a service booked by party (tables); otherwise absent. */
  partySize?: number | undefined
}

/**
 * The times a service can be booked, day by day from `from` (decision 006), with the resources free at each (for a
 * party, the tables it fits, smallest first). Throws bookings.service_not_bookable, bookings.invalid_period,
 * bookings.invalid_party_size or bookings.resource_not_found.
 */
export async function listFreeTimes(
  db: Db,
  shopId: ShopId,
  variantId: string,
  request: FreeTimesRequest,
  now: Date,
): Promise<FreeTime[]> {
  const service = await bookableServiceOf(db, shopId, variantId)
  const shop = await getShop(db, shopId)
  const from = request.from ?? toZoned(now, shop.timeZone).date
  if (
    !isValidLocalDate(from) ||
    !Number.isInteger(request.days) ||
    request.days < 1 ||
    request.days > MAX_FREE_TIME_DAYS
  ) {
    throw invalidPeriod(request.from && !isValidLocalDate(request.from) ? 'from' : 'days', MAX_FREE_TIME_DAYS)
  }
  const dates = Array.from({ length: request.days }, (_, i) => addDays(from, i))
  return freeTimesOnDates(db, service, shop, dates, request.resourceId, now, { partySize: request.partySize })
}

/** The service if it is this shop's and on sale. Throws bookings.service_not_bookable. */
export async function bookableServiceOf(db: Db, shopId: ShopId, variantId: string): Promise<BookableService> {
  const service = await getBookableService(db, variantId)
  if (service.shopId !== shopId || !service.onSale) throw serviceNotBookable()
  return service
}

/**
 * Free times of the service on these dates (consecutive, in order), for one resource or all of its resources;
 * for a service booked by party, `partySize` chooses the tables that seat it and how long it stays;
 * with `ignoreBookings`, the times it would offer if nothing were booked (to tell "taken" from "not offered");
 * with `ignoreBookingId`, as if that booking were not there (to move it).
 */
export async function freeTimesOnDates(
  db: Db,
  service: BookableService,
  shop: { id: ShopId; timeZone: string },
  dates: readonly LocalDate[],
  resourceId: string | undefined,
  now: Date,
  options: { ignoreBookings?: boolean; ignoreBookingId?: string; partySize?: number | undefined } = {},
): Promise<FreeTime[]> {
  const partySize = checkPartySize(service.party, options.partySize)
  const schedule = await getOpeningSchedule(db, shop, now)
  // In the service's order: "anyone" is given the first one free.
  const resources = (await listResources(db, shop.id))
    .filter((r) => r.active && service.resourceIds.includes(r.id))
    .sort((a, b) => service.resourceIds.indexOf(a.id) - service.resourceIds.indexOf(b.id))
  if (resourceId !== undefined && !resources.some((r) => r.id === resourceId))
    throw resourceNotFound('resourceId')
  // A party is given the smallest table that seats it: the large ones stay for large parties.
  const fitting = service.party ? tablesFor(resources, partySize) : resources
  const largest = Math.max(0, ...resources.map((r) => r.seats?.max ?? 0))
  if (service.party && resources.length > 0 && partySize > largest) {
    // The shop on the phone may take any size, but not one no table seats: say so rather than "no time". A smaller
    // party no table fits (all for 4 and more, or the small ones paused) simply has no time today.
    throw invalidPartySize(`no table seats ${partySize}: at most ${largest}`, largest)
  }
  const chosen = resourceId === undefined ? fitting : fitting.filter((r) => r.id === resourceId)
  if (chosen.length === 0 || dates.length === 0) return []
  // The window the dates cover, widened by the longest buffer: cells and absences just outside still count.
  const margin = MAX_BUFFER_MINUTES * 60_000
  const windowStart = new Date(fromZoned(dates[0]!, 0, shop.timeZone).getTime() - margin).toISOString()
  const windowEnd = new Date(
    fromZoned(addDays(dates[dates.length - 1]!, 1), 0, shop.timeZone).getTime() + margin,
  ).toISOString()
  const ids = chosen.map((r) => r.id)
  const [cells, absences] = await Promise.all([
    db
      .selectFrom('booking_cells')
      .select(['resource_id', 'cell_start', 'booking_id'])
      .where('resource_id', 'in', ids)
      .where('cell_start', '>=', windowStart)
      .where('cell_start', '<', windowEnd)
      .execute(),
    db
      .selectFrom('resource_absences')
      .select(['resource_id', 'starts_at', 'ends_at'])
      .where('resource_id', 'in', ids)
      .where('ends_at', '>', windowStart)
      .where('starts_at', '<', windowEnd)
      .execute(),
  ])
  const agendas: ResourceAgenda[] = chosen.map((r) => ({
    id: r.id,
    hours: r.hours,
    absences: absences
      .filter((a) => a.resource_id === r.id)
      .map((a) => ({ from: Date.parse(a.starts_at), until: Date.parse(a.ends_at) })),
    // A booking being moved does not stand in its own way.
    taken: new Set(
      options.ignoreBookings
        ? []
        : cells
            .filter((c) => c.resource_id === r.id && c.booking_id !== options.ignoreBookingId)
            .map((c) => Date.parse(c.cell_start)),
    ),
  }))
  const durationMinutes = service.party
    ? partyDuration(service.party, partySize, service.durationMinutes)
    : service.durationMinutes
  const query = {
    shopHours: schedule.hours,
    closures: schedule.closures,
    timeZone: shop.timeZone,
    durationMinutes,
    settings: service,
    resources: agendas,
    now,
  }
  return dates.flatMap((date) =>
    freeTimesOn(date, query).map((t) => ({
      startsAt: new Date(t.start).toISOString(),
      endsAt: new Date(t.end).toISOString(),
      resourceIds: t.resourceIds,
    })),
  )
}
