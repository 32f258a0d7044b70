import { expect, it } from 'vitest'
import { aSalon } from '../../../test/factories/bookings.js'
import { MONDAY_MORNING } from '../../../test/factories/ordering.js'
import { forEachEngine } from '../../../test/harness/engines.js'
import { outcomeOf } from '../../../test/harness/outcome.js'
import { fixedClock } from '../../lib/clock.js'
import { bookAppointment, markAttendance, NO_SHOW_LIMIT, noShowCount } from './index.js'

// Monday 23 November 2026, 9:00 in Paris; the salon opens 9:00–19:00, 2 hours' notice online.
forEachEngine('whether clients came, and what many no-shows mean (UX-18)', ({ db }) => {
  const clock = fixedClock(MONDAY_MORNING)
  const deps = () => ({ db: db(), clock })
  const noa = { name: 'Noa', email: 'noa@example.fr', phone: '' }

  it('is marked by the shop once the booking has started, correctable, and never by another shop', async () => {
    clock.set(MONDAY_MORNING)
    const { shopId, lea, haircut } = await aSalon(db(), clock)
    const { shopId: otherShop } = await aSalon(db(), clock)
    const { booking } = await bookAppointment(deps(), shopId, {
      variantId: haircut.variantId,
      startsAt: '2026-11-23T10:00:00.000Z',
      resourceId: lea.id,
      contact: noa,
      userId: undefined,
    })
    expect(await outcomeOf(markAttendance(deps(), shopId, booking.id, 'no_show'))).toBe(
      'bookings.not_started',
    )
    clock.set('2026-11-23T10:05:00.000Z')
    expect(await outcomeOf(markAttendance(deps(), otherShop, booking.id, 'no_show'))).toBe(
      'bookings.booking_not_found',
    )
    expect((await markAttendance(deps(), shopId, booking.id, 'no_show')).status).toBe('no_show')
    expect((await markAttendance(deps(), shopId, booking.id, 'attended')).status).toBe('attended')
    expect(await noShowCount(db(), shopId, { userId: undefined, email: 'NOA@example.fr' }, clock.now())).toBe(
      0,
    )
  })

  it(`after ${NO_SHOW_LIMIT} no-shows within a year, the resident books this shop only with a card hold (deposits.test.ts); older ones and other shops do not count`, async () => {
    clock.set('2025-11-20T08:00:00.000Z')
    const { shopId, lea, hugo, haircut } = await aSalon(db(), clock)
    const { shopId: otherShop, lea: otherLea, haircut: otherHaircut } = await aSalon(db(), clock)
    const missed = async (startsAt: string, resourceId = lea.id) => {
      clock.set(new Date(Date.parse(startsAt) - 3 * 86_400_000).toISOString())
      const { booking } = await bookAppointment(deps(), shopId, {
        variantId: haircut.variantId,
        startsAt,
        resourceId,
        contact: noa,
        userId: undefined,
      })
      clock.set(startsAt)
      await markAttendance(deps(), shopId, booking.id, 'no_show')
    }
    // One more than a year before Monday, then three within it.
    await missed('2025-11-21T10:00:00.000Z')
    for (const startsAt of [
      '2026-03-10T10:00:00.000Z',
      '2026-06-09T09:00:00.000Z',
      '2026-09-08T09:00:00.000Z',
    ])
      await missed(startsAt)
    clock.set(MONDAY_MORNING)
    const again = {
      variantId: haircut.variantId,
      startsAt: '2026-11-24T10:00:00.000Z',
      resourceId: lea.id,
      contact: noa,
      userId: undefined,
    }
    expect(await noShowCount(db(), shopId, { userId: undefined, email: noa.email }, clock.now())).toBe(3)
    expect(await outcomeOf(bookAppointment(deps(), shopId, again))).toBe('ok')
    await missed('2026-11-24T13:00:00.000Z', hugo.id)
    clock.set('2026-11-25T08:00:00.000Z')
    expect(
      await outcomeOf(bookAppointment(deps(), shopId, { ...again, startsAt: '2026-11-26T10:00:00.000Z' })),
    ).toBe('bookings.payment_required')
    // The shop can still take them by phone; another shop and another client are not affected.
    expect(
      await outcomeOf(
        bookAppointment(deps(), shopId, { ...again, startsAt: '2026-11-26T10:00:00.000Z' }, { byShop: true }),
      ),
    ).toBe('ok')
    expect(
      await outcomeOf(
        bookAppointment(deps(), otherShop, {
          ...again,
          variantId: otherHaircut.variantId,
          resourceId: otherLea.id,
          startsAt: '2026-11-27T10:00:00.000Z',
        }),
      ),
    ).toBe('ok')
    expect(
      await outcomeOf(
        bookAppointment(deps(), shopId, {
          ...again,
          startsAt: '2026-11-26T14:00:00.000Z',
          contact: { ...noa, email: 'sam@example.fr' },
        }),
      ),
    ).toBe('ok')
  })
})
