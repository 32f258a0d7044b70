import { describe, expect, it } from 'vitest'
import { aTasting, aTownEvent, residentContact, TOWN_EVENING } from '../../../test/factories/events.js'
import { MONDAY_MORNING } from '../../../test/factories/ordering.js'
import { forEachEngine } from '../../../test/harness/engines.js'
import { outcomeOf } from '../../../test/harness/outcome.js'
import { AppError } from '../../lib/app-error.js'
import { fixedClock } from '../../lib/clock.js'
import {
  cancelEvent,
  cancelRegistrationByLink,
  cancelRegistrationByShop,
  getEvent,
  getRegistration,
  listEventRegistrations,
  listShopEvents,
  listTownEvents,
  organiserOf,
  registerForEvent,
  scheduleTownEvent,
  TOWN,
} from './index.js'

forEachEngine('town events run by the coordinator (issue #5 item 3)', ({ db }) => {
  const clock = fixedClock(MONDAY_MORNING)
  const deps = () => ({ db: db(), clock })
  const register = (eventId: string, i: number, seats = 1) =>
    registerForEvent(deps(), eventId, { seats, contact: residentContact(i), userId: undefined })

  describe('scheduling', () => {
    it('schedules an event that belongs to no shop, signed by the town, in the town’s time zone', async () => {
      clock.set(MONDAY_MORNING)
      const event = await aTownEvent(db(), clock)
      expect(event).toMatchObject({
        shopId: undefined,
        place: 'Place du marché',
        capacity: 20,
        status: 'scheduled',
      })
      expect((await listTownEvents(db(), clock.now())).map((e) => e.id)).toContain(event.id)
      expect(await organiserOf(db(), event)).toEqual({
        name: 'Les commerces de la ville',
        timeZone: 'Europe/Paris',
        address: '',
        phone: '',
        shopSlug: undefined,
      })
      // A shop's list never shows it, and the town's list never shows a shop's event.
      const { shopId, event: tasting } = await aTasting(db(), clock)
      expect((await listShopEvents(db(), shopId, clock.now())).map((e) => e.id)).toEqual([tasting.id])
      expect((await listTownEvents(db(), clock.now())).map((e) => e.id)).not.toContain(tasting.id)
    })

    it('requires a place (there is no shop address to give), with the other problems by field', async () => {
      clock.set(MONDAY_MORNING)
      const error = await scheduleTownEvent(deps(), { ...TOWN_EVENING, place: '  ', capacity: 0 }).catch(
        (e: unknown) => e,
      )
      expect(error).toBeInstanceOf(AppError)
      expect((error as AppError).code).toBe('bookings.invalid_event')
      expect((error as AppError).details['errors']).toEqual(
        expect.arrayContaining([
          { field: 'place', code: 'required' },
          { field: 'capacity', code: 'out_of_range' },
        ]),
      )
      // The database says no as well, whoever writes the row.
      const raw = await db()
        .insertInto('booking_events')
        .values({
          id: '01JTOWNNOPLACE000000000000',
          shop_id: null,
          title: 'x',
          description: '',
          place: '',
          starts_at: TOWN_EVENING.startsAt,
          ends_at: TOWN_EVENING.endsAt,
          capacity: 1,
          seats_per_person: 1,
          price_cents: 0,
          offer_hours: 1,
          cancel_hours_before: 1,
          seats_taken: 0,
          waiting_count: 0,
          arrival_sequence: 0,
          status: 'scheduled',
          created_at: MONDAY_MORNING,
        })
        .execute()
        .then(
          () => 'written',
          (e: unknown) => e,
        )
      expect(raw).toBeInstanceOf(Error)
    })
  })

  describe('seats', () => {
    it('60 residents at once for 20 seats: 20 seated, 40 waiting in arrival order; a cancellation promotes exactly one', async () => {
      clock.set(MONDAY_MORNING)
      const event = await aTownEvent(db(), clock, { capacity: 20, seatsPerPerson: 1 })
      const results = await Promise.all(Array.from({ length: 60 }, (_, i) => register(event.id, i)))
      const seated = results.filter((r) => r.registration.status === 'seated')
      expect(seated).toHaveLength(20)
      expect(results.filter((r) => r.registration.status === 'waiting')).toHaveLength(40)
      const rows = await db()
        .selectFrom('event_registrations')
        .select(['status', 'arrival', 'shop_id'])
        .where('event_id', '=', event.id)
        .execute()
      expect(Math.max(...rows.filter((r) => r.status === 'seated').map((r) => r.arrival))).toBeLessThan(
        Math.min(...rows.filter((r) => r.status === 'waiting').map((r) => r.arrival)),
      )
      expect(new Set(rows.map((r) => r.arrival)).size).toBe(60)
      expect(rows.every((r) => r.shop_id === null)).toBe(true)
      const line = (await listEventRegistrations(db(), TOWN, event.id)).registrations.filter(
        (r) => r.status === 'waiting',
      )
      expect(line.map((r) => r.waitlistPosition)).toEqual(Array.from({ length: 40 }, (_, i) => i))

      await cancelRegistrationByLink(deps(), seated[0]!.registration.id, seated[0]!.linkToken)
      const after = (await listEventRegistrations(db(), TOWN, event.id)).registrations
      expect(after.filter((r) => r.status === 'offered').map((r) => r.id)).toEqual([line[0]!.id])
      expect(await getEvent(db(), event.id)).toMatchObject({ seatsTaken: 20, waitingCount: 39 })
      // Its messages leave through the outbox like a shop's, with no shop.
      const messages = await db()
        .selectFrom('outbox')
        .select(['topic', 'shop_id'])
        .where('key', 'in', [seated[0]!.registration.id, line[0]!.id])
        .execute()
      expect(messages.map((m) => m.topic).sort()).toEqual([
        'event.offer_due',
        'event.registered',
        'event.registered',
        'event.registration_cancelled',
        'event.seat_offered',
      ])
      expect(messages.every((m) => m.shop_id === null)).toBe(true)
    })

    it('the coordinator cancels a registration (the next in line is offered it) or the whole event (everyone is told)', async () => {
      clock.set(MONDAY_MORNING)
      const event = await aTownEvent(db(), clock, { capacity: 1, seatsPerPerson: 1 })
      const first = await register(event.id, 1)
      const second = await register(event.id, 2)
      expect((await cancelRegistrationByShop(deps(), TOWN, first.registration.id)).status).toBe('cancelled')
      expect((await getRegistration(db(), second.registration.id)).status).toBe('offered')
      expect((await cancelEvent(deps(), TOWN, event.id)).status).toBe('cancelled')
      expect((await getRegistration(db(), second.registration.id)).status).toBe('cancelled')
      expect(await outcomeOf(register(event.id, 3))).toBe('bookings.event_closed')
    })
  })

  describe('who may touch what', () => {
    it('a shop cannot touch a town event, and the town cannot touch a shop’s: not found either way', async () => {
      clock.set(MONDAY_MORNING)
      const town = await aTownEvent(db(), clock)
      const townRegistration = await register(town.id, 1)
      const { shopId, event: tasting } = await aTasting(db(), clock)
      const shopRegistration = await register(tasting.id, 1)

      expect(await outcomeOf(cancelEvent(deps(), shopId, town.id))).toBe('bookings.event_not_found')
      expect(await outcomeOf(listEventRegistrations(db(), shopId, town.id))).toBe('bookings.event_not_found')
      expect(
        await outcomeOf(cancelRegistrationByShop(deps(), shopId, townRegistration.registration.id)),
      ).toBe('bookings.registration_not_found')
      expect(await outcomeOf(getEvent(db(), town.id, shopId))).toBe('bookings.event_not_found')

      expect(await outcomeOf(cancelEvent(deps(), TOWN, tasting.id))).toBe('bookings.event_not_found')
      expect(await outcomeOf(listEventRegistrations(db(), TOWN, tasting.id))).toBe('bookings.event_not_found')
      expect(await outcomeOf(cancelRegistrationByShop(deps(), TOWN, shopRegistration.registration.id))).toBe(
        'bookings.registration_not_found',
      )

      // Nothing moved.
      expect(await getEvent(db(), town.id)).toMatchObject({ status: 'scheduled', seatsTaken: 1 })
      expect(await getEvent(db(), tasting.id)).toMatchObject({ status: 'scheduled', seatsTaken: 1 })
      expect((await getRegistration(db(), townRegistration.registration.id)).status).toBe('seated')
      expect((await getRegistration(db(), shopRegistration.registration.id)).status).toBe('seated')
    })
  })
})
