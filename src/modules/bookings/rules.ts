import type { FieldProblem } from '../../lib/app-error.js'
import { addDays, fromZoned, toZoned, weekdayOf, type LocalDate } from '../../lib/zoned-time.js'
import { closureOn, type Closure, type OpeningRange } from '../shops/index.js'
import {
  DEPOSIT_KINDS,
  type BookingDeposit,
  type BookingStatus,
  type DepositPolicy,
  type ServiceSettings,
} from './types.js'

/** Bookings occupy time in cells of this many minutes on the UTC clock (decision 006). */
const CELL_MINUTES = 5
const CELL_MS = CELL_MINUTES * 60_000
export const STEP_CHOICES = [5, 10, 15, 20, 30, 60] as const
export const MAX_BUFFER_MINUTES = 120
export const MAX_HORIZON_DAYS = 365
export const MAX_NOTICE_MINUTES = 30 * 24 * 60
export const CANCEL_HOURS_RANGE = { min: 1, max: 14 * 24 } as const

/** The cells (their starts, ISO, as stored) that the interval [from, until) touches, widened to the grid. */
export function cellsOf(from: number, until: number): string[] {
  const cells: string[] = []
  for (let t = Math.floor(from / CELL_MS) * CELL_MS; t < until; t += CELL_MS)
    cells.push(new Date(t).toISOString())
  return cells
}

type Buffers = Pick<ServiceSettings, 'bufferBeforeMinutes' | 'bufferAfterMinutes'>

/** What a booking at [start, end) occupies on its resource: its time with the buffers around it. */
export const occupiedCells = (start: number, end: number, settings: Buffers): string[] =>
  cellsOf(start - settings.bufferBeforeMinutes * 60_000, end + settings.bufferAfterMinutes * 60_000)

/** Whether any cell a booking at [start, end) would occupy is taken (cells by their start, in ms): no string built. */
function overlapsTaken(start: number, end: number, settings: Buffers, taken: ReadonlySet<number>): boolean {
  const until = end + settings.bufferAfterMinutes * 60_000
  for (
    let t = Math.floor((start - settings.bufferBeforeMinutes * 60_000) / CELL_MS) * CELL_MS;
    t < until;
    t += CELL_MS
  )
    if (taken.has(t)) return true
  return false
}

const isWhole = (value: number, min: number, max: number) =>
  Number.isInteger(value) && value >= min && value <= max

export function checkServiceSettings(input: ServiceSettings): FieldProblem[] {
  const problems: FieldProblem[] = []
  if (!isWhole(input.bufferBeforeMinutes, 0, MAX_BUFFER_MINUTES))
    problems.push({ field: 'bufferBeforeMinutes', code: 'out_of_range' })
  if (!isWhole(input.bufferAfterMinutes, 0, MAX_BUFFER_MINUTES))
    problems.push({ field: 'bufferAfterMinutes', code: 'out_of_range' })
  if (!(STEP_CHOICES as readonly number[]).includes(input.stepMinutes))
    problems.push({ field: 'stepMinutes', code: 'out_of_range' })
  if (!isWhole(input.noticeMinutes, 0, MAX_NOTICE_MINUTES))
    problems.push({ field: 'noticeMinutes', code: 'out_of_range' })
  if (!isWhole(input.horizonDays, 1, MAX_HORIZON_DAYS))
    problems.push({ field: 'horizonDays', code: 'out_of_range' })
  if (!isWhole(input.cancelHoursBefore, CANCEL_HOURS_RANGE.min, CANCEL_HOURS_RANGE.max))
    problems.push({ field: 'cancelHoursBefore', code: 'out_of_range' })
  if (input.resourceIds.length === 0) problems.push({ field: 'resourceIds', code: 'required' })
  else if (new Set(input.resourceIds).size !== input.resourceIds.length || input.resourceIds.length > 50)
    problems.push({ field: 'resourceIds', code: 'invalid_format' })
  return problems
}

/** The parts of two lists of ranges (minutes of one day) that both cover. */
function intersect(
  a: readonly OpeningRange[],
  b: readonly OpeningRange[],
): Array<{ opensMinute: number; closesMinute: number }> {
  const out: Array<{ opensMinute: number; closesMinute: number }> = []
  for (const x of a)
    for (const y of b) {
      const opens = Math.max(x.opensMinute, y.opensMinute)
      const closes = Math.min(x.closesMinute, y.closesMinute)
      if (opens < closes) out.push({ opensMinute: opens, closesMinute: closes })
    }
  return out.sort((p, q) => p.opensMinute - q.opensMinute)
}

/** One resource as free-time computation sees it. */
export interface ResourceAgenda {
  id: string
  /** Its own weekly hours; empty: the shop's. */
  hours: readonly OpeningRange[]
  /** Times it is away, in ms. */
  absences: ReadonlyArray<{ from: number; until: number }>
  /** Cells already occupied, by their start in ms. */
  taken: ReadonlySet<number>
}

export interface FreeTimeQuery {
  shopHours: readonly OpeningRange[]
  closures: readonly Closure[]
  timeZone: string
  durationMinutes: number
  settings: Omit<ServiceSettings, 'resourceIds' | 'cancelHoursBefore'>
  resources: readonly ResourceAgenda[]
  now: Date
}

/**
 * The start times of a service on `date` (the shop's wall clock) with the resources free at each (decision 006):
 * the shop's ranges on that day (none on a closure day) within the resource's own hours, starts stepping from each
 * range's opening in real time (a DST night neither repeats nor skips a start), the service inside the range, not
 * in an absence, its cells (buffers included) free, from now + notice, within the horizon. Pure.
 */
export function freeTimesOn(
  date: LocalDate,
  q: FreeTimeQuery,
): Array<{ start: number; end: number; resourceIds: string[] }> {
  const today = toZoned(q.now, q.timeZone).date
  if (date < today || date > addDays(today, q.settings.horizonDays - 1) || closureOn(date, q.closures))
    return []
  const weekday = weekdayOf(date)
  const shopRanges = q.shopHours.filter((r) => r.weekday === weekday)
  const earliest = q.now.getTime() + q.settings.noticeMinutes * 60_000
  const length = q.durationMinutes * 60_000
  const step = q.settings.stepMinutes * 60_000
  const byStart = new Map<number, { start: number; end: number; resourceIds: string[] }>()
  for (const resource of q.resources) {
    const own = resource.hours.filter((r) => r.weekday === weekday)
    const ranges = resource.hours.length > 0 ? intersect(shopRanges, own) : shopRanges
    for (const whole of ranges) {
      // Hours off the five-minute grid (9:03) are narrowed to it, so a booking's cells never spill over the next start.
      const range = {
        opensMinute: Math.ceil(whole.opensMinute / CELL_MINUTES) * CELL_MINUTES,
        closesMinute: Math.floor(whole.closesMinute / CELL_MINUTES) * CELL_MINUTES,
      }
      const opens = fromZoned(date, range.opensMinute, q.timeZone).getTime()
      const closes = fromZoned(date, range.closesMinute, q.timeZone).getTime()
      for (let start = opens; start + length <= closes; start += step) {
        const end = start + length
        if (start < earliest) continue
        if (resource.absences.some((a) => a.from < end && start < a.until)) continue
        if (overlapsTaken(start, end, q.settings, resource.taken)) continue
        const free = byStart.get(start) ?? { start, end, resourceIds: [] }
        free.resourceIds.push(resource.id)
        byStart.set(start, free)
      }
    }
  }
  return [...byStart.values()].sort((a, b) => a.start - b.start)
}

/** A card hold is 1 € to 500 € (UX-16): enough to matter, not more than a small shop's service. */
export const CARD_HOLD_RANGE_CENTS = { min: 100, max: 50_000 } as const
export const DEPOSIT_PERCENT_RANGE = { min: 1, max: 100 } as const

export function checkDepositPolicy(policy: DepositPolicy): FieldProblem[] {
  if (!(DEPOSIT_KINDS as readonly string[]).includes(policy.kind))
    return [{ field: 'deposit.kind', code: 'invalid_deposit_kind' }]
  if (
    policy.kind === 'card_hold' &&
    !isWhole(policy.amountCents, CARD_HOLD_RANGE_CENTS.min, CARD_HOLD_RANGE_CENTS.max)
  )
    return [{ field: 'deposit.amountCents', code: 'out_of_range' }]
  if (
    policy.kind === 'deposit' &&
    !isWhole(policy.percent, DEPOSIT_PERCENT_RANGE.min, DEPOSIT_PERCENT_RANGE.max)
  )
    return [{ field: 'deposit.percent', code: 'out_of_range' }]
  return []
}

/**
 * What a booking at this price leaves under the policy; undefined when nothing (no policy, or a deposit of a free
 * service). A deposit is rounded to the cent.
 */
export function depositDue(policy: DepositPolicy, priceCents: number): BookingDeposit | undefined {
  const amountCents =
    policy.kind === 'card_hold'
      ? policy.amountCents
      : policy.kind === 'deposit'
        ? Math.round((priceCents * policy.percent) / 100)
        : policy.kind === 'prepayment'
          ? priceCents
          : 0
  return policy.kind === 'none' || amountCents <= 0 ? undefined : { kind: policy.kind, amountCents }
}

/**
 * UX-18: a resident over the no-show limit books only with a guarantee. The service's own is enough; a service
 * without one asks a card hold of its price (what the shop loses when the chair stays empty), within the card hold
 * range; a service under 1 € still goes by phone (undefined).
 */
export function depositAfterNoShows(policy: DepositPolicy, priceCents: number): BookingDeposit | undefined {
  const own = depositDue(policy, priceCents)
  if (own) return own
  if (priceCents < CARD_HOLD_RANGE_CENTS.min) return undefined
  return { kind: 'card_hold', amountCents: Math.min(priceCents, CARD_HOLD_RANGE_CENTS.max) }
}

/**
 * Where a booking's money should stand, from its status (decision 006, "Deposits"): `take` captures what is held,
 * `release` voids a hold or refunds what was taken, `leave` changes nothing. A card hold is taken only on a no-show
 * and released when the client came; a deposit or prepayment is taken at booking and kept once the time has come
 * (deducted from the bill on site). Any cancellation (in time by the link, or by the shop) and a failed payment
 * release it.
 */
export function depositTarget(
  kind: BookingDeposit['kind'],
  status: BookingStatus,
): 'take' | 'release' | 'leave' {
  switch (status) {
    case 'pending_payment':
    case 'requested':
      return 'leave'
    case 'payment_failed':
    case 'cancelled':
      return 'release'
    case 'confirmed':
      return kind === 'card_hold' ? 'leave' : 'take'
    case 'attended':
      return kind === 'card_hold' ? 'release' : 'take'
    case 'no_show':
      return 'take'
  }
}
