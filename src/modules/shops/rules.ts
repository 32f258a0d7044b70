import type { FieldProblem } from '../../lib/app-error.js'
import { compactDigits, isValidFrenchVat, isValidSiret } from '../../lib/siret.js'
import {
  addDays,
  fromZoned,
  isValidLocalDate,
  isValidTimeZone,
  toZoned,
  type LocalDate,
} from '../../lib/zoned-time.js'
import {
  SHOP_KINDS,
  type Address,
  type Closure,
  type OpeningRange,
  type OpeningStatus,
  type PickupSettings,
  type ShopProfileInput,
} from './types.js'

/** Checks a shop profile; returns every problem at once so a form can show them all. */
export function checkShopProfile(input: ShopProfileInput): FieldProblem[] {
  const problems: FieldProblem[] = []
  const required: Array<keyof ShopProfileInput> = ['name', 'street', 'postalCode', 'city']
  for (const field of required) {
    if (!String(input[field] ?? '').trim()) problems.push({ field, code: 'required' })
  }
  if (input.name.length > 80) problems.push({ field: 'name', code: 'too_long' })
  if (!(SHOP_KINDS as readonly string[]).includes(input.kind))
    problems.push({ field: 'kind', code: 'unknown_kind' })
  if (input.postalCode && !/^\d{5}$/.test(input.postalCode.trim()))
    problems.push({ field: 'postalCode', code: 'invalid_postal_code' })
  if (input.email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(input.email.trim()))
    problems.push({ field: 'email', code: 'invalid_email' })
  if (input.phone && !/^[+\d][\d\s.-]{5,20}$/.test(input.phone.trim()))
    problems.push({ field: 'phone', code: 'invalid_phone' })
  if (input.siret && !isValidSiret(compactDigits(input.siret)))
    problems.push({ field: 'siret', code: 'invalid_siret' })
  if (input.vatNumber && !isValidFrenchVat(compactDigits(input.vatNumber)))
    problems.push({ field: 'vatNumber', code: 'invalid_vat' })
  if (input.timeZone && !isValidTimeZone(input.timeZone))
    problems.push({ field: 'timeZone', code: 'invalid_time_zone' })
  if (
    input.stockFreshnessHours !== undefined &&
    !(
      Number.isInteger(input.stockFreshnessHours) &&
      input.stockFreshnessHours >= 1 &&
      input.stockFreshnessHours <= 24 * 90
    )
  ) {
    problems.push({ field: 'stockFreshnessHours', code: 'out_of_range' })
  }
  return problems
}

export const SLOT_LENGTHS = [10, 15, 20, 30, 60] as const
const PICKUP_BOUNDS: Record<Exclude<keyof PickupSettings, 'enabled' | 'slotMinutes'>, [number, number]> = {
  slotCapacity: [1, 200],
  preparationMinutes: [0, 7 * 24 * 60],
  handoverMarginMinutes: [0, 240],
  horizonDays: [1, 60],
  noShowAfterHours: [1, 14 * 24],
}

/** Checks click & collect settings; every problem at once. */
export function checkPickupSettings(input: PickupSettings): FieldProblem[] {
  const problems: FieldProblem[] = []
  if (!(SLOT_LENGTHS as readonly number[]).includes(input.slotMinutes))
    problems.push({ field: 'slotMinutes', code: 'out_of_range' })
  for (const [field, [min, max]] of Object.entries(PICKUP_BOUNDS)) {
    const value = input[field as keyof typeof PICKUP_BOUNDS]
    if (!Number.isInteger(value) || value < min || value > max) problems.push({ field, code: 'out_of_range' })
  }
  return problems
}

/** Ranges must lie within a day, open before they close, and not overlap on the same weekday. */
export function checkWeeklyHours(ranges: readonly OpeningRange[]): FieldProblem[] {
  const problems: FieldProblem[] = []
  for (const [index, r] of ranges.entries()) {
    if (!Number.isInteger(r.weekday) || r.weekday < 1 || r.weekday > 7)
      problems.push({ field: `hours[${index}].weekday`, code: 'invalid_weekday' })
    if (!(r.opensMinute >= 0 && r.opensMinute < r.closesMinute && r.closesMinute <= 1440))
      problems.push({ field: `hours[${index}]`, code: 'invalid_range' })
  }
  const byDay = [...ranges].sort((a, b) => a.weekday - b.weekday || a.opensMinute - b.opensMinute)
  for (let i = 1; i < byDay.length; i++) {
    const prev = byDay[i - 1]!
    const cur = byDay[i]!
    if (prev.weekday === cur.weekday && cur.opensMinute < prev.closesMinute)
      problems.push({ field: 'hours', code: 'overlapping_ranges' })
  }
  return problems
}

export function checkClosure(startsOn: string, endsOn: string): FieldProblem[] {
  if (!isValidLocalDate(startsOn)) return [{ field: 'startsOn', code: 'invalid_date' }]
  if (!isValidLocalDate(endsOn)) return [{ field: 'endsOn', code: 'invalid_date' }]
  if (endsOn < startsOn) return [{ field: 'endsOn', code: 'ends_before_start' }]
  return []
}

export function closureOn(date: LocalDate, closures: readonly Closure[]): Closure | undefined {
  return closures.find((c) => c.startsOn <= date && date <= c.endsOn)
}

/** How far ahead "opens at …" looks: long enough for a summer closure of several weeks. */
const LOOKAHEAD_DAYS = 62

/**
 * Open now, or when it opens next, reasoned on the shop's wall clock (so DST changes are handled by the
 * zone, not by adding hours), with exceptional closures taking precedence over weekly hours.
 */
export function openingStatus(
  hours: readonly OpeningRange[],
  closures: readonly Closure[],
  now: Date,
  timeZone: string,
): OpeningStatus {
  const here = toZoned(now, timeZone)
  const todayClosure = closureOn(here.date, closures)
  if (!todayClosure) {
    const current = hours.find(
      (r) =>
        r.weekday === here.weekday && r.opensMinute <= here.minuteOfDay && here.minuteOfDay < r.closesMinute,
    )
    if (current) return { state: 'open', closesAt: fromZoned(here.date, current.closesMinute, timeZone) }
  }
  for (let offset = 0; offset <= LOOKAHEAD_DAYS; offset++) {
    const date = addDays(here.date, offset)
    if (closureOn(date, closures)) continue
    const weekday = ((here.weekday - 1 + offset) % 7) + 1
    const next = hours
      .filter((r) => r.weekday === weekday && (offset > 0 || r.opensMinute > here.minuteOfDay))
      .sort((a, b) => a.opensMinute - b.opensMinute)[0]
    if (next)
      return {
        state: 'closed',
        nextOpensAt: fromZoned(date, next.opensMinute, timeZone),
        closure: todayClosure,
      }
  }
  return { state: 'closed', nextOpensAt: undefined, closure: todayClosure }
}

/** An address on one line, as messages and pages write it: "12 rue X, 37000 Tours". */
export const addressLine = (address: Address) => `${address.street}, ${address.postalCode} ${address.city}`
