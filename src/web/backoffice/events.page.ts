import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { html } from 'ghtml'
import { requireStaffOf } from '../../http/auth.js'
import type { AppDeps } from '../../http/deps.js'
import type { AppError, FieldProblem } from '../../lib/app-error.js'
import { formatEuros, parseEuros } from '../../lib/money.js'
import { frenchDateTime } from '../../lib/french-time.js'
import { fromZoned, isValidLocalDate, parseTimeOfDay, toZoned } from '../../lib/zoned-time.js'
import {
  cancelEvent,
  cancelRegistrationByShop,
  EVENT_LIMITS,
  listEventRegistrations,
  listShopEvents,
  scheduleEvent,
  type BookingEvent,
  type EventInput,
  type EventRegistration,
} from '../../modules/bookings/index.js'
import { getShop, type Membership, type Shop } from '../../modules/shops/index.js'
import { fieldMessage, t } from '../i18n/index.js'
import { csrfInput, field, formAlert, type FormErrors } from '../views/components.js'
import { plural } from '../views/storefront-format.js'
import { sendPage } from './access.js'
import { noticeOf, shopPage, withNotice } from './admin-shell.js'
import { bodyOf, isFormError, statusOf, text, wholeNumber } from './form-input.js'

type Params = { Params: { shopId: string } }
type EventParams = { Params: { shopId: string; eventId: string } }

/** The form as typed: the date and times on the shop's wall clock, numbers as text until the module checks them. */
interface Values {
  title: string
  description: string
  place: string
  date: string
  startTime: string
  endTime: string
  capacity: string
  seatsPerPerson: string
  price: string
  offerHours: string
  cancelHoursBefore: string
}

const FIELD_TEXTS: Record<string, Record<string, string>> = {
  capacity: { out_of_range: `De 1 à ${EVENT_LIMITS.capacity} places.` },
  seatsPerPerson: { out_of_range: `De 1 à ${EVENT_LIMITS.seatsPerPerson} places.` },
  priceCents: { out_of_range: 'Indiquez un prix, par exemple 15,00, ou 0 pour un événement gratuit.' },
  offerHours: { out_of_range: `De ${EVENT_LIMITS.offerHours.min} à ${EVENT_LIMITS.offerHours.max} heures.` },
  cancelHoursBefore: { out_of_range: `De ${EVENT_LIMITS.cancelHoursBefore.min} heure à ${EVENT_LIMITS.cancelHoursBefore.max / 24} jours (${EVENT_LIMITS.cancelHoursBefore.max} h).` },
  startsAt: { in_the_past: 'Le début doit être à venir.', invalid_date: 'Indiquez la date et l’heure du début.' },
  endsAt: { ends_before_start: 'La fin doit suivre le début.', invalid_date: 'Indiquez l’heure de fin.' },
}
/** The module's fields, as named in the form. */
const FORM_FIELD: Record<string, keyof Values> = { startsAt: 'startTime', endsAt: 'endTime', priceCents: 'price' }

const valuesOf = (body: Readonly<Record<string, unknown>>): Values => ({
  title: text(body, 'title', 300),
  description: text(body, 'description', 8_000),
  place: text(body, 'place', 400),
  date: text(body, 'date', 20).trim(),
  startTime: text(body, 'startTime', 10).trim(),
  endTime: text(body, 'endTime', 10).trim(),
  capacity: text(body, 'capacity', 20).trim(),
  seatsPerPerson: text(body, 'seatsPerPerson', 20).trim(),
  price: text(body, 'price', 20).trim(),
  offerHours: text(body, 'offerHours', 20).trim(),
  cancelHoursBefore: text(body, 'cancelHoursBefore', 20).trim(),
})

/** An instant from the form's date and a time on the shop's clock; '' when either is unreadable. */
function instantOf(date: string, time: string, timeZone: string): string {
  const minute = parseTimeOfDay(time)
  if (!isValidLocalDate(date) || minute === undefined || minute >= 1440) return ''
  return fromZoned(date, minute, timeZone).toISOString()
}

/**
 * /admin/:shopId/evenements (issue #5): the shop's events with their seats and waitlists, scheduling one, and
 * for each event who has seats, who is offered some and who waits, in order; cancelling a registration (the
 * seats go to the next in line) or the whole event (everyone is told).
 */
export function registerEventsPage(admin: FastifyInstance, deps: AppDeps): void {
  const bookings = { db: deps.db, clock: deps.clock }
  const path = '/admin/:shopId/evenements'

  async function show(req: FastifyRequest, reply: FastifyReply, membership: Membership, shop: Shop, values: Values, errors: FormErrors = {}, alert?: string) {
    const list = await listShopEvents(deps.db, shop.id, new Date(deps.clock.now().getTime() - 30 * 86_400_000), { withCancelled: true })
    return sendPage(reply, eventsPage(req, reply, membership, shop, list, values, errors, alert))
  }

  admin.get<Params>(path, async (req, reply) => {
    const membership = requireStaffOf(req, req.params.shopId)
    const shop = await getShop(deps.db, membership.shopId)
    const today = toZoned(deps.clock.now(), shop.timeZone).date
    const blank: Values = { title: '', description: '', place: '', date: today, startTime: '', endTime: '', capacity: '', seatsPerPerson: '2', price: '0', offerHours: '12', cancelHoursBefore: '24' }
    return show(req, reply, membership, shop, blank)
  })

  admin.post<Params>(path, { preHandler: admin.csrfProtection }, async (req, reply) => {
    const membership = requireStaffOf(req, req.params.shopId)
    const shop = await getShop(deps.db, membership.shopId)
    const values = valuesOf(bodyOf(req.body))
    // An empty or unreadable number becomes NaN, so the module reports every problem at once.
    const number = (value: string) => wholeNumber(value) ?? Number.NaN
    const input: EventInput = {
      title: values.title,
      description: values.description,
      place: values.place,
      startsAt: instantOf(values.date, values.startTime, shop.timeZone),
      endsAt: instantOf(values.date, values.endTime, shop.timeZone),
      capacity: number(values.capacity),
      seatsPerPerson: number(values.seatsPerPerson),
      priceCents: values.price === '' ? 0 : (parseEuros(values.price) ?? Number.NaN),
      offerHours: number(values.offerHours),
      cancelHoursBefore: number(values.cancelHoursBefore),
    }
    try {
      const event = await scheduleEvent(bookings, membership.shopId, input)
      return reply.redirect(withNotice(`/admin/${membership.shopId}/evenements/${event.id}`, 'evenement-programme'), 303)
    } catch (error) {
      if (!isFormError(error)) throw error
      return show(req, reply.code(statusOf(error)), membership, shop, values, eventErrors(error, values), t(error.code, 'Vérifiez les champs signalés.'))
    }
  })

  admin.get<EventParams>(`${path}/:eventId`, async (req, reply) => {
    const membership = requireStaffOf(req, req.params.shopId)
    const shop = await getShop(deps.db, membership.shopId)
    // Another shop's event is not found, like an unknown one (the module names this shop).
    const { event, registrations } = await listEventRegistrations(deps.db, membership.shopId, req.params.eventId)
    return sendPage(reply, eventPage(req, reply, membership, shop, event, registrations, deps.clock.now()))
  })

  admin.post<EventParams>(`${path}/:eventId/annuler`, { preHandler: admin.csrfProtection }, async (req, reply) => {
    const membership = requireStaffOf(req, req.params.shopId)
    await cancelEvent(bookings, membership.shopId, req.params.eventId)
    return reply.redirect(withNotice(`/admin/${membership.shopId}/evenements/${req.params.eventId}`, 'evenement-annule'), 303)
  })

  admin.post<{ Params: { shopId: string; registrationId: string } }>(`${path}/inscriptions/:registrationId/annuler`, { preHandler: admin.csrfProtection }, async (req, reply) => {
    const membership = requireStaffOf(req, req.params.shopId)
    const registration = await cancelRegistrationByShop(bookings, membership.shopId, req.params.registrationId)
    return reply.redirect(withNotice(`/admin/${membership.shopId}/evenements/${registration.eventId}`, 'inscription-annulee'), 303)
  })
}

function eventErrors(error: AppError, values: Values): FormErrors {
  const errors: Record<string, string> = {}
  for (const p of (error.details.errors as FieldProblem[] | undefined) ?? []) {
    const name = FORM_FIELD[p.field] ?? (p.field as keyof Values)
    if (p.field === 'startsAt' && !isValidLocalDate(values.date)) errors.date ??= values.date ? fieldMessage('invalid_date') : fieldMessage('required')
    else errors[name] ??= values[name] === '' ? fieldMessage('required') : (FIELD_TEXTS[p.field]?.[p.code] ?? fieldMessage(p.code))
  }
  return errors
}

function seatsLine(event: BookingEvent): string {
  return `${event.seatsTaken} / ${event.capacity} places prises${event.waitingCount > 0 ? ` · ${plural(event.waitingCount, 'personne')} en liste d’attente` : ''}`
}

function eventsPage(req: FastifyRequest, reply: FastifyReply, membership: Membership, shop: Shop, list: readonly BookingEvent[], values: Values, errors: FormErrors, alert: string | undefined): string {
  const base = `/admin/${shop.id}/evenements`
  const row = (e: BookingEvent) => html`<li class="drop-row">
    <p class="drop-row-title"><a href="${base}/${e.id}">${e.title}</a>!${e.status === 'cancelled' ? html` <span class="badge badge-muted">Annulé</span>` : ''}</p>
    <p class="drop-row-meta">${frenchDateTime(e.startsAt, shop.timeZone)} · ${e.priceCents === 0 ? 'Gratuit' : `${formatEuros(e.priceCents)} la place`}</p>
    <p>${seatsLine(e)}</p>
  </li>`
  const content = html`!${noticeOf(req)}
    <h1>Événements</h1>
    <p class="hint">Une dégustation, un atelier, une soirée : un nombre de places, une limite par personne, et une liste d’attente qui propose chaque place libérée à la personne suivante, pour un temps limité.</p>
    <section aria-labelledby="evenements">
      <h2 id="evenements">Vos événements</h2>
      !${list.length === 0 ? html`<p>Aucun événement pour le moment : programmez le premier ci-dessous.</p>` : html`<ul class="drop-list" role="list">!${list.map(row).join('')}</ul>`}
    </section>
    <section aria-labelledby="programmer">
      <h2 id="programmer">Programmer un événement</h2>
      !${formAlert(alert)}
      <form method="post" action="${base}" class="stack admin-form" novalidate>
        !${csrfInput(reply.generateCsrf())}
        !${field({ name: 'title', label: 'Titre', value: values.title, errors, required: true, hint: 'Par exemple « Dégustation des vins de Loire ».', attrs: { maxlength: EVENT_LIMITS.titleLength } })}
        !${field({ name: 'description', label: 'Description (facultatif)', type: 'textarea', value: values.description, errors, attrs: { maxlength: EVENT_LIMITS.descriptionLength, rows: 4 } })}
        !${field({ name: 'place', label: 'Lieu (facultatif)', value: values.place, errors, hint: 'Si ce n’est pas simplement la boutique : « dans l’arrière-salle », « place du marché ». L’adresse du commerce est toujours indiquée.', attrs: { maxlength: EVENT_LIMITS.placeLength } })}
        <fieldset>
          <legend>Quand (heure du commerce)</legend>
          !${field({ name: 'date', label: 'Date', type: 'date', value: values.date, errors, required: true })}
          <div class="row-2">
            !${field({ name: 'startTime', label: 'Début', type: 'time', value: values.startTime, errors, required: true, attrs: { step: 60 } })}
            !${field({ name: 'endTime', label: 'Fin', type: 'time', value: values.endTime, errors, required: true, attrs: { step: 60 } })}
          </div>
        </fieldset>
        <div class="row-2">
          !${field({ name: 'capacity', label: 'Nombre de places', type: 'number', value: values.capacity, errors, required: true, attrs: { inputmode: 'numeric', min: 1, max: EVENT_LIMITS.capacity, step: 1 } })}
          !${field({ name: 'seatsPerPerson', label: 'Places par personne, au plus', type: 'number', value: values.seatsPerPerson, errors, required: true, attrs: { inputmode: 'numeric', min: 1, max: EVENT_LIMITS.seatsPerPerson, step: 1 } })}
        </div>
        !${field({ name: 'price', label: 'Prix par place (€ TTC)', value: values.price, errors, hint: '0 pour un événement gratuit. Réglé sur place.', attrs: { inputmode: 'decimal' } })}
        <div class="row-2">
          !${field({ name: 'offerHours', label: 'Délai pour prendre une place libérée (heures)', type: 'number', value: values.offerHours, errors, required: true, hint: 'Ensuite, la place passe à la personne suivante de la liste.', attrs: { inputmode: 'numeric', min: EVENT_LIMITS.offerHours.min, max: EVENT_LIMITS.offerHours.max, step: 1 } })}
          !${field({ name: 'cancelHoursBefore', label: 'Annulation en ligne jusqu’à (heures avant)', type: 'number', value: values.cancelHoursBefore, errors, required: true, hint: 'De 1 h à 2 semaines ; montré avant l’inscription.', attrs: { inputmode: 'numeric', min: EVENT_LIMITS.cancelHoursBefore.min, max: EVENT_LIMITS.cancelHoursBefore.max, step: 1 } })}
        </div>
        <button type="submit" class="button primary">Programmer l’événement</button>
      </form>
    </section>`
  return shopPage(req, membership, 'Événements', 'events', content)
}

function eventPage(req: FastifyRequest, reply: FastifyReply, membership: Membership, shop: Shop, event: BookingEvent, registrations: readonly EventRegistration[], now: Date): string {
  const base = `/admin/${shop.id}/evenements`
  const csrf = csrfInput(reply.generateCsrf())
  const contact = (r: EventRegistration) =>
    html`${r.contact.name} · <a href="mailto:${r.contact.email}">${r.contact.email}</a>!${r.contact.phone ? html` · <a href="tel:${r.contact.phone.replace(/\s/g, '')}">${r.contact.phone}</a>` : ''}`
  const cancelForm = (r: EventRegistration, label: string) => html`<details class="confirm">
    <summary>${label}…</summary>
    <form method="post" action="${base}/inscriptions/${r.id}/annuler" class="inline-form">
      !${csrf}
      <button type="submit" class="button small danger">Confirmer : la personne est prévenue par e-mail</button>
    </form>
  </details>`
  const group = (title: string, list: readonly EventRegistration[], line: (r: EventRegistration) => string, empty: string) => html`<section>
    <h2>${title} (${list.length})</h2>
    !${list.length === 0 ? html`<p class="hint">${empty}</p>` : html`<ol class="booking-list">!${list.map((r) => html`<li class="booking-row">!${line(r)}</li>`).join('')}</ol>`}
  </section>`
  const seated = registrations.filter((r) => r.status === 'seated')
  const offered = registrations.filter((r) => r.status === 'offered')
  const waiting = registrations.filter((r) => r.status === 'waiting')
  const live = event.status === 'scheduled' && event.endsAt > now.toISOString()
  const content = html`!${noticeOf(req)}
    <p><a href="${base}">← Tous les événements</a></p>
    <h1>${event.title}</h1>
    <p class="lead">${frenchDateTime(event.startsAt, shop.timeZone)} · ${event.priceCents === 0 ? 'Gratuit' : `${formatEuros(event.priceCents)} la place`}!${event.status === 'cancelled' ? html` · <strong>Annulé</strong>` : ''}</p>
    <p>${seatsLine(event)} · <a href="/evenements/${event.id}">page publique</a></p>
    !${group('Inscrits', seated, (r) => html`<p><strong>${plural(r.seats, 'place')}</strong> · !${contact(r)}</p>!${live ? cancelForm(r, 'Annuler cette inscription') : ''}`, 'Personne pour le moment.')}
    !${offered.length > 0
      ? group('Place proposée', offered, (r) => html`<p><strong>${plural(r.seats, 'place')}</strong> jusqu’au ${frenchDateTime(r.offerExpiresAt ?? event.startsAt, shop.timeZone)} · !${contact(r)}</p>`, '')
      : ''}
    !${group('Liste d’attente, dans l’ordre', waiting, (r) => html`<p>${(r.waitlistPosition ?? 0) + 1}. <strong>${plural(r.seats, 'place')}</strong> · !${contact(r)}</p>!${live ? cancelForm(r, 'Retirer de la liste') : ''}`, 'Personne n’attend.')}
    !${live
      ? html`<details class="confirm">
          <summary>Annuler l’événement…</summary>
          <form method="post" action="${base}/${event.id}/annuler" class="inline-form">
            !${csrf}
            <button type="submit" class="button danger">Confirmer l’annulation : chaque inscrit est prévenu par e-mail</button>
          </form>
        </details>`
      : ''}`
  return shopPage(req, membership, event.title, 'events', content)
}
