import { html } from 'ghtml'
import type { PartySettings } from '../../modules/bookings/index.js'
import type { Shop } from '../../modules/shops/index.js'

/**
 * The pieces of the booking page for a service booked by party on tables (issue #5): the party size asked first,
 * the notice of a request and the empty state. No data access.
 */

/**
 * Until the resident chooses, the page shows the times for 2 people, the most common party, with the select set
 * to 2 and the heading and the button naming it. Asking first and showing nothing would cost most residents a
 * round trip (without JavaScript, a whole page) to give the answer we would have guessed.
 */
const DEFAULT_PARTY_SIZE = 2

/** "1 personne", "4 personnes". */
export const people = (size: number) => `${size} personne${size > 1 ? 's' : ''}`

/** "Table pour 4 personnes": how a table booking is named where another booking names who performs it. */
export const tableFor = (size: number) => `Table pour ${people(size)}`

/** The party size of the `personnes` parameter: the default when absent, a French refusal when not offered online. */
export type AskedSize = { size: number; problem?: undefined } | { size?: undefined; problem: string }

export function askedPartySize(party: PartySettings, asked: string | undefined): AskedSize {
  if (asked === undefined || asked === '') return { size: Math.min(DEFAULT_PARTY_SIZE, party.maxParty) }
  const size = /^[0-9]{1,3}$/.test(asked) ? Number(asked) : NaN
  if (size >= 1 && size <= party.maxParty) return { size }
  return { problem: partySizeProblem(party.maxParty) }
}

export const partySizeProblem = (maxParty: number) =>
  `Choisissez un nombre de personnes entre 1 et ${maxParty}.`

/** A line for the parties the select does not offer, when the shop has a phone number; empty otherwise. */
function callForLargerParty(shop: Shop, party: PartySettings): string {
  if (!shop.phone) return ''
  return html`<p class="hint">Plus de ${people(party.maxParty)} ? Appelez le restaurant au <a href="tel:${shop.phone.replace(/\s/g, '')}">${shop.phone}</a>.</p>`
}

/** The party size, asked first by a GET form (works without JavaScript) that keeps the week being looked at. */
export function partySizeForm(o: {
  action: string
  from: string
  party: PartySettings
  size: number | undefined
  shop: Shop
  problem: string | undefined
}): string {
  const selected = o.size ?? Math.min(DEFAULT_PARTY_SIZE, o.party.maxParty)
  const options = Array.from({ length: o.party.maxParty }, (_, i) => i + 1)
    .map((n) => html`<option value="${n}"!${n === selected ? ' selected' : ''}>${people(n)}</option>`)
    .join('')
  return html`<form method="get" action="${o.action}" class="stack party-size">
    <input type="hidden" name="jour" value="${o.from}" />
    <div class="field!${o.problem ? ' has-error' : ''}">
      <label for="personnes">Nombre de personnes</label>
      <div class="inline-form">
        <select id="personnes" name="personnes"!${o.problem ? ' aria-invalid="true" aria-describedby="personnes-error"' : ''}>!${options}</select>
        <button type="submit" class="button">Voir les tables libres</button>
      </div>
      !${o.problem ? html`<p class="error" id="personnes-error">${o.problem}</p>` : ''}
    </div>
    !${callForLargerParty(o.shop, o.party)}
  </form>`
}

/** Said before booking when this party only sends a request the restaurant answers (the booking is 'requested'). */
export function requestNotice(party: PartySettings, size: number): string {
  if (party.onRequestFrom === undefined || size < party.onRequestFrom) return ''
  return html`<p class="notice">Pour ${people(party.onRequestFrom)} et plus, le restaurant confirme votre demande (vous recevez un e-mail).</p>`
}

/** No table for this party on the days shown: the next days, and the phone for what the site cannot offer. */
export function noTableState(size: number, nextDays: string, shop: Shop): string {
  return html`<section class="empty">
    <p><strong>Pas de table libre pour ${people(size)} sur ces jours.</strong></p>
    <p><a href="${nextDays}">Voir les jours suivants →</a></p>
    !${shop.phone ? html`<p class="hint">Ou appelez le restaurant au <a href="tel:${shop.phone.replace(/\s/g, '')}">${shop.phone}</a>.</p>` : ''}
  </section>`
}
