import { sql, type Selectable } from 'kysely'
import type { Db, Trx } from '../../db/index.js'
import type { EventRegistrationsTable } from '../../db/schema/events.js'
import { writeTransaction } from '../../db/group-commit.js'
import { enqueue } from '../../db/outbox.js'

import { checkContact, type ContactInput } from '../../lib/contact.js'
import { isWellFormedId, newId, type ShopId, type UserId } from '../../lib/ids.js'
import { hashSecretToken, newSecretToken, secretMatches } from '../../lib/secret-token.js'
import { reminderKey, reminderTime, tooLateToCancel } from '../bookings/index.js'
import type { EventsDeps } from './deps.js'
import {
  alreadyRegistered,
  eventClosed,
  eventNotFound,
  invalidRegistration,
  offerExpired,
  registrationNotFound,
} from './errors.js'
import { dropPendingEventReminder, getEvent, shopIdOf } from './events.js'
import { organiserOf } from './organiser.js'
import {
  TOWN,
  type BookingEvent,
  type EventOwner,
  type EventRegistration,
  type RegistrationStatus,
} from './types.js'

export interface RegisterInput {
  seats: number
  contact: ContactInput
  userId: UserId | undefined
  /** A reminder the day before once seated (UX-15); true when absent, like the form's box. */
  wantsReminder?: boolean | undefined
}

const LIVE: RegistrationStatus[] = ['seated', 'waiting', 'offered']

/**
 * Locks the event's row for the rest of the transaction and reads it fresh: every decision about its seats and
 * its waitlist is taken by one transaction at a time (PostgreSQL: the row lock; SQLite: writes take turns), in
 * the order they reached the row. Bumping the sequence is the write that takes the lock; it also numbers
 * arrivals.
 */
async function lockEvent(trx: Trx, eventId: string) {
  const row = await trx
    .updateTable('booking_events')
    .set({ arrival_sequence: sql<number>`arrival_sequence + 1` })
    .where('id', '=', isWellFormedId(eventId) ? eventId : '')
    .returningAll()
    .executeTakeFirst()
  if (!row) throw eventNotFound()
  return row
}

/**
 * A resident takes seats at an event (issue #5). Under the event's lock: if nobody is waiting and the seats are
 * free, they are seated; otherwise they join the waitlist at the next place (nobody passes those already
 * waiting). Returns the registration and its link's secret (shown once, sent by email). Throws
 * bookings.invalid_registration (seats, contact fields), bookings.event_not_found, bookings.event_closed
 * (cancelled or started) or bookings.already_registered (this email holds a live registration).
 */
export async function registerForEvent(
  deps: EventsDeps,
  eventId: string,
  input: RegisterInput,
): Promise<{ registration: EventRegistration; linkToken: string }> {
  const event = await getEvent(deps.db, eventId)
  const { timeZone } = await organiserOf(deps.db, event)
  const problems = checkContact(input.contact)
  if (!Number.isInteger(input.seats) || input.seats < 1 || input.seats > event.seatsPerPerson)
    problems.unshift({ field: 'seats', code: 'seats_out_of_range' })
  if (problems.length > 0) throw invalidRegistration(problems)
  const now = deps.clock.now().toISOString()
  const linkToken = newSecretToken()
  const email = input.contact.email.trim().toLowerCase()
  const row = await writeTransaction(deps.db, async (trx) => {
    const locked = await lockEvent(trx, eventId)
    if (locked.status !== 'scheduled' || locked.starts_at <= now) throw eventClosed()
    const already = await trx
      .selectFrom('event_registrations')
      .select('id')
      .where('event_id', '=', eventId)
      .where('contact_email', '=', email)
      .where('status', 'in', LIVE)
      .executeTakeFirst()
    if (already) throw alreadyRegistered()
    const seated = locked.waiting_count === 0 && locked.seats_taken + input.seats <= locked.capacity
    await trx
      .updateTable('booking_events')
      .set(
        seated
          ? { seats_taken: locked.seats_taken + input.seats }
          : { waiting_count: locked.waiting_count + 1 },
      )
      .where('id', '=', eventId)
      .execute()
    const registration: Selectable<EventRegistrationsTable> = {
      id: newId(),
      event_id: eventId,
      shop_id: locked.shop_id,
      user_id: input.userId ?? null,
      seats: input.seats,
      status: seated ? 'seated' : 'waiting',
      arrival: locked.arrival_sequence,
      offer_expires_at: null,
      contact_name: input.contact.name.trim(),
      contact_email: email,
      contact_phone: input.contact.phone.trim(),
      link_token_hash: hashSecretToken(linkToken),
      offer_token_hash: null,
      created_at: now,
      updated_at: now,
      wants_reminder: input.wantsReminder === false ? 0 : 1,
    }
    await trx.insertInto('event_registrations').values(registration).execute()
    // Seated or waiting, the resident is told once, with the link to see or cancel it.
    await enqueue(
      trx,
      {
        topic: 'event.registered',
        key: registration.id,
        shopId: locked.shop_id ?? undefined,
        payload: { linkToken, status: seated ? 'seated' : 'waiting' },
      },
      now,
    )
    if (seated) await enqueueEventReminder(trx, registration, event, timeZone, linkToken, now)
    return registration
  })
  return { registration: await withPlaceInLine(deps.db, row), linkToken }
}

/**
 * Gives freed seats to those waiting, first in line first, as offers kept for them `offer_hours` (never past the
 * start): stops at the first person whose party does not fit, so nobody is passed over. Runs under the event's
 * lock, after the seats were freed.
 */
async function offerFreedSeats(trx: Trx, eventId: string, now: string): Promise<void> {
  const event = await trx
    .selectFrom('booking_events')
    .selectAll()
    .where('id', '=', eventId)
    .executeTakeFirstOrThrow()
  if (event.status !== 'scheduled' || event.starts_at <= now) return
  let free = event.capacity - event.seats_taken
  let waiting = event.waiting_count
  const expiresAt = new Date(
    Math.min(Date.parse(now) + event.offer_hours * 3_600_000, Date.parse(event.starts_at)),
  ).toISOString()
  const line = await trx
    .selectFrom('event_registrations')
    .selectAll()
    .where('event_id', '=', eventId)
    .where('status', '=', 'waiting')
    .orderBy('arrival')
    .limit(50)
    .execute()
  for (const next of line) {
    if (next.seats > free) break
    const offerToken = newSecretToken()
    await trx
      .updateTable('event_registrations')
      .set({
        status: 'offered',
        offer_expires_at: expiresAt,
        offer_token_hash: hashSecretToken(offerToken),
        updated_at: now,
      })
      .where('id', '=', next.id)
      .execute()
    await enqueue(
      trx,
      {
        topic: 'event.seat_offered',
        key: next.id,
        shopId: event.shop_id ?? undefined,
        payload: { offerToken },
      },
      now,
    )
    // Not taken in time, the seats pass to the next person (the job checks it is still an open offer).
    await enqueue(
      trx,
      { topic: 'event.offer_due', key: next.id, shopId: event.shop_id ?? undefined, notBefore: expiresAt },
      now,
    )
    free -= next.seats
    waiting -= 1
  }
  await trx
    .updateTable('booking_events')
    .set({ seats_taken: event.capacity - free, waiting_count: waiting })
    .where('id', '=', eventId)
    .execute()
}

/** The registration a link names, if its secret is the registration's or its offer's; anything else: not found. */
export async function registrationOfLink(
  db: Db,
  registrationId: string,
  token: string,
): Promise<EventRegistration> {
  const row =
    isWellFormedId(registrationId) && token.length <= 100
      ? await db
          .selectFrom('event_registrations')
          .selectAll()
          .where('id', '=', registrationId)
          .executeTakeFirst()
      : undefined
  if (!row || !(secretMatches(token, row.link_token_hash) || secretMatches(token, row.offer_token_hash)))
    throw registrationNotFound()
  return withPlaceInLine(db, row)
}

/** A registration by id, for its messages. Throws bookings.registration_not_found. */
export async function getRegistration(db: Db, registrationId: string): Promise<EventRegistration> {
  const row = isWellFormedId(registrationId)
    ? await db
        .selectFrom('event_registrations')
        .selectAll()
        .where('id', '=', registrationId)
        .executeTakeFirst()
    : undefined
  if (!row) throw registrationNotFound()
  return withPlaceInLine(db, row)
}

/**
 * The resident cancels by their link: seats (or a place in line, or an offer) given up until the event's
 * deadline; seats freed go to the next in line at once. A place in line can be left at any time before the
 * start. Cancelling twice answers the same. Throws bookings.registration_not_found or bookings.too_late_to_cancel.
 */
export async function cancelRegistrationByLink(
  deps: EventsDeps,
  registrationId: string,
  token: string,
): Promise<EventRegistration> {
  const registration = await registrationOfLink(deps.db, registrationId, token)
  if (!LIVE.includes(registration.status)) return registration
  const event = await getEvent(deps.db, registration.eventId)
  if (registration.status === 'seated' && deps.clock.now().getTime() > cancellableUntil(event)) {
    throw tooLateToCancel(new Date(cancellableUntil(event)).toISOString())
  }
  return release(deps, ownerOf(registration), registrationId, 'cancelled', { by: 'resident' })
}

/**
 * The reminder of a seated registration the day before (UX-15), out of quiet hours and before the cancellation
 * deadline when it can, as for bookings; none when unticked or too close to the start. The key names the start.
 */
async function enqueueEventReminder(
  trx: Trx,
  registration: Selectable<EventRegistrationsTable>,
  event: BookingEvent,
  timeZone: string,
  linkToken: string,
  now: string,
): Promise<void> {
  if (registration.wants_reminder !== 1) return
  const remindAt = reminderTime(
    new Date(event.startsAt),
    new Date(now),
    timeZone,
    new Date(cancellableUntil(event)),
  )
  if (!remindAt) return
  await enqueue(
    trx,
    {
      topic: 'event.reminder',
      key: reminderKey(registration.id, event.startsAt),
      shopId: registration.shop_id ?? undefined,
      payload: { linkToken },
      notBefore: remindAt.toISOString(),
    },
    now,
  )
}

/**
 * The organiser (the shop, or `TOWN` for the coordinator) cancels a registration, at any time (the resident is
 * told). Another owner's registration is not found. Throws bookings.registration_not_found.
 */
export async function cancelRegistrationByShop(
  deps: EventsDeps,
  owner: EventOwner,
  registrationId: string,
): Promise<EventRegistration> {
  return release(deps, owner, registrationId, 'cancelled', { by: 'shop' })
}

const ownerOf = (registration: EventRegistration): EventOwner => registration.shopId ?? TOWN

export const cancellableUntil = (event: BookingEvent): number =>
  Date.parse(event.startsAt) - event.cancelHoursBefore * 3_600_000

/**
 * The resident takes the seats offered to them, before the offer ends. Taking them twice answers the same.
 * Throws bookings.registration_not_found or bookings.offer_expired.
 */
export async function acceptOffer(
  deps: EventsDeps,
  registrationId: string,
  token: string,
): Promise<EventRegistration> {
  const registration = await registrationOfLink(deps.db, registrationId, token)
  if (registration.status === 'seated') return registration
  const event = await getEvent(deps.db, registration.eventId)
  const { timeZone } = await organiserOf(deps.db, event)
  const now = deps.clock.now().toISOString()
  const row = await writeTransaction(deps.db, async (trx) => {
    await lockEvent(trx, registration.eventId)
    const moved = await trx
      .updateTable('event_registrations')
      .set({ status: 'seated', updated_at: now })
      .where('id', '=', registrationId)
      .where('status', '=', 'offered')
      .where('offer_expires_at', '>', now)
      .executeTakeFirst()
    if (moved.numUpdatedRows === 0n) throw offerExpired()
    // The confirmation carries the link the resident used, the only secret known now.
    await enqueue(
      trx,
      {
        topic: 'event.seat_taken',
        key: registrationId,
        shopId: registration.shopId,
        payload: { linkToken: token },
      },
      now,
    )
    const seated = await trx
      .selectFrom('event_registrations')
      .selectAll()
      .where('id', '=', registrationId)
      .executeTakeFirstOrThrow()
    await enqueueEventReminder(trx, seated, event, timeZone, token, now)
    return seated
  })
  return withPlaceInLine(deps.db, row)
}

/** The outbox job at an offer's end: an offer still open then lapses, and its seats go to the next in line. */
export async function expireOffer(deps: EventsDeps, registrationId: string): Promise<void> {
  const registration = await getRegistration(deps.db, registrationId)
  if (
    registration.status !== 'offered' ||
    !registration.offerExpiresAt ||
    registration.offerExpiresAt > deps.clock.now().toISOString()
  )
    return
  await release(deps, ownerOf(registration), registrationId, 'expired', {})
}

/**
 * Ends a live registration under the event's lock: its seats (seated or offered) are freed and offered on, or
 * its place in line given up. Only a registration of this owner (a shop, or the town) that was live moves; the
 * message goes with it.
 */
async function release(
  deps: EventsDeps,
  owner: EventOwner,
  registrationId: string,
  to: 'cancelled' | 'expired',
  payload: { by?: 'resident' | 'shop' },
): Promise<EventRegistration> {
  const now = deps.clock.now().toISOString()
  const ownerShopId = shopIdOf(owner)
  const shopId = ownerShopId ?? undefined
  const known = await deps.db
    .selectFrom('event_registrations')
    .select(['event_id'])
    .where('id', '=', isWellFormedId(registrationId) ? registrationId : '')
    .where('shop_id', owner === TOWN ? 'is' : '=', ownerShopId)
    .executeTakeFirst()
  if (!known) throw registrationNotFound()
  const row = await writeTransaction(deps.db, async (trx) => {
    const event = await lockEvent(trx, known.event_id)
    const current = await trx
      .selectFrom('event_registrations')
      .selectAll()
      .where('id', '=', registrationId)
      .executeTakeFirstOrThrow()
    const live = (LIVE as string[]).includes(current.status)
    if (!live || (to === 'expired' && current.status !== 'offered')) return current
    await trx
      .updateTable('event_registrations')
      .set({ status: to, updated_at: now })
      .where('id', '=', registrationId)
      .execute()
    await dropPendingEventReminder(trx, registrationId)
    const held = current.status === 'waiting' ? 0 : current.seats
    await trx
      .updateTable('booking_events')
      .set({
        seats_taken: event.seats_taken - held,
        waiting_count: event.waiting_count - (current.status === 'waiting' ? 1 : 0),
      })
      .where('id', '=', event.id)
      .execute()
    if (to === 'cancelled')
      await enqueue(trx, { topic: 'event.registration_cancelled', key: registrationId, shopId, payload }, now)
    else await enqueue(trx, { topic: 'event.offer_lapsed', key: registrationId, shopId }, now)
    // Seats freed, or the first in line left (those behind may fit the seats they could not take): offer on.
    await offerFreedSeats(trx, event.id, now)
    return trx
      .selectFrom('event_registrations')
      .selectAll()
      .where('id', '=', registrationId)
      .executeTakeFirstOrThrow()
  })
  return withPlaceInLine(deps.db, row)
}

/**
 * The event's live registrations: seated and offered by time of registration, then the waitlist in order. Only
 * for its owner (the shop, or `TOWN`): another owner's event is not found.
 */
export async function listEventRegistrations(
  db: Db,
  owner: EventOwner,
  eventId: string,
): Promise<{ event: BookingEvent; registrations: EventRegistration[] }> {
  const event = await getEvent(db, eventId, owner)
  const rows = await db
    .selectFrom('event_registrations')
    .selectAll()
    .where('event_id', '=', event.id)
    .where('status', 'in', LIVE)
    .orderBy('created_at')
    .orderBy('id')
    .limit(10_000)
    .execute()
  const inLine = rows.filter((r) => r.status === 'waiting').sort((a, b) => a.arrival - b.arrival)
  const others = rows.filter((r) => r.status !== 'waiting')
  return {
    event,
    registrations: [
      ...others.map((r) => toRegistration(r, undefined)),
      ...inLine.map((r, i) => toRegistration(r, i)),
    ],
  }
}

/** A registration as its holder sees it: for one waiting, how many are ahead of them now. */
async function withPlaceInLine(db: Db, row: Selectable<EventRegistrationsTable>): Promise<EventRegistration> {
  if (row.status !== 'waiting') return toRegistration(row, undefined)
  const ahead = await db
    .selectFrom('event_registrations')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('event_id', '=', row.event_id)
    .where('status', '=', 'waiting')
    .where('arrival', '<', row.arrival)
    .executeTakeFirstOrThrow()
  return toRegistration(row, Number(ahead.n))
}

function toRegistration(
  row: Selectable<EventRegistrationsTable>,
  ahead: number | undefined,
): EventRegistration {
  return {
    id: row.id,
    eventId: row.event_id,
    shopId: (row.shop_id ?? undefined) as ShopId | undefined,
    userId: (row.user_id ?? undefined) as UserId | undefined,
    seats: row.seats,
    status: row.status as RegistrationStatus,
    waitlistPosition: ahead,
    offerExpiresAt: row.offer_expires_at ?? undefined,
    contact: { name: row.contact_name, email: row.contact_email, phone: row.contact_phone },
    wantsReminder: row.wants_reminder === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  }
}
