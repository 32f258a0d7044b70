import { describe, expect, it } from 'vitest'
import {
  addDays,
  formatTimeOfDay,
  fromZoned,
  isValidLocalDate,
  isValidTimeZone,
  parseTimeOfDay,
  toZoned,
  weekdayOf,
} from './zoned-time.js'

const PARIS = 'Europe/Paris'
const at = (minuteOfDay: string) => parseTimeOfDay(minuteOfDay)!

describe('fromZoned: a shop-clock time to an instant', () => {
  it('puts 08:00 in Paris at 07:00Z the day before spring forward and at 06:00Z the day after', () => {
    expect(fromZoned('2026-03-28', at('08:00'), PARIS).toISOString()).toBe('2026-03-28T07:00:00.000Z')
    expect(fromZoned('2026-03-30', at('08:00'), PARIS).toISOString()).toBe('2026-03-30T06:00:00.000Z')
  })

  it('puts 08:00 in Paris at 06:00Z the day before fall back and at 07:00Z the day after', () => {
    expect(fromZoned('2026-10-24', at('08:00'), PARIS).toISOString()).toBe('2026-10-24T06:00:00.000Z')
    expect(fromZoned('2026-10-26', at('08:00'), PARIS).toISOString()).toBe('2026-10-26T07:00:00.000Z')
  })

  it('moves a time that does not exist (02:30 on spring-forward night) forward to 03:30 summer time', () => {
    expect(fromZoned('2026-03-29', at('02:30'), PARIS).toISOString()).toBe('2026-03-29T01:30:00.000Z')
  })

  it('takes the earlier instant of a time that happens twice (02:30 on fall-back night)', () => {
    expect(fromZoned('2026-10-25', at('02:30'), PARIS).toISOString()).toBe('2026-10-25T00:30:00.000Z')
  })

  it('reads 24:00 as the next midnight', () => {
    expect(fromZoned('2026-03-28', 1440, PARIS).toISOString()).toBe('2026-03-28T23:00:00.000Z')
    expect(fromZoned('2026-03-29', 1440, PARIS).toISOString()).toBe('2026-03-29T22:00:00.000Z')
  })
})

describe('toZoned: an instant on the shop clock', () => {
  it('shows the date, ISO weekday and minute of the day in the shop zone', () => {
    expect(toZoned(new Date('2026-03-28T07:00:00Z'), PARIS)).toEqual({
      date: '2026-03-28',
      weekday: 6,
      minuteOfDay: 480,
    })
    expect(toZoned(new Date('2026-03-30T06:00:00Z'), PARIS)).toEqual({
      date: '2026-03-30',
      weekday: 1,
      minuteOfDay: 480,
    })
  })

  it('jumps from 01:59 to 03:00 on spring-forward night', () => {
    expect(toZoned(new Date('2026-03-29T00:59:00Z'), PARIS).minuteOfDay).toBe(at('01:59'))
    expect(toZoned(new Date('2026-03-29T01:00:00Z'), PARIS).minuteOfDay).toBe(at('03:00'))
  })

  it('shows 02:30 twice on fall-back night', () => {
    expect(toZoned(new Date('2026-10-25T00:30:00Z'), PARIS)).toEqual({
      date: '2026-10-25',
      weekday: 7,
      minuteOfDay: 150,
    })
    expect(toZoned(new Date('2026-10-25T01:30:00Z'), PARIS)).toEqual({
      date: '2026-10-25',
      weekday: 7,
      minuteOfDay: 150,
    })
  })

  it('puts a late UTC evening on the next local day', () => {
    expect(toZoned(new Date('2026-06-30T22:30:00Z'), PARIS)).toEqual({
      date: '2026-07-01',
      weekday: 3,
      minuteOfDay: 30,
    })
  })

  it('round-trips every quarter hour of both DST days', () => {
    for (const date of ['2026-03-29', '2026-10-25']) {
      for (let minute = 0; minute < 1440; minute += 15) {
        const instant = fromZoned(date, minute, PARIS)
        const back = toZoned(instant, PARIS)
        expect(back.date).toBe(date)
        // Only the missing spring hour (02:00–02:59) lands one hour later.
        const missing = date === '2026-03-29' && minute >= 120 && minute < 180
        expect(back.minuteOfDay).toBe(missing ? minute + 60 : minute)
      }
    }
  })
})

describe('dates and times of day', () => {
  it('reads times of day as shopkeepers type them', () => {
    expect(parseTimeOfDay('07:30')).toBe(450)
    expect(parseTimeOfDay('7h30')).toBe(450)
    expect(parseTimeOfDay(' 19:00 ')).toBe(1140)
    expect(parseTimeOfDay('00:00')).toBe(0)
    expect(parseTimeOfDay('24:00')).toBe(1440)
  })

  it('refuses what is not a time of day', () => {
    for (const bad of ['24:01', '25:00', '12:60', '12', 'abc', '', '12:5', '-1:00'])
      expect(parseTimeOfDay(bad)).toBeUndefined()
  })

  it('writes minutes as HH:MM', () => {
    expect(formatTimeOfDay(450)).toBe('07:30')
    expect(formatTimeOfDay(0)).toBe('00:00')
    expect(formatTimeOfDay(1440)).toBe('24:00')
    for (let m = 0; m <= 1440; m += 7) expect(parseTimeOfDay(formatTimeOfDay(m))).toBe(m)
  })

  it('knows which calendar dates exist', () => {
    expect(isValidLocalDate('2026-02-28')).toBe(true)
    expect(isValidLocalDate('2028-02-29')).toBe(true)
    expect(isValidLocalDate('2026-02-30')).toBe(false)
    expect(isValidLocalDate('2026-02-29')).toBe(false)
    expect(isValidLocalDate('2026-13-01')).toBe(false)
    expect(isValidLocalDate('2026-2-3')).toBe(false)
    expect(isValidLocalDate('03/02/2026')).toBe(false)
  })

  it('adds days across month ends and DST changes and knows the weekday', () => {
    expect(addDays('2026-03-28', 2)).toBe('2026-03-30')
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01')
    expect(weekdayOf('2026-03-29')).toBe(7)
    expect(weekdayOf('2026-10-26')).toBe(1)
  })

  it('knows IANA time zones', () => {
    expect(isValidTimeZone('Europe/Paris')).toBe(true)
    expect(isValidTimeZone('America/Martinique')).toBe(true)
    expect(isValidTimeZone('Europe/Angers')).toBe(false)
  })
})
