import { expect, it } from 'vitest'
import { aSalon } from '../../../test/factories/bookings.js'
import { MONDAY_MORNING } from '../../../test/factories/ordering.js'
import { aUser } from '../../../test/factories/users.js'
import { forEachEngine } from '../../../test/harness/engines.js'
import { fixedClock } from '../../lib/clock.js'
import type { UserId } from '../../lib/ids.js'
import { bookAppointment, listShopBookings, markAttendance, noShowCount, noShowCounts } from './index.js'

// Monday 23 November 2026, 9:00 in Paris; the salon opens 9:00–19:00, 2 hours' notice online.
forEachEngine('no-shows of the clients of a day, counted at once (UX-18)', ({ db }) => {
  const clock = fixedClock(MONDAY_MORNING)
  const deps = () => ({ db: db(), clock })

  it('gives each client of the day their own count: by account, by email only, by either, or none for a phone client', async () => {
    clock.set('2026-09-01T08:00:00.000Z')
    const { shopId, lea, haircut } = await aSalon(db(), clock)
    const alex = await aUser(db(), { email: 'alex@example.fr' }, clock)
    const contact = (name: string, email: string) => ({ name, email, phone: email ? '' : '06 12 34 56 78' })
    const book = async (startsAt: string, who: { name: string; email: string }, userId: UserId | undefined) =>
      (
        await bookAppointment(
          deps(),
          shopId,
          {
            variantId: haircut.variantId,
            startsAt,
            resourceId: lea.id,
            contact: contact(who.name, who.email),
            userId,
          },
          { byShop: true },
        )
      ).booking
    const missed = async (
      startsAt: string,
      who: { name: string; email: string },
      userId: UserId | undefined,
    ) => {
      clock.set(new Date(Date.parse(startsAt) - 3 * 86_400_000).toISOString())
      const booking = await book(startsAt, who, userId)
      clock.set(startsAt)
      await markAttendance(deps(), shopId, booking.id, 'no_show')
    }
    // Alex: once signed in, once by phone with the same email, once signed in with another email.
    await missed('2026-09-07T09:00:00.000Z', { name: 'Alex', email: 'alex@example.fr' }, alex.id)
    await missed('2026-09-14T09:00:00.000Z', { name: 'Alex', email: 'alex@example.fr' }, undefined)
    await missed('2026-09-21T09:00:00.000Z', { name: 'Alex', email: 'alex.pro@example.fr' }, alex.id)
    // Noa has no account; Sam's no-show is nobody else's.
    await missed('2026-09-28T09:00:00.000Z', { name: 'Noa', email: 'noa@example.fr' }, undefined)
    await missed('2026-10-05T09:00:00.000Z', { name: 'Sam', email: 'sam@example.fr' }, undefined)

    clock.set(MONDAY_MORNING)
    const clients = [
      {
        who: { name: 'Alex', email: 'alex@example.fr' },
        userId: alex.id,
        startsAt: '2026-11-23T10:00:00.000Z',
        expected: 3,
      },
      {
        who: { name: 'Noa', email: 'noa@example.fr' },
        userId: undefined,
        startsAt: '2026-11-23T11:00:00.000Z',
        expected: 1,
      },
      {
        who: { name: 'Alex (pro)', email: 'alex.pro@example.fr' },
        userId: undefined,
        startsAt: '2026-11-23T12:00:00.000Z',
        expected: 1,
      },
      {
        who: { name: 'M. Petit', email: '' },
        userId: undefined,
        startsAt: '2026-11-23T13:00:00.000Z',
        expected: 0,
      },
      {
        who: { name: 'Eva', email: 'eva@example.fr' },
        userId: undefined,
        startsAt: '2026-11-23T14:00:00.000Z',
        expected: 0,
      },
    ]
    for (const c of clients) await book(c.startsAt, c.who, c.userId)
    const day = await listShopBookings(db(), shopId, {
      from: '2026-11-23T00:00:00.000Z',
      to: '2026-11-24T00:00:00.000Z',
    })
    const counts = await noShowCounts(db(), shopId, day, clock.now())
    expect(day.map((b) => [b.contact.name, counts.get(b.id)])).toEqual(
      clients.map((c) => [c.who.name, c.expected]),
    )
    // The same numbers as asking for each client alone.
    for (const b of day)
      expect(await noShowCount(db(), shopId, { userId: b.userId, email: b.contact.email }, clock.now())).toBe(
        counts.get(b.id),
      )
    expect(await noShowCounts(db(), shopId, [], clock.now())).toEqual(new Map())
  })
})
