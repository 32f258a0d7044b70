import { html } from 'ghtml'
import type { ResourceKind } from '../../modules/bookings/index.js'
import type { Membership, OpeningRange } from '../../modules/shops/index.js'
import { WEEKDAYS_FR } from '../i18n/index.js'
import type { FormErrors } from '../views/components.js'
import { frenchMinuteOfDay } from '../views/storefront-format.js'

/** Where the bookings set-up pages live, under the shop's "Rendez-vous" section. */
export const setupPath = (shopId: string) => `/admin/${shopId}/rendez-vous/reglages`

export const KIND_LABELS: Record<ResourceKind, string> = { staff: 'Personne', resource: 'Ressource (fauteuil, salle…)' }

/**
 * Who may change what (issue #5): the owner sets the shop up (resources, their hours, bookable services), as
 * for the shop's own hours; any staff member records an absence, a day-to-day matter like cancelling a booking.
 */
export const canSetUp = (membership: Membership) => membership.role === 'owner'

export const ownerOnlyHint = (what: string) =>
  html`<p class="hint owner-only">Seul le propriétaire ou la propriétaire du commerce peut modifier ${what}.</p>`

/** "Personne" / "Ressource" as two radio buttons, with the kind's problem under them. */
export function kindChoice(value: string, errors: FormErrors): string {
  const error = errors.kind
  return html`<fieldset class="choice!${error ? ' has-error' : ''}"!${error ? ' aria-describedby="f-kind-error"' : ''}>
    <legend>Type</legend>
    !${(Object.keys(KIND_LABELS) as ResourceKind[])
      .map((kind) => html`<label><input type="radio" name="kind" value="${kind}"!${value === kind ? ' checked' : ''} /> ${KIND_LABELS[kind]}</label>`)
      .join('')}
    !${error ? html`<p class="error" id="f-kind-error">${error}</p>` : ''}
  </fieldset>`
}

/** "lundi : 9 h – 12 h, 14 h – 19 h" per working day; empty hours: it works the shop's opening hours. */
export function weeklyHoursText(hours: readonly OpeningRange[]): string {
  if (hours.length === 0) return html`<p>Horaires du commerce.</p>`
  const days = WEEKDAYS_FR.map((day, i) => ({ day, ranges: hours.filter((r) => r.weekday === i + 1) })).filter((d) => d.ranges.length > 0)
  return html`<ul class="resource-hours">!${days
    .map((d) => html`<li>${d.day} : ${d.ranges.map((r) => `${frenchMinuteOfDay(r.opensMinute)} – ${frenchMinuteOfDay(r.closesMinute)}`).join(', ')}</li>`)
    .join('')}</ul>`
}
