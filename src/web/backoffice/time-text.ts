import { formatTimeOfDay, toZoned } from '../../lib/zoned-time.js'
import type { OpeningStatus } from '../../modules/shops/index.js'
import { WEEKDAYS_FR } from '../i18n/index.js'

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

/** "12 mars à 14:05", on the shop's wall clock. */
export function dateTimeIn(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat('fr-FR', { timeZone, day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit' }).format(new Date(iso))
}

/** UX-01: when the count was last confirmed, both exact and relative. */
export function stockUpdatedText(iso: string, now: Date, timeZone: string): string {
  return `mis à jour le ${dateTimeIn(iso, timeZone)} (${timeAgo(iso, now)})`
}

/** "2026-03-01" → "dimanche 1 mars 2026" (a calendar date: no zone shift). */
export function longDate(date: string): string {
  return new Intl.DateTimeFormat('fr-FR', { timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(new Date(`${date}T12:00:00Z`))
}

/** "Ouvert · ferme à 19:00" / "Fermé · ouvre mardi à 08:00". */
export function openingText(status: OpeningStatus, now: Date, timeZone: string): string {
  const at = (d: Date) => {
    const zoned = toZoned(d, timeZone)
    const today = toZoned(now, timeZone)
    const day = zoned.date === today.date ? 'aujourd’hui' : WEEKDAYS_FR[zoned.weekday - 1]
    return `${day} à ${formatTimeOfDay(zoned.minuteOfDay)}`
  }
  if (status.state === 'open') return `Ouvert · ferme ${at(status.closesAt).replace('aujourd’hui ', '')}`
  const reason = status.closure ? ` (fermeture exceptionnelle${status.closure.reason ? ` : ${status.closure.reason}` : ''})` : ''
  return status.nextOpensAt ? `Fermé${reason} · ouvre ${at(status.nextOpensAt)}` : `Fermé${reason} · aucun horaire à venir`
}
