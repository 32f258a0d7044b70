import type { Db } from '../../db/index.js'
import type { FieldProblem } from '../../lib/app-error.js'
import { isWellFormedId, newId, type ShopId } from '../../lib/ids.js'
import { parseInstant } from '../../lib/zoned-time.js'
import { checkWeeklyHours, type OpeningRange } from '../shops/index.js'
import {
  absenceNotFound,
  invalidAbsence,
  invalidHours,
  invalidResource,
  resourceNotFound,
  tooManyResources,
} from './errors.js'
import { checkSeatRange } from './party.js'
import {
  RESOURCE_KINDS,
  type Absence,
  type Booking,
  type Resource,
  type ResourceKind,
  type SeatRange,
} from './types.js'
import type { BookingsDeps } from './deps.js'

const MAX_RESOURCES = 200

/** What a shop says of a resource; `seats` makes it a table. */
export interface ResourceInput {
  name: string
  kind: ResourceKind
  seats?: SeatRange | undefined
}

function checkResourceInput(input: {
  name: string
  kind: string
  seats?: SeatRange | undefined
}): FieldProblem[] {
  const problems: FieldProblem[] = []
  const name = input.name.trim()
  if (name.length < 1) problems.push({ field: 'name', code: 'required' })
  else if (name.length > 80) problems.push({ field: 'name', code: 'too_long' })
  if (!(RESOURCE_KINDS as readonly string[]).includes(input.kind))
    problems.push({ field: 'kind', code: 'invalid_resource_kind' })
  if (input.seats) problems.push(...checkSeatRange(input.seats))
  return problems
}

/** A shop adds a staff member, a resource or a table (a resource with seats). Throws bookings.invalid_resource. */
export async function createResource(
  deps: BookingsDeps,
  shopId: ShopId,
  input: ResourceInput,
): Promise<Resource> {
  const problems = checkResourceInput(input)
  if (problems.length > 0) throw invalidResource(problems)
  const count = await deps.db
    .selectFrom('booking_resources')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('shop_id', '=', shopId)
    .executeTakeFirstOrThrow()
  if (Number(count.n) >= MAX_RESOURCES) throw tooManyResources(MAX_RESOURCES)
  const row = {
    id: newId(),
    shop_id: shopId,
    name: input.name.trim(),
    kind: input.kind,
    active: 1,
    created_at: deps.clock.now().toISOString(),
    ...seatColumns(input.seats),
  }
  await deps.db.insertInto('booking_resources').values(row).execute()
  return {
    id: row.id,
    shopId,
    name: row.name,
    kind: input.kind,
    active: true,
    hours: [],
    seats: input.seats && { ...input.seats },
  }
}

/** The shop's resources by name, with their own hours. */
export async function listResources(db: Db, shopId: ShopId): Promise<Resource[]> {
  const rows = await db
    .selectFrom('booking_resources')
    .selectAll()
    .where('shop_id', '=', shopId)
    .orderBy('name')
    .orderBy('id')
    .execute()
  if (rows.length === 0) return []
  const hours = await db
    .selectFrom('resource_hours')
    .selectAll()
    .where(
      'resource_id',
      'in',
      rows.map((r) => r.id),
    )
    .orderBy('weekday')
    .orderBy('opens_minute')
    .execute()
  return rows.map((r) => ({
    id: r.id,
    shopId: r.shop_id as ShopId,
    name: r.name,
    kind: r.kind as ResourceKind,
    active: r.active === 1,
    hours: hours
      .filter((h) => h.resource_id === r.id)
      .map((h) => ({ weekday: h.weekday, opensMinute: h.opens_minute, closesMinute: h.closes_minute })),
    seats: r.seats_min !== null && r.seats_max !== null ? { min: r.seats_min, max: r.seats_max } : undefined,
  }))
}

const seatColumns = (seats: SeatRange | undefined) => ({
  seats_min: seats?.min ?? null,
  seats_max: seats?.max ?? null,
})

/** The resource, if it is this shop's (another shop's is answered like an unknown one). Throws bookings.resource_not_found. */
export async function getResource(db: Db, shopId: ShopId, resourceId: string): Promise<Resource> {
  const found = isWellFormedId(resourceId)
    ? (await listResources(db, shopId)).find((r) => r.id === resourceId)
    : undefined
  if (!found) throw resourceNotFound()
  return found
}

/** Whether the booking is at a restaurant's table: then it is named by its party, not by the table (the shop places people as it sees fit). */
export async function isTableBooking(
  db: Db,
  booking: Pick<Booking, 'shopId' | 'resourceId'>,
): Promise<boolean> {
  return (await getResource(db, booking.shopId, booking.resourceId)).seats !== undefined
}

/**
 * Replaces a resource's own weekly hours (within them and the shop's, it can be booked); an empty week: it
 * works the shop's opening hours. Throws bookings.invalid_hours or bookings.resource_not_found.
 */
export async function setResourceHours(
  deps: BookingsDeps,
  shopId: ShopId,
  resourceId: string,
  ranges: readonly OpeningRange[],
): Promise<void> {
  const problems = checkWeeklyHours(ranges)
  if (problems.length > 0) throw invalidHours(problems)
  await getResource(deps.db, shopId, resourceId)
  await deps.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('resource_hours').where('resource_id', '=', resourceId).execute()
    if (ranges.length > 0) {
      await trx
        .insertInto('resource_hours')
        .values(
          ranges.map((r) => ({
            resource_id: resourceId,
            weekday: r.weekday,
            opens_minute: r.opensMinute,
            closes_minute: r.closesMinute,
          })),
        )
        .execute()
    }
  })
}

/**
 * A time the resource is away (holiday, training): no free time falls in it. Bookings already there stay; the
 * shop moves or cancels them. Throws bookings.invalid_absence or bookings.resource_not_found.
 */
export async function addAbsence(
  deps: BookingsDeps,
  shopId: ShopId,
  resourceId: string,
  input: { startsAt: string; endsAt: string; reason: string },
): Promise<Absence> {
  const starts = parseInstant(input.startsAt) ?? NaN
  const ends = parseInstant(input.endsAt) ?? NaN
  const problems: FieldProblem[] = []
  if (!Number.isFinite(starts)) problems.push({ field: 'startsAt', code: 'invalid_date' })
  if (!Number.isFinite(ends)) problems.push({ field: 'endsAt', code: 'invalid_date' })
  else if (Number.isFinite(starts) && ends <= starts)
    problems.push({ field: 'endsAt', code: 'ends_before_start' })
  if (input.reason.length > 200) problems.push({ field: 'reason', code: 'too_long' })
  if (problems.length > 0) throw invalidAbsence(problems)
  await getResource(deps.db, shopId, resourceId)
  const row = {
    id: newId(),
    resource_id: resourceId,
    starts_at: new Date(starts).toISOString(),
    ends_at: new Date(ends).toISOString(),
    reason: input.reason.trim(),
  }
  await deps.db.insertInto('resource_absences').values(row).execute()
  return { id: row.id, resourceId, startsAt: row.starts_at, endsAt: row.ends_at, reason: row.reason }
}

/**
 * Renames a resource, changes its kind or its seats, or pauses it: a paused resource is offered no free time, and
 * its bookings stay (they keep the name they were made with). Throws bookings.invalid_resource or
 * bookings.resource_not_found (another shop's resource too).
 */
export async function updateResource(
  deps: BookingsDeps,
  shopId: ShopId,
  resourceId: string,
  input: ResourceInput & { active: boolean },
): Promise<Resource> {
  const problems = checkResourceInput(input)
  if (problems.length > 0) throw invalidResource(problems)
  if (!isWellFormedId(resourceId)) throw resourceNotFound()
  const result = await deps.db
    .updateTable('booking_resources')
    .set({
      name: input.name.trim(),
      kind: input.kind,
      active: input.active ? 1 : 0,
      ...seatColumns(input.seats),
    })
    .where('id', '=', resourceId)
    .where('shop_id', '=', shopId)
    .executeTakeFirst()
  if (result.numUpdatedRows === 0n) throw resourceNotFound()
  return getResource(deps.db, shopId, resourceId)
}

/** At most this many absences in one listing: a year of days off fits. */
const MAX_ABSENCES_LISTED = 400

/**
 * A resource's absences that end after `endingAfter` (ISO): the ones still to come or under way, by start.
 * Another shop's resource has none.
 */
export async function listAbsences(
  db: Db,
  shopId: ShopId,
  resourceId: string,
  options: { endingAfter: string },
): Promise<Absence[]> {
  if (!isWellFormedId(resourceId)) return []
  const rows = await db
    .selectFrom('resource_absences')
    .innerJoin('booking_resources', 'booking_resources.id', 'resource_absences.resource_id')
    .select([
      'resource_absences.id',
      'resource_absences.resource_id',
      'resource_absences.starts_at',
      'resource_absences.ends_at',
      'resource_absences.reason',
    ])
    .where('booking_resources.shop_id', '=', shopId)
    .where('resource_absences.resource_id', '=', resourceId)
    .where('resource_absences.ends_at', '>', options.endingAfter)
    .orderBy('resource_absences.starts_at')
    .orderBy('resource_absences.id')
    .limit(MAX_ABSENCES_LISTED)
    .execute()
  return rows.map((r) => ({
    id: r.id,
    resourceId: r.resource_id,
    startsAt: r.starts_at,
    endsAt: r.ends_at,
    reason: r.reason,
  }))
}

/**
 * Removes an absence: its time can be booked again. Throws bookings.absence_not_found, for an unknown absence
 * and for another shop's alike.
 */
export async function removeAbsence(deps: BookingsDeps, shopId: ShopId, absenceId: string): Promise<void> {
  const result = isWellFormedId(absenceId)
    ? await deps.db
        .deleteFrom('resource_absences')
        .where('id', '=', absenceId)
        // The shop is named through the resource: an absence row carries no shop_id of its own.
        .where(
          'resource_id',
          'in',
          deps.db.selectFrom('booking_resources').select('id').where('shop_id', '=', shopId),
        )
        .executeTakeFirst()
    : undefined
  if (!result || result.numDeletedRows === 0n) throw absenceNotFound()
}
