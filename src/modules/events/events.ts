import type { Selectable } from 'kysely'
import type { Db, Trx } from '../../db/index.js'
import type { BookingEventsTable } from '../../db/schema/events.js'
import { writeTransaction } from '../../db/group-commit.js'
import { enqueue } from '../../db/outbox.js'
import type { FieldProblem } from '../../lib/app-error.js'
import { isWellFormedId, newId, type ShopId } from '../../lib/ids.js'
import { parseInstant } from '../../lib/zoned-time.js'
import type { EventsDeps } from './deps.js'
import { eventNotFound, invalidEvent } from './errors.js'
import { TOWN, type BookingEvent, type EventInput, type EventOwner } from './types.js'

export const EVENT_LIMITS = {
  titleLength: 120,
  descriptionLength: 4_000,
  placeLength: 200,
  capacity: 5_000,
  seatsPerPerson: 20,
  priceCents: 100_000,
  offerHours: { min: 1, max: 72 },
  // UX-16: a cancellation cut-off from 1 hour to 2 weeks.
  cancelHoursBefore: { min: 1, max: 336 },
  durationDays: 7,
  aheadDays: 400,
} as const

const isWholeIn = (value: number, min: number, max: number) =>
  Number.isInteger(value) && value >= min && value <= max

/** Every problem of an event's settings at once, by field. A town event has no shop address: its place is required. */
function checkEventInput(
  input: EventInput,
  now: Date,
  options: { placeRequired?: boolean } = {},
): FieldProblem[] {
  const problems: FieldProblem[] = []
  const text = (field: 'title' | 'description' | 'place', max: number, required: boolean) => {
    const value = input[field].trim()
    if (required && !value) problems.push({ field, code: 'required' })
    else if (value.length > max) problems.push({ field, code: 'too_long' })
  }
  text('title', EVENT_LIMITS.titleLength, true)
  text('description', EVENT_LIMITS.descriptionLength, false)
  text('place', EVENT_LIMITS.placeLength, options.placeRequired ?? false)
  const starts = parseInstant(input.startsAt) ?? NaN
  const ends = parseInstant(input.endsAt) ?? NaN
  if (!Number.isFinite(starts)) problems.push({ field: 'startsAt', code: 'invalid_date' })
  else if (starts <= now.getTime()) problems.push({ field: 'startsAt', code: 'in_the_past' })
  else if (starts > now.getTime() + EVENT_LIMITS.aheadDays * 86_400_000)
    problems.push({ field: 'startsAt', code: 'too_far_ahead' })
  if (!Number.isFinite(ends)) problems.push({ field: 'endsAt', code: 'invalid_date' })
  else if (Number.isFinite(starts) && ends <= starts)
    problems.push({ field: 'endsAt', code: 'ends_before_start' })
  else if (Number.isFinite(starts) && ends - starts > EVENT_LIMITS.durationDays * 86_400_000)
    problems.push({ field: 'endsAt', code: 'too_long' })
  if (!isWholeIn(input.capacity, 1, EVENT_LIMITS.capacity))
    problems.push({ field: 'capacity', code: 'out_of_range' })
  if (!isWholeIn(input.seatsPerPerson, 1, EVENT_LIMITS.seatsPerPerson))
    problems.push({ field: 'seatsPerPerson', code: 'out_of_range' })
  else if (Number.isInteger(input.capacity) && input.seatsPerPerson > input.capacity)
    problems.push({ field: 'seatsPerPerson', code: 'above_capacity' })
  if (!isWholeIn(input.priceCents, 0, EVENT_LIMITS.priceCents))
    problems.push({ field: 'priceCents', code: 'out_of_range' })
  if (!isWholeIn(input.offerHours, EVENT_LIMITS.offerHours.min, EVENT_LIMITS.offerHours.max))
    problems.push({ field: 'offerHours', code: 'out_of_range' })
  if (
    !isWholeIn(
      input.cancelHoursBefore,
      EVENT_LIMITS.cancelHoursBefore.min,
      EVENT_LIMITS.cancelHoursBefore.max,
    )
  )
    problems.push({ field: 'cancelHoursBefore', code: 'out_of_range' })
  return problems
}

/** A shop schedules an event with seats. Throws bookings.invalid_event with every problem by field. */
export async function scheduleEvent(
  deps: EventsDeps,
  shopId: ShopId,
  input: EventInput,
): Promise<BookingEvent> {
  return insertEvent(deps, shopId, input)
}

/**
 * The town's coordinator schedules a town event: no shop, the same seats, waitlist and offers; its place is
 * required (there is no shop address to give). Throws bookings.invalid_event with every problem by field. The
 * caller checks the coordinator role.
 */
export async function scheduleTownEvent(deps: EventsDeps, input: EventInput): Promise<BookingEvent> {
  return insertEvent(deps, TOWN, input)
}

async function insertEvent(deps: EventsDeps, owner: EventOwner, input: EventInput): Promise<BookingEvent> {
  const now = deps.clock.now()
  const problems = checkEventInput(input, now, { placeRequired: owner === TOWN })
  if (problems.length > 0) throw invalidEvent(problems)
  const row: Selectable<BookingEventsTable> = {
    id: newId(),
    shop_id: owner === TOWN ? null : owner,
    title: input.title.trim(),
    description: input.description.trim(),
    place: input.place.trim(),
    starts_at: new Date(input.startsAt).toISOString(),
    ends_at: new Date(input.endsAt).toISOString(),
    capacity: input.capacity,
    seats_per_person: input.seatsPerPerson,
    price_cents: input.priceCents,
    offer_hours: input.offerHours,
    cancel_hours_before: input.cancelHoursBefore,
    seats_taken: 0,
    waiting_count: 0,
    arrival_sequence: 0,
    status: 'scheduled',
    created_at: now.toISOString(),
  }
  await deps.db.insertInto('booking_events').values(row).execute()
  return toEvent(row)
}

/** `shop_id` of an owner's rows: null for the town's. */
export const shopIdOf = (owner: EventOwner): ShopId | null => (owner === TOWN ? null : owner)

/**
 * An event by id; with an owner, only that owner's (another shop's event, a town event for a shop, or a shop's
 * event for the town answer not found). Throws bookings.event_not_found.
 */
export async function getEvent(db: Db, eventId: string, owner?: EventOwner): Promise<BookingEvent> {
  let query = db
    .selectFrom('booking_events')
    .selectAll()
    .where('id', '=', isWellFormedId(eventId) ? eventId : '')
  if (owner) query = query.where('shop_id', owner === TOWN ? 'is' : '=', shopIdOf(owner))
  const row = await query.executeTakeFirst()
  if (!row) throw eventNotFound()
  return toEvent(row)
}

/** A shop's events ending after `after`, soonest first; cancelled ones only for the shop's own lists. */
export async function listShopEvents(
  db: Db,
  shopId: ShopId,
  after: Date,
  options: { withCancelled?: boolean } = {},
): Promise<BookingEvent[]> {
  let query = db
    .selectFrom('booking_events')
    .selectAll()
    .where('shop_id', '=', shopId)
    .where('ends_at', '>', after.toISOString())
  if (!options.withCancelled) query = query.where('status', '=', 'scheduled')
  return (await query.orderBy('starts_at').orderBy('id').limit(200).execute()).map(toEvent)
}

/** Every event in town residents can still join, the shops' and the town's, soonest first (at most 200): what's on. */
export async function listComingEvents(db: Db, after: Date): Promise<BookingEvent[]> {
  const rows = await db
    .selectFrom('booking_events')
    .selectAll()
    .where('status', '=', 'scheduled')
    .where('starts_at', '>', after.toISOString())
    .orderBy('starts_at')
    .orderBy('id')
    .limit(200)
    .execute()
  return rows.map(toEvent)
}

/**
 * The town's events ending after `after` (with `notStarted`, starting after it: those residents can still join),
 * soonest first, at most `limit`; cancelled ones only for the coordinator's lists.
 */
export async function listTownEvents(
  db: Db,
  after: Date,
  options: { withCancelled?: boolean; notStarted?: boolean; limit?: number } = {},
): Promise<BookingEvent[]> {
  let query = db
    .selectFrom('booking_events')
    .selectAll()
    .where('shop_id', 'is', null)
    .where(options.notStarted ? 'starts_at' : 'ends_at', '>', after.toISOString())
  if (!options.withCancelled) query = query.where('status', '=', 'scheduled')
  return (
    await query
      .orderBy('starts_at')
      .orderBy('id')
      .limit(Math.min(options.limit ?? 200, 200))
      .execute()
  ).map(toEvent)
}

/**
 * The organiser (the shop, or `TOWN` for the coordinator) calls the event off: every live registration is
 * cancelled and told, in the same transaction, and nobody can register any more. Cancelling twice answers the
 * same. Throws bookings.event_not_found (also for another owner's event).
 */
export async function cancelEvent(
  deps: EventsDeps,
  owner: EventOwner,
  eventId: string,
): Promise<BookingEvent> {
  const at = deps.clock.now().toISOString()
  await getEvent(deps.db, eventId, owner)
  const shopId = shopIdOf(owner)
  const row = await writeTransaction(deps.db, async (trx) => {
    const moved = await trx
      .updateTable('booking_events')
      .set({ status: 'cancelled', seats_taken: 0, waiting_count: 0 })
      .where('id', '=', eventId)
      .where('shop_id', owner === TOWN ? 'is' : '=', shopId)
      .where('status', '=', 'scheduled')
      .executeTakeFirst()
    if (moved.numUpdatedRows > 0n) {
      const live = await trx
        .selectFrom('event_registrations')
        .select('id')
        .where('event_id', '=', eventId)
        .where('status', 'in', ['seated', 'waiting', 'offered'])
        .execute()
      await trx
        .updateTable('event_registrations')
        .set({ status: 'cancelled', updated_at: at })
        .where('event_id', '=', eventId)
        .where('status', 'in', ['seated', 'waiting', 'offered'])
        .execute()
      for (const r of live) {
        await enqueue(
          trx,
          {
            topic: 'event.registration_cancelled',
            key: r.id,
            shopId: shopId ?? undefined,
            payload: { by: 'event_cancelled' },
          },
          at,
        )
        await dropPendingEventReminder(trx, r.id)
      }
    }
    return trx.selectFrom('booking_events').selectAll().where('id', '=', eventId).executeTakeFirstOrThrow()
  })
  return toEvent(row)
}

/** A registration no longer seated keeps no reminder waiting in the outbox: it carries the link's secret. */
export async function dropPendingEventReminder(trx: Trx, registrationId: string): Promise<void> {
  await trx
    .deleteFrom('outbox')
    .where('topic', '=', 'event.reminder')
    .where('key', 'like', `${registrationId}@%`)
    .where('done_at', 'is', null)
    .execute()
}

/** Seats a newcomer could get now: none while anyone waits (those waiting come first). */
export const seatsLeft = (e: BookingEvent): number => (e.waitingCount > 0 ? 0 : e.capacity - e.seatsTaken)

function toEvent(row: Selectable<BookingEventsTable>): BookingEvent {
  return {
    id: row.id,
    shopId: (row.shop_id ?? undefined) as ShopId | undefined,
    title: row.title,
    description: row.description,
    place: row.place,
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    capacity: row.capacity,
    seatsPerPerson: row.seats_per_person,
    priceCents: row.price_cents,
    offerHours: row.offer_hours,
    cancelHoursBefore: row.cancel_hours_before,
    seatsTaken: row.seats_taken,
    waitingCount: row.waiting_count,
    status: row.status as BookingEvent['status'],
    createdAt: row.created_at,
  }
}
