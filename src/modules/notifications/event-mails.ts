import { html } from 'ghtml'
import { formatEuros, frenchDateTime } from '../../lib/french-format.js'
import { writeTransaction } from '../../db/group-commit.js'
import { enqueue } from '../../db/outbox.js'
import type { OutboxMessage } from '../../db/outbox-topics.js'
import { endOfQuietHours, isInQuietHours, parseReminderKey, reminderKey } from '../bookings/index.js'
import {
  cancellableUntil,
  eventWhere,
  getEvent,
  getRegistration,
  organiserOf,
  type BookingEvent,
  type EventOrganiser,
  type EventRegistration,
} from '../events/index.js'
import { calendarAttachment } from './calendar-file.js'
import { deliverMail } from './mail.js'
import type { OrderMailDeps } from './deps.js'

/** The registration's own page (see it, take an offered seat, cancel), opened by the secret in the link. */
const registrationUrl = (publicUrl: string, registrationId: string, token: string) =>
  `${publicUrl}/inscriptions/${registrationId}?jeton=${encodeURIComponent(token)}`

// The organiser is the event's shop, or « Les commerces de la ville » for a town event (no address: its place).
const where = eventWhere
const seatsText = (n: number) => (n === 1 ? '1 place' : `${n} places`)
const priceText = (event: BookingEvent, seats: number) =>
  event.priceCents === 0
    ? 'Gratuit'
    : `${formatEuros(event.priceCents * seats)} TTC (${seatsText(seats)} × ${formatEuros(event.priceCents)}), à régler sur place`

function calendarOf(
  event: BookingEvent,
  organiser: EventOrganiser,
  registration: EventRegistration,
  cancelled: boolean,
  link?: string,
) {
  return calendarAttachment({
    uid: `${registration.id}@comptoir`,
    startsAt: event.startsAt,
    endsAt: event.endsAt,
    title: `${event.title} — ${organiser.name}`,
    location: where(event, organiser),
    description: [`${seatsText(registration.seats)}.`, link ? `Votre inscription : ${link}` : '']
      .filter(Boolean)
      .join('\n'),
    cancelled,
    filename: 'evenement.ics',
  })
}

interface Letter {
  subject: string
  lines: string[]
  action?: { label: string; url: string } | undefined
  calendar?: ReturnType<typeof calendarAttachment> | undefined
}

/** Sends one message about a registration: the same text as plain text and as simple accessible HTML. */
async function send(
  deps: OrderMailDeps,
  sourceKey: string,
  registration: EventRegistration,
  letter: Letter,
): Promise<void> {
  const text = [
    `Bonjour ${registration.contact.name},`,
    '',
    ...letter.lines,
    ...(letter.action ? ['', `${letter.action.label} : ${letter.action.url}`] : []),
  ].join('\n')
  const body = html`<p>Bonjour ${registration.contact.name},</p>
    !${letter.lines
      .filter(Boolean)
      .map((line) => html`<p>${line}</p>`)
      .join('')}
    !${letter.action ? html`<p><a href="${letter.action.url}">${letter.action.label}</a></p>` : ''}`
  await deliverMail(deps, sourceKey, {
    to: registration.contact.email,
    subject: letter.subject,
    text,
    html: body,
    attachments: letter.calendar ? [letter.calendar] : [],
  })
}

async function context(deps: OrderMailDeps, registrationId: string) {
  const registration = await getRegistration(deps.db, registrationId)
  const event = await getEvent(deps.db, registration.eventId)
  const organiser = await organiserOf(deps.db, event)
  return { registration, event, organiser, at: frenchDateTime(event.startsAt, organiser.timeZone) }
}

/**
 * Outbox event.registered: seated (with the calendar file) or on the waitlist (with their place), and the link.
 * It tells what the registration was when made (`status`): an offer or a cancellation since has its own message.
 */
export async function sendEventRegistered(
  deps: OrderMailDeps,
  registrationId: string,
  linkToken: string,
  status: 'seated' | 'waiting',
): Promise<void> {
  const { registration, event, organiser, at } = await context(deps, registrationId)
  const link = registrationUrl(deps.publicUrl, registration.id, linkToken)
  const until = frenchDateTime(new Date(cancellableUntil(event)).toISOString(), organiser.timeZone)
  if (status === 'waiting') {
    const ahead = registration.waitlistPosition ?? 0
    await send(deps, `event.registered:${registration.id}`, registration, {
      subject: `Liste d’attente : ${event.title}, ${at} — ${organiser.name}`,
      lines: [
        `L’événement « ${event.title} » du ${at} est complet : vous êtes sur la liste d’attente (${seatsText(registration.seats)}).`,
        ahead === 0
          ? 'Vous êtes le prochain ou la prochaine sur la liste.'
          : `${ahead} ${ahead === 1 ? 'personne est' : 'personnes sont'} avant vous.`,
        `Si une place se libère, nous vous l’offrons par e-mail : vous aurez ${event.offerHours} h pour la prendre.`,
      ],
      action: { label: 'Voir votre place ou quitter la liste', url: link },
    })
    return
  }
  await send(deps, `event.registered:${registration.id}`, registration, {
    subject: `Inscription confirmée : ${event.title}, ${at} — ${organiser.name}`,
    lines: [
      `Votre inscription à « ${event.title} » est confirmée : ${seatsText(registration.seats)}, le ${at}.`,
      `Lieu : ${where(event, organiser)}`,
      `Prix : ${priceText(event, registration.seats)}`,
      `Un empêchement ? Annulez en un clic jusqu’au ${until}, la place ira à la personne suivante.`,
    ],
    action: { label: 'Voir ou annuler votre inscription', url: link },
    calendar: calendarOf(event, organiser, registration, false, link),
  })
}

/** Outbox event.seat_offered: seats freed for them, theirs if they take them before the offer ends. */
export async function sendSeatOffered(
  deps: OrderMailDeps,
  registrationId: string,
  offerToken: string,
): Promise<void> {
  const { registration, event, organiser, at } = await context(deps, registrationId)
  if (registration.status !== 'offered' || !registration.offerExpiresAt) return
  const until = frenchDateTime(registration.offerExpiresAt, organiser.timeZone)
  await send(deps, `event.seat_offered:${registration.id}`, registration, {
    subject: `Une place s’est libérée : ${event.title}, ${at} — ${organiser.name}`,
    lines: [
      `Une place s’est libérée pour « ${event.title} » le ${at} : ${seatsText(registration.seats)} vous ${registration.seats === 1 ? 'est gardée' : 'sont gardées'} jusqu’au ${until}.`,
      `Prix : ${priceText(event, registration.seats)}`,
      'Sans réponse d’ici là, elle ira à la personne suivante sur la liste.',
    ],
    action: { label: 'Prendre la place', url: registrationUrl(deps.publicUrl, registration.id, offerToken) },
  })
}

/** Outbox event.seat_taken: the offered seats are theirs now, with the calendar file. */
export async function sendSeatTaken(
  deps: OrderMailDeps,
  registrationId: string,
  linkToken: string,
): Promise<void> {
  const { registration, event, organiser, at } = await context(deps, registrationId)
  const link = registrationUrl(deps.publicUrl, registration.id, linkToken)
  await send(deps, `event.seat_taken:${registration.id}`, registration, {
    subject: `Inscription confirmée : ${event.title}, ${at} — ${organiser.name}`,
    lines: [
      `La place est à vous : ${seatsText(registration.seats)} pour « ${event.title} », le ${at}.`,
      `Lieu : ${where(event, organiser)}`,
      `Prix : ${priceText(event, registration.seats)}`,
    ],
    action: { label: 'Voir ou annuler votre inscription', url: link },
    calendar: calendarOf(event, organiser, registration, false, link),
  })
}

/** Outbox event.registration_cancelled: by the resident, the organiser, or the event called off; the calendar drops it. */
export async function sendRegistrationCancelled(
  deps: OrderMailDeps,
  registrationId: string,
  by: string | undefined,
): Promise<void> {
  const { registration, event, organiser, at } = await context(deps, registrationId)
  // « Les commerces de la ville » (a town event) is plural.
  const cancelled = organiser.shopSlug ? 'a annulé' : 'ont annulé'
  const why =
    by === 'event_cancelled'
      ? `${organiser.name} ${cancelled} l’événement « ${event.title} » du ${at}.`
      : by === 'shop'
        ? `${organiser.name} ${cancelled} votre inscription à « ${event.title} » du ${at}.`
        : `Votre inscription à « ${event.title} » du ${at} est annulée, comme vous l’avez demandé.`
  await send(deps, `event.registration_cancelled:${registration.id}`, registration, {
    subject: `Inscription annulée : ${event.title}, ${at} — ${organiser.name}`,
    lines: [why, by !== 'resident' && organiser.phone ? `Une question ? ${organiser.phone}.` : ''],
    calendar: calendarOf(event, organiser, registration, true),
  })
}

/** Outbox event.offer_lapsed: the offer ended unanswered; the seats went on. */
export async function sendOfferLapsed(deps: OrderMailDeps, registrationId: string): Promise<void> {
  const { registration, event, organiser, at } = await context(deps, registrationId)
  await send(deps, `event.offer_lapsed:${registration.id}`, registration, {
    subject: `Offre expirée : ${event.title}, ${at} — ${organiser.name}`,
    lines: [
      `La place qui vous était gardée pour « ${event.title} » le ${at} n’a pas été prise à temps : elle est allée à la personne suivante.`,
    ],
  })
}

/**
 * Outbox event.reminder, the day before (UX-15): when, where, the seats and the link while cancelling still
 * works. Nothing for a registration no longer seated, an event called off or moved (the key names its start), or
 * once it has started; due at night after all (a retry, a worker that was down), put off to the morning.
 */
export async function sendEventReminder(deps: OrderMailDeps, key: string, linkToken: string): Promise<void> {
  const { bookingId: registrationId, startsAt } = parseReminderKey(key)
  const { registration, event, organiser, at } = await context(deps, registrationId)
  const now = deps.clock.now()
  if (
    registration.status !== 'seated' ||
    event.status !== 'scheduled' ||
    event.startsAt !== startsAt ||
    now.toISOString() >= event.startsAt
  )
    return
  if (isInQuietHours(now, organiser.timeZone)) {
    const morning = endOfQuietHours(now, organiser.timeZone)
    if (morning.toISOString() >= event.startsAt) return
    const putOff: OutboxMessage = {
      topic: 'event.reminder',
      key: reminderKey(registration.id, startsAt, morning.toISOString()),
      shopId: registration.shopId,
      payload: { linkToken },
      notBefore: morning.toISOString(),
    }
    await writeTransaction(deps.db, (trx) => enqueue(trx, putOff, now.toISOString()))
    return
  }
  const link = registrationUrl(deps.publicUrl, registration.id, linkToken)
  const canCancel = now.getTime() < cancellableUntil(event)
  await send(deps, `event.reminder:${reminderKey(registration.id, startsAt)}`, registration, {
    subject: `Rappel : ${event.title}, ${at} — ${organiser.name}`,
    lines: [
      `Pour mémoire : ${seatsText(registration.seats)} pour « ${event.title} », le ${at}.`,
      `Lieu : ${where(event, organiser)}`,
      `Prix : ${priceText(event, registration.seats)}`,
      canCancel
        ? 'Un empêchement ? Annulez par le lien ci-dessous : votre place ira à la personne suivante sur la liste d’attente.'
        : organiser.phone
          ? `Un empêchement ? Appelez le ${organiser.phone}.`
          : '',
      'Vous recevez ce rappel parce que vous l’avez demandé en vous inscrivant.',
    ],
    action: { label: canCancel ? 'Voir ou annuler votre inscription' : 'Voir votre inscription', url: link },
    calendar: calendarOf(event, organiser, registration, false, link),
  })
}
