import { describe, expect, it } from 'vitest'
import { toZoned } from '../../lib/zoned-time.js'
import {
  endOfQuietHours,
  isInQuietHours,
  outsideQuietHours,
  parseReminderKey,
  reminderKey,
  reminderTime,
} from './reminders.js'

const PARIS = 'Europe/Paris'
const at = (iso: string) => new Date(iso)
/** The reminder of a booking made at `bookedAt` for `startsAt`, as an ISO string (or undefined). */
const reminderOf = (startsAt: string, bookedAt: string, timeZone = PARIS) =>
  reminderTime(at(startsAt), at(bookedAt), timeZone)?.toISOString()

// Monday 23 November 2026, 9:00 in Paris (UTC+1).
const MONDAY = '2026-11-23T08:00:00Z'

describe('when a booking’s reminder leaves (UX-15)', () => {
  it('leaves 24 hours before the start when that is daytime in the shop', () => {
    // Thursday 11:00 in Paris → Wednesday 11:00.
    expect(reminderOf('2026-11-26T10:00:00Z', MONDAY)).toBe('2026-11-25T10:00:00.000Z')
  })

  it('sends none for a booking made less than 26 hours ahead: the confirmation is enough', () => {
    expect(reminderOf('2026-11-24T09:59:00Z', MONDAY)).toBeUndefined()
    expect(reminderOf('2026-11-23T12:00:00Z', MONDAY)).toBeUndefined()
    // Exactly 26 hours ahead: one, two hours after the confirmation.
    expect(reminderOf('2026-11-24T10:00:00Z', MONDAY)).toBe('2026-11-23T10:00:00.000Z')
  })

  it('comes two hours before a cancellation deadline near the day before, so it still carries the cancel link', () => {
    const start = '2026-11-26T10:00:00Z'
    const withDeadline = (hoursBefore: number) =>
      reminderTime(
        at(start),
        at(MONDAY),
        PARIS,
        new Date(Date.parse(start) - hoursBefore * 3_600_000),
      )?.toISOString()
    // Cancel until 24 h before: Wednesday 09:00 in Paris instead of 11:00.
    expect(withDeadline(24)).toBe('2026-11-25T08:00:00.000Z')
    // Cancel until 30 h before (Wednesday 05:00): 03:00 is night and 08:00 too late → Tuesday 20:45.
    expect(withDeadline(30)).toBe('2026-11-24T19:45:00.000Z')
    // Cancel until 26 h before (Wednesday 09:00): 07:00 is night, 08:00 still before it.
    expect(withDeadline(26)).toBe('2026-11-25T07:00:00.000Z')
    // A deadline far earlier (48 h) or later (2 h) leaves the reminder at 24 h before.
    expect(withDeadline(48)).toBe('2026-11-25T10:00:00.000Z')
    expect(withDeadline(2)).toBe('2026-11-25T10:00:00.000Z')
  })

  it('moves an early-morning booking’s reminder to 08:00 the day before', () => {
    // Thursday 07:30 in Paris: 24 hours before is 07:30, still night → Wednesday 08:00.
    expect(reminderOf('2026-11-26T06:30:00Z', MONDAY)).toBe('2026-11-25T07:00:00.000Z')
    // 08:00 is the first minute of the day, not the last of the night.
    expect(reminderOf('2026-11-26T07:00:00Z', MONDAY)).toBe('2026-11-25T07:00:00.000Z')
    expect(reminderOf('2026-11-26T06:59:00Z', MONDAY)).toBe('2026-11-25T07:00:00.000Z')
  })

  it('moves a late-evening booking’s reminder to 08:00 the same day, still 12 hours ahead', () => {
    // Thursday 21:30 in Paris: Wednesday 21:30 is quiet → Thursday 08:00, 13 h 30 before.
    expect(reminderOf('2026-11-26T20:30:00Z', MONDAY)).toBe('2026-11-26T07:00:00.000Z')
    // 21:00 is already quiet; 20:45 is not.
    expect(reminderOf('2026-11-26T20:00:00Z', MONDAY)).toBe('2026-11-26T07:00:00.000Z')
    expect(reminderOf('2026-11-26T19:45:00Z', MONDAY)).toBe('2026-11-25T19:45:00.000Z')
  })

  it('keeps 08:00 on the wall clock across the spring DST night (29 March 2026)', () => {
    // Sunday 08:30 CEST: Saturday 07:30 CET is quiet → Saturday 08:00 CET (07:00Z).
    expect(reminderOf('2026-03-29T06:30:00Z', '2026-03-25T10:00:00Z')).toBe('2026-03-28T07:00:00.000Z')
    // Monday 07:30 CEST: Sunday 07:30 CEST is quiet → Sunday 08:00 CEST (06:00Z, not 07:00Z as in winter).
    expect(reminderOf('2026-03-30T05:30:00Z', '2026-03-25T10:00:00Z')).toBe('2026-03-29T06:00:00.000Z')
    // Sunday 22:00 CEST: Saturday 21:00 CET is quiet, and the night loses an hour → Sunday 08:00 CEST.
    expect(reminderOf('2026-03-29T20:00:00Z', '2026-03-25T10:00:00Z')).toBe('2026-03-29T06:00:00.000Z')
  })

  it('keeps 08:00 on the wall clock across the autumn DST night (25 October 2026)', () => {
    // Sunday 06:30 CET: Saturday 07:30 CEST is quiet → Saturday 08:00 CEST (06:00Z).
    expect(reminderOf('2026-10-25T05:30:00Z', '2026-10-20T10:00:00Z')).toBe('2026-10-24T06:00:00.000Z')
    // Monday 07:30 CET: Sunday 07:30 CET is quiet → Sunday 08:00 CET (07:00Z).
    expect(reminderOf('2026-10-26T06:30:00Z', '2026-10-20T10:00:00Z')).toBe('2026-10-25T07:00:00.000Z')
    // Sunday 08:30 CET: 24 real hours before is Saturday 09:30 CEST, daytime: unchanged.
    expect(reminderOf('2026-10-25T07:30:00Z', '2026-10-20T10:00:00Z')).toBe('2026-10-24T07:30:00.000Z')
  })

  it('reads the night on the shop’s own clock', () => {
    // 07:30 in New York (UTC−5) → 08:00 there the day before, which is 14:00 in Paris.
    expect(reminderOf('2026-11-26T12:30:00Z', MONDAY, 'America/New_York')).toBe('2026-11-25T13:00:00.000Z')
  })

  it('never leaves in quiet hours, at least 12 and at most 24 hours before, whatever the start (DST weeks, every 5 minutes)', () => {
    for (const [from, bookedAt] of [
      ['2026-03-26T00:00:00Z', '2026-03-20T00:00:00Z'],
      ['2026-10-22T00:00:00Z', '2026-10-15T00:00:00Z'],
    ] as const) {
      for (let t = Date.parse(from); t < Date.parse(from) + 7 * 86_400_000; t += 5 * 60_000) {
        const reminder = reminderTime(new Date(t), at(bookedAt), PARIS)!
        const minute = toZoned(reminder, PARIS).minuteOfDay
        expect([new Date(t).toISOString(), minute >= 8 * 60 && minute < 21 * 60]).toEqual([
          new Date(t).toISOString(),
          true,
        ])
        expect(t - reminder.getTime()).toBeGreaterThanOrEqual(12 * 3_600_000)
        expect(t - reminder.getTime()).toBeLessThanOrEqual(24 * 3_600_000)
      }
    }
  })
})

describe('moving a message out of quiet hours', () => {
  it('falls back to 20:45 the evening before when 08:00 would leave less than 12 hours', () => {
    // Due Wednesday 23:00 for a start on Thursday 06:00 (Paris): 08:00 is after the start → Wednesday 20:45.
    expect(
      outsideQuietHours(at('2026-11-25T22:00:00Z'), at('2026-11-26T05:00:00Z'), PARIS).toISOString(),
    ).toBe('2026-11-25T19:45:00.000Z')
    // Due Thursday 01:00 for Thursday 19:00: 08:00 leaves 11 hours → the evening the night began, Wednesday 20:45.
    expect(
      outsideQuietHours(at('2026-11-26T00:00:00Z'), at('2026-11-26T18:00:00Z'), PARIS).toISOString(),
    ).toBe('2026-11-25T19:45:00.000Z')
    // Due Thursday 01:00 for Thursday 20:00: 08:00 leaves exactly 12 hours → Thursday 08:00.
    expect(
      outsideQuietHours(at('2026-11-26T00:00:00Z'), at('2026-11-26T19:00:00Z'), PARIS).toISOString(),
    ).toBe('2026-11-26T07:00:00.000Z')
  })

  it('tells night from day on the shop’s clock', () => {
    expect(isInQuietHours(at('2026-11-25T19:59:00Z'), PARIS)).toBe(false) // 20:59
    expect(isInQuietHours(at('2026-11-25T20:00:00Z'), PARIS)).toBe(true) // 21:00
    expect(isInQuietHours(at('2026-11-26T06:59:00Z'), PARIS)).toBe(true) // 07:59
    expect(isInQuietHours(at('2026-11-26T07:00:00Z'), PARIS)).toBe(false) // 08:00
  })
})

describe('a late message at night', () => {
  it('waits for 08:00 on the shop’s clock, the same morning or the next one', () => {
    expect(endOfQuietHours(at('2026-11-25T21:00:00Z'), PARIS).toISOString()).toBe('2026-11-26T07:00:00.000Z') // Wed 22:00 → Thu 08:00
    expect(endOfQuietHours(at('2026-11-26T02:00:00Z'), PARIS).toISOString()).toBe('2026-11-26T07:00:00.000Z') // Thu 03:00 → Thu 08:00
    expect(endOfQuietHours(at('2026-03-29T01:30:00Z'), PARIS).toISOString()).toBe('2026-03-29T06:00:00.000Z') // the spring night, CEST at 08:00
    expect(endOfQuietHours(at('2026-11-26T10:00:00Z'), PARIS).toISOString()).toBe('2026-11-26T10:00:00.000Z') // by day: now
  })

  it('keeps the booking and the start it reminds of in the key, put off or not', () => {
    expect(parseReminderKey(reminderKey('01B', '2026-11-26T10:00:00.000Z'))).toEqual({
      bookingId: '01B',
      startsAt: '2026-11-26T10:00:00.000Z',
    })
    expect(
      parseReminderKey(reminderKey('01B', '2026-11-26T10:00:00.000Z', '2026-11-26T07:00:00.000Z')),
    ).toEqual({ bookingId: '01B', startsAt: '2026-11-26T10:00:00.000Z' })
  })
})
