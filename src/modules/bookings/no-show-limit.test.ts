import { expect, it } from 'vitest'
import { aSalon } from '../../../test/factories/bookings.js'
import { MONDAY_MORNING } from '../../../test/factories/ordering.js'
import { forEachEngine } from '../../../test/harness/engines.js'
import { outcomeOf } from '../../../test/harness/outcome.js'
import { fixedClock } from '../../lib/clock.js'
import {
  bookAppointment,
  depositFor,
  markAttendance,
  NO_SHOW_LIMIT,
  noShowLimitOf,
  setNoShowLimit,
} from './index.js'

forEachEngine('each shop sets after how many no-shows a guarantee is asked (UX-18)', ({ db }) => {
  const clock = fixedClock(MONDAY_MORNING)
  const deps = () => ({ db: db(), clock })

  it(`asks a card hold after the shop's own number of no-shows (${NO_SHOW_LIMIT} unless set), and only at that shop`, async () => {
    clock.set('2026-11-02T08:00:00.000Z')
    const strict = await aSalon(db(), clock)
    const lenient = await aSalon(db(), clock)
    expect(await noShowLimitOf(db(), strict.shopId)).toBe(NO_SHOW_LIMIT)
    expect(await setNoShowLimit(deps(), strict.shopId, 2)).toBe(2)
    expect(await setNoShowLimit(deps(), strict.shopId, 1)).toBe(1)
    expect(await setNoShowLimit(deps(), strict.shopId, 2)).toBe(2)
    expect(await noShowLimitOf(db(), strict.shopId)).toBe(2)
    expect(await noShowLimitOf(db(), lenient.shopId)).toBe(NO_SHOW_LIMIT)
    for (const bad of [0, 21, 2.5, Number.NaN])
      expect(await outcomeOf(setNoShowLimit(deps(), strict.shopId, bad)), String(bad)).toBe(
        'bookings.invalid_no_show_limit',
      )

    // Noa misses two bookings at each salon (Tuesday 3 and Wednesday 4 November).
    const noa = { name: 'Noa', email: `noa-${strict.shopId.toLowerCase()}@example.fr`, phone: '' }
    for (const salon of [strict, lenient]) {
      for (const [i, startsAt] of ['2026-11-03T09:00:00.000Z', '2026-11-04T09:00:00.000Z'].entries()) {
        clock.set('2026-11-02T08:00:00.000Z')
        const { booking } = await bookAppointment(deps(), salon.shopId, {
          variantId: salon.haircut.variantId,
          startsAt,
          resourceId: i === 0 ? salon.lea.id : salon.hugo.id,
          contact: noa,
          userId: undefined,
        })
        clock.set(startsAt)
        await markAttendance(deps(), salon.shopId, booking.id, 'no_show')
      }
    }
    clock.set(MONDAY_MORNING)
    const client = { userId: undefined, email: noa.email }
    expect(await depositFor(db(), strict.shopId, strict.haircut, client, clock.now())).toEqual({
      kind: 'card_hold',
      amountCents: 3500,
    })
    expect(await depositFor(db(), lenient.shopId, lenient.haircut, client, clock.now())).toBeUndefined()
    // Raised again, the strict salon takes Noa without a card.
    await setNoShowLimit(deps(), strict.shopId, 3)
    expect(await depositFor(db(), strict.shopId, strict.haircut, client, clock.now())).toBeUndefined()
  })
})
