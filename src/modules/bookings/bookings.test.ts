import { describe, expect, it } from 'vitest'
import { aSalon } from '../../../test/factories/bookings.js'
import { aProduct } from '../../../test/factories/catalog.js'
import { aPickupShop, MONDAY_MORNING } from '../../../test/factories/ordering.js'
import { forEachEngine } from '../../../test/harness/engines.js'
import { outcomeOf } from '../../../test/harness/outcome.js'
import { fixedClock } from '../../lib/clock.js'
import { newId, type UserId } from '../../lib/ids.js'
import { addClosure } from '../shops/index.js'
import {
  addAbsence,
  bookAppointment,
  cancelBookingByLink,
  cancelBookingByShop,
  createResource,
  listFreeTimes,
  listShopBookings,
  setBookableService,
  setResourceHours,
  type BookInput,
} from './index.js'

// Monday 23 November 2026, 9:00 in Paris (08:00Z). The salon opens 9:00–19:00; a haircut lasts 45 minutes,
// leaves 15 minutes to tidy up, starts every 15 minutes, from 2 hours ahead: the first start is 11:00 (10:00Z).
const contact = { name: 'Camille Martin', email: 'Camille@example.fr', phone: '' }
const platform = undefined as unknown as UserId

forEachEngine('bookings (issue #5, decision 006)', ({ db }) => {
  const clock = fixedClock(MONDAY_MORNING)
  const deps = () => ({ db: db(), clock })
  const monday = async (
    shopId: Parameters<typeof listFreeTimes>[1],
    variantId: string,
    resourceId?: string,
  ) => listFreeTimes(db(), shopId, variantId, { from: '2026-11-23', days: 1, resourceId }, clock.now())
  const starts = (times: ReadonlyArray<{ startsAt: string }>) => times.map((t) => t.startsAt.slice(11, 16))
  /** Residents racing for a time are different people (one person cannot hold two salons at once, UX-17). */
  const resident = (shopId: string, i: number) => ({
    name: `Résident ${i}`,
    email: `r${i}.${shopId.toLowerCase()}@example.fr`,
    phone: '',
  })
  const book = (
    shopId: Parameters<typeof bookAppointment>[1],
    input: Partial<BookInput> & { variantId: string },
  ) =>
    bookAppointment(deps(), shopId, {
      startsAt: '2026-11-23T10:00:00.000Z',
      resourceId: undefined,
      contact,
      userId: undefined,
      ...input,
    })

  describe('free times', () => {
    it('offers starts every step from the notice to the last one that ends by closing, with who is free', async () => {
      clock.set(MONDAY_MORNING)
      const { shopId, lea, hugo, haircut } = await aSalon(db(), clock)
      const times = await monday(shopId, haircut.variantId)
      expect(starts(times).slice(0, 3)).toEqual(['10:00', '10:15', '10:30'])
      // 19:00 Paris is 18:00Z: the last 45-minute haircut starts at 18:15 Paris.
      expect(starts(times).at(-1)).toBe('17:15')
      expect(times).toHaveLength(30)
      expect(times[0]).toEqual({
        startsAt: '2026-11-23T10:00:00.000Z',
        endsAt: '2026-11-23T10:45:00.000Z',
        resourceIds: [lea.id, hugo.id],
      })
    })

    it('takes a booking and its tidy-up time off that hairdresser only', async () => {
      clock.set(MONDAY_MORNING)
      const { shopId, lea, hugo, haircut } = await aSalon(db(), clock)
      const { booking } = await book(shopId, {
        variantId: haircut.variantId,
        resourceId: lea.id,
        startsAt: '2026-11-23T10:00:00.000Z',
      })
      expect(booking).toMatchObject({
        status: 'confirmed',
        resourceName: 'Léa',
        serviceName: 'Coupe femme (Cheveux courts)',
        priceCents: 3500,
        endsAt: '2026-11-23T10:45:00.000Z',
      })
      expect(booking.contact.email).toBe('camille@example.fr')
      // Léa cuts until 10:45 (11:45 in Paris) and tidies up until 11:00.
      expect(starts(await monday(shopId, haircut.variantId, lea.id)).slice(0, 2)).toEqual(['11:00', '11:15'])
      expect(starts(await monday(shopId, haircut.variantId, hugo.id))[0]).toBe('10:00')
      const anyone = await monday(shopId, haircut.variantId)
      expect(anyone[0]).toMatchObject({ startsAt: '2026-11-23T10:00:00.000Z', resourceIds: [hugo.id] })
    })

    it('keeps to each hairdresser’s own hours and absences, and offers nothing on a closure day', async () => {
      clock.set(MONDAY_MORNING)
      const { shopId, lea, hugo, haircut } = await aSalon(db(), clock)
      // Hugo works Monday afternoons only; Léa is away from 15:00 to 16:00 (Paris).
      await setResourceHours(deps(), shopId, hugo.id, [
        { weekday: 1, opensMinute: 14 * 60, closesMinute: 19 * 60 },
      ])
      await addAbsence(deps(), shopId, lea.id, {
        startsAt: '2026-11-23T14:00:00Z',
        endsAt: '2026-11-23T15:00:00Z',
        reason: 'Formation',
      })
      expect(starts(await monday(shopId, haircut.variantId, hugo.id))[0]).toBe('13:00')
      const lea3pm = starts(await monday(shopId, haircut.variantId, lea.id))
      expect(lea3pm).toContain('13:15')
      expect(lea3pm).not.toContain('13:30')
      expect(lea3pm).not.toContain('14:45')
      expect(lea3pm).toContain('15:00')
      await addClosure({ db: db(), clock }, platform, shopId, {
        startsOn: '2026-11-24',
        endsOn: '2026-11-24',
        reason: 'Inventaire',
      })
      expect(
        await listFreeTimes(db(), shopId, haircut.variantId, { from: '2026-11-24', days: 1 }, clock.now()),
      ).toEqual([])
    })

    it('refuses a time not offered: too soon, past the horizon, off the step, closed, or a service of another shop', async () => {
      clock.set(MONDAY_MORNING)
      const { shopId, haircut } = await aSalon(db(), clock, { horizonDays: 7 })
      for (const startsAt of [
        '2026-11-23T09:45:00.000Z',
        '2026-11-23T10:05:00.000Z',
        '2026-11-23T18:30:00.000Z',
        '2026-12-01T10:00:00.000Z',
        '2026-11-29T10:00:00.000Z',
        'demain',
        '+275760-09-13T00:00:00.000Z',
        '-000001-01-01T00:00:00.000Z',
      ]) {
        expect(await outcomeOf(book(shopId, { variantId: haircut.variantId, startsAt }))).toBe(
          'bookings.time_not_offered',
        )
      }
      const other = await aPickupShop(db(), clock)
      expect(await outcomeOf(book(other.id, { variantId: haircut.variantId }))).toBe(
        'bookings.service_not_bookable',
      )
      expect(
        await outcomeOf(
          book(shopId, { variantId: haircut.variantId, contact: { name: '', email: 'nope', phone: '' } }),
        ),
      ).toBe('bookings.invalid_booking')
      expect(
        await listShopBookings(db(), shopId, { from: '2026-11-23T00:00:00Z', to: '2026-12-31T00:00:00Z' }),
      ).toEqual([])
    })

    it('refuses settings out of range, a product that is not a service, and another shop’s staff', async () => {
      clock.set(MONDAY_MORNING)
      const { shopId, lea, haircut } = await aSalon(db(), clock)
      const settings = {
        bufferBeforeMinutes: 0,
        bufferAfterMinutes: 15,
        stepMinutes: 15,
        noticeMinutes: 120,
        horizonDays: 60,
        cancelHoursBefore: 24,
        resourceIds: [lea.id],
      }
      expect(
        await outcomeOf(
          setBookableService(deps(), shopId, haircut.variantId, { ...settings, stepMinutes: 7 }),
        ),
      ).toBe('bookings.invalid_service')
      expect(
        await outcomeOf(
          setBookableService(deps(), shopId, haircut.variantId, { ...settings, resourceIds: [] }),
        ),
      ).toBe('bookings.invalid_service')
      const bread = await aProduct(db(), shopId, { name: 'Pain' })
      expect(await outcomeOf(setBookableService(deps(), shopId, bread.variants[0]!.id, settings))).toBe(
        'bookings.not_a_service',
      )
      const other = await aPickupShop(db(), clock)
      const stranger = await createResource(deps(), other.id, { name: 'Zoé', kind: 'staff' })
      expect(
        await outcomeOf(
          setBookableService(deps(), shopId, haircut.variantId, { ...settings, resourceIds: [stranger.id] }),
        ),
      ).toBe('bookings.resource_not_found')
      expect(await outcomeOf(setResourceHours(deps(), other.id, lea.id, []))).toBe(
        'bookings.resource_not_found',
      )
    })
  })

  describe('never double-booked', () => {
    it('gives the last time of one hairdresser to exactly one of 100 residents asking at once', async () => {
      clock.set(MONDAY_MORNING)
      const { shopId, lea, haircut } = await aSalon(db(), clock)
      const outcomes = await Promise.all(
        Array.from({ length: 100 }, (_, i) =>
          outcomeOf(
            book(shopId, { variantId: haircut.variantId, resourceId: lea.id, contact: resident(shopId, i) }),
          ),
        ),
      )
      expect(outcomes.filter((o) => o === 'ok')).toHaveLength(1)
      expect(new Set(outcomes.filter((o) => o !== 'ok'))).toEqual(new Set(['bookings.time_taken']))
      const booked = await listShopBookings(db(), shopId, {
        from: '2026-11-23T00:00:00Z',
        to: '2026-11-24T00:00:00Z',
      })
      expect(booked.map((b) => b.resourceName)).toEqual(['Léa'])
    })

    it('gives "anyone" the other hairdresser when one is taken, then refuses a third', async () => {
      clock.set(MONDAY_MORNING)
      const { shopId, haircut } = await aSalon(db(), clock)
      const outcomes = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          outcomeOf(book(shopId, { variantId: haircut.variantId, contact: resident(shopId, i) })),
        ),
      )
      expect(outcomes.filter((o) => o === 'ok')).toHaveLength(2)
      const booked = await listShopBookings(db(), shopId, {
        from: '2026-11-23T00:00:00Z',
        to: '2026-11-24T00:00:00Z',
      })
      expect(booked.map((b) => b.resourceName).sort()).toEqual(['Hugo', 'Léa'])
    })

    it('never lets a booking run into another one’s tidy-up time', async () => {
      clock.set(MONDAY_MORNING)
      const { shopId, lea, haircut } = await aSalon(db(), clock, { bufferBeforeMinutes: 10 })
      await book(shopId, {
        variantId: haircut.variantId,
        resourceId: lea.id,
        startsAt: '2026-11-23T11:00:00.000Z',
      })
      // Léa's 11:00–11:45 haircut occupies 10:50–12:00 with its preparation and tidy-up. A 10:00 haircut would
      // still be tidied at 10:50; the next one needs its 10 minutes of preparation after 12:00.
      const free = starts(await monday(shopId, haircut.variantId, lea.id))
      expect(free[0]).toBe('12:15')
      expect(
        await outcomeOf(
          book(shopId, {
            variantId: haircut.variantId,
            resourceId: lea.id,
            startsAt: '2026-11-23T10:30:00.000Z',
          }),
        ),
      ).toBe('bookings.time_taken')
    })
  })

  describe('cancelling', () => {
    it('cancels by the link until the deadline, frees the time at once, and answers a wrong link as unknown', async () => {
      clock.set(MONDAY_MORNING)
      const { shopId, lea, haircut } = await aSalon(db(), clock)
      const { booking, cancelToken } = await book(shopId, {
        variantId: haircut.variantId,
        resourceId: lea.id,
        startsAt: '2026-11-24T10:00:00.000Z',
      })
      expect(booking.cancellableUntil).toBe('2026-11-23T10:00:00.000Z')
      expect(await outcomeOf(cancelBookingByLink(deps(), booking.id, `${cancelToken}x`))).toBe(
        'bookings.booking_not_found',
      )
      expect(await outcomeOf(cancelBookingByLink(deps(), newId(), cancelToken))).toBe(
        'bookings.booking_not_found',
      )
      const cancelled = await cancelBookingByLink(deps(), booking.id, cancelToken)
      expect(cancelled).toMatchObject({ status: 'cancelled', cancelledBy: 'resident' })
      expect(await cancelBookingByLink(deps(), booking.id, cancelToken)).toMatchObject({
        status: 'cancelled',
      })
      // The time is free again: someone else books it.
      expect(
        (
          await book(shopId, {
            variantId: haircut.variantId,
            resourceId: lea.id,
            startsAt: '2026-11-24T10:00:00.000Z',
          })
        ).booking.status,
      ).toBe('confirmed')
    })

    it('sends a resident past the deadline to the shop, which can still cancel', async () => {
      clock.set(MONDAY_MORNING)
      const { shopId, haircut } = await aSalon(db(), clock)
      const { booking, cancelToken } = await book(shopId, {
        variantId: haircut.variantId,
        startsAt: '2026-11-23T12:00:00.000Z',
      })
      expect(await outcomeOf(cancelBookingByLink(deps(), booking.id, cancelToken))).toBe(
        'bookings.too_late_to_cancel',
      )
      const other = await aPickupShop(db(), clock)
      expect(await outcomeOf(cancelBookingByShop(deps(), other.id, booking.id))).toBe(
        'bookings.booking_not_found',
      )
      // Another shop's attempt left the booking and its time as they were: nobody else can book that time.
      expect(
        await outcomeOf(
          book(shopId, {
            variantId: haircut.variantId,
            resourceId: booking.resourceId,
            startsAt: booking.startsAt,
          }),
        ),
      ).toBe('bookings.time_taken')
      expect(await cancelBookingByShop(deps(), shopId, booking.id)).toMatchObject({
        status: 'cancelled',
        cancelledBy: 'shop',
      })
    })
  })
})
