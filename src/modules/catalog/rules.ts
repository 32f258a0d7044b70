import type { FieldProblem } from '../../lib/app-error.js'
import { isVatRate } from '../../lib/money.js'
import type { ProductInput, StockState, WithdrawalException } from './types.js'

export const MAX_VARIANTS = 30
export const MAX_PRICE_CENTS = 10_000_000
export const MAX_ON_HAND = 1_000_000
/** At or below this many units left, a product shows "limited". */
export const LIMITED_STOCK_THRESHOLD = 3

/** LAW F3 (L221-28): the reasons a product may be outside the 14-day withdrawal right. */
export const WITHDRAWAL_EXCEPTIONS: readonly WithdrawalException[] = [
  'perishable',
  'personalised',
  'sealed_hygiene',
  'newspaper',
  'dated_service',
]

function isWithdrawalException(value: unknown): value is WithdrawalException {
  return typeof value === 'string' && (WITHDRAWAL_EXCEPTIONS as readonly string[]).includes(value)
}

/** LAW F3: the short French reason a product is outside the withdrawal right, as residents read it. */
const WITHDRAWAL_EXCEPTION_FR: Record<WithdrawalException, string> = {
  perishable: 'produit périssable',
  personalised: 'fabriqué sur mesure',
  sealed_hygiene: 'produit d’hygiène descellé',
  newspaper: 'presse',
  dated_service: 'prestation à date fixe',
}

/**
 * LAW F1/F3, the same words on the pages and in the confirmation email: the products that carry the 14-day
 * right, and those that do not with why ("Pain (produit périssable) ; Gâteau (fabriqué sur mesure)"); '' when none.
 */
export function withdrawalTerms(
  lines: ReadonlyArray<{ productName: string; withdrawalException: WithdrawalException | undefined }>,
): { withRight: string; exceptions: string } {
  const names = (of: ReadonlyArray<{ productName: string }>) =>
    [...new Set(of.map((l) => l.productName))].join(', ')
  const byReason = new Map<WithdrawalException, Array<{ productName: string }>>()
  for (const l of lines)
    if (l.withdrawalException)
      byReason.set(l.withdrawalException, [...(byReason.get(l.withdrawalException) ?? []), l])
  return {
    withRight: names(lines.filter((l) => l.withdrawalException === undefined)),
    exceptions: [...byReason]
      .map(([reason, of]) => `${names(of)} (${WITHDRAWAL_EXCEPTION_FR[reason]})`)
      .join(' ; '),
  }
}

/** Every problem of a product form at once, each tied to its field. */
export function checkProductInput(input: ProductInput): FieldProblem[] {
  const problems: FieldProblem[] = []
  const name = input.name.trim()
  if (!name) problems.push({ field: 'name', code: 'required' })
  if (name.length > 120) problems.push({ field: 'name', code: 'too_long' })
  if (input.description.length > 5000) problems.push({ field: 'description', code: 'too_long' })
  if (input.kind !== 'product' && input.kind !== 'service')
    problems.push({ field: 'kind', code: 'invalid_kind' })
  if (input.status !== 'published' && input.status !== 'hidden')
    problems.push({ field: 'status', code: 'invalid_status' })
  if (!isVatRate(input.vatRateBp)) problems.push({ field: 'vatRateBp', code: 'invalid_vat_rate' })
  if (input.withdrawalException !== undefined && !isWithdrawalException(input.withdrawalException)) {
    problems.push({ field: 'withdrawalException', code: 'invalid_withdrawal_exception' })
  }
  if (input.variants.length === 0) problems.push({ field: 'variants', code: 'required' })
  if (input.variants.length > MAX_VARIANTS) problems.push({ field: 'variants', code: 'too_many' })
  input.variants.forEach((variant, i) => {
    const at = `variants[${i}]`
    if (!variant.name.trim()) problems.push({ field: `${at}.name`, code: 'required' })
    if (variant.name.length > 60) problems.push({ field: `${at}.name`, code: 'too_long' })
    if (
      !Number.isInteger(variant.priceCents) ||
      variant.priceCents < 0 ||
      variant.priceCents > MAX_PRICE_CENTS
    ) {
      problems.push({ field: `${at}.priceCents`, code: 'invalid_price' })
    }
    if (
      variant.onHand !== undefined &&
      !(Number.isInteger(variant.onHand) && variant.onHand >= 0 && variant.onHand <= MAX_ON_HAND)
    ) {
      problems.push({ field: `${at}.onHand`, code: 'invalid_stock' })
    }
    if (input.kind === 'service' && variant.durationMinutes !== undefined) {
      if (!(
        Number.isInteger(variant.durationMinutes) &&
        variant.durationMinutes >= 5 &&
        variant.durationMinutes <= 24 * 60
      )) {
        problems.push({ field: `${at}.durationMinutes`, code: 'invalid_duration' })
      }
    }
    if (variant.sku && variant.sku.length > 40) problems.push({ field: `${at}.sku`, code: 'too_long' })
  })
  return problems
}

/**
 * UX-01: a stock count older than the shop's freshness window is not shown as "in stock": the
 * resident sees "availability to confirm" instead of a promise the shop may not keep.
 */
export function stockState(
  stock: { available: number; updatedAt: string } | undefined,
  now: Date,
  freshnessHours: number,
): StockState {
  if (!stock) return 'service'
  const ageHours = (now.getTime() - Date.parse(stock.updatedAt)) / 3_600_000
  // A stale count says nothing either way: a shelf counted empty last week may be full today.
  if (ageHours > freshnessHours) return 'unknown'
  if (stock.available <= 0) return 'out_of_stock'
  return stock.available <= LIMITED_STOCK_THRESHOLD ? 'limited' : 'in_stock'
}
