import { html } from 'ghtml'
import { frenchMinuteOfDay } from '../../../lib/french-format.js'
import type { Booking, ResourceKind, SeatRange } from '../../../modules/bookings/index.js'
import type { Membership, OpeningRange } from '../../../modules/shops/index.js'
import { WEEKDAYS_FR } from '../../i18n/index.js'

/** Where the bookings set-up pages live, under the shop's "Rendez-vous" section. */
export const setupPath = (shopId: string) => `/admin/${shopId}/rendez-vous/reglages`

const KIND_LABELS: Record<ResourceKind, string> = {
  staff: 'Personne',
  resource: 'Ressource (fauteuil, salle…)',
}

/** "2 à 4 couverts", "4 couverts" (min = max), "1 couvert": what a table seats. */
export const seatsText = (seats: SeatRange) =>
  seats.min === seats.max
    ? `${seats.max} couvert${seats.max > 1 ? 's' : ''}`
    : `${seats.min} à ${seats.max} couverts`

/** What a resource is, for lists: a table says so (the module's kind is 'resource'), the others their kind. */
export const resourceKindText = (r: { kind: ResourceKind; seats: SeatRange | undefined }) =>
  r.seats ? 'Table' : KIND_LABELS[r.kind]

/**
 * "4 pers." for a booking by party: a party larger than one, or any booking of a table (a table booked for one is
 * still a party of one, worth saying to the staff laying it).
 */
export const partyText = (b: Pick<Booking, 'partySize' | 'resourceId'>, tableIds: ReadonlySet<string>) =>
  b.partySize > 1 || tableIds.has(b.resourceId) ? `${b.partySize} pers.` : ''

/**
 * Who may change what (issue #5): the owner sets the shop up (resources, their hours, bookable services), as
 * for the shop's own hours; any staff member records an absence, a day-to-day matter like cancelling a booking.
 */
export const canSetUp = (membership: Membership) => membership.role === 'owner'

export const ownerOnlyHint = (what: string) =>
  html`<p class="hint owner-only">Seul le propriétaire ou la propriétaire du commerce peut modifier ${what}.</p>`

/** "lundi : 9 h – 12 h, 14 h – 19 h" per working day; empty hours: it works the shop's opening hours. */
export function weeklyHoursText(hours: readonly OpeningRange[]): string {
  if (hours.length === 0) return html`<p>Horaires du commerce.</p>`
  const days = WEEKDAYS_FR.map((day, i) => ({
    day,
    ranges: hours.filter((r) => r.weekday === i + 1),
  })).filter((d) => d.ranges.length > 0)
  return html`<ul class="resource-hours">!${days
    .map(
      (d) =>
        html`<li>${d.day} : ${d.ranges.map((r) => `${frenchMinuteOfDay(r.opensMinute)} – ${frenchMinuteOfDay(r.closesMinute)}`).join(', ')}</li>`,
    )
    .join('')}</ul>`
}
