/** Money is integer minor units (cents), in euros; VAT rates are basis points (550 = 5.5 %). */

/** The French VAT rates a shop may use, in basis points. */
export const VAT_RATES_BP = [2000, 1000, 550, 210, 0] as const
export type VatRateBp = (typeof VAT_RATES_BP)[number]

export function isVatRate(value: number): value is VatRateBp {
  return (VAT_RATES_BP as readonly number[]).includes(value)
}

/**
 * Splits a price including tax into net + VAT, in cents. The net is rounded half-up and the VAT is the
 * remainder, so net + vat always equals the price the resident pays (no lost cent).
 */
export function splitVat(grossCents: number, rateBp: number): { netCents: number; vatCents: number } {
  assertCents(grossCents)
  const netCents = Math.round((grossCents * 10_000) / (10_000 + rateBp))
  return { netCents, vatCents: grossCents - netCents }
}

/** One line per VAT rate, as a receipt shows it; the gross totals add up exactly to the lines' sum. */
export function vatBreakdown(
  lines: ReadonlyArray<{ grossCents: number; rateBp: number }>,
): Array<{ rateBp: number; grossCents: number; netCents: number; vatCents: number }> {
  const byRate = new Map<number, number>()
  for (const line of lines) byRate.set(line.rateBp, (byRate.get(line.rateBp) ?? 0) + line.grossCents)
  return [...byRate.entries()]
    .sort(([a], [b]) => b - a)
    .map(([rateBp, grossCents]) => ({ rateBp, grossCents, ...splitVat(grossCents, rateBp) }))
}

function assertCents(value: number): void {
  if (!Number.isSafeInteger(value)) throw new RangeError(`not an integer amount of cents: ${value}`)
}

/** "12,50" or "12.5" or "12" → 1250; undefined when it is not a price. */
export function parseEuros(text: string): number | undefined {
  const match = /^\s*(\d{1,7})(?:[.,](\d{1,2}))?\s*(?:€)?\s*$/.exec(text)
  if (!match) return undefined
  const euros = Number(match[1])
  const cents = Number((match[2] ?? '0').padEnd(2, '0'))
  return euros * 100 + cents
}
