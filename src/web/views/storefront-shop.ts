import { html } from 'ghtml'
import { frenchDate, frenchMinuteOfDay } from '../../lib/french-format.js'
import type { Closure, OpeningRange, OpeningStatus, Shop } from '../../modules/shops/index.js'
import { WEEKDAYS_FR } from '../i18n/index.js'
import { openingStatusText } from './opening-status-text.js'

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1)

/** The weekly hours as a table, one row per weekday, lunch breaks as separate ranges (UX-06). */
export function hoursTable(hours: readonly OpeningRange[], todayWeekday: number): string {
  const rows = WEEKDAYS_FR.map((name, i) => {
    const weekday = i + 1
    const ranges = hours.filter((r) => r.weekday === weekday).sort((a, b) => a.opensMinute - b.opensMinute)
    // One range per line, never broken inside ("15 h 30 – 19 h 30" stays whole on a phone).
    const text =
      ranges.length === 0
        ? 'Fermé'
        : ranges
            .map(
              (r) =>
                html`<span class="range">${frenchMinuteOfDay(r.opensMinute)} – ${frenchMinuteOfDay(r.closesMinute)}</span>`,
            )
            .join('')
    const today = weekday === todayWeekday
    return html`<tr!${today ? ' class="today"' : ''}>
      <th scope="row">${capitalize(name)}!${today ? ' <span class="tag">aujourd’hui</span>' : ''}</th>
      <td!${ranges.length === 0 ? ' class="closed"' : ''}>!${text}</td>
    </tr>`
  })
  return html`<table class="hours">
    <caption class="visually-hidden">Horaires de la semaine</caption>
    <tbody>!${rows.join('')}</tbody>
  </table>`
}

function closureText(c: Closure): string {
  const when =
    c.startsOn === c.endsOn
      ? `le ${frenchDate(c.startsOn)}`
      : `du ${frenchDate(c.startsOn)} au ${frenchDate(c.endsOn)}`
  return `Fermeture exceptionnelle ${when}${c.reason ? ` : ${c.reason}` : ''}`
}

export function closuresList(closures: readonly Closure[]): string {
  if (closures.length === 0) return ''
  return html`<section class="closures" aria-labelledby="closures-heading">
    <h2 id="closures-heading">Fermetures à venir</h2>
    <ul>!${closures.map((c) => html`<li>${closureText(c)}</li>`).join('')}</ul>
  </section>`
}

/** "Ouvert · ferme à 19 h 30" with a colour cue that is never the only cue (the text says it). */
export function statusBadge(status: OpeningStatus | undefined, now: Date, timeZone: string): string {
  if (!status) return ''
  const state = status.state === 'closed' && !status.nextOpensAt && !status.closure ? 'unknown' : status.state
  return html`<p class="status status-${state}">${openingStatusText(status, now, timeZone)}</p>`
}

/** The notice shown when a shop that would be open is closed today for an exceptional reason. */
export function closureNotice(status: OpeningStatus | undefined): string {
  if (!status || status.state !== 'closed' || !status.closure) return ''
  const c = status.closure
  return html`<p class="notice">Fermé exceptionnellement aujourd’hui${c.reason ? ` : ${c.reason}` : ''}${c.endsOn !== c.startsOn ? ` (jusqu’au ${frenchDate(c.endsOn)} inclus)` : ''}.</p>`
}

/** Address, phone, email: the contact block of a shop page, with tel: and mailto: links. */
export function contactBlock(shop: Shop): string {
  const tel = shop.phone.replace(/[^\d+]/g, '')
  return html`<section class="contact" aria-labelledby="contact-heading">
    <h2 id="contact-heading">Coordonnées</h2>
    <address>
      <p>${shop.address.street}<br />${shop.address.postalCode} ${shop.address.city}</p>
      !${shop.phone ? html`<p>Téléphone : <a href="tel:${tel}">${shop.phone}</a></p>` : ''}
      !${shop.email ? html`<p>E-mail : <a href="mailto:${shop.email}">${shop.email}</a></p>` : ''}
    </address>
  </section>`
}
