import { describe, expect, it } from 'vitest'
import {
  formatEuros,
  frenchDate,
  frenchDateTime,
  frenchDay,
  frenchDuration,
  frenchMinuteOfDay,
  frenchSlotTime,
  frenchTime,
  plural,
  timeAgo,
} from './french-format.js'

const PARIS = 'Europe/Paris'

// Pages and mails are asserted letter for letter: a no-break space (U+00A0) keeps "19 h 30" on one line, and
// Intl's narrow one (U+202F) stands between thousands.
describe('French wording', () => {
  it('writes a time of day the French way, on the zone’s clock', () => {
    expect(frenchTime(new Date('2026-11-23T18:30:00Z'), PARIS)).toBe('19\u00a0h\u00a030')
    expect(frenchTime(new Date('2026-11-23T06:00:00Z'), PARIS)).toBe('7\u00a0h')
    expect(frenchTime(new Date('2026-11-23T23:00:00Z'), PARIS)).toBe('minuit')
    expect(frenchMinuteOfDay(13 * 60 + 5)).toBe('13\u00a0h\u00a005')
    expect(frenchSlotTime(600)).toBe('10\u00a0h\u00a000')
  })

  it('says durations in minutes, then hours', () => {
    expect([45, 90, 120].map(frenchDuration)).toEqual(['45\u00a0min', '1\u00a0h\u00a030', '2\u00a0h'])
  })

  it('names days and dates, near ones by their word', () => {
    const now = new Date('2026-11-23T09:00:00Z')
    expect(frenchDay(new Date('2026-11-24T09:00:00Z'), now, PARIS)).toBe('demain')
    expect(frenchDay(new Date('2026-12-07T09:00:00Z'), now, PARIS)).toBe('lundi 7 décembre')
    expect(frenchDate('2025-12-24')).toBe('mercredi 24 décembre')
    expect(frenchDate('2026-03-01', true)).toBe('dimanche 1 mars 2026')
    expect(frenchDateTime('2026-11-24T10:00:00Z', PARIS)).toBe('mardi 24 novembre à 11:00')
    expect(frenchDateTime('2026-11-23T08:00:00Z', PARIS, { weekday: false, year: true })).toBe(
      '23 novembre 2026 à 09:00',
    )
  })

  it('counts with a narrow space between thousands, and says how long ago', () => {
    expect(plural(1, 'résultat')).toBe('1 résultat')
    expect(plural(1234, 'résultat')).toBe('1\u202f234 résultats')
    expect(timeAgo('2026-11-23T08:55:00Z', new Date('2026-11-23T09:00:00Z'))).toBe('il y a 5\u00a0min')
  })
})

describe('formatEuros', () => {
  it('shows 1250 cents as "12,50 €" with a no-break space before the euro sign', () => {
    expect(formatEuros(1250)).toBe('12,50\u00a0€')
  })

  it('groups thousands with a narrow no-break space', () => {
    expect(formatEuros(123_456)).toBe('1\u202f234,56\u00a0€')
  })
})
