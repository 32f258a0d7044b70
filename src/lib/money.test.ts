import { describe, expect, it } from 'vitest'
import { parseEuros, splitVat, VAT_RATES_BP, vatBreakdown } from './money.js'

/** Amounts a receipt meets: every cent up to 100 €, then a spread of larger prices. */
function sampleAmounts(): number[] {
  const amounts: number[] = []
  for (let cents = 0; cents <= 10_000; cents++) amounts.push(cents)
  // A deterministic pseudo-random spread up to 100 000 € (no flaky seeds).
  let x = 123_456_789
  for (let i = 0; i < 5_000; i++) {
    x = (x * 1_103_515_245 + 12_345) % 2 ** 31
    amounts.push(x % 10_000_000)
  }
  return amounts
}

describe('splitVat', () => {
  it('never loses or invents a cent: net + VAT is exactly what the resident pays, at every rate', () => {
    const wrong: Array<{ gross: number; rateBp: number; netCents: number; vatCents: number }> = []
    for (const rateBp of VAT_RATES_BP) {
      for (const gross of sampleAmounts()) {
        const { netCents, vatCents } = splitVat(gross, rateBp)
        const exact =
          Number.isInteger(netCents) &&
          Number.isInteger(vatCents) &&
          netCents + vatCents === gross &&
          vatCents >= 0 &&
          // The net is the exact net rounded to the nearest cent: |net × (1 + rate) − gross| ≤ half a cent × (1 + rate).
          2 * Math.abs(netCents * (10_000 + rateBp) - gross * 10_000) <= 10_000 + rateBp
        if (!exact) wrong.push({ gross, rateBp, netCents, vatCents })
      }
    }
    expect(wrong).toEqual([])
  })

  it('splits 12,50 € at 5,5 % into 11,85 € net and 0,65 € VAT', () => {
    expect(splitVat(1250, 550)).toEqual({ netCents: 1185, vatCents: 65 })
  })

  it('charges no VAT at the zero rate', () => {
    expect(splitVat(999, 0)).toEqual({ netCents: 999, vatCents: 0 })
  })

  it('refuses amounts that are not whole cents', () => {
    expect(() => splitVat(12.5, 2000)).toThrow(RangeError)
    expect(() => splitVat(Number.NaN, 2000)).toThrow(RangeError)
  })
})

describe('vatBreakdown', () => {
  const lines = [
    { grossCents: 120, rateBp: 550 },
    { grossCents: 1490, rateBp: 2000 },
    { grossCents: 99, rateBp: 550 },
    { grossCents: 2500, rateBp: 1000 },
    { grossCents: 1, rateBp: 2000 },
  ]

  it('shows one line per VAT rate, highest rate first, as a receipt does', () => {
    const breakdown = vatBreakdown(lines)
    expect(breakdown.map((b) => b.rateBp)).toEqual([2000, 1000, 550])
    expect(breakdown.map((b) => b.grossCents)).toEqual([1491, 2500, 219])
  })

  it('adds up exactly to the total of the lines, net and VAT included', () => {
    const breakdown = vatBreakdown(lines)
    const total = lines.reduce((sum, l) => sum + l.grossCents, 0)
    expect(breakdown.reduce((sum, b) => sum + b.grossCents, 0)).toBe(total)
    expect(breakdown.reduce((sum, b) => sum + b.netCents + b.vatCents, 0)).toBe(total)
    for (const b of breakdown) expect(b).toMatchObject(splitVat(b.grossCents, b.rateBp))
  })

  it('sums exactly for many random baskets', () => {
    let x = 42
    const next = () => (x = (x * 1_103_515_245 + 12_345) % 2 ** 31)
    for (let basket = 0; basket < 500; basket++) {
      const basketLines = Array.from({ length: 1 + (next() % 12) }, () => ({
        grossCents: next() % 50_000,
        rateBp: VAT_RATES_BP[next() % VAT_RATES_BP.length]!,
      }))
      const breakdown = vatBreakdown(basketLines)
      const total = basketLines.reduce((sum, l) => sum + l.grossCents, 0)
      expect(breakdown.reduce((sum, b) => sum + b.netCents + b.vatCents, 0)).toBe(total)
      expect(new Set(breakdown.map((b) => b.rateBp)).size).toBe(breakdown.length)
    }
  })

  it('is empty for an empty basket', () => {
    expect(vatBreakdown([])).toEqual([])
  })
})

describe('parseEuros', () => {
  it('reads prices the way shopkeepers type them', () => {
    expect(parseEuros('12,50')).toBe(1250)
    expect(parseEuros('12.5')).toBe(1250)
    expect(parseEuros('12')).toBe(1200)
    expect(parseEuros('0,05')).toBe(5)
    expect(parseEuros(' 12,50 € ')).toBe(1250)
  })

  it('refuses what is not a price', () => {
    expect(parseEuros('abc')).toBeUndefined()
    expect(parseEuros('-3')).toBeUndefined()
    expect(parseEuros('1e3')).toBeUndefined()
    expect(parseEuros('')).toBeUndefined()
    expect(parseEuros('12,505')).toBeUndefined()
    expect(parseEuros('12,')).toBeUndefined()
  })
})
