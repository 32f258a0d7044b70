import { addDays, toZoned } from '../../lib/zoned-time.js'
import type { OpeningStatus } from '../../modules/shops/index.js'

/**
 * French wording of times and dates for residents, always on the shop's wall clock (its IANA zone),
 * never the server's: a shop in Paris read from a server in UTC must still say "ferme à 19 h 30".
 */

/** No-break space: "19 h 30" never breaks across lines (French typography). */
const NBSP = '\u00a0'

const formatters = new Map<string, Intl.DateTimeFormat>()
function formatter(timeZone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${timeZone}|${JSON.stringify(options)}`
  let f = formatters.get(key)
  if (!f) {
    f = new Intl.DateTimeFormat('fr-FR', { timeZone, ...options })
    formatters.set(key, f)
  }
  return f
}

/** 19:30 → "19 h 30", 07:00 → "7 h", 00:00 → "minuit" (the French way of writing a time of day). */
export function frenchTime(instant: Date, timeZone: string): string {
  const parts = formatter(timeZone, { hour: 'numeric', minute: '2-digit', hourCycle: 'h23' }).formatToParts(instant)
  const hour = Number(parts.find((p) => p.type === 'hour')?.value ?? '0')
  const minute = parts.find((p) => p.type === 'minute')?.value ?? '00'
  if (hour === 0 && minute === '00') return 'minuit'
  return minute === '00' ? `${hour}${NBSP}h` : `${hour}${NBSP}h${NBSP}${minute}`
}

/** Minutes since local midnight → "7 h", "13 h 30", "minuit"; for weekly hours, which have no date. */
export function frenchMinuteOfDay(minute: number): string {
  if (minute === 0 || minute === 1440) return 'minuit'
  const h = Math.floor(minute / 60)
  const m = minute % 60
  return m === 0 ? `${h}${NBSP}h` : `${h}${NBSP}h${NBSP}${String(m).padStart(2, '0')}`
}

/** "aujourd’hui", "demain", "lundi" (within a week) or "lundi 24 novembre" for a later day. */
export function frenchDay(instant: Date, now: Date, timeZone: string): string {
  const today = toZoned(now, timeZone).date
  const day = toZoned(instant, timeZone).date
  if (day === today) return 'aujourd’hui'
  if (day === addDays(today, 1)) return 'demain'
  if (day < addDays(today, 7)) return formatter(timeZone, { weekday: 'long' }).format(instant)
  return formatter(timeZone, { weekday: 'long', day: 'numeric', month: 'long' }).format(instant)
}

/** "2025-12-24" → "mercredi 24 décembre" (a calendar date, so formatted at noon UTC to stay on that day). */
export function frenchDate(date: string, withYear = false): string {
  const instant = new Date(`${date}T12:00:00Z`)
  return formatter('UTC', { weekday: 'long', day: 'numeric', month: 'long', ...(withYear ? { year: 'numeric' } : {}) }).format(instant)
}

/** "le 22/11 à 14 h 05": when a stock count was last confirmed, on the shop's clock (UX-01). */
export function frenchStamp(instant: Date, timeZone: string): string {
  return `le ${formatter(timeZone, { day: '2-digit', month: '2-digit' }).format(instant)} à ${frenchTime(instant, timeZone)}`
}

/** "lundi 23 novembre" in the shop's zone. */
export function frenchLongDay(instant: Date, timeZone: string): string {
  return formatter(timeZone, { weekday: 'long', day: 'numeric', month: 'long' }).format(instant)
}

/** "Ouvert · ferme à 19 h 30" or "Fermé · ouvre demain à 7 h", as a listing shows it. */
export function openingStatusText(status: OpeningStatus, now: Date, timeZone: string): string {
  if (status.state === 'open') {
    const day = frenchDay(status.closesAt, now, timeZone)
    const when = day === 'aujourd’hui' || frenchTime(status.closesAt, timeZone) === 'minuit' ? '' : `${day} `
    return `Ouvert · ferme ${when}à ${frenchTime(status.closesAt, timeZone)}`
  }
  // No opening in the next two weeks and no closure today: the shop has not published its hours.
  if (!status.nextOpensAt) return status.closure ? 'Fermé' : 'Horaires non communiqués'
  const day = frenchDay(status.nextOpensAt, now, timeZone)
  return `Fermé · ouvre ${day === 'aujourd’hui' ? '' : `${day} `}à ${frenchTime(status.nextOpensAt, timeZone)}`
}

/** 45 → "45 min", 90 → "1 h 30", 120 → "2 h". */
export function frenchDuration(minutes: number): string {
  if (minutes < 60) return `${minutes}${NBSP}min`
  const h = Math.floor(minutes / 60)
  const m = minutes % 60
  return m === 0 ? `${h}${NBSP}h` : `${h}${NBSP}h${NBSP}${String(m).padStart(2, '0')}`
}

/** "1 résultat", "12 résultats"; French plural by count (0 and 1 are singular). */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count.toLocaleString('fr-FR')} ${count > 1 ? pluralForm : singular}`
}
