import { expect, it } from 'vitest'
import { aRestaurant, aSalon } from '../../../test/factories/bookings.js'
import { MONDAY_MORNING } from '../../../test/factories/ordering.js'
import { aUser } from '../../../test/factories/users.js'
import { forEachEngine } from '../../../test/harness/engines.js'
import { outcomeOf } from '../../../test/harness/outcome.js'
import { fixedClock } from '../../lib/clock.js'
import { newSecretToken } from '../../lib/secret-token.js'
import type { UserId } from '../../lib/ids.js'
import { bookAppointment, cancelBookingByLink, type BookInput } from './index.js'

// Tuesday 24 November 2026, 12:00 in Paris.
const NOON = '2026-11-24T11:00:00.000Z'

forEachEngine('one table at a time: no overlapping bookings at two shops of a kind (UX-17)', ({ db }) => {
  const clock = fixedClock(MONDAY_MORNING)
  const deps = () => ({ db: db(), clock })
  const aResident = () => ({
    name: 'Lou Martin',
    email: `lou-${newSecretToken().slice(0, 8).toLowerCase()}@example.fr`,
    phone: '',
  })

  it('refuses a second restaurant at an overlapping time, by email or by account, and allows what does not clash', async () => {
    clock.set(MONDAY_MORNING)
    const first = await aRestaurant(db(), clock)
    const second = await aRestaurant(db(), clock)
    const lou = aResident()
    const at = (r: typeof first, input: Partial<BookInput>) =>
      bookAppointment(deps(), r.shopId, {
        variantId: r.lunch.variantId,
        startsAt: NOON,
        resourceId: undefined,
        partySize: 2,
        contact: lou,
        userId: undefined,
        ...input,
      })
    await at(first, {})
    // 12:30 overlaps the first lunch (12:00–13:30); the address is compared as stored, whatever its case.
    expect(
      await outcomeOf(
        at(second, {
          startsAt: '2026-11-24T11:30:00.000Z',
          contact: { ...lou, email: lou.email.toUpperCase() },
        }),
      ),
    ).toBe('bookings.booked_elsewhere')
    // At the same restaurant (two tables for a birthday), or elsewhere right after, is fine.
    expect(await outcomeOf(at(first, { startsAt: '2026-11-24T11:30:00.000Z' }))).toBe('ok')
    expect(await outcomeOf(at(second, { startsAt: '2026-11-24T13:00:00.000Z' }))).toBe('ok')
    // A service at another kind of shop at the same time is fine; so are two at shops of a kind the rule leaves
    // alone (the factory's salons are "boulangerie" shops: think of two workshops).
    const salon = await aSalon(db(), clock)
    const other = await aSalon(db(), clock)
    for (const s of [salon, other])
      expect(
        await outcomeOf(
          bookAppointment(deps(), s.shopId, {
            variantId: s.haircut.variantId,
            startsAt: NOON,
            resourceId: undefined,
            contact: lou,
            userId: undefined,
          }),
        ),
      ).toBe('ok')
    // The restaurant on the phone knows its client: not refused.
    expect(
      await outcomeOf(
        bookAppointment(
          deps(),
          second.shopId,
          {
            variantId: second.lunch.variantId,
            startsAt: NOON,
            resourceId: second.tables.small1.id,
            partySize: 2,
            contact: lou,
            userId: undefined,
          },
          { byShop: true },
        ),
      ),
    ).toBe('ok')

    // Signed in, the account counts even under another address.
    const account = await aUser(db())
    const third = await aRestaurant(db(), clock)
    await at(third, {
      startsAt: '2026-11-25T11:00:00.000Z',
      contact: aResident(),
      userId: account.id as UserId,
    })
    expect(
      await outcomeOf(
        at(first, {
          startsAt: '2026-11-25T11:00:00.000Z',
          contact: aResident(),
          userId: account.id as UserId,
        }),
      ),
    ).toBe('bookings.booked_elsewhere')

    // Once the booking that clashed is cancelled, the other restaurant can be booked.
    const sam = aResident()
    const kept = await at(first, { contact: sam, startsAt: '2026-11-26T11:00:00.000Z' })
    expect(await outcomeOf(at(second, { contact: sam, startsAt: '2026-11-26T11:00:00.000Z' }))).toBe(
      'bookings.booked_elsewhere',
    )
    await cancelBookingByLink(deps(), kept.booking.id, kept.cancelToken)
    expect(await outcomeOf(at(second, { contact: sam, startsAt: '2026-11-26T11:00:00.000Z' }))).toBe('ok')
  })
})
