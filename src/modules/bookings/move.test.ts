import { expect, it } from 'vitest'
import { aSalon } from '../../../test/factories/bookings.js'
import { MONDAY_MORNING } from '../../../test/factories/ordering.js'
import { forEachEngine } from '../../../test/harness/engines.js'
import { outcomeOf } from '../../../test/harness/outcome.js'
import { fixedClock } from '../../lib/clock.js'
import {
  bookAppointment,
  bookingOfLink,
  cancelBookingByShop,
  getBooking,
  listFreeTimes,
  moveBooking,
} from './index.js'

// Monday 23 November 2026, 9:00 in Paris; the salon opens 9:00–19:00, a haircut lasts 45 minutes (+15 to tidy up).
forEachEngine('bookings taken by phone and moved by the shop (issue #5)', ({ db }) => {
  const clock = fixedClock(MONDAY_MORNING)
  const deps = () => ({ db: db(), clock })
  const lou = { name: 'Lou Bernard', email: 'lou@example.fr', phone: '' }
  const messages = async (bookingId: string) =>
    (
      await db()
        .selectFrom('outbox')
        .select(['topic', 'key'])
        .where('key', 'like', `${bookingId}%`)
        .orderBy('topic')
        .orderBy('key')
        .execute()
    ).map((m) => `${m.topic} ${m.key.replace(bookingId, 'B')}`)

  it('takes a booking by phone at once (no online notice), with a phone number and no email, and sends nothing', async () => {
    clock.set(MONDAY_MORNING)
    const { shopId, lea, haircut } = await aSalon(db(), clock)
    const byPhone = {
      variantId: haircut.variantId,
      startsAt: '2026-11-23T08:30:00.000Z',
      resourceId: lea.id,
      contact: { name: 'M. Petit', email: '', phone: '06 12 34 56 78' },
      userId: undefined,
    }
    // Residents online need 2 hours' notice; the shop on the phone does not.
    expect(await outcomeOf(bookAppointment(deps(), shopId, { ...byPhone, contact: lou }))).toBe(
      'bookings.time_not_offered',
    )
    // Online, an email address is needed; on the phone, a number will do.
    expect(
      await outcomeOf(bookAppointment(deps(), shopId, { ...byPhone, startsAt: '2026-11-24T10:00:00.000Z' })),
    ).toBe('bookings.invalid_booking')
    const { booking } = await bookAppointment(deps(), shopId, byPhone, { byShop: true })
    expect(booking).toMatchObject({
      status: 'confirmed',
      startsAt: '2026-11-23T08:30:00.000Z',
      contact: { name: 'M. Petit', email: '', phone: '06 12 34 56 78' },
    })
    expect(await messages(booking.id)).toEqual([])
    // Neither a name alone, nor a past time.
    expect(
      await outcomeOf(
        bookAppointment(
          deps(),
          shopId,
          { ...byPhone, contact: { name: 'X', email: '', phone: '' } },
          { byShop: true },
        ),
      ),
    ).toBe('bookings.invalid_booking')
    expect(
      await outcomeOf(
        bookAppointment(
          deps(),
          shopId,
          { ...byPhone, startsAt: '2026-11-23T07:45:00.000Z' },
          { byShop: true },
        ),
      ),
    ).toBe('bookings.time_not_offered')
  })

  it('moves a booking to another time and person in one go: old time free, new time taken, the resident told once with a new link', async () => {
    clock.set(MONDAY_MORNING)
    const { shopId, lea, hugo, haircut } = await aSalon(db(), clock)
    const { booking, cancelToken } = await bookAppointment(deps(), shopId, {
      variantId: haircut.variantId,
      startsAt: '2026-11-25T10:00:00.000Z',
      resourceId: lea.id,
      contact: lou,
      userId: undefined,
    })
    const moved = await moveBooking(deps(), shopId, booking.id, {
      startsAt: '2026-11-25T13:00:00.000Z',
      resourceId: hugo.id,
    })
    expect(moved).toMatchObject({
      startsAt: '2026-11-25T13:00:00.000Z',
      endsAt: '2026-11-25T13:45:00.000Z',
      resourceName: 'Hugo',
      cancellableUntil: '2026-11-24T13:00:00.000Z',
    })
    const free = async (resourceId: string) =>
      (
        await listFreeTimes(
          db(),
          shopId,
          haircut.variantId,
          { from: '2026-11-25', days: 1, resourceId },
          clock.now(),
        )
      ).map((t) => t.startsAt)
    expect(await free(lea.id)).toContain('2026-11-25T10:00:00.000Z')
    expect(await free(hugo.id)).not.toContain('2026-11-25T13:00:00.000Z')
    // The reminder of the old time (with the old secret) is replaced by one for the new time.
    const movedAt = '2026-11-23T08:00:00.000Z'
    expect(await messages(booking.id)).toEqual([
      'booking.confirmed B',
      `booking.moved B@2026-11-25T13:00:00.000Z@${movedAt}`,
      `booking.reminder B@2026-11-25T13:00:00.000Z@${movedAt}`,
    ])
    // The old link's secret no longer opens it; the new one is in the "moved" message.
    expect(await outcomeOf(bookingOfLink(db(), booking.id, cancelToken))).toBe('bookings.booking_not_found')

    // A few minutes later, on the same person, overlapping its own old time: allowed.
    clock.set('2026-11-23T08:10:00.000Z')
    const nudged = await moveBooking(deps(), shopId, booking.id, {
      startsAt: '2026-11-25T13:15:00.000Z',
      resourceId: hugo.id,
    })
    expect(nudged.startsAt).toBe('2026-11-25T13:15:00.000Z')
    // To Léa at the very same time, then back to Hugo: each move told, one reminder pending, for the last one.
    clock.set('2026-11-23T08:20:00.000Z')
    await moveBooking(deps(), shopId, booking.id, {
      startsAt: '2026-11-25T13:15:00.000Z',
      resourceId: lea.id,
    })
    clock.set('2026-11-23T08:30:00.000Z')
    await moveBooking(deps(), shopId, booking.id, {
      startsAt: '2026-11-25T13:15:00.000Z',
      resourceId: hugo.id,
    })
    const pending = await db()
      .selectFrom('outbox')
      .select('key')
      .where('topic', '=', 'booking.reminder')
      .where('key', 'like', `${booking.id}@%`)
      .where('done_at', 'is', null)
      .execute()
    expect(pending).toHaveLength(1)
    expect(
      (
        await db()
          .selectFrom('outbox')
          .select('key')
          .where('topic', '=', 'booking.moved')
          .where('key', 'like', `${booking.id}@%`)
          .execute()
      ).length,
    ).toBe(4)
    const cells = await db()
      .selectFrom('booking_cells')
      .select('cell_start')
      .where('booking_id', '=', booking.id)
      .orderBy('cell_start')
      .execute()
    expect([cells[0]!.cell_start, cells.at(-1)!.cell_start, cells.length]).toEqual([
      '2026-11-25T13:15:00.000Z',
      '2026-11-25T14:10:00.000Z',
      12,
    ])
  })

  it('refuses a time someone holds, a time off hours, another shop’s booking and a cancelled one, changing nothing', async () => {
    clock.set(MONDAY_MORNING)
    const { shopId, lea, haircut } = await aSalon(db(), clock)
    const { shopId: otherShop } = await aSalon(db(), clock)
    const book = (startsAt: string, email: string) =>
      bookAppointment(deps(), shopId, {
        variantId: haircut.variantId,
        startsAt,
        resourceId: lea.id,
        contact: { ...lou, email },
        userId: undefined,
      })
    const first = await book('2026-11-25T10:00:00.000Z', 'a@example.fr')
    await book('2026-11-25T13:00:00.000Z', 'b@example.fr')
    expect(
      await outcomeOf(
        moveBooking(deps(), shopId, first.booking.id, {
          startsAt: '2026-11-25T13:30:00.000Z',
          resourceId: lea.id,
        }),
      ),
    ).toBe('bookings.time_not_offered')
    expect(
      await outcomeOf(
        moveBooking(deps(), shopId, first.booking.id, {
          startsAt: '2026-11-25T19:00:00.000Z',
          resourceId: lea.id,
        }),
      ),
    ).toBe('bookings.time_not_offered')
    expect(
      await outcomeOf(
        moveBooking(deps(), otherShop, first.booking.id, {
          startsAt: '2026-11-25T15:00:00.000Z',
          resourceId: lea.id,
        }),
      ),
    ).toBe('bookings.booking_not_found')
    expect((await getBooking(db(), first.booking.id)).startsAt).toBe('2026-11-25T10:00:00.000Z')
    await cancelBookingByShop(deps(), shopId, first.booking.id)
    expect(
      await outcomeOf(
        moveBooking(deps(), shopId, first.booking.id, {
          startsAt: '2026-11-25T15:00:00.000Z',
          resourceId: lea.id,
        }),
      ),
    ).toBe('bookings.booking_not_movable')
  })

  it('two moves into one free time at once: one wins, the other booking stays where it was', async () => {
    clock.set(MONDAY_MORNING)
    const { shopId, lea, hugo, haircut } = await aSalon(db(), clock)
    const a = await bookAppointment(deps(), shopId, {
      variantId: haircut.variantId,
      startsAt: '2026-11-25T10:00:00.000Z',
      resourceId: lea.id,
      contact: lou,
      userId: undefined,
    })
    const b = await bookAppointment(deps(), shopId, {
      variantId: haircut.variantId,
      startsAt: '2026-11-25T10:00:00.000Z',
      resourceId: hugo.id,
      contact: { ...lou, email: 'sam@example.fr' },
      userId: undefined,
    })
    const outcomes = await Promise.all(
      [a, b].map((x) =>
        outcomeOf(
          moveBooking(deps(), shopId, x.booking.id, {
            startsAt: '2026-11-25T15:00:00.000Z',
            resourceId: lea.id,
          }),
        ),
      ),
    )
    // The loser hears "taken" if it read the free times before the winner wrote, "not offered" if after.
    expect(outcomes.filter((o) => o === 'ok')).toHaveLength(1)
    expect(outcomes.filter((o) => o !== 'ok')).toEqual([
      expect.stringMatching(/^bookings\.time_(taken|not_offered)$/),
    ])
    const after = await Promise.all([a, b].map((x) => getBooking(db(), x.booking.id)))
    expect(
      after.filter((x) => x.startsAt === '2026-11-25T15:00:00.000Z' && x.resourceId === lea.id),
    ).toHaveLength(1)
    const loser = after.find((x) => x.startsAt !== '2026-11-25T15:00:00.000Z')!
    expect(loser.startsAt).toBe('2026-11-25T10:00:00.000Z')
    expect(
      await db()
        .selectFrom('booking_cells')
        .select('cell_start')
        .where('booking_id', '=', loser.id)
        .execute(),
    ).toHaveLength(12)
  })
})
