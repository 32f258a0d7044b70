import { frenchDay, frenchTime } from '../../lib/french-format.js'
import type { OpeningStatus } from '../../modules/shops/index.js'

/**
 * "Ouvert · ferme à 19 h 30" or "Fermé · ouvre demain à 7 h", as a listing shows it: on the shop's wall clock (its
 * IANA zone), never the server's.
 */
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
