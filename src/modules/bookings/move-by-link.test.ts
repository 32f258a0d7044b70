import { expect, it } from 'vitest'
import { aSalon } from '../../../test/factories/bookings.js'
import { MONDAY_MORNING } from '../../../test/factories/ordering.js'
import { forEachEngine } from '../../../test/harness/engines.js'
import { outcomeOf } from '../../../test/harness/outcome.js'
import { fixedClock } from '../../lib/clock.js'
import {
  bookAppointment,
  bookingOfLink,
  cancelBookingByLink,
  cancelBookingByShop,
  getBooking,
  listFreeTimes,
  listFreeTimesByLink,
  moveBookingByLink,
} from './index.js'

// Monday 23 November 2026, 9:00 in Paris (08:00Z); the salon opens 9:00–19:00, a haircut lasts 45 minutes (+15 to
// tidy up), starts every 15 minutes from 2 hours ahead, and can be cancelled or moved online until 24 hours before.
forEachEngine('the resident moves their booking by the link (issue #5, UX-15)', ({ db }) => {
  const clock = fixedClock(MONDAY_MORNING)
  const deps = () => ({ db: db(), clock })
  const lou = { name: 'Lou Bernard', email: 'lou@example.fr', phone: '' }
  const WEDNESDAY_10 = '2026-11-25T10:00:00.000Z'

  // Each booking its own resident: one person cannot hold the same time at two salons (UX-17).
  let residents = 0
  async function aBooking(
    who: 'lea' | 'hugo' = 'lea',
    startsAt = WEDNESDAY_10,
    email = `lou.${++residents}@example.fr`,
  ) {
    clock.set(MONDAY_MORNING)
    const salon = await aSalon(db(), clock)
    const { booking, cancelToken } = await bookAppointment(deps(), salon.shopId, {
      variantId: salon.haircut.variantId,
      startsAt,
      resourceId: salon[who].id,
      contact: { ...lou, email },
      userId: undefined,
    })
    return { ...salon, booking, token: cancelToken }
  }
  const freeStarts = async (
    shopId: Parameters<typeof listFreeTimes>[1],
    variantId: string,
    resourceId: string,
    day = '2026-11-25',
  ) =>
    (await listFreeTimes(db(), shopId, variantId, { from: day, days: 1, resourceId }, clock.now())).map(
      (t) => t.startsAt,
    )
  const cellsOf = async (bookingId: string) =>
    (
      await db()
        .selectFrom('booking_cells')
        .select(['resource_id', 'cell_start'])
        .where('booking_id', '=', bookingId)
        .orderBy('cell_start')
        .execute()
    ).map((c) => `${c.resource_id} ${c.cell_start}`)

  it('moves to another free time: the old time is free, the old link opens nothing, the new one opens the moved booking', async () => {
    const { shopId, lea, haircut, booking, token } = await aBooking()
    const moved = await moveBookingByLink(deps(), booking.id, token, {
      startsAt: '2026-11-25T13:00:00.000Z',
      resourceId: lea.id,
    })
    expect(moved.booking).toMatchObject({
      id: booking.id,
      status: 'confirmed',
      startsAt: '2026-11-25T13:00:00.000Z',
      endsAt: '2026-11-25T13:45:00.000Z',
      resourceId: lea.id,
      cancellableUntil: '2026-11-24T13:00:00.000Z',
    })
    expect(moved.cancelToken).not.toBe(token)
    expect(await outcomeOf(bookingOfLink(db(), booking.id, token))).toBe('bookings.booking_not_found')
    expect(
      await outcomeOf(moveBookingByLink(deps(), booking.id, token, { startsAt: '2026-11-25T15:00:00.000Z' })),
    ).toBe('bookings.booking_not_found')
    expect((await bookingOfLink(db(), booking.id, moved.cancelToken)).startsAt).toBe(
      '2026-11-25T13:00:00.000Z',
    )
    const free = await freeStarts(shopId, haircut.variantId, lea.id)
    expect(free).toContain(WEDNESDAY_10)
    expect(free).not.toContain('2026-11-25T13:00:00.000Z')
    expect(await cellsOf(booking.id)).toHaveLength(12)
    // The new secret moves it again (and cancels it).
    const again = await moveBookingByLink(deps(), booking.id, moved.cancelToken, {
      startsAt: '2026-11-25T15:00:00.000Z',
    })
    expect(again.booking.startsAt).toBe('2026-11-25T15:00:00.000Z')
    expect((await cancelBookingByLink(deps(), booking.id, again.cancelToken)).status).toBe('cancelled')
  })

  it('“anyone” keeps the resident’s own person when free then, and gives another one when not', async () => {
    const { shopId, lea, hugo, haircut, booking, token } = await aBooking('hugo')
    // Léa comes first in the service's order, but Hugo is the resident's hairdresser and free at 13:00.
    const kept = await moveBookingByLink(deps(), booking.id, token, { startsAt: '2026-11-25T13:00:00.000Z' })
    expect(kept.booking).toMatchObject({
      startsAt: '2026-11-25T13:00:00.000Z',
      resourceId: hugo.id,
      resourceName: 'Hugo',
    })
    // Hugo is taken at 15:00: anyone free then is Léa.
    await bookAppointment(deps(), shopId, {
      variantId: haircut.variantId,
      startsAt: '2026-11-25T15:00:00.000Z',
      resourceId: hugo.id,
      contact: { ...lou, email: 'sam.hugo@example.fr' },
      userId: undefined,
    })
    const other = await moveBookingByLink(deps(), booking.id, kept.cancelToken, {
      startsAt: '2026-11-25T15:00:00.000Z',
    })
    expect(other.booking).toMatchObject({
      startsAt: '2026-11-25T15:00:00.000Z',
      resourceId: lea.id,
      resourceName: 'Léa',
    })
    // The free times the link lists put the resident's person first wherever they are free.
    const { times } = await listFreeTimesByLink(
      db(),
      booking.id,
      other.cancelToken,
      { from: '2026-11-25', days: 1 },
      clock.now(),
    )
    expect(times.find((t) => t.startsAt === '2026-11-25T13:00:00.000Z')?.resourceIds).toEqual([
      lea.id,
      hugo.id,
    ])
  })

  it('moves next to its own time: the booking does not block itself, and staying put changes nothing', async () => {
    const { shopId, lea, haircut, booking, token } = await aBooking()
    // 10:00–10:45 and tidying up until 11:00: for everyone else Léa's next start is 11:00; for this booking, 10:15 is free.
    expect(await freeStarts(shopId, haircut.variantId, lea.id)).not.toContain('2026-11-25T10:15:00.000Z')
    const { booking: listed, times } = await listFreeTimesByLink(
      db(),
      booking.id,
      token,
      { from: '2026-11-25', days: 1, resourceId: lea.id },
      clock.now(),
    )
    expect(listed.id).toBe(booking.id)
    expect(times.map((t) => t.startsAt)).toEqual(
      expect.arrayContaining([WEDNESDAY_10, '2026-11-25T10:15:00.000Z']),
    )
    // Where it already is: the same booking and the same secret, nothing written.
    const stay = await moveBookingByLink(deps(), booking.id, token, { startsAt: WEDNESDAY_10 })
    expect(stay).toEqual({ booking, cancelToken: token })
    expect(
      await db()
        .selectFrom('outbox')
        .select('topic')
        .where('topic', '=', 'booking.moved')
        .where('key', 'like', `${booking.id}@%`)
        .execute(),
    ).toEqual([])
    const nudged = await moveBookingByLink(deps(), booking.id, token, {
      startsAt: '2026-11-25T10:15:00.000Z',
      resourceId: lea.id,
    })
    expect(nudged.booking.startsAt).toBe('2026-11-25T10:15:00.000Z')
    const cells = await cellsOf(booking.id)
    expect([cells[0], cells.at(-1), cells.length]).toEqual([
      `${lea.id} 2026-11-25T10:15:00.000Z`,
      `${lea.id} 2026-11-25T11:10:00.000Z`,
      12,
    ])
  })

  it('refuses after the online deadline, and for a cancelled booking, changing nothing', async () => {
    // Tuesday 11:00 Paris: cancellable (and movable) online until Monday 11:00.
    const late = await aBooking('lea', '2026-11-24T10:00:00.000Z')
    clock.set('2026-11-23T10:00:01.000Z')
    expect(
      await outcomeOf(
        moveBookingByLink(deps(), late.booking.id, late.token, { startsAt: '2026-11-24T14:00:00.000Z' }),
      ),
    ).toBe('bookings.too_late_to_change')
    expect(
      await outcomeOf(
        listFreeTimesByLink(db(), late.booking.id, late.token, { from: '2026-11-24', days: 1 }, clock.now()),
      ),
    ).toBe('bookings.too_late_to_change')
    expect((await getBooking(db(), late.booking.id)).startsAt).toBe('2026-11-24T10:00:00.000Z')

    const byResident = await aBooking()
    await cancelBookingByLink(deps(), byResident.booking.id, byResident.token)
    expect(
      await outcomeOf(
        moveBookingByLink(deps(), byResident.booking.id, byResident.token, {
          startsAt: '2026-11-25T13:00:00.000Z',
        }),
      ),
    ).toBe('bookings.booking_not_movable')
    expect(
      await outcomeOf(
        listFreeTimesByLink(
          db(),
          byResident.booking.id,
          byResident.token,
          { from: '2026-11-25', days: 1 },
          clock.now(),
        ),
      ),
    ).toBe('bookings.booking_not_movable')
    const byShop = await aBooking()
    await cancelBookingByShop(deps(), byShop.shopId, byShop.booking.id)
    expect(
      await outcomeOf(
        moveBookingByLink(deps(), byShop.booking.id, byShop.token, { startsAt: '2026-11-25T13:00:00.000Z' }),
      ),
    ).toBe('bookings.booking_not_movable')
    expect(await cellsOf(byShop.booking.id)).toEqual([])
  })

  it('refuses a time someone holds (time_taken) and one never offered (time_not_offered), changing nothing', async () => {
    const { shopId, lea, hugo, haircut, booking, token } = await aBooking()
    for (const resourceId of [lea.id, hugo.id]) {
      await bookAppointment(deps(), shopId, {
        variantId: haircut.variantId,
        startsAt: '2026-11-25T13:00:00.000Z',
        resourceId,
        contact: { ...lou, email: `${resourceId}@example.fr` },
        userId: undefined,
      })
    }
    expect(
      await outcomeOf(
        moveBookingByLink(deps(), booking.id, token, {
          startsAt: '2026-11-25T13:00:00.000Z',
          resourceId: lea.id,
        }),
      ),
    ).toBe('bookings.time_taken')
    expect(
      await outcomeOf(moveBookingByLink(deps(), booking.id, token, { startsAt: '2026-11-25T13:30:00.000Z' })),
    ).toBe('bookings.time_taken')
    // Too soon (the online notice), off the step, ending after closing, past the horizon, a Sunday, not a time.
    for (const startsAt of [
      '2026-11-23T09:45:00.000Z',
      '2026-11-25T10:05:00.000Z',
      '2026-11-25T17:30:00.000Z',
      '2027-02-01T10:00:00.000Z',
      '2026-11-29T10:00:00.000Z',
      'demain',
    ]) {
      expect(await outcomeOf(moveBookingByLink(deps(), booking.id, token, { startsAt }))).toBe(
        'bookings.time_not_offered',
      )
    }
    const { shopId: elsewhere, lea: otherLea } = await aSalon(db(), clock)
    expect(elsewhere).not.toBe(shopId)
    expect(
      await outcomeOf(
        moveBookingByLink(deps(), booking.id, token, {
          startsAt: '2026-11-25T15:00:00.000Z',
          resourceId: otherLea.id,
        }),
      ),
    ).toBe('bookings.resource_not_found')
    expect(
      await outcomeOf(
        listFreeTimesByLink(db(), booking.id, token, { from: '2026-11-25', days: 400 }, clock.now()),
      ),
    ).toBe('bookings.invalid_period')
    expect(await getBooking(db(), booking.id)).toEqual(booking)
    expect(await bookingOfLink(db(), booking.id, token)).toEqual(booking)
  })

  it('tells the resident once that they moved it (booking.moved, by: resident) and replaces the reminder', async () => {
    const { booking, token } = await aBooking()
    const outbox = async () =>
      (
        await db()
          .selectFrom('outbox')
          .select(['topic', 'key', 'payload'])
          .where('key', 'like', `${booking.id}%`)
          .orderBy('topic')
          .orderBy('key')
          .execute()
      ).map((m) => ({
        line: `${m.topic} ${m.key.replace(booking.id, 'B')}`,
        payload: JSON.parse(m.payload) as Record<string, unknown>,
      }))
    expect((await outbox()).map((m) => m.line)).toEqual([
      'booking.confirmed B',
      `booking.reminder B@${WEDNESDAY_10}`,
    ])
    clock.set('2026-11-23T08:05:00.000Z')
    const moved = await moveBookingByLink(deps(), booking.id, token, { startsAt: '2026-11-25T13:00:00.000Z' })
    const movedAt = '2026-11-23T08:05:00.000Z'
    const after = await outbox()
    expect(after.map((m) => m.line)).toEqual([
      'booking.confirmed B',
      `booking.moved B@2026-11-25T13:00:00.000Z@${movedAt}`,
      `booking.reminder B@2026-11-25T13:00:00.000Z@${movedAt}`,
    ])
    expect(after[1]!.payload).toEqual({
      cancelToken: moved.cancelToken,
      from: WEDNESDAY_10,
      movedAt,
      by: 'resident',
    })
    expect(after[2]!.payload).toEqual({ cancelToken: moved.cancelToken })
  })

  it('two moves with the same link at once, to two times: one wins, the other is refused, and the cells are the winner’s', async () => {
    const { lea, booking, token } = await aBooking()
    const targets = ['2026-11-25T13:00:00.000Z', '2026-11-25T15:00:00.000Z']
    const outcomes = await Promise.all(
      targets.map((startsAt) =>
        outcomeOf(moveBookingByLink(deps(), booking.id, token, { startsAt, resourceId: lea.id })),
      ),
    )
    expect(outcomes.filter((o) => o === 'ok')).toHaveLength(1)
    expect(outcomes.filter((o) => o !== 'ok')).toEqual(['bookings.booking_not_movable'])
    const winner = targets[outcomes.indexOf('ok')]!
    expect((await getBooking(db(), booking.id)).startsAt).toBe(winner)
    const cells = await cellsOf(booking.id)
    expect([cells[0], cells.length]).toEqual([`${lea.id} ${winner}`, 12])
    expect(
      await db()
        .selectFrom('outbox')
        .select('key')
        .where('topic', '=', 'booking.moved')
        .where('key', 'like', `${booking.id}@%`)
        .execute(),
    ).toHaveLength(1)
  })

  it('two bookings moved into one free time at once: one wins, the other stays where it was', async () => {
    const a = await aBooking('lea')
    const b = await bookAppointment(deps(), a.shopId, {
      variantId: a.haircut.variantId,
      startsAt: WEDNESDAY_10,
      resourceId: a.hugo.id,
      contact: { ...lou, email: 'sam.race@example.fr' },
      userId: undefined,
    })
    const links = [
      { id: a.booking.id, token: a.token },
      { id: b.booking.id, token: b.cancelToken },
    ]
    const outcomes = await Promise.all(
      links.map((l) =>
        outcomeOf(
          moveBookingByLink(deps(), l.id, l.token, {
            startsAt: '2026-11-25T15:00:00.000Z',
            resourceId: a.lea.id,
          }),
        ),
      ),
    )
    // The loser hears "taken" whether it read the free times before the winner wrote or after.
    expect(outcomes.filter((o) => o === 'ok')).toHaveLength(1)
    expect(outcomes.filter((o) => o !== 'ok')).toEqual(['bookings.time_taken'])
    const after = await Promise.all(links.map((l) => getBooking(db(), l.id)))
    expect(
      after.filter((x) => x.startsAt === '2026-11-25T15:00:00.000Z' && x.resourceId === a.lea.id),
    ).toHaveLength(1)
    const loser = after.find((x) => x.startsAt !== '2026-11-25T15:00:00.000Z')!
    expect(loser.startsAt).toBe(WEDNESDAY_10)
    expect(await cellsOf(loser.id)).toHaveLength(12)
    expect((await bookingOfLink(db(), loser.id, links.find((l) => l.id === loser.id)!.token)).id).toBe(
      loser.id,
    )
  })
})
