import { html } from 'ghtml'
import { frenchDateTime } from '../../lib/french-format.js'
import { toZoned } from '../../lib/zoned-time.js'
import { getBooking, type Booking } from '../bookings/index.js'
import { addressLine, getShop, type Shop } from '../shops/index.js'
import { bookingCancelUrl, depositReturned } from './booking-mails.js'
import { deliverMail } from './mail.js'
import type { OrderMailDeps } from './deps.js'

/**
 * Messages of a large party's request (issue #5, tables): the shop confirms or declines it from its day view.
 * The confirmation itself is the ordinary booking.confirmed message, sent when the shop accepts.
 */

const when = frenchDateTime
const party = (booking: Booking) => `${booking.partySize} personne${booking.partySize > 1 ? 's' : ''}`
const call = (shop: Shop) => (shop.phone ? `appelez le ${shop.phone}` : 'contactez le commerce')

/**
 * The request reached the shop (outbox booking.requested): the resident is told it is not a booking yet, and may
 * withdraw it by the link; the shop, when it has an email address, is asked to answer, with a link to the day.
 */
export async function sendBookingRequested(
  deps: OrderMailDeps,
  bookingId: string,
  cancelToken: string,
): Promise<void> {
  const booking = await getBooking(deps.db, bookingId)
  // Answered (or withdrawn) before this message left: the confirmation or the cancellation says it instead.
  if (booking.status !== 'requested') return
  const shop = await getShop(deps.db, booking.shopId)
  const at = when(booking.startsAt, shop.timeZone)
  const cancelUrl = bookingCancelUrl(deps.publicUrl, booking.id, cancelToken)
  const what = `${booking.serviceName}, table pour ${party(booking)}, le ${at}`
  const text = [
    `Bonjour ${booking.contact.name},`,
    '',
    `Votre demande de réservation chez ${shop.name} est transmise : ${what}.`,
    'Ce n’est pas encore une réservation : le restaurant vous répond par e-mail dès qu’il l’a regardée.',
    `Adresse : ${addressLine(shop.address)}`,
    '',
    `Vos plans changent ? Retirez votre demande : ${cancelUrl}`,
    `Une question ? ${call(shop)}.`,
  ].join('\n')
  await deliverMail(deps, `booking.requested:${booking.id}`, {
    to: booking.contact.email,
    subject: `Demande de réservation reçue : ${booking.serviceName}, ${at} — ${shop.name}`,
    text,
    html: html`<p>Bonjour ${booking.contact.name},</p>
      <p>Votre demande de réservation chez <strong>${shop.name}</strong> est transmise : ${what}.</p>
      <p>Ce n’est pas encore une réservation : le restaurant vous répond par e-mail dès qu’il l’a regardée.</p>
      <p>Adresse : ${addressLine(shop.address)}</p>
      <p>Vos plans changent ? <a href="${cancelUrl}">Retirez votre demande</a>. Une question ? ${call(shop)}.</p>`,
  })
  if (shop.email) {
    const day = `${deps.publicUrl}/admin/${shop.id}/rendez-vous?jour=${toZoned(new Date(booking.startsAt), shop.timeZone).date}#rdv-${booking.id}`
    await deliverMail(deps, `booking.requested.shop:${booking.id}`, {
      to: shop.email,
      subject: `À confirmer : table pour ${party(booking)}, ${at}`,
      text: [
        `Nouvelle demande de réservation : ${what}, au nom de ${booking.contact.name}.`,
        'La table reste bloquée jusqu’à votre réponse.',
        `Confirmer ou refuser : ${day}`,
      ].join('\n'),
      html: html`<p>Nouvelle demande de réservation : ${what}, au nom de ${booking.contact.name}.</p>
        <p>La table reste bloquée jusqu’à votre réponse.</p>
        <p><a href="${day}">Confirmer ou refuser</a></p>`,
    })
  }
}

/** The shop declined the request (outbox booking.declined): the resident is told, with the shop's number. */
export async function sendBookingDeclined(deps: OrderMailDeps, bookingId: string): Promise<void> {
  const booking = await getBooking(deps.db, bookingId)
  if (!booking.contact.email) return
  const shop = await getShop(deps.db, booking.shopId)
  const at = when(booking.startsAt, shop.timeZone)
  const line = `${shop.name} ne peut pas accueillir votre groupe de ${party(booking)} le ${at}. Votre demande est close ; rien ne vous est dû ni demandé.`
  const returned = await depositReturned(deps, booking)
  const other = `Un autre jour ou une autre heure ? Voyez les disponibilités en ligne ou ${call(shop)}.`
  await deliverMail(deps, `booking.declined:${booking.id}`, {
    to: booking.contact.email,
    subject: `Demande de réservation déclinée : ${booking.serviceName}, ${at} — ${shop.name}`,
    text: [`Bonjour ${booking.contact.name},`, '', line, ...(returned ? [returned] : []), other].join('\n'),
    html: html`<p>Bonjour ${booking.contact.name},</p><p>${line}</p>!${returned ? html`<p>${returned}</p>` : ''}<p>${other}</p>`,
  })
}

/** Nobody answered the request by its time (outbox booking.request_lapsed): the resident is told it is closed. */
export async function sendRequestLapsed(deps: OrderMailDeps, bookingId: string): Promise<void> {
  const booking = await getBooking(deps.db, bookingId)
  if (!booking.contact.email) return
  const shop = await getShop(deps.db, booking.shopId)
  const at = when(booking.startsAt, shop.timeZone)
  const line = `${shop.name} n’a pas répondu à votre demande pour ${party(booking)} le ${at} avant l’heure réservée : elle est close.`
  const returned = await depositReturned(deps, booking)
  const other = `Pour venir quand même ou choisir un autre moment, ${call(shop)}.`
  await deliverMail(deps, `booking.request_lapsed:${booking.id}`, {
    to: booking.contact.email,
    subject: `Demande de réservation sans réponse : ${booking.serviceName}, ${at} — ${shop.name}`,
    text: [`Bonjour ${booking.contact.name},`, '', line, ...(returned ? [returned] : []), other].join('\n'),
    html: html`<p>Bonjour ${booking.contact.name},</p><p>${line}</p>!${returned ? html`<p>${returned}</p>` : ''}<p>${other}</p>`,
  })
}
