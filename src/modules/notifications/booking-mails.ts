import { html } from 'ghtml'
import { depositSentence, pricePaidHow } from '../../lib/deposit-words.js'
import { formatEuros, frenchDateTime } from '../../lib/french-format.js'
import { writeTransaction } from '../../db/group-commit.js'
import { enqueue } from '../../db/outbox.js'
import type { OutboxMessage } from '../../db/outbox-topics.js'
import { AppError } from '../../lib/app-error.js'
import {
  endOfQuietHours,
  getBooking,
  isInQuietHours,
  isTableBooking,
  parseReminderKey,
  reminderKey,
  type Booking,
} from '../bookings/index.js'
import { findSellableVariants, withdrawalTerms } from '../catalog/index.js'
import { findPaymentOfBooking } from '../payments/index.js'
import { getShop, type Shop } from '../shops/index.js'
import { calendarAttachment } from './calendar-file.js'
import { deliverMail } from './mail.js'
import type { MailAttachment } from './types.js'
import type { OrderMailDeps } from './deps.js'

const when = frenchDateTime
const address = (shop: Shop) => `${shop.address.street}, ${shop.address.postalCode} ${shop.address.city}`
const minutesOf = (booking: Booking) =>
  Math.round((Date.parse(booking.endsAt) - Date.parse(booking.startsAt)) / 60_000)

/** The cancel link of a booking's messages (the storefront's page; decision 006). */
export const bookingCancelUrl = (publicUrl: string, bookingId: string, token: string) =>
  `${publicUrl}/reservations/${bookingId}/annulation?jeton=${encodeURIComponent(token)}`

/** The "change the time" link of a booking's messages: the same secret opens the storefront's page to move it. */
const bookingChangeUrl = (publicUrl: string, bookingId: string, token: string) =>
  `${publicUrl}/reservations/${bookingId}/changer?jeton=${encodeURIComponent(token)}`

/**
 * What every booking message offers (UX-15): cancel or change the time by the link while its deadline has not
 * passed, then the shop's number. Past the deadline the links would only lead to "too late": they are left out.
 */
function whatToDoInstead(
  deps: OrderMailDeps,
  booking: Booking,
  shop: Shop,
  token: string,
): { text: string; html: string; cancelUrl: string | undefined } {
  const call = shop.phone ? `appelez le ${shop.phone}` : 'contactez le commerce'
  if (deps.clock.now().toISOString() >= booking.cancellableUntil) {
    const late = `Un empêchement ? Il est trop tard pour annuler en ligne : ${call}.`
    return { text: late, html: html`<p>${late}</p>`, cancelUrl: undefined }
  }
  const cancelUrl = bookingCancelUrl(deps.publicUrl, booking.id, token)
  const changeUrl = bookingChangeUrl(deps.publicUrl, booking.id, token)
  const until = when(booking.cancellableUntil, shop.timeZone)
  return {
    text: [
      `Un empêchement ? Annulez en un clic jusqu’au ${until} : ${cancelUrl}`,
      `Un autre moment vous arrange ? Changez l’horaire jusqu’au ${until} : ${changeUrl}`,
      `Ensuite, ${call}.`,
    ].join('\n'),
    html: html`<p>Un empêchement ? <a href="${cancelUrl}">Annulez en un clic</a> jusqu’au ${until}, ou <a href="${changeUrl}">changez l’horaire</a>. Ensuite, ${call}.</p>`,
    cancelUrl,
  }
}

/** What is paid and how; a free booking says nothing. */
function priceLine(booking: Booking): string {
  const how = pricePaidHow(booking.priceCents, booking.deposit)
  return how && `Prix : ${how}`
}

/** The guarantee left at booking and what becomes of it (UX-16); '' when none. */
const depositLine = (booking: Booking, shop: Shop) =>
  booking.deposit
    ? depositSentence(booking.deposit, `avant le ${when(booking.cancellableUntil, shop.timeZone)}`)
    : ''

/**
 * What a cancellation does to the guarantee: a hold released; a deposit or prepayment refunded once taken, or only
 * released when it never was (a request withdrawn or declined, a booking cancelled before its payment was taken).
 */
export async function depositReturned(deps: OrderMailDeps, booking: Booking): Promise<string> {
  if (!booking.deposit) return ''
  const amount = formatEuros(booking.deposit.amountCents)
  if (booking.deposit.kind === 'card_hold')
    return `L’empreinte bancaire de ${amount} est libérée : rien n’est débité.`
  const taken = ['captured', 'refunded'].includes(
    (await findPaymentOfBooking(deps.db, booking.id))?.status ?? '',
  )
  return taken
    ? `Les ${amount} réglés en ligne vous sont remboursés sur votre carte.`
    : `Les ${amount} réservés sur votre carte sont libérés : rien n’est débité.`
}

/** Who the booking is with: the person, or at a restaurant the party at its table ("table pour 4 personnes"). */
async function withWhom(deps: OrderMailDeps, booking: Booking): Promise<string> {
  return whom(booking, await isTableBooking(deps.db, booking))
}
const whom = (booking: Booking, table: boolean) =>
  table
    ? `table pour ${booking.partySize} personne${booking.partySize > 1 ? 's' : ''}`
    : `avec ${booking.resourceName}`

/**
 * The entry's SEQUENCE for a change made at `at`: 1 + minutes since the booking was made (the confirmation is 0), so a move
 * then a cancellation, or a reminder after a move, always carry a higher number than what the calendar has.
 */
const sequenceAt = (booking: Booking, at: string) =>
  Math.floor(Math.max(0, Date.parse(at) - Date.parse(booking.createdAt)) / 60_000) + 1

/** The booking as a calendar file: the same UID in every message about it, so a calendar updates one entry. */
function calendarFile(
  booking: Booking,
  shop: Shop,
  who: string,
  cancelled: boolean,
  cancelUrl?: string,
  changedAt?: string,
): MailAttachment {
  return calendarAttachment({
    sequence: changedAt ? sequenceAt(booking, changedAt) : undefined,
    uid: `${booking.id}@comptoir`,
    startsAt: booking.startsAt,
    endsAt: booking.endsAt,
    title: `${booking.serviceName} — ${shop.name}`,
    location: `${shop.name}, ${address(shop)}`,
    description: [`${who.charAt(0).toUpperCase()}${who.slice(1)}.`, cancelUrl ? `Annuler : ${cancelUrl}` : '']
      .filter(Boolean)
      .join('\n'),
    cancelled,
    filename: 'rendez-vous.ics',
  })
}

/**
 * LAW F1/F3 kept in the confirmation: the 14-day withdrawal right from the booking and how to use it, or why there
 * is none (a table, a service the catalog marks as at a fixed date), in the words of the booking page.
 */
async function withdrawalLine(
  deps: OrderMailDeps,
  booking: Booking,
  shop: Shop,
  table: boolean,
): Promise<string> {
  const exception = table
    ? 'dated_service'
    : (await findSellableVariants(deps.db, [booking.variantId])).get(booking.variantId)?.withdrawalException
  if (exception)
    return `Pas de droit de rétractation : ${withdrawalTerms([{ productName: booking.serviceName, withdrawalException: exception }]).exceptions} (article L221-28 du Code de la consommation).`
  const write = shop.email
    ? `à ${shop.email} ou par courrier à ${address(shop)}`
    : `par courrier à ${address(shop)}`
  return `Droit de rétractation : 14 jours à compter de la réservation, tant que la prestation n’a pas eu lieu ; écrivez-le au commerce ${write}.`
}

/** The booking's confirmation (outbox booking.confirmed): what, when, where, the price, the cancel link and a calendar file. */
export async function sendBookingConfirmed(
  deps: OrderMailDeps,
  bookingId: string,
  cancelToken: string,
): Promise<void> {
  const booking = await getBooking(deps.db, bookingId)
  const shop = await getShop(deps.db, booking.shopId)
  const table = await isTableBooking(deps.db, booking)
  const who = whom(booking, table)
  const instead = whatToDoInstead(deps, booking, shop, cancelToken)
  const at = when(booking.startsAt, shop.timeZone)
  const withdrawal = await withdrawalLine(deps, booking, shop, table)
  const text = [
    `Bonjour ${booking.contact.name},`,
    '',
    `Votre réservation chez ${shop.name} est confirmée.`,
    `  Prestation : ${booking.serviceName}, ${who}`,
    `  Le ${at} (${minutesOf(booking)} min)`,
    `  Adresse : ${address(shop)}`,
    ...(priceLine(booking) ? [`  ${priceLine(booking)}`] : []),
    ...(depositLine(booking, shop) ? ['', depositLine(booking, shop)] : []),
    '',
    instead.text,
    '',
    withdrawal,
    '',
    'Le fichier joint ajoute la réservation à votre agenda.',
  ].join('\n')
  const body = html`<p>Bonjour ${booking.contact.name},</p>
    <p>Votre réservation chez <strong>${shop.name}</strong> est confirmée.</p>
    <ul>
      <li>Prestation : ${booking.serviceName}, ${who}</li>
      <li>Le ${at} (${minutesOf(booking)} min)</li>
      <li>Adresse : ${address(shop)}</li>
      !${priceLine(booking) ? html`<li>${priceLine(booking)}</li>` : ''}
    </ul>
    !${depositLine(booking, shop) ? html`<p>${depositLine(booking, shop)}</p>` : ''}
    !${instead.html}
    <p>${withdrawal}</p>
    <p>Le fichier joint ajoute la réservation à votre agenda.</p>`
  await deliverMail(deps, `booking.confirmed:${booking.id}`, {
    to: booking.contact.email,
    subject: `Réservation confirmée : ${booking.serviceName}, ${at} — ${shop.name}`,
    text,
    html: body,
    attachments: [calendarFile(booking, shop, who, false, instead.cancelUrl)],
  })
}

/** The booking was cancelled, by the resident or the shop (outbox booking.cancelled): one message, and the calendar drops it. */
export async function sendBookingCancelled(deps: OrderMailDeps, bookingId: string): Promise<void> {
  const booking = await getBooking(deps.db, bookingId)
  // A booking taken by phone without an email address: nobody to write to.
  if (!booking.contact.email) return
  const shop = await getShop(deps.db, booking.shopId)
  const who = await withWhom(deps, booking)
  const at = when(booking.startsAt, shop.timeZone)
  const by =
    booking.cancelledBy === 'shop'
      ? `${shop.name} a annulé votre réservation`
      : 'Votre réservation est annulée, comme vous l’avez demandé'
  const returned = await depositReturned(deps, booking)
  const text = [
    `Bonjour ${booking.contact.name},`,
    '',
    `${by} : ${booking.serviceName}, ${at}.`,
    returned,
    booking.cancelledBy === 'shop' && shop.phone ? `Pour en reprendre une : ${shop.phone}.` : '',
  ]
    .filter((l, i) => i < 3 || l)
    .join('\n')
  await deliverMail(deps, `booking.cancelled:${booking.id}`, {
    to: booking.contact.email,
    subject: `Réservation annulée : ${booking.serviceName}, ${at} — ${shop.name}`,
    text,
    html: html`<p>Bonjour ${booking.contact.name},</p><p>${by} : ${booking.serviceName}, ${at}.</p>!${returned ? html`<p>${returned}</p>` : ''}`,
    attachments: [calendarFile(booking, shop, who, true, undefined, booking.cancelledAt)],
  })
}

/** A booking for a reminder, or undefined when there is nothing to remind of (the booking is gone). */
async function bookingToRemind(deps: OrderMailDeps, bookingId: string): Promise<Booking | undefined> {
  try {
    return await getBooking(deps.db, bookingId)
  } catch (error) {
    if (error instanceof AppError && error.code === 'bookings.booking_not_found') return undefined
    throw error
  }
}

/**
 * The reminder the day before (outbox booking.reminder, UX-15): when, where, what, with whom, the cancel link
 * while it still works, and the calendar file again. Sends nothing for a booking cancelled or moved meanwhile
 * (the key names the start it was for), for a resident who declined reminders, or once the start has passed.
 * Due at night after all (a retry after an SMTP failure, a worker that was down), it is put off to the morning
 * by a new message rather than sent. The mail is written once per booking and start, whatever the retries.
 */
export async function sendBookingReminder(
  deps: OrderMailDeps,
  key: string,
  cancelToken: string,
): Promise<void> {
  const { bookingId, startsAt } = parseReminderKey(key)
  const booking = await bookingToRemind(deps, bookingId)
  const now = deps.clock.now()
  if (!booking || booking.status !== 'confirmed' || booking.startsAt !== startsAt || !booking.wantsReminder)
    return
  if (now.getTime() >= Date.parse(booking.startsAt)) return
  const shop = await getShop(deps.db, booking.shopId)
  const who = await withWhom(deps, booking)
  if (isInQuietHours(now, shop.timeZone)) {
    // Late, at night: the first minute of the morning, if that is still before the appointment.
    const morning = endOfQuietHours(now, shop.timeZone)
    if (morning.getTime() >= Date.parse(booking.startsAt)) return
    const putOff: OutboxMessage = {
      topic: 'booking.reminder',
      key: reminderKey(booking.id, startsAt, morning.toISOString()),
      shopId: shop.id,
      payload: { cancelToken },
      notBefore: morning.toISOString(),
    }
    await writeTransaction(deps.db, (trx) => enqueue(trx, putOff, now.toISOString()))
    return
  }
  const at = when(booking.startsAt, shop.timeZone)
  const instead = whatToDoInstead(deps, booking, shop, cancelToken)
  const text = [
    `Bonjour ${booking.contact.name},`,
    '',
    `Pour mémoire, votre réservation chez ${shop.name} :`,
    `  Le ${at} (${minutesOf(booking)} min)`,
    `  Adresse : ${address(shop)}`,
    `  Prestation : ${booking.serviceName}, ${who}`,
    ...(priceLine(booking) ? [`  ${priceLine(booking)}`] : []),
    '',
    instead.text,
    '',
    'Le fichier joint ajoute la réservation à votre agenda.',
    'Vous recevez ce rappel parce que vous l’avez demandé en réservant.',
  ].join('\n')
  const body = html`<p>Bonjour ${booking.contact.name},</p>
    <p>Pour mémoire, votre réservation chez <strong>${shop.name}</strong> :</p>
    <ul>
      <li>Le ${at} (${minutesOf(booking)} min)</li>
      <li>Adresse : ${address(shop)}</li>
      <li>Prestation : ${booking.serviceName}, ${who}</li>
      !${priceLine(booking) ? html`<li>${priceLine(booking)}</li>` : ''}
    </ul>
    !${instead.html}
    <p>Le fichier joint ajoute la réservation à votre agenda.</p>
    <p>Vous recevez ce rappel parce que vous l’avez demandé en réservant.</p>`
  await deliverMail(deps, `booking.reminder:${reminderKey(booking.id, startsAt)}`, {
    to: booking.contact.email,
    subject: `Rappel : ${booking.serviceName}, ${at} — ${shop.name}`,
    text,
    html: body,
    attachments: [calendarFile(booking, shop, who, false, instead.cancelUrl, now.toISOString())],
  })
}

/**
 * The shop, or the resident by the link, moved the booking (outbox booking.moved; the key names the booking and its
 * new start): the resident is told once, old and new time, with the new links and the calendar entry updated in
 * place (same UID, higher SEQUENCE). A booking moved again or cancelled since sends nothing: a later message tells
 * the latest. Messages written before `by` existed were all the shop's.
 */
export async function sendBookingMoved(
  deps: OrderMailDeps,
  key: string,
  change: { cancelToken: string; from: string; movedAt: string; by?: 'shop' | 'resident' },
): Promise<void> {
  const { bookingId, startsAt } = parseReminderKey(key)
  const booking = await getBooking(deps.db, bookingId)
  if (booking.status !== 'confirmed' || booking.startsAt !== startsAt) return
  const shop = await getShop(deps.db, booking.shopId)
  const who = await withWhom(deps, booking)
  const instead = whatToDoInstead(deps, booking, shop, change.cancelToken)
  const at = when(booking.startsAt, shop.timeZone)
  const before = when(change.from, shop.timeZone)
  const by =
    change.by === 'resident'
      ? 'Votre réservation est déplacée, comme vous l’avez demandé'
      : `${shop.name} a déplacé votre réservation`
  const lines = [
    `${by} : ${booking.serviceName}.`,
    `Avant : le ${before}.`,
    `Désormais : le ${at} (${minutesOf(booking)} min), ${who}.`,
    `Adresse : ${address(shop)}`,
  ]
  const stale = 'Les liens de vos messages précédents ne servent plus : utilisez ceux de ce message.'
  const text = [
    `Bonjour ${booking.contact.name},`,
    '',
    ...lines,
    '',
    instead.text,
    stale,
    '',
    'Le fichier joint met à jour la réservation dans votre agenda.',
  ].join('\n')
  const body = html`<p>Bonjour ${booking.contact.name},</p>
    <p>${lines[0]}</p>
    <ul><li>Avant : le ${before}</li><li><strong>Désormais : le ${at}</strong> (${minutesOf(booking)} min), ${who}</li><li>Adresse : ${address(shop)}</li></ul>
    !${instead.html}
    <p>${stale}</p>
    <p>Le fichier joint met à jour la réservation dans votre agenda.</p>`
  await deliverMail(deps, `booking.moved:${key}`, {
    to: booking.contact.email,
    subject: `Réservation déplacée : ${booking.serviceName}, ${at} — ${shop.name}`,
    text,
    html: body,
    attachments: [calendarFile(booking, shop, who, false, instead.cancelUrl, change.movedAt)],
  })
}
