import { addDays, toZoned } from './zoned-time.js'

/**
 * How French is written on pages and in mails: dates, times, durations and counts, on the wall clock of the zone
 * given (a shop's), never the server's. Intl's fr-FR output is kept as it is, its narrow no-break spaces included.
 */

/** No-break space: "19 h 30" or "14 jours" never breaks across lines (French typography). */
export const NBSP = '\u00a0'

const dateFormats = new Map<string, Intl.DateTimeFormat>()
function dateFormat(timeZone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${timeZone}|${JSON.stringify(options)}`
  let format = dateFormats.get(key)
  if (!format) dateFormats.set(key, (format = new Intl.DateTimeFormat('fr-FR', { timeZone, ...options })))
  return format
}

/** A calendar date is formatted at noon UTC, so it stays on its day whatever the zone. */
const noonOf = (date: string) => new Date(`${date}T12:00:00Z`)

/**
 * "mardi 24 novembre à 11:00": how messages and pages name an appointment or a slot. Without the weekday,
 * "12 mars à 14:05"; with the year, "23 novembre 2026 à 09:00".
 */
export function frenchDateTime(iso: string, timeZone: string, { weekday = true, year = false } = {}): string {
  const options: Intl.DateTimeFormatOptions = {
    day: 'numeric',
    month: 'long',
    hour: '2-digit',
    minute: '2-digit',
  }
  if (weekday) options.weekday = 'long'
  if (year) options.year = 'numeric'
  return dateFormat(timeZone, options).format(new Date(iso))
}

/** "09:00", the end of a slot said after its start. */
export const clockTime = (iso: string, timeZone: string) =>
  dateFormat(timeZone, { hour: '2-digit', minute: '2-digit' }).format(new Date(iso))

/** 19:30 → "19 h 30", 07:00 → "7 h", 00:00 → "minuit" (the French way of writing a time of day). */
export function frenchTime(instant: Date, timeZone: string): string {
  const parts = dateFormat(timeZone, { hour: 'numeric', minute: '2-digit', hourCycle: 'h23' }).formatToParts(
    instant,
  )
  const hour = Number(parts.find((p) => p.type === 'hour')?.value ?? '0')
  const minute = parts.find((p) => p.type === 'minute')?.value ?? '00'
  if (hour === 0 && minute === '00') return 'minuit'
  return minute === '00' ? `${hour}${NBSP}h` : `${hour}${NBSP}h${NBSP}${minute}`
}

/** Minutes since local midnight → "7 h", "13 h 30", "minuit"; for weekly hours, which have no date. */
export function frenchMinuteOfDay(minute: number): string {
  if (minute === 0 || minute === 1440) return 'minuit'
  return hoursAndMinutes(minute)
}

/** 600 → "10 h 00": a slot read at a glance always writes its minutes. */
export const frenchSlotTime = (minuteOfDay: number) =>
  `${Math.floor(minuteOfDay / 60)}${NBSP}h${NBSP}${String(minuteOfDay % 60).padStart(2, '0')}`

/** 45 → "45 min", 90 → "1 h 30", 120 → "2 h". */
export function frenchDuration(minutes: number): string {
  return minutes < 60 ? `${minutes}${NBSP}min` : hoursAndMinutes(minutes)
}

function hoursAndMinutes(minutes: number): string {
  const h = Math.floor(minutes / 60)
  const m = minutes % 60
  return m === 0 ? `${h}${NBSP}h` : `${h}${NBSP}h${NBSP}${String(m).padStart(2, '0')}`
}

/** "aujourd’hui", "demain", "lundi" (within a week) or "lundi 24 novembre" for a later day. */
export function frenchDay(instant: Date, now: Date, timeZone: string): string {
  const today = toZoned(now, timeZone).date
  const day = toZoned(instant, timeZone).date
  if (day === today) return 'aujourd’hui'
  if (day === addDays(today, 1)) return 'demain'
  if (day < addDays(today, 7)) return dateFormat(timeZone, { weekday: 'long' }).format(instant)
  return frenchLongDay(instant, timeZone)
}

/** "lundi 23 novembre" in the zone given. */
export function frenchLongDay(instant: Date, timeZone: string): string {
  return dateFormat(timeZone, { weekday: 'long', day: 'numeric', month: 'long' }).format(instant)
}

/** "2025-12-24" → "mercredi 24 décembre", or "mercredi 24 décembre 2025" with the year (a calendar date: no zone). */
export function frenchDate(date: string, withYear = false): string {
  return dateFormat('UTC', {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    ...(withYear ? { year: 'numeric' } : {}),
  }).format(noonOf(date))
}

/** "lundi 23 novembre 2026": the day of an instant, with its year, in the zone given. */
export function frenchDayWithYear(iso: string, timeZone: string): string {
  return dateFormat(timeZone, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(
    new Date(iso),
  )
}

/** "le 22/11 à 14 h 05": when a stock count was last confirmed (UX-01). */
export function frenchStamp(instant: Date, timeZone: string): string {
  return `le ${dateFormat(timeZone, { day: '2-digit', month: '2-digit' }).format(instant)} à ${frenchTime(instant, timeZone)}`
}

const RELATIVE = new Intl.RelativeTimeFormat('fr', { numeric: 'auto', style: 'short' })

/** "à l’instant", "il y a 5 min", "il y a 3 h", "hier", "il y a 4 j". */
export function timeAgo(iso: string, now: Date): string {
  const minutes = Math.floor((now.getTime() - Date.parse(iso)) / 60_000)
  if (!Number.isFinite(minutes)) return ''
  if (minutes < 1) return 'à l’instant'
  if (minutes < 60) return RELATIVE.format(-minutes, 'minute')
  const hours = Math.floor(minutes / 60)
  if (hours < 24) return RELATIVE.format(-hours, 'hour')
  return RELATIVE.format(-Math.floor(hours / 24), 'day')
}

const EURO_FORMAT = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' })

/** 1250 → "12,50 €" (a no-break space before the sign, a narrow one between thousands). */
export function formatEuros(cents: number): string {
  return EURO_FORMAT.format(cents / 100)
}

/** 550 basis points → "5,5 %". */
export function formatVatRate(rateBp: number): string {
  return `${(rateBp / 100).toLocaleString('fr-FR')} %`
}

/** 12345 → "12 345" (a narrow no-break space between thousands). */
export const frenchNumber = (count: number) => count.toLocaleString('fr-FR')

/** "1 résultat", "12 résultats"; French plural by count (0 and 1 are singular). */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${frenchNumber(count)} ${count > 1 ? pluralForm : singular}`
}
