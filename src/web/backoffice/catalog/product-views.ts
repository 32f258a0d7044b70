import { html } from 'ghtml'
import { formatVatRate, frenchDateTime, timeAgo } from '../../../lib/french-format.js'
import { VAT_RATES_BP } from '../../../lib/money.js'
import type { Category, Photo } from '../../../modules/catalog/index.js'
import type { ShopKind } from '../../../modules/shops/index.js'

/** A small square preview; alt is empty because the product's name sits right next to it. */
export function thumbnail(photo: Photo | undefined): string {
  if (!photo) return html`<span class="thumb thumb-empty" aria-hidden="true"></span>`
  return html`<img class="thumb" src="/media/${photo.id}-${photo.widths[0] ?? 320}.webp" width="64" height="64" alt="" loading="lazy" decoding="async" />`
}

/** UX-01: when the count was last confirmed, both exact and relative: "mis à jour le 12 mars à 14:05 (il y a 5 min)". */
export function stockUpdatedText(iso: string, now: Date, timeZone: string): string {
  return `mis à jour le ${frenchDateTime(iso, timeZone, { weekday: false })} (${timeAgo(iso, now)})`
}

export const vatOptions = () => VAT_RATES_BP.map((bp) => ({ value: String(bp), label: formatVatRate(bp) }))

export const categoryOptions = (categories: readonly Category[]) => [
  { value: '', label: '— Aucun rayon —' },
  ...categories.map((c) => ({ value: c.id, label: c.name })),
]

export const kindOptions = () => [
  { value: 'product', label: 'Produit (avec stock)' },
  { value: 'service', label: 'Prestation (sans stock)' },
]

export const statusOptions = () => [
  { value: 'published', label: 'Publié (visible sur le site)' },
  { value: 'hidden', label: 'Masqué' },
]

/**
 * The VAT rate most of a shop's sales use, so quick add needs no tax knowledge: food sold to take away
 * and books at 5,5 %, restaurant meals and cut flowers at 10 %, wine, bikes and hairdressing at 20 %.
 * The merchant can still pick another rate.
 */
const DEFAULT_VAT_BP: Record<ShopKind, number> = {
  boulangerie: 550,
  fromagerie: 550,
  epicerie: 550,
  boucherie: 550,
  librairie: 550,
  restaurant: 1000,
  fleuriste: 1000,
  caviste: 2000,
  cycles: 2000,
  coiffure: 2000,
  autre: 2000,
}

export const defaultVatRateBp = (kind: ShopKind) => DEFAULT_VAT_BP[kind]
