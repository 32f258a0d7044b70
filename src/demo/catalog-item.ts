import type { ProductKind } from '../modules/catalog/index.js'
import type { VatRateBp } from '../lib/money.js'
import type { CategoryKey } from './categories.js'

/** A variant as the demo data writes it; stock is decided at seeding time (see stockFor). */
export interface DemoVariant {
  name: string
  priceCents: number
  durationMinutes?: number
}

/** One product or service of a demo shop. */
export interface DemoItem {
  name: string
  description: string
  category: CategoryKey
  vatRateBp: VatRateBp
  kind: ProductKind
  variants: DemoVariant[]
}

/** A maker of items sharing a category, a VAT rate and a kind: `const bread = shelf('pains', 550)`. */
export function shelf(category: CategoryKey, vatRateBp: VatRateBp, kind: ProductKind = 'product') {
  return (name: string, description: string, variants: DemoVariant[]): DemoItem => ({
    name,
    description,
    category,
    vatRateBp,
    kind,
    variants,
  })
}

/** A single variant sold by the piece. */
export const unit = (priceCents: number): DemoVariant[] => [{ name: 'À l’unité', priceCents }]

/** Named variants with their prices: `choices(['Petit', 2500], ['Grand', 5000])`. */
export const choices = (...pairs: Array<[name: string, priceCents: number]>): DemoVariant[] =>
  pairs.map(([name, priceCents]) => ({ name, priceCents }))

/** Variants by weight from a price per kilo, rounded to 10 cents: "250 g", "500 g", "1 kg". */
export function byWeight(
  pricePerKgCents: number,
  grams: readonly number[] = [250, 500, 1000],
): DemoVariant[] {
  return grams.map((g) => ({
    name: weightLabel(g),
    priceCents: Math.round((pricePerKgCents * g) / 1000 / 10) * 10,
  }))
}

function weightLabel(grams: number): string {
  if (grams < 1000) return `${grams} g`
  return `${String(grams / 1000).replace('.', ',')} kg`
}

/** Service variants: name, duration in minutes, price. */
export const timed = (
  ...rows: Array<[name: string, durationMinutes: number, priceCents: number]>
): DemoVariant[] => rows.map(([name, durationMinutes, priceCents]) => ({ name, durationMinutes, priceCents }))

/**
 * Units on hand for a variant, decided by a hash of its name so every seed gives the same shelves:
 * about 1 in 20 out of stock, 2 in 20 limited (1 to 3 left), the rest between 6 and 40.
 */
export function stockFor(key: string): number {
  const h = fnv1a(key)
  const bucket = h % 20
  if (bucket === 0) return 0
  if (bucket <= 2) return 1 + ((h >>> 8) % 3)
  return 6 + ((h >>> 8) % 35)
}

function fnv1a(text: string): number {
  let hash = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193) >>> 0
  }
  return hash
}
