import { describe, expect, it } from 'vitest'
import {
  cellsOf,
  checkDepositPolicy,
  checkServiceSettings,
  depositAfterNoShows,
  depositDue,
  depositTarget,
  freeTimesOn,
  occupiedCells,
} from './rules.js'

const hhmm = (ms: number) => new Date(ms).toISOString().slice(11, 16)

describe('booking rules (decision 006)', () => {
  it('cuts time into five-minute cells on the UTC clock, widened outward', () => {
    expect(cellsOf(Date.parse('2026-11-23T10:00:00Z'), Date.parse('2026-11-23T10:15:00Z'))).toEqual([
      '2026-11-23T10:00:00.000Z',
      '2026-11-23T10:05:00.000Z',
      '2026-11-23T10:10:00.000Z',
    ])
    expect(cellsOf(Date.parse('2026-11-23T10:03:00Z'), Date.parse('2026-11-23T10:06:00Z'))).toEqual([
      '2026-11-23T10:00:00.000Z',
      '2026-11-23T10:05:00.000Z',
    ])
    expect(
      occupiedCells(Date.parse('2026-11-23T10:00:00Z'), Date.parse('2026-11-23T10:05:00Z'), {
        bufferBeforeMinutes: 5,
        bufferAfterMinutes: 10,
      }),
    ).toHaveLength(4)
  })

  /** A shop open around the clock every day, one resource, an hour-long service starting every hour. */
  const aroundTheClock = (now: string) => ({
    shopHours: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, opensMinute: 0, closesMinute: 1440 })),
    closures: [],
    timeZone: 'Europe/Paris',
    durationMinutes: 60,
    settings: {
      bufferBeforeMinutes: 0,
      bufferAfterMinutes: 0,
      stepMinutes: 60,
      noticeMinutes: 0,
      horizonDays: 30,
    },
    resources: [{ id: 'r', hours: [], absences: [], taken: new Set<number>() }],
    now: new Date(now),
  })

  it('offers 23 hourly starts on the night clocks go forward and 25 on the night they go back, none twice', () => {
    const spring = freeTimesOn('2027-03-28', aroundTheClock('2027-03-27T12:00:00Z'))
    expect(spring).toHaveLength(23)
    expect(spring.map((t) => hhmm(t.start)).slice(0, 3)).toEqual(['23:00', '00:00', '01:00'])
    const autumn = freeTimesOn('2026-10-25', aroundTheClock('2026-10-24T12:00:00Z'))
    expect(autumn).toHaveLength(25)
    expect(new Set(autumn.map((t) => t.start)).size).toBe(25)
  })

  it('offers nothing before today, past the horizon, or on a closure day', () => {
    const q = aroundTheClock('2026-11-23T12:00:00Z')
    expect(freeTimesOn('2026-11-22', q)).toEqual([])
    expect(freeTimesOn('2026-12-23', q)).toEqual([])
    expect(
      freeTimesOn('2026-11-25', {
        ...q,
        closures: [{ id: 'c', startsOn: '2026-11-25', endsOn: '2026-11-25', reason: '' }],
      }),
    ).toEqual([])
    // Today, only what starts after now + notice.
    expect(
      freeTimesOn('2026-11-23', { ...q, settings: { ...q.settings, noticeMinutes: 120 } }).map((t) =>
        hhmm(t.start),
      )[0],
    ).toBe('14:00')
  })

  it('narrows hours off the five-minute grid to it, so starts and cells stay on the grid', () => {
    const q = aroundTheClock('2026-11-22T12:00:00Z')
    // Monday 9:03–10:02 in Paris (08:03Z–09:02Z): one 30-minute start, at 9:05.
    const times = freeTimesOn('2026-11-23', {
      ...q,
      shopHours: [{ weekday: 1, opensMinute: 543, closesMinute: 602 }],
      durationMinutes: 30,
      settings: { ...q.settings, stepMinutes: 30 },
    })
    expect(times.map((t) => hhmm(t.start))).toEqual(['08:05'])
  })
})

describe('deposits (UX-16, UX-18)', () => {
  it('computes what a booking leaves: a fixed hold, a percentage to the cent, the whole price, or nothing', () => {
    expect(depositDue({ kind: 'card_hold', amountCents: 2000 }, 3500)).toEqual({
      kind: 'card_hold',
      amountCents: 2000,
    })
    expect(depositDue({ kind: 'deposit', percent: 30 }, 3500)).toEqual({ kind: 'deposit', amountCents: 1050 })
    expect(depositDue({ kind: 'deposit', percent: 33 }, 999)).toEqual({ kind: 'deposit', amountCents: 330 })
    expect(depositDue({ kind: 'prepayment' }, 3500)).toEqual({ kind: 'prepayment', amountCents: 3500 })
    expect(depositDue({ kind: 'none' }, 3500)).toBeUndefined()
    expect(depositDue({ kind: 'prepayment' }, 0)).toBeUndefined()
  })

  it('asks a resident over the no-show limit the service’s guarantee, else a hold of its price up to 500 €, else nothing possible', () => {
    expect(depositAfterNoShows({ kind: 'deposit', percent: 10 }, 3500)).toEqual({
      kind: 'deposit',
      amountCents: 350,
    })
    expect(depositAfterNoShows({ kind: 'none' }, 3500)).toEqual({ kind: 'card_hold', amountCents: 3500 })
    expect(depositAfterNoShows({ kind: 'none' }, 90_000)).toEqual({ kind: 'card_hold', amountCents: 50_000 })
    expect(depositAfterNoShows({ kind: 'none' }, 50)).toBeUndefined()
  })

  it('takes a hold only on a no-show, keeps a deposit once the time has come, releases any on cancelling', () => {
    const row = (kind: 'card_hold' | 'deposit' | 'prepayment') =>
      (
        [
          'pending_payment',
          'requested',
          'confirmed',
          'attended',
          'no_show',
          'cancelled',
          'payment_failed',
        ] as const
      ).map((s) => depositTarget(kind, s))
    expect(row('card_hold')).toEqual(['leave', 'leave', 'leave', 'release', 'take', 'release', 'release'])
    expect(row('deposit')).toEqual(['leave', 'leave', 'take', 'take', 'take', 'release', 'release'])
    expect(row('prepayment')).toEqual(row('deposit'))
  })

  it('refuses a hold outside 1 € to 500 € and a percentage outside 1 to 100', () => {
    expect(checkDepositPolicy({ kind: 'card_hold', amountCents: 100 })).toEqual([])
    expect(checkDepositPolicy({ kind: 'card_hold', amountCents: 20.5 })).toEqual([
      { field: 'deposit.amountCents', code: 'out_of_range' },
    ])
    expect(checkDepositPolicy({ kind: 'deposit', percent: Number.NaN })).toEqual([
      { field: 'deposit.percent', code: 'out_of_range' },
    ])
  })

  it('lets a service be cancelled online until 1 hour to 2 weeks before (UX-16), not less, not more', () => {
    const settings = {
      bufferBeforeMinutes: 0,
      bufferAfterMinutes: 0,
      stepMinutes: 15,
      noticeMinutes: 0,
      horizonDays: 30,
      resourceIds: ['r'],
    }
    for (const hours of [1, 24, 14 * 24])
      expect(checkServiceSettings({ ...settings, cancelHoursBefore: hours }), String(hours)).toEqual([])
    for (const hours of [0, 14 * 24 + 1, 1.5])
      expect(checkServiceSettings({ ...settings, cancelHoursBefore: hours }), String(hours)).toEqual([
        { field: 'cancelHoursBefore', code: 'out_of_range' },
      ])
  })
})
