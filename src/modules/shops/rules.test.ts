import { describe, expect, it } from 'vitest'
import { aShopProfile } from '../../../test/factories/shops.js'
import { checkClosure, checkShopProfile, checkWeeklyHours, closureOn, openingStatus } from './rules.js'
import type { Closure, OpeningRange } from './types.js'

const PARIS = 'Europe/Paris'
const hm = (text: string) => {
  const [h, m] = text.split(':').map(Number) as [number, number]
  return h * 60 + m
}
const range = (weekday: number, opens: string, closes: string): OpeningRange => ({
  weekday,
  opensMinute: hm(opens),
  closesMinute: hm(closes),
})
const closure = (startsOn: string, endsOn: string, reason = 'Congés'): Closure => ({
  id: `c-${startsOn}`,
  startsOn,
  endsOn,
  reason,
})

// A bakery: closed on Monday; Tuesday–Saturday 07:00–12:30 and 15:00–19:30; Sunday morning only.
const BAKERY: OpeningRange[] = [
  ...[2, 3, 4, 5, 6].flatMap((d) => [range(d, '07:00', '12:30'), range(d, '15:00', '19:30')]),
  range(7, '07:00', '12:30'),
]

describe('openingStatus', () => {
  // Tuesday 2026-05-05 (summer time, UTC+2).
  it('is open during an opening range, until the end of that range', () => {
    expect(openingStatus(BAKERY, [], new Date('2026-05-05T08:00:00Z'), PARIS)).toEqual({
      state: 'open',
      closesAt: new Date('2026-05-05T10:30:00Z'),
    })
  })

  it('is open from the very minute it opens and closed from the minute it closes', () => {
    expect(openingStatus(BAKERY, [], new Date('2026-05-05T05:00:00Z'), PARIS).state).toBe('open')
    expect(openingStatus(BAKERY, [], new Date('2026-05-05T17:30:00Z'), PARIS)).toMatchObject({
      state: 'closed',
      nextOpensAt: new Date('2026-05-06T05:00:00Z'),
    })
  })

  it('is closed during the lunch break and opens again the same afternoon', () => {
    expect(openingStatus(BAKERY, [], new Date('2026-05-05T11:00:00Z'), PARIS)).toEqual({
      state: 'closed',
      nextOpensAt: new Date('2026-05-05T13:00:00Z'),
      closure: undefined,
    })
  })

  it('on its weekly closed day, opens the next morning', () => {
    // Monday 2026-05-04, 10:00 in Paris.
    expect(openingStatus(BAKERY, [], new Date('2026-05-04T08:00:00Z'), PARIS)).toEqual({
      state: 'closed',
      nextOpensAt: new Date('2026-05-05T05:00:00Z'),
      closure: undefined,
    })
  })

  it('after Sunday closing, skips closed Monday and opens on Tuesday', () => {
    expect(openingStatus(BAKERY, [], new Date('2026-05-03T12:00:00Z'), PARIS)).toMatchObject({
      state: 'closed',
      nextOpensAt: new Date('2026-05-05T05:00:00Z'),
    })
  })

  it('is closed during an exceptional closure, says why, and opens again the day after it ends', () => {
    const holidays = closure('2026-05-05', '2026-05-07', 'Congés de printemps')
    // Tuesday 10:00, normally open.
    expect(openingStatus(BAKERY, [holidays], new Date('2026-05-05T08:00:00Z'), PARIS)).toEqual({
      state: 'closed',
      nextOpensAt: new Date('2026-05-08T05:00:00Z'),
      closure: holidays,
    })
  })

  it('announces the next opening after a closure that starts tomorrow', () => {
    const tomorrow = closure('2026-05-06', '2026-05-06')
    // Tuesday 20:00: closed for the evening, Wednesday closed exceptionally, back on Thursday.
    expect(openingStatus(BAKERY, [tomorrow], new Date('2026-05-05T18:00:00Z'), PARIS)).toEqual({
      state: 'closed',
      nextOpensAt: new Date('2026-05-07T05:00:00Z'),
      closure: undefined,
    })
  })

  it('gives the right instant when it opens the morning after spring forward', () => {
    const mondayMornings = [range(1, '07:00', '12:00')]
    // Sunday 2026-03-29, after the change: Monday 07:00 CEST is 05:00Z.
    expect(openingStatus(mondayMornings, [], new Date('2026-03-29T20:00:00Z'), PARIS)).toMatchObject({
      state: 'closed',
      nextOpensAt: new Date('2026-03-30T05:00:00Z'),
    })
  })

  it('gives the right instant when it opens the morning after fall back', () => {
    const mondayMornings = [range(1, '07:00', '12:00')]
    // Sunday 2026-10-25 evening: Monday 07:00 CET is 06:00Z.
    expect(openingStatus(mondayMornings, [], new Date('2026-10-25T20:00:00Z'), PARIS)).toMatchObject({
      state: 'closed',
      nextOpensAt: new Date('2026-10-26T06:00:00Z'),
    })
  })

  it('counts a week ahead across the DST change on the shop clock, not in hours', () => {
    const mondayMornings = [range(1, '07:00', '12:00')]
    // Monday 2026-03-23 13:00 CET (12:00Z): next Monday 07:00 is in summer time.
    expect(openingStatus(mondayMornings, [], new Date('2026-03-23T12:00:00Z'), PARIS)).toMatchObject({
      state: 'closed',
      nextOpensAt: new Date('2026-03-30T05:00:00Z'),
    })
  })

  it('is open on the night of spring forward and closes at the right instant', () => {
    const sunday = [range(7, '01:00', '12:30')]
    // 03:30 CEST on the change day; it closes at 12:30 CEST = 10:30Z.
    expect(openingStatus(sunday, [], new Date('2026-03-29T01:30:00Z'), PARIS)).toEqual({
      state: 'open',
      closesAt: new Date('2026-03-29T10:30:00Z'),
    })
  })

  it('closes at midnight when its hours run to 24:00', () => {
    const lateSaturday = [range(6, '18:00', '24:00')]
    expect(openingStatus(lateSaturday, [], new Date('2026-03-28T22:00:00Z'), PARIS)).toEqual({
      state: 'open',
      closesAt: new Date('2026-03-28T23:00:00Z'),
    })
  })

  it('with no hours at all, is closed with no next opening', () => {
    expect(openingStatus([], [], new Date('2026-05-05T08:00:00Z'), PARIS)).toEqual({
      state: 'closed',
      nextOpensAt: undefined,
      closure: undefined,
    })
  })

  it('uses the shop clock of its own zone', () => {
    // 07:00 in Martinique (UTC−4) is 11:00Z.
    const everyDay = [1, 2, 3, 4, 5, 6, 7].map((d) => range(d, '07:00', '19:00'))
    expect(openingStatus(everyDay, [], new Date('2026-05-05T10:00:00Z'), 'America/Martinique')).toMatchObject(
      {
        state: 'closed',
        nextOpensAt: new Date('2026-05-05T11:00:00Z'),
      },
    )
  })
})

describe('closureOn', () => {
  it('covers both the first and the last day of a closure', () => {
    const c = closure('2026-08-01', '2026-08-15')
    expect(closureOn('2026-07-31', [c])).toBeUndefined()
    expect(closureOn('2026-08-01', [c])).toBe(c)
    expect(closureOn('2026-08-15', [c])).toBe(c)
    expect(closureOn('2026-08-16', [c])).toBeUndefined()
  })
})

describe('checkWeeklyHours', () => {
  it('accepts a week with a lunch break', () => {
    expect(checkWeeklyHours(BAKERY)).toEqual([])
  })

  it('accepts ranges that touch (closing at 12:00, reopening at 12:00) and a range to 24:00', () => {
    expect(checkWeeklyHours([range(1, '08:00', '12:00'), range(1, '12:00', '24:00')])).toEqual([])
  })

  it('refuses two ranges of the same day that overlap', () => {
    expect(checkWeeklyHours([range(2, '14:00', '19:00'), range(2, '08:00', '14:30')])).toContainEqual({
      field: 'hours',
      code: 'overlapping_ranges',
    })
  })

  it('allows the same hours on different days', () => {
    expect(checkWeeklyHours([range(2, '08:00', '12:00'), range(3, '08:00', '12:00')])).toEqual([])
  })

  it('refuses a range that closes before it opens, is empty, or leaves the day', () => {
    expect(checkWeeklyHours([range(1, '12:00', '08:00')])).toEqual([
      { field: 'hours[0]', code: 'invalid_range' },
    ])
    expect(checkWeeklyHours([range(1, '08:00', '08:00')])).toEqual([
      { field: 'hours[0]', code: 'invalid_range' },
    ])
    expect(checkWeeklyHours([{ weekday: 1, opensMinute: -10, closesMinute: 60 }])).toEqual([
      { field: 'hours[0]', code: 'invalid_range' },
    ])
    expect(checkWeeklyHours([{ weekday: 1, opensMinute: 600, closesMinute: 1441 }])).toEqual([
      { field: 'hours[0]', code: 'invalid_range' },
    ])
  })

  it('refuses a weekday outside Monday–Sunday', () => {
    expect(checkWeeklyHours([range(0, '08:00', '12:00')])).toContainEqual({
      field: 'hours[0].weekday',
      code: 'invalid_weekday',
    })
    expect(checkWeeklyHours([range(8, '08:00', '12:00')])).toContainEqual({
      field: 'hours[0].weekday',
      code: 'invalid_weekday',
    })
    expect(checkWeeklyHours([{ weekday: 1.5, opensMinute: 0, closesMinute: 60 }])).toContainEqual({
      field: 'hours[0].weekday',
      code: 'invalid_weekday',
    })
  })

  it('refuses times that are not numbers', () => {
    expect(checkWeeklyHours([{ weekday: 1, opensMinute: Number.NaN, closesMinute: 60 }])).toEqual([
      { field: 'hours[0]', code: 'invalid_range' },
    ])
  })
})

describe('checkClosure', () => {
  it('accepts a one-day closure and a range of days', () => {
    expect(checkClosure('2026-08-01', '2026-08-01')).toEqual([])
    expect(checkClosure('2026-08-01', '2026-08-15')).toEqual([])
  })

  it('refuses a closure that ends before it starts', () => {
    expect(checkClosure('2026-08-15', '2026-08-01')).toEqual([{ field: 'endsOn', code: 'ends_before_start' }])
  })

  it('refuses dates that do not exist', () => {
    expect(checkClosure('2026-02-30', '2026-03-01')).toEqual([{ field: 'startsOn', code: 'invalid_date' }])
    expect(checkClosure('2026-03-01', '01/04/2026')).toEqual([{ field: 'endsOn', code: 'invalid_date' }])
  })
})

describe('checkShopProfile', () => {
  it('accepts a complete profile', () => {
    expect(checkShopProfile(aShopProfile())).toEqual([])
  })

  it('accepts a La Poste SIRET, a SIRET typed with spaces and a valid VAT number', () => {
    expect(
      checkShopProfile(aShopProfile({ siret: '356 000 000 49837', vatNumber: 'FR 44 732 829 320' })),
    ).toEqual([])
  })

  it('reports every problem at once, each on its field', () => {
    const problems = checkShopProfile(
      aShopProfile({ siret: '73282932000075', postalCode: '4900', email: 'pas-un-email', name: '  ' }),
    )
    expect(problems).toEqual(
      expect.arrayContaining([
        { field: 'name', code: 'required' },
        { field: 'siret', code: 'invalid_siret' },
        { field: 'postalCode', code: 'invalid_postal_code' },
        { field: 'email', code: 'invalid_email' },
      ]),
    )
    expect(problems).toHaveLength(4)
  })

  it('refuses an invalid VAT number, an unknown kind, an unknown time zone and a bad phone', () => {
    const problems = checkShopProfile(
      aShopProfile({
        vatNumber: 'FR45732829320',
        kind: 'banque' as never,
        timeZone: 'Europe/Angers',
        phone: 'appelez-nous',
      }),
    )
    expect(problems.map((p) => p.code).sort()).toEqual([
      'invalid_phone',
      'invalid_time_zone',
      'invalid_vat',
      'unknown_kind',
    ])
  })

  it('leaves the optional SIRET, VAT number, phone and email optional', () => {
    expect(
      checkShopProfile(aShopProfile({ siret: undefined, vatNumber: undefined, phone: '', email: '' })),
    ).toEqual([])
  })

  it('keeps the stock freshness window between one hour and 90 days', () => {
    expect(checkShopProfile(aShopProfile({ stockFreshnessHours: 0 }))).toEqual([
      { field: 'stockFreshnessHours', code: 'out_of_range' },
    ])
    expect(checkShopProfile(aShopProfile({ stockFreshnessHours: 1.5 }))).toEqual([
      { field: 'stockFreshnessHours', code: 'out_of_range' },
    ])
    expect(checkShopProfile(aShopProfile({ stockFreshnessHours: 24 * 90 }))).toEqual([])
  })

  it('refuses a name longer than 80 characters', () => {
    expect(checkShopProfile(aShopProfile({ name: 'B'.repeat(81) }))).toEqual([
      { field: 'name', code: 'too_long' },
    ])
  })
})
