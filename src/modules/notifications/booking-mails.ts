import { html } from 'ghtml'
import { createEvent, type EventAttributes } from 'ics'
import { frenchDateTime } from '../../lib/french-time.js'
import { formatEuros } from '../../lib/money.js'
import { getBooking, type Booking } from '../bookings/index.js'
import { getShop, type Shop } from '../shops/index.js'
import { deliverMail, type MailAttachment } from './mail.js'
import type { OrderMailDeps } from './order-mails.js'

const when = frenchDateTime
const address = (shop: Shop) => `${shop.address.street}, ${shop.address.postalCode} ${shop.address.city}`
const minutesOf = (booking: Booking) => Math.round((Date.parse(booking.endsAt) - Date.parse(booking.startsAt)) / 60_000)

/** The cancel link of a booking's messages (the storefront's page; decision 006). */
export const bookingCancelUrl = (publicUrl: string, bookingId: string, token: string) => `${publicUrl}/reservations/${bookingId}/annulation?jeton=${encodeURIComponent(token)}`

/**
 * The booking as a calendar file (RFC 5545): the same UID in the confirmation and the cancellation, so a
 * calendar that imported one replaces it with the other (METHOD:CANCEL, a higher SEQUENCE).
 */
function calendarFile(booking: Booking, shop: Shop, cancelled: boolean, cancelUrl?: string): MailAttachment {
  const utc = (iso: string) => Date.parse(iso)
  const event: EventAttributes = {
    uid: `${booking.id}@comptoir`,
    productId: 'comptoir',
    method: cancelled ? 'CANCEL' : 'PUBLISH',
    status: cancelled ? 'CANCELLED' : 'CONFIRMED',
    sequence: cancelled ? 1 : 0,
    start: utc(booking.startsAt),
    startInputType: 'utc',
    startOutputType: 'utc',
    end: utc(booking.endsAt),
    endInputType: 'utc',
    endOutputType: 'utc',
    title: `${booking.serviceName} — ${shop.name}`,
    location: `${shop.name}, ${address(shop)}`,
    description: [`Avec ${booking.resourceName}.`, cancelUrl ? `Annuler : ${cancelUrl}` : ''].filter(Boolean).join('\n'),
  }
  const { error, value } = createEvent(event)
  if (error || !value) throw error ?? new Error('calendar file not generated')
  return { filename: 'rendez-vous.ics', contentType: `text/calendar; charset=utf-8; method=${cancelled ? 'CANCEL' : 'PUBLISH'}`, base64: Buffer.from(value).toString('base64') }
}

/** The booking's confirmation (outbox booking.confirmed): what, when, where, the price, the cancel link and a calendar file. */
export async function sendBookingConfirmed(deps: OrderMailDeps, bookingId: string, cancelToken: string): Promise<void> {
  const booking = await getBooking(deps.db, bookingId)
  const shop = await getShop(deps.db, booking.shopId)
  const link = bookingCancelUrl(deps.publicUrl, booking.id, cancelToken)
  const at = when(booking.startsAt, shop.timeZone)
  const until = when(booking.cancellableUntil, shop.timeZone)
  const call = shop.phone ? `appelez le ${shop.phone}` : 'contactez le commerce'
  const text = [
    `Bonjour ${booking.contact.name},`,
    '',
    `Votre réservation chez ${shop.name} est confirmée.`,
    `  Prestation : ${booking.serviceName}, avec ${booking.resourceName}`,
    `  Le ${at} (${minutesOf(booking)} min)`,
    `  Adresse : ${address(shop)}`,
    `  Prix : ${formatEuros(booking.priceCents)} TTC, à régler sur place`,
    '',
    `Un empêchement ? Annulez en un clic jusqu’au ${until} : ${link}`,
    `Ensuite, ${call}.`,
    '',
    'Le fichier joint ajoute le rendez-vous à votre agenda.',
  ].join('\n')
  const body = html`<p>Bonjour ${booking.contact.name},</p>
    <p>Votre réservation chez <strong>${shop.name}</strong> est confirmée.</p>
    <ul>
      <li>Prestation : ${booking.serviceName}, avec ${booking.resourceName}</li>
      <li>Le ${at} (${minutesOf(booking)} min)</li>
      <li>Adresse : ${address(shop)}</li>
      <li>Prix : ${formatEuros(booking.priceCents)} TTC, à régler sur place</li>
    </ul>
    <p>Un empêchement ? <a href="${link}">Annulez en un clic</a> jusqu’au ${until}. Ensuite, ${call}.</p>
    <p>Le fichier joint ajoute le rendez-vous à votre agenda.</p>`
  await deliverMail(deps, `booking.confirmed:${booking.id}`, {
    to: booking.contact.email,
    subject: `Réservation confirmée : ${booking.serviceName}, ${at} — ${shop.name}`,
    text,
    html: body,
    attachments: [calendarFile(booking, shop, false, link)],
  })
}

/** The booking was cancelled, by the resident or the shop (outbox booking.cancelled): one message, and the calendar drops it. */
export async function sendBookingCancelled(deps: OrderMailDeps, bookingId: string): Promise<void> {
  const booking = await getBooking(deps.db, bookingId)
  const shop = await getShop(deps.db, booking.shopId)
  const at = when(booking.startsAt, shop.timeZone)
  const who = booking.cancelledBy === 'shop' ? `${shop.name} a annulé votre réservation` : 'Votre réservation est annulée, comme vous l’avez demandé'
  const text = [`Bonjour ${booking.contact.name},`, '', `${who} : ${booking.serviceName}, ${at}.`, booking.cancelledBy === 'shop' && shop.phone ? `Pour en reprendre une : ${shop.phone}.` : ''].filter((l, i) => i < 3 || l).join('\n')
  await deliverMail(deps, `booking.cancelled:${booking.id}`, {
    to: booking.contact.email,
    subject: `Réservation annulée : ${booking.serviceName}, ${at} — ${shop.name}`,
    text,
    html: html`<p>Bonjour ${booking.contact.name},</p><p>${who} : ${booking.serviceName}, ${at}.</p>`,
    attachments: [calendarFile(booking, shop, true)],
  })
}
