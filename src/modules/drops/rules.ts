import type { FieldProblem } from '../../lib/app-error.js'

/** How long an admitted resident has to take their hold before their turn passes to the next. */
export const ADMISSION_MINUTES = 3
export const MAX_DROP_UNITS = 100_000
export const MAX_PER_RESIDENT = 10
export const HOLD_MINUTES_RANGE = { min: 2, max: 60 } as const

export const MAX_DROP_OFFERS = 3
export const MAX_BUNDLE_PRICE_CENTS = 10_000_000

export interface DropInput {
  variantId: string
  title: string
  startsAt: string
  units: number
  perResidentLimit: number
  holdMinutes: number
  /** Bundle offers beside the single item, never instead of it (LAW F11). */
  offers?: readonly DropOfferInput[] | undefined
}

export interface DropOfferInput {
  /** Another product of the shop. */
  variantId: string
  /** The drop's item and this product together, one of each. */
  bundlePriceCents: number
}

const isWhole = (value: number, min: number, max: number) =>
  Number.isInteger(value) && value >= min && value <= max

/** Every field problem of a drop to schedule; `now` refuses a start in the past. */
export function checkDropInput(input: DropInput, now: Date): FieldProblem[] {
  const problems: FieldProblem[] = []
  const title = input.title.trim()
  if (title.length < 2 || title.length > 120) problems.push({ field: 'title', code: 'length' })
  const startsAt = Date.parse(input.startsAt)
  if (!Number.isFinite(startsAt)) problems.push({ field: 'startsAt', code: 'invalid_date' })
  else if (startsAt < now.getTime()) problems.push({ field: 'startsAt', code: 'in_the_past' })
  if (!isWhole(input.units, 1, MAX_DROP_UNITS)) problems.push({ field: 'units', code: 'out_of_range' })
  if (!isWhole(input.perResidentLimit, 1, MAX_PER_RESIDENT))
    problems.push({ field: 'perResidentLimit', code: 'out_of_range' })
  if (!isWhole(input.holdMinutes, HOLD_MINUTES_RANGE.min, HOLD_MINUTES_RANGE.max))
    problems.push({ field: 'holdMinutes', code: 'out_of_range' })
  const offers = input.offers ?? []
  if (offers.length > MAX_DROP_OFFERS) problems.push({ field: 'offers', code: 'too_many' })
  offers.forEach((offer, i) => {
    if (offer.variantId === input.variantId)
      problems.push({ field: `offers.${i}.variantId`, code: 'same_as_drop' })
    else if (offers.findIndex((o) => o.variantId === offer.variantId) < i)
      problems.push({ field: `offers.${i}.variantId`, code: 'duplicate' })
    if (!isWhole(offer.bundlePriceCents, 1, MAX_BUNDLE_PRICE_CENTS))
      problems.push({ field: `offers.${i}.bundlePriceCents`, code: 'out_of_range' })
  })
  return problems
}

/**
 * A bundle is worth offering only if it costs more than the drop's item alone (it adds something) and no more
 * than both bought separately (LAW F11: a bundle never makes the single items dearer or hides them).
 */
export function bundlePriceProblem(
  bundlePriceCents: number,
  itemPriceCents: number,
  productPriceCents: number,
): 'not_above_item' | 'above_separate_prices' | undefined {
  if (bundlePriceCents <= itemPriceCents) return 'not_above_item'
  if (bundlePriceCents > itemPriceCents + productPriceCents) return 'above_separate_prices'
  return undefined
}

/**
 * What the bundle's product costs beside the drop's item: the bundle price less the item's, never more than the
 * product's own price (prices may change after the drop was scheduled) and never below zero.
 */
export const bundlePartPriceCents = (
  bundlePriceCents: number,
  itemPriceCents: number,
  productPriceCents: number,
): number => Math.min(productPriceCents, Math.max(0, bundlePriceCents - itemPriceCents))

/**
 * Queue order (decision 005): residents who came before the start by their random lottery key (a uniform
 * shuffle), then the others by arrival (their time-ordered id).
 */
export function queueOrder(
  a: { lottery: number | null; id: string },
  b: { lottery: number | null; id: string },
): number {
  if (a.lottery !== null && b.lottery !== null && a.lottery !== b.lottery) return a.lottery - b.lottery
  if (a.lottery !== null && b.lottery === null) return -1
  if (a.lottery === null && b.lottery !== null) return 1
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0
}

export interface HoldRequest {
  userId: string
  quantity: number
}

export type HoldGrant =
  | { userId: string; granted: number; reason?: undefined }
  | { userId: string; granted: 0; reason: 'sold_out' | 'limit_reached' }

/**
 * A batch's grants, in arrival order: each request gets up to what it asks, what its resident may still take
 * (the limit minus units already held or ordered, this batch included) and what is left.
 */
export function grantHolds(
  requests: readonly HoldRequest[],
  unitsLeft: number,
  limit: number,
  alreadyTaken: ReadonlyMap<string, number>,
): { grants: HoldGrant[]; unitsLeft: number } {
  let left = unitsLeft
  const taken = new Map(alreadyTaken)
  const grants = requests.map((request): HoldGrant => {
    const allowed = limit - (taken.get(request.userId) ?? 0)
    if (allowed <= 0) return { userId: request.userId, granted: 0, reason: 'limit_reached' }
    if (left <= 0) return { userId: request.userId, granted: 0, reason: 'sold_out' }
    const granted = Math.min(request.quantity, allowed, left)
    left -= granted
    taken.set(request.userId, (taken.get(request.userId) ?? 0) + granted)
    return { userId: request.userId, granted }
  })
  return { grants, unitsLeft: left }
}

/** Residents to admit now: free units not promised to residents admitted who have not taken their hold yet. */
export const admissionsDue = (unitsLeft: number, admittedWaiting: number): number =>
  Math.max(0, unitsLeft - admittedWaiting)

/** Seconds a resident at `position` (0: next) may wait, from the pace of admissions so far; undefined before any. */
export function estimatedWaitSeconds(
  position: number,
  admitted: number,
  secondsSinceStart: number,
): number | undefined {
  if (admitted <= 0 || secondsSinceStart <= 0) return undefined
  return Math.ceil((position + 1) / (admitted / secondsSinceStart))
}

/** After the start, residents far back are asked to come at most this many per second (see firstAskDelaySeconds). */
export const FIRST_ASKS_PER_SECOND = 1_000
const MAX_FIRST_ASK_DELAY_SECONDS = 60

/**
 * Seconds after the start at which a resident who joined before it should first ask. Those within the drop's
 * units (rank below them) are admitted at the start and ask at once; nobody behind them can be admitted before
 * they have taken their holds, so they are spread over the following seconds by rank instead of all asking in the
 * same instant and slowing the sale. Ranks only grow before the start (later joins may draw smaller keys), so an
 * early answer never asks anyone to come too late.
 */
export function firstAskDelaySeconds(rank: number, units: number): number {
  if (rank < units) return 0
  return Math.min(MAX_FIRST_ASK_DELAY_SECONDS, Math.ceil((rank - units + 1) / FIRST_ASKS_PER_SECOND))
}

/**
 * When a waiting resident should ask again, in seconds: soon near the front, rarely far back, so thousands of
 * waiting pages do not crowd the server that serves the sale (about half the estimated wait, 1 to 30 s).
 */
export function refreshSeconds(position: number, waitSeconds: number | undefined): number {
  if (waitSeconds !== undefined) return Math.min(30, Math.max(1, Math.floor(waitSeconds / 2)))
  return position <= 50 ? 1 : position <= 500 ? 3 : 10
}
