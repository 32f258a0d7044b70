import { Temporal } from 'temporal-polyfill'

/** A calendar date as the shop sees it, 'YYYY-MM-DD'. */
export type LocalDate = string

export interface ZonedMoment {
  date: LocalDate
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  weekday: number
  /** Minutes since local midnight, 0…1439. */
  minuteOfDay: number
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    Temporal.Now.instant().toZonedDateTimeISO(timeZone)
    return true
  } catch {
    return false
  }
}

/**
 * Remembers the results of a pure function of a few values. The Temporal polyfill takes 25-60 µs a call
 * (measured); a listing of 200 shops asks the same dates and times for every shop.
 */
function remembered<A extends unknown[], R>(
  compute: (...args: A) => R,
  keyOf: (...args: A) => string,
  capacity = 4096,
): (...args: A) => R {
  const known = new Map<string, R>()
  return (...args) => {
    const key = keyOf(...args)
    let result = known.get(key)
    if (result === undefined) {
      if (known.size >= capacity) known.clear()
      result = compute(...args)
      known.set(key, result)
    }
    return result
  }
}

// Zone offsets are whole minutes, so every instant of one minute falls on the same wall-clock minute.
const zonedMinute = remembered(
  (epochMinute: number, timeZone: string): Readonly<ZonedMoment> => {
    const zoned = Temporal.Instant.fromEpochMilliseconds(epochMinute * 60_000).toZonedDateTimeISO(timeZone)
    return Object.freeze({
      date: zoned.toPlainDate().toString(),
      weekday: zoned.dayOfWeek,
      minuteOfDay: zoned.hour * 60 + zoned.minute,
    })
  },
  (epochMinute, timeZone) => `${timeZone} ${epochMinute}`,
)

/** Where an instant falls on the shop's wall clock. */
export function toZoned(instant: Date, timeZone: string): ZonedMoment {
  return { ...zonedMinute(Math.floor(instant.getTime() / 60_000), timeZone) }
}

/**
 * The instant at a wall-clock time in the shop's zone. On DST days a time that does not exist
 * (02:30 in spring) moves forward and an ambiguous one (02:30 in autumn) takes the earlier instant.
 */
export function fromZoned(date: LocalDate, minuteOfDay: number, timeZone: string): Date {
  return new Date(zonedInstant(date, minuteOfDay, timeZone))
}

const zonedInstant = remembered(
  (date: LocalDate, minuteOfDay: number, timeZone: string): number => {
    const plain = Temporal.PlainDate.from(date).toPlainDateTime({
      hour: Math.floor(minuteOfDay / 60) % 24,
      minute: minuteOfDay % 60,
    })
    const dayOffset = minuteOfDay >= 1440 ? 1 : 0
    return plain.add({ days: dayOffset }).toZonedDateTime(timeZone, { disambiguation: 'compatible' })
      .epochMilliseconds
  },
  (date, minuteOfDay, timeZone) => `${timeZone} ${date} ${minuteOfDay}`,
)

export const addDays = remembered(
  (date: LocalDate, days: number): LocalDate => Temporal.PlainDate.from(date).add({ days }).toString(),
  (date, days) => `${date} ${days}`,
)

export const weekdayOf = remembered(
  (date: LocalDate): number => Temporal.PlainDate.from(date).dayOfWeek,
  (date) => date,
)

export function isValidLocalDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false
  try {
    return Temporal.PlainDate.from(value, { overflow: 'reject' }).toString() === value
  } catch {
    return false
  }
}

/**
 * An instant as a client sends it (ISO), in milliseconds; undefined when it is not one or falls outside the years
 * 2000 to 2999: a date like +275760-09-13 parses, but a day added to it does not exist, and nothing is booked then.
 */
export function parseInstant(value: string): number | undefined {
  const ms = Date.parse(value)
  return Number.isFinite(ms) && ms >= INSTANT_RANGE.from && ms < INSTANT_RANGE.until ? ms : undefined
}
const INSTANT_RANGE = { from: Date.UTC(2000, 0, 1), until: Date.UTC(3000, 0, 1) } as const

/** "07:30" → 450; undefined when it is not a time of day ("24:00" is accepted as end of day). */
export function parseTimeOfDay(value: string): number | undefined {
  const match = /^(\d{1,2})[:h](\d{2})$/.exec(value.trim())
  if (!match) return undefined
  const minutes = Number(match[1]) * 60 + Number(match[2])
  if (Number(match[2]) > 59 || minutes > 1440) return undefined
  return minutes
}

/** 450 → "07:30". */
export function formatTimeOfDay(minuteOfDay: number): string {
  const h = Math.floor(minuteOfDay / 60)
  const m = minuteOfDay % 60
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`
}
