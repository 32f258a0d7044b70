import { describe, expect, it } from 'vitest'
import {
  admissionsDue,
  checkDropInput,
  estimatedWaitSeconds,
  firstAskDelaySeconds,
  FIRST_ASKS_PER_SECOND,
  grantHolds,
  refreshSeconds,
} from './rules.js'

describe('drop rules', () => {
  it('grants in arrival order, up to what is asked, the limit and what is left', () => {
    const { grants, unitsLeft } = grantHolds(
      [
        { userId: 'a', quantity: 3 },
        { userId: 'b', quantity: 1 },
        { userId: 'a', quantity: 1 },
        { userId: 'c', quantity: 2 },
        { userId: 'd', quantity: 1 },
      ],
      4,
      2,
      new Map([['b', 2]]),
    )
    expect(grants).toEqual([
      { userId: 'a', granted: 2 },
      { userId: 'b', granted: 0, reason: 'limit_reached' },
      { userId: 'a', granted: 0, reason: 'limit_reached' },
      { userId: 'c', granted: 2 },
      { userId: 'd', granted: 0, reason: 'sold_out' },
    ])
    expect(unitsLeft).toBe(0)
  })

  it('admits as many as the units nobody is about to take', () => {
    expect(admissionsDue(10, 3)).toBe(7)
    expect(admissionsDue(3, 10)).toBe(0)
  })

  it('estimates the wait from the pace of admissions, and asks waiting pages to come back sooner near the front', () => {
    expect(estimatedWaitSeconds(9, 0, 30)).toBeUndefined()
    expect(estimatedWaitSeconds(9, 20, 10)).toBe(5)
    expect(refreshSeconds(1, undefined)).toBe(1)
    expect(refreshSeconds(300, undefined)).toBe(3)
    expect(refreshSeconds(4_000, undefined)).toBe(10)
    expect(refreshSeconds(4_000, 600)).toBe(30)
    expect(refreshSeconds(2, 1)).toBe(1)
  })

  it('names every field problem of a drop to schedule', () => {
    const now = new Date('2026-11-23T08:00:00Z')
    const fine = {
      variantId: 'v',
      title: 'Galettes',
      startsAt: '2026-11-23T09:00:00Z',
      units: 10,
      perResidentLimit: 1,
      holdMinutes: 10,
    }
    expect(checkDropInput(fine, now)).toEqual([])
    expect(
      checkDropInput(
        { ...fine, title: ' ', startsAt: 'demain', units: 0, perResidentLimit: 11, holdMinutes: 61 },
        now,
      ).map((p) => p.field),
    ).toEqual(['title', 'startsAt', 'units', 'perResidentLimit', 'holdMinutes'])
    expect(checkDropInput({ ...fine, startsAt: '2026-11-23T07:59:00Z' }, now)).toEqual([
      { field: 'startsAt', code: 'in_the_past' },
    ])
  })

  it('asks residents within the units to come at the start, and spreads the others over the seconds after it', () => {
    expect(firstAskDelaySeconds(0, 500)).toBe(0)
    expect(firstAskDelaySeconds(499, 500)).toBe(0)
    expect(firstAskDelaySeconds(500, 500)).toBe(1)
    expect(firstAskDelaySeconds(500 + FIRST_ASKS_PER_SECOND - 1, 500)).toBe(1)
    expect(firstAskDelaySeconds(500 + FIRST_ASKS_PER_SECOND, 500)).toBe(2)
    // Never more than a minute, however far back.
    expect(firstAskDelaySeconds(10_000_000, 500)).toBe(60)
    // No more than FIRST_ASKS_PER_SECOND residents are asked to come in any one second after the start.
    const perSecond = new Map<number, number>()
    for (let rank = 0; rank < 20_000; rank++) {
      const delay = firstAskDelaySeconds(rank, 500)
      if (delay > 0) perSecond.set(delay, (perSecond.get(delay) ?? 0) + 1)
    }
    expect(Math.max(...perSecond.values())).toBe(FIRST_ASKS_PER_SECOND)
  })
})
