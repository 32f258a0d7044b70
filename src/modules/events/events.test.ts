import { describe, expect, it } from 'vitest'
import { aTasting, residentContact, TASTING } from '../../../test/factories/events.js'
import { MONDAY_MORNING } from '../../../test/factories/ordering.js'
import { forEachEngine } from '../../../test/harness/engines.js'
import { outcomeOf } from '../../../test/harness/outcome.js'
import { AppError } from '../../lib/app-error.js'
import { fixedClock } from '../../lib/clock.js'
import {
  acceptOffer,
  cancelEvent,
  cancelRegistrationByLink,
  cancelRegistrationByShop,
  expireOffer,
  getEvent,
  getRegistration,
  listEventRegistrations,
  registerForEvent,
  scheduleEvent,
} from './index.js'

const HOUR = 3_600_000

forEachEngine('events with seats and a waitlist (issue #5)', ({ db }) => {
  const clock = fixedClock(MONDAY_MORNING)
  const deps = () => ({ db: db(), clock })
  const register = (eventId: string, i: number, seats = 1) =>
    registerForEvent(deps(), eventId, { seats, contact: residentContact(i), userId: undefined })
  // The messages of one topic about these registrations (the database is shared by the tests of a file).
  const outbox = async (topic: string, registrations: ReadonlyArray<{ registration: { id: string } }>) =>
    db()
      .selectFrom('outbox')
      .select(['key', 'payload', 'not_before'])
      .where('topic', '=', topic)
      .where(
        'key',
        'in',
        registrations.map((r) => r.registration.id),
      )
      .orderBy('key')
      .execute()

  describe('scheduling', () => {
    it('refuses settings that make no sense, every problem by field', async () => {
      clock.set(MONDAY_MORNING)
      const { shopId } = await aTasting(db(), clock)
      const error = await scheduleEvent(deps(), shopId, {
        ...TASTING,
        title: ' ',
        startsAt: '2026-11-20T18:00:00Z',
        endsAt: '2026-11-19T18:00:00Z',
        capacity: 0,
        seatsPerPerson: 0,
        priceCents: -1,
        offerHours: 0,
        cancelHoursBefore: 0,
      }).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(AppError)
      expect((error as AppError).details['errors']).toEqual(
        expect.arrayContaining([
          { field: 'title', code: 'required' },
          { field: 'startsAt', code: 'in_the_past' },
          { field: 'capacity', code: 'out_of_range' },
          { field: 'seatsPerPerson', code: 'out_of_range' },
          { field: 'priceCents', code: 'out_of_range' },
          { field: 'offerHours', code: 'out_of_range' },
          { field: 'cancelHoursBefore', code: 'out_of_range' },
        ]),
      )
      const tooMany = await outcomeOf(
        scheduleEvent(deps(), shopId, { ...TASTING, capacity: 3, seatsPerPerson: 4 }),
      )
      expect(tooMany).toBe('bookings.invalid_event')
    })
  })

  describe('seats', () => {
    it('seats residents until the capacity, then puts the next ones on the waitlist in the order they came', async () => {
      clock.set(MONDAY_MORNING)
      const { event } = await aTasting(db(), clock, { capacity: 3 })
      const first = await register(event.id, 1, 2)
      const second = await register(event.id, 2, 1)
      const third = await register(event.id, 3, 1)
      const fourth = await register(event.id, 4, 1)
      expect([first, second, third, fourth].map((r) => r.registration.status)).toEqual([
        'seated',
        'seated',
        'waiting',
        'waiting',
      ])
      expect([third, fourth].map((r) => r.registration.waitlistPosition)).toEqual([0, 1])
      expect(await getEvent(db(), event.id)).toMatchObject({ seatsTaken: 3, waitingCount: 2 })
      // Each is told once, with the link to their registration.
      expect((await outbox('event.registered', [first, second, third, fourth])).map((m) => m.key)).toEqual(
        [first, second, third, fourth].map((r) => r.registration.id).sort(),
      )
    })

    it('refuses 0 seats, more than the limit per person, a second registration of the same email, and a bad contact — writing nothing', async () => {
      clock.set(MONDAY_MORNING)
      const { event } = await aTasting(db(), clock)
      expect(await outcomeOf(register(event.id, 1, 0))).toBe('bookings.invalid_registration')
      expect(await outcomeOf(register(event.id, 1, 500))).toBe('bookings.invalid_registration')
      expect(
        await outcomeOf(
          registerForEvent(deps(), event.id, {
            seats: 1,
            contact: { name: '', email: 'pas-un-email', phone: '' },
            userId: undefined,
          }),
        ),
      ).toBe('bookings.invalid_registration')
      await register(event.id, 1, 2)
      const again = await registerForEvent(deps(), event.id, {
        seats: 1,
        contact: { ...residentContact(1), email: 'RESIDENT1@example.fr' },
        userId: undefined,
      }).catch((e: unknown) => e)
      expect((again as AppError).code).toBe('bookings.already_registered')
      expect(await getEvent(db(), event.id)).toMatchObject({ seatsTaken: 2, waitingCount: 0 })
      expect((await listEventRegistrations(db(), event.shopId!, event.id)).registrations).toHaveLength(1)
      expect(await outcomeOf(register('01JUNKNOWNEVENT00000000000', 9))).toBe('bookings.event_not_found')
    })

    it('closes registrations at the start and when the shop calls the event off (everyone is told)', async () => {
      clock.set(MONDAY_MORNING)
      const { shopId, event } = await aTasting(db(), clock, { capacity: 1 })
      const seated = await register(event.id, 1)
      const waiting = await register(event.id, 2)
      await cancelEvent(deps(), shopId, event.id)
      expect(await outcomeOf(register(event.id, 3))).toBe('bookings.event_closed')
      expect((await getRegistration(db(), seated.registration.id)).status).toBe('cancelled')
      expect((await getRegistration(db(), waiting.registration.id)).status).toBe('cancelled')
      expect((await outbox('event.registration_cancelled', [seated, waiting])).map((m) => m.key)).toEqual(
        [seated, waiting].map((r) => r.registration.id).sort(),
      )

      const { event: later } = await aTasting(db(), clock)
      clock.set(later.startsAt)
      expect(await outcomeOf(register(later.id, 1))).toBe('bookings.event_closed')
    })
  })

  describe('the waitlist', () => {
    it('offers a freed seat to exactly one person, the first in line, for the offer time; taken, it is theirs', async () => {
      clock.set(MONDAY_MORNING)
      const { event } = await aTasting(db(), clock, { capacity: 2 })
      const seated = [await register(event.id, 1), await register(event.id, 2)]
      const line = [await register(event.id, 3), await register(event.id, 4), await register(event.id, 5)]
      await cancelRegistrationByLink(deps(), seated[0]!.registration.id, seated[0]!.linkToken)

      const states = await Promise.all(line.map((r) => getRegistration(db(), r.registration.id)))
      expect(states.map((r) => r.status)).toEqual(['offered', 'waiting', 'waiting'])
      expect(states[0]!.offerExpiresAt).toBe(new Date(Date.parse(MONDAY_MORNING) + 12 * HOUR).toISOString())
      expect(states.slice(1).map((r) => r.waitlistPosition)).toEqual([0, 1])
      expect(await getEvent(db(), event.id)).toMatchObject({ seatsTaken: 2, waitingCount: 2 })
      const offers = await outbox('event.seat_offered', [...seated, ...line])
      expect(offers.map((m) => m.key)).toEqual([line[0]!.registration.id])

      // The offer's own link (sent in the offer) takes the seat.
      const offerToken = (JSON.parse(offers[0]!.payload) as { offerToken: string }).offerToken
      expect((await acceptOffer(deps(), line[0]!.registration.id, offerToken)).status).toBe('seated')
      expect((await acceptOffer(deps(), line[0]!.registration.id, offerToken)).status).toBe('seated')
      expect(await getEvent(db(), event.id)).toMatchObject({ seatsTaken: 2, waitingCount: 2 })
    })

    it('passes an offer not taken in time to the next in line, and refuses it to the late one', async () => {
      clock.set(MONDAY_MORNING)
      const { shopId, event } = await aTasting(db(), clock, { capacity: 1, offerHours: 2 })
      const seated = await register(event.id, 1)
      const late = await register(event.id, 2)
      const next = await register(event.id, 3)
      await cancelRegistrationByShop(deps(), shopId, seated.registration.id)
      const due = await outbox('event.offer_due', [seated, late, next])
      expect(due.map((m) => [m.key, m.not_before])).toEqual([
        [late.registration.id, new Date(Date.parse(MONDAY_MORNING) + 2 * HOUR).toISOString()],
      ])

      // Too early: the job leaves the offer open.
      await expireOffer(deps(), late.registration.id)
      expect((await getRegistration(db(), late.registration.id)).status).toBe('offered')
      clock.set(new Date(Date.parse(MONDAY_MORNING) + 2 * HOUR).toISOString())
      await expireOffer(deps(), late.registration.id)
      expect((await getRegistration(db(), late.registration.id)).status).toBe('expired')
      expect((await getRegistration(db(), next.registration.id)).status).toBe('offered')
      expect(await outcomeOf(acceptOffer(deps(), late.registration.id, late.linkToken))).toBe(
        'bookings.offer_expired',
      )
      expect(await getEvent(db(), event.id)).toMatchObject({ seatsTaken: 1, waitingCount: 0 })
    })

    it('never passes over the first in line: a party that does not fit yet waits, and so do those behind it', async () => {
      clock.set(MONDAY_MORNING)
      const { event } = await aTasting(db(), clock, { capacity: 3 })
      const one = await register(event.id, 1, 1)
      await register(event.id, 2, 2)
      const party = await register(event.id, 3, 3)
      const single = await register(event.id, 4, 1)
      await cancelRegistrationByLink(deps(), one.registration.id, one.linkToken)
      expect((await getRegistration(db(), party.registration.id)).status).toBe('waiting')
      expect((await getRegistration(db(), single.registration.id)).status).toBe('waiting')
      // A newcomer joins the line too, although a seat is free.
      expect((await register(event.id, 5, 1)).registration.status).toBe('waiting')
      expect(await getEvent(db(), event.id)).toMatchObject({ seatsTaken: 2, waitingCount: 3 })
    })

    it('offers on when the first in line leaves: those behind take the seats that did not fit them', async () => {
      clock.set(MONDAY_MORNING)
      const { event } = await aTasting(db(), clock, { capacity: 3, seatsPerPerson: 3 })
      const ann = await register(event.id, 1, 2)
      await register(event.id, 2, 1)
      const bob = await register(event.id, 3, 3)
      const cleo = await register(event.id, 4, 1)
      await cancelRegistrationByLink(deps(), ann.registration.id, ann.linkToken)
      expect((await getRegistration(db(), cleo.registration.id)).status).toBe('waiting')
      await cancelRegistrationByLink(deps(), bob.registration.id, bob.linkToken)
      expect((await getRegistration(db(), cleo.registration.id)).status).toBe('offered')
      expect(await getEvent(db(), event.id)).toMatchObject({ seatsTaken: 2, waitingCount: 0 })
    })

    it('lets a waiting resident leave the line at any time, but seats only until the deadline', async () => {
      clock.set(MONDAY_MORNING)
      const { event } = await aTasting(db(), clock, { capacity: 1 })
      const seated = await register(event.id, 1)
      const waiting = await register(event.id, 2)
      clock.set(new Date(Date.parse(event.startsAt) - 2 * HOUR).toISOString())
      expect(
        await outcomeOf(cancelRegistrationByLink(deps(), seated.registration.id, seated.linkToken)),
      ).toBe('bookings.too_late_to_cancel')
      expect(
        (await cancelRegistrationByLink(deps(), waiting.registration.id, waiting.linkToken)).status,
      ).toBe('cancelled')
      expect(await getEvent(db(), event.id)).toMatchObject({ seatsTaken: 1, waitingCount: 0 })
    })

    it('answers a tampered link, another shop and an unknown registration as not found', async () => {
      clock.set(MONDAY_MORNING)
      const { event } = await aTasting(db(), clock)
      const { shopId: otherShop } = await aTasting(db(), clock)
      const mine = await register(event.id, 1)
      expect(
        await outcomeOf(
          cancelRegistrationByLink(deps(), mine.registration.id, `${mine.linkToken.slice(0, -2)}xx`),
        ),
      ).toBe('bookings.registration_not_found')
      expect(await outcomeOf(cancelRegistrationByShop(deps(), otherShop, mine.registration.id))).toBe(
        'bookings.registration_not_found',
      )
      expect(await outcomeOf(cancelRegistrationByLink(deps(), 'nope', mine.linkToken))).toBe(
        'bookings.registration_not_found',
      )
      expect((await getRegistration(db(), mine.registration.id)).status).toBe('seated')
    })
  })

  describe('races', () => {
    it('300 residents at once for 50 seats: 50 seated, 250 in line in the order they reached the event, none twice', async () => {
      clock.set(MONDAY_MORNING)
      const { shopId, event } = await aTasting(db(), clock, { capacity: 50, seatsPerPerson: 1 })
      const results = await Promise.all(Array.from({ length: 300 }, (_, i) => register(event.id, i)))
      expect(results.filter((r) => r.registration.status === 'seated')).toHaveLength(50)
      expect(results.filter((r) => r.registration.status === 'waiting')).toHaveLength(250)
      const rows = await db()
        .selectFrom('event_registrations')
        .select(['status', 'arrival'])
        .where('event_id', '=', event.id)
        .execute()
      const seatedArrivals = rows.filter((r) => r.status === 'seated').map((r) => r.arrival)
      const waitingArrivals = rows.filter((r) => r.status === 'waiting').map((r) => r.arrival)
      // Arrival order: everyone seated reached the event before everyone waiting, and no two share a place.
      expect(Math.max(...seatedArrivals)).toBeLessThan(Math.min(...waitingArrivals))
      expect(new Set(rows.map((r) => r.arrival)).size).toBe(300)
      expect(await getEvent(db(), event.id)).toMatchObject({ seatsTaken: 50, waitingCount: 250 })
      const line = (await listEventRegistrations(db(), shopId, event.id)).registrations.filter(
        (r) => r.status === 'waiting',
      )
      expect(line.map((r) => r.waitlistPosition)).toEqual(Array.from({ length: 250 }, (_, i) => i))
    })

    it('ten cancellations at once promote exactly ten people, the first ten in line', async () => {
      clock.set(MONDAY_MORNING)
      const { event } = await aTasting(db(), clock, { capacity: 20, seatsPerPerson: 1 })
      const seated = []
      for (let i = 0; i < 20; i++) seated.push(await register(event.id, i))
      const line = []
      for (let i = 20; i < 40; i++) line.push(await register(event.id, i))
      await Promise.all(
        seated.slice(0, 10).map((r) => cancelRegistrationByLink(deps(), r.registration.id, r.linkToken)),
      )
      const states = await Promise.all(line.map((r) => getRegistration(db(), r.registration.id)))
      expect(states.map((r) => r.status)).toEqual([
        ...Array<string>(10).fill('offered'),
        ...Array<string>(10).fill('waiting'),
      ])
      expect(await getEvent(db(), event.id)).toMatchObject({ seatsTaken: 20, waitingCount: 10 })
      expect(await outbox('event.seat_offered', [...seated, ...line])).toHaveLength(10)
    })
  })
})
