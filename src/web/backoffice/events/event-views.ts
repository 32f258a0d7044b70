import type { FastifyReply } from 'fastify'
import { html } from 'ghtml'
import type { AppError } from '../../../lib/app-error.js'
import { formatEuros, frenchDateTime, plural } from '../../../lib/french-format.js'
import { parseEuros } from '../../../lib/money.js'
import { fromZoned, isValidLocalDate, parseTimeOfDay } from '../../../lib/zoned-time.js'
import {
  EVENT_LIMITS,
  type BookingEvent,
  type EventInput,
  type EventRegistration,
} from '../../../modules/events/index.js'
import { fieldErrors, fieldProblemsOf, text, wholeNumber } from '../../forms.js'
import { fieldMessage } from '../../i18n/index.js'
import { csrfInput, field, formAlert, type FormErrors } from '../../views/components.js'

// The event form and views shared by a shop's events (/admin/:shopId/evenements) and the town's
// (/admin/ville/evenements): the same settings, lists and registrations, under a different shell.

/** The form as typed: the date and times on the organiser's wall clock, numbers as text until the module checks them. */
export interface EventFormValues {
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
  cancelHoursBefore: {
    out_of_range: `De ${EVENT_LIMITS.cancelHoursBefore.min} heure à ${EVENT_LIMITS.cancelHoursBefore.max / 24} jours (${EVENT_LIMITS.cancelHoursBefore.max} h).`,
  },
  startsAt: {
    in_the_past: 'Le début doit être à venir.',
    invalid_date: 'Indiquez la date et l’heure du début.',
  },
  endsAt: { ends_before_start: 'La fin doit suivre le début.', invalid_date: 'Indiquez l’heure de fin.' },
}
/** The module's fields, as named in the form. */
const FORM_FIELD: Record<string, keyof EventFormValues> = {
  startsAt: 'startTime',
  endsAt: 'endTime',
  priceCents: 'price',
}

export const blankEventValues = (today: string): EventFormValues => ({
  title: '',
  description: '',
  place: '',
  date: today,
  startTime: '',
  endTime: '',
  capacity: '',
  seatsPerPerson: '2',
  price: '0',
  offerHours: '12',
  cancelHoursBefore: '24',
})

export const eventValuesOf = (body: Readonly<Record<string, unknown>>): EventFormValues => ({
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

/** An instant from the form's date and a time on the organiser's clock; '' when either is unreadable. */
function instantOf(date: string, time: string, timeZone: string): string {
  const minute = parseTimeOfDay(time)
  if (!isValidLocalDate(date) || minute === undefined || minute >= 1440) return ''
  return fromZoned(date, minute, timeZone).toISOString()
}

/** What the module is asked to schedule; an empty or unreadable number becomes NaN, so it reports every problem at once. */
export function eventInputOf(values: EventFormValues, timeZone: string): EventInput {
  const number = (value: string) => wholeNumber(value) ?? Number.NaN
  return {
    title: values.title,
    description: values.description,
    place: values.place,
    startsAt: instantOf(values.date, values.startTime, timeZone),
    endsAt: instantOf(values.date, values.endTime, timeZone),
    capacity: number(values.capacity),
    seatsPerPerson: number(values.seatsPerPerson),
    priceCents: values.price === '' ? 0 : (parseEuros(values.price) ?? Number.NaN),
    offerHours: number(values.offerHours),
    cancelHoursBefore: number(values.cancelHoursBefore),
  }
}

export function eventErrors(error: AppError, values: EventFormValues): FormErrors {
  // A start on a date that cannot be read is said next to the date, not the time.
  const dateUnread = !isValidLocalDate(values.date)
  return fieldErrors(fieldProblemsOf(error), {
    inputOf: (p) => (p.field === 'startsAt' && dateUnread ? 'date' : (FORM_FIELD[p.field] ?? p.field)),
    typed: values,
    wordsFor: (p, input) =>
      input === 'date' ? fieldMessage('invalid_date') : FIELD_TEXTS[p.field]?.[p.code],
  })
}

function seatsLine(event: BookingEvent): string {
  return `${event.seatsTaken} / ${event.capacity} places prises${event.waitingCount > 0 ? ` · ${plural(event.waitingCount, 'personne')} en liste d’attente` : ''}`
}

const priceLine = (event: BookingEvent) =>
  event.priceCents === 0 ? 'Gratuit' : `${formatEuros(event.priceCents)} la place`

/** The organiser's events, each linking to its registrations (`base`/:id). */
export function eventListView(
  list: readonly BookingEvent[],
  base: string,
  timeZone: string,
  empty: string,
): string {
  const row = (e: BookingEvent) => html`<li class="drop-row">
    <p class="drop-row-title"><a href="${base}/${e.id}">${e.title}</a>!${e.status === 'cancelled' ? html` <span class="badge badge-muted">Annulé</span>` : ''}</p>
    <p class="drop-row-meta">${frenchDateTime(e.startsAt, timeZone)} · ${priceLine(e)}</p>
    <p>${seatsLine(e)}</p>
  </li>`
  return list.length === 0
    ? html`<p>${empty}</p>`
    : html`<ul class="drop-list" role="list">!${list.map(row).join('')}</ul>`
}

/** What differs between a shop's form and the town's: where, and whose clock. */
export interface EventFormCopy {
  placeRequired: boolean
  placeLabel: string
  placeHint: string
  clockLegend: string
}

export function eventFormView(
  reply: FastifyReply,
  action: string,
  values: EventFormValues,
  errors: FormErrors,
  alert: string | undefined,
  copy: EventFormCopy,
): string {
  return html`!${formAlert(alert)}
    <form method="post" action="${action}" class="stack admin-form" novalidate>
      !${csrfInput(reply.generateCsrf())}
      !${field({ name: 'title', label: 'Titre', value: values.title, errors, required: true, hint: 'Par exemple « Dégustation des vins de Loire ».', attrs: { maxlength: EVENT_LIMITS.titleLength } })}
      !${field({ name: 'description', label: 'Description (facultatif)', type: 'textarea', value: values.description, errors, attrs: { maxlength: EVENT_LIMITS.descriptionLength, rows: 4 } })}
      !${field({ name: 'place', label: copy.placeLabel, value: values.place, errors, required: copy.placeRequired, hint: copy.placeHint, attrs: { maxlength: EVENT_LIMITS.placeLength } })}
      <fieldset>
        <legend>${copy.clockLegend}</legend>
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
    </form>`
}

/**
 * One event's page body: who has seats, who is offered some, the waitlist in order, and the forms that cancel a
 * registration (`base`/inscriptions/:id/annuler) or the event (`base`/:id/annuler).
 */
export function eventRegistrationsView(
  reply: FastifyReply,
  base: string,
  event: BookingEvent,
  registrations: readonly EventRegistration[],
  now: Date,
  timeZone: string,
): string {
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
  const group = (
    title: string,
    list: readonly EventRegistration[],
    line: (r: EventRegistration) => string,
    empty: string,
  ) => html`<section>
    <h2>${title} (${list.length})</h2>
    !${list.length === 0 ? html`<p class="hint">${empty}</p>` : html`<ol class="booking-list">!${list.map((r) => html`<li class="booking-row">!${line(r)}</li>`).join('')}</ol>`}
  </section>`
  const seated = registrations.filter((r) => r.status === 'seated')
  const offered = registrations.filter((r) => r.status === 'offered')
  const waiting = registrations.filter((r) => r.status === 'waiting')
  const live = event.status === 'scheduled' && event.endsAt > now.toISOString()
  return html`<p><a href="${base}">← Tous les événements</a></p>
    <h1>${event.title}</h1>
    <p class="lead">${frenchDateTime(event.startsAt, timeZone)} · ${priceLine(event)}!${event.status === 'cancelled' ? html` · <strong>Annulé</strong>` : ''}</p>
    <p>${seatsLine(event)} · <a href="/evenements/${event.id}">page publique</a></p>
    !${group('Inscrits', seated, (r) => html`<p><strong>${plural(r.seats, 'place')}</strong> · !${contact(r)}</p>!${live ? cancelForm(r, 'Annuler cette inscription') : ''}`, 'Personne pour le moment.')}
    !${
      offered.length > 0
        ? group(
            'Place proposée',
            offered,
            (r) =>
              html`<p><strong>${plural(r.seats, 'place')}</strong> jusqu’au ${frenchDateTime(r.offerExpiresAt ?? event.startsAt, timeZone)} · !${contact(r)}</p>`,
            '',
          )
        : ''
    }
    !${group('Liste d’attente, dans l’ordre', waiting, (r) => html`<p>${(r.waitlistPosition ?? 0) + 1}. <strong>${plural(r.seats, 'place')}</strong> · !${contact(r)}</p>!${live ? cancelForm(r, 'Retirer de la liste') : ''}`, 'Personne n’attend.')}
    !${
      live
        ? html`<details class="confirm">
          <summary>Annuler l’événement…</summary>
          <form method="post" action="${base}/${event.id}/annuler" class="inline-form">
            !${csrf}
            <button type="submit" class="button danger">Confirmer l’annulation : chaque inscrit est prévenu par e-mail</button>
          </form>
        </details>`
        : ''
    }`
}
