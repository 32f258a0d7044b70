import type { FastifyReply } from 'fastify'
import { html } from 'ghtml'
import { frenchDuration, frenchLongDay, frenchTime } from '../../lib/french-format.js'
import { addDays, toZoned, type LocalDate } from '../../lib/zoned-time.js'
import {
  depositDue,
  isRequest,
  partyDuration,
  type BookableService,
  type BookingDeposit,
  type FreeTime,
  type Resource,
} from '../../modules/bookings/index.js'
import type { Shop } from '../../modules/shops/index.js'
import { t } from '../i18n/index.js'
import { csrfInput, field, formAlert, price, reminderBox, type FormErrors } from '../views/components.js'
import { consumerRightsBeforeBooking } from '../views/consumer-information.js'
import { shopPath } from '../views/storefront-shell.js'
import {
  bookButtonLabel,
  depositNotice,
  testCardFields,
  type TestCardChoice,
} from './booking-deposit-views.js'
import {
  noTableState,
  partySizeForm,
  people as peopleText,
  requestNotice,
  type AskedSize,
} from './booking-table-views.js'

/**
 * The pages a resident books on (booking.page.ts routes them): a shop's bookable services, then one service's free
 * times day by day, its cancellation terms and the form that books.
 */

/** Days a resident browses at a time. */
export const DAYS_SHOWN = 7

/** The booking form as typed. */
export interface BookingValues {
  startsAt: string
  name: string
  email: string
  phone: string
  /**
   * The reminder box, ticked by default: a reminder of the resident's own appointment is a service message, not
   * marketing (LAW A1's unticked box is for prospection). A form sent without it means the resident unticked it.
   */
  wantsReminder: boolean
  /** The test card picked, when the form asked for a card (UX-16). */
  testCard: TestCardChoice
}

/** The services a shop takes bookings for, each linking to its free times. */
export function serviceList(shop: Shop, services: readonly BookableService[]): string {
  return html`<article class="booking">
    <p><a href="${shopPath(shop.slug)}">${shop.name}</a></p>
    <h1>Prendre rendez-vous</h1>
    !${
      services.length === 0
        ? html`<p>Ce commerce ne prend pas de rendez-vous en ligne pour le moment.</p>`
        : html`<ul class="service-list" role="list">!${services
            .map(
              // A table's duration depends on the party and its price is not the table's: neither is shown here.
              (s) =>
                html`<li><a href="${servicePath(shop, s)}"><strong>${s.productName}</strong>!${s.variantName ? html` (${s.variantName})` : ''}</a> · ${s.party ? 'Réservation d’une table' : `${frenchDuration(s.durationMinutes)} · ${price(s.priceCents)}`}</li>`,
            )
            .join('')}</ul>`
    }
  </article>`
}

const servicePath = (shop: Shop, service: BookableService) =>
  `${shopPath(shop.slug)}/rendez-vous/${service.variantId}`

/** `base` with these parameters, the absent ones left out. */
function pathWith(base: string, params: Record<string, string | number | undefined>): string {
  const query = new URLSearchParams(
    Object.entries(params).flatMap(([k, v]): Array<[string, string]> =>
      v === undefined ? [] : [[k, String(v)]],
    ),
  ).toString()
  return query ? `${base}?${query}` : base
}

export interface ServiceView {
  shop: Shop
  service: BookableService
  people: Resource[]
  who: Resource | undefined
  /** For a service booked by party: the size asked (or the default), or why it was refused. */
  party: AskedSize | undefined
  times: FreeTime[]
  from: LocalDate
  today: LocalDate
  now: Date
  /** The guarantee this resident leaves, 'phone_only' after too many no-shows on a free service. */
  deposit: BookingDeposit | 'phone_only' | undefined
}

export function servicePage(
  reply: FastifyReply,
  view: ServiceView,
  values: BookingValues,
  errors: FormErrors,
  alert: string | undefined,
): string {
  const { shop, service, people, who, party, times, from, today } = view
  const size = party?.size
  const base = servicePath(shop, service)
  const pageAt = (day: LocalDate) => pathWith(base, { jour: day, avec: who?.id, personnes: size })
  const lead = service.party
    ? html`<p class="lead">Réservation d’une table</p>`
    : html`<p class="lead">${frenchDuration(service.durationMinutes)} · <strong>${price(service.priceCents)}</strong> TTC</p>`
  const choice = service.party
    ? partySizeForm({ action: base, from, party: service.party, size, shop, problem: party?.problem }) +
      (size !== undefined ? requestNotice(service.party, size) : '')
    : people.length > 1
      ? html`<form method="get" action="${base}" class="inline-form">
          <input type="hidden" name="jour" value="${from}" />
          <label for="avec">Avec</label>
          <select id="avec" name="avec"><option value="">N’importe qui</option>!${people.map((p) => html`<option value="${p.id}"!${who?.id === p.id ? ' selected' : ''}>${p.name}</option>`).join('')}</select>
          <button type="submit" class="button">Voir ses horaires</button>
        </form>`
      : ''
  let booking: string
  if (party?.problem) booking = ''
  else if (view.deposit === 'phone_only')
    booking = html`<p class="notice" role="status">${t('bookings.too_many_no_shows')}!${shop.phone ? html` Téléphone : <a href="tel:${shop.phone.replace(/\s/g, '')}">${shop.phone}</a>.` : ''}</p>`
  else if (service.party && size !== undefined && times.length === 0)
    booking = noTableState(size, pageAt(addDays(from, DAYS_SHOWN)), shop)
  else booking = bookingForm(reply, view, values, errors)
  return html`<article class="booking">
    <p><a href="${shopPath(shop.slug)}/rendez-vous">${shop.name} — rendez-vous</a></p>
    <h1>${service.productName}!${service.variantName ? html` (${service.variantName})` : ''}</h1>
    !${lead}
    !${choice}
    <nav class="day-nav" aria-label="Semaines">
      !${from > today ? html`<a href="${pageAt(addDays(from, -DAYS_SHOWN) < today ? today : addDays(from, -DAYS_SHOWN))}">← Jours précédents</a>` : ''}
      <a href="${pageAt(addDays(from, DAYS_SHOWN))}">Jours suivants →</a>
    </nav>
    !${formAlert(alert)}
    !${booking}
  </article>`
}

/** The form that books: the free times day by day, the resident's contact, the guarantee and the terms. */
function bookingForm(
  reply: FastifyReply,
  view: ServiceView,
  values: BookingValues,
  errors: FormErrors,
): string {
  const { shop, service, who, party, times, from, now, deposit } = view
  const size = party?.size
  const onRequest = size !== undefined && isRequest(service.party, size)
  const terms = cancellationTerms(service, deposit, times, now)
  const guarantee = deposit && deposit !== 'phone_only' ? deposit : undefined
  // Asked by the shop after missed bookings, not by the service (UX-18).
  const forced = guarantee !== undefined && depositDue(service.deposit, service.priceCents) === undefined
  const days = Array.from({ length: DAYS_SHOWN }, (_, i) => addDays(from, i))
  const byDay = new Map<LocalDate, FreeTime[]>(days.map((d) => [d, []]))
  for (const time of times) byDay.get(toZoned(new Date(time.startsAt), shop.timeZone).date)?.push(time)
  return html`<form method="post" action="${pathWith(servicePath(shop, service), { avec: who?.id, personnes: size })}" class="stack">
      !${csrfInput(reply.generateCsrf())}
      !${service.party && size !== undefined ? html`<h2>Tables libres pour ${peopleText(size)}</h2><p class="hint">La table vous est réservée ${frenchDuration(partyDuration(service.party, size, service.durationMinutes))}.</p>` : ''}
      !${errors.startsAt ? html`<p class="error" role="alert">${errors.startsAt}</p>` : ''}
      !${days.map((d) => freeTimesOfDay(d, byDay.get(d) ?? [], view, values, terms.isLate)).join('')}
      <fieldset>
        <legend>Vos coordonnées</legend>
        !${field({ name: 'name', label: 'Nom', value: values.name, errors, required: true, attrs: { autocomplete: 'name', maxlength: 100 } })}
        !${field({ name: 'email', label: 'E-mail', type: 'email', value: values.email, errors, required: true, hint: onRequest ? 'La réponse du restaurant et le lien pour retirer votre demande y sont envoyés.' : 'La confirmation, le fichier d’agenda et le lien d’annulation y sont envoyés.', attrs: { autocomplete: 'email' } })}
        !${field({ name: 'phone', label: 'Téléphone (facultatif)', type: 'tel', value: values.phone, errors, attrs: { autocomplete: 'tel' } })}
        !${reminderBox(values.wantsReminder, 'Un e-mail la veille du rendez-vous, jamais entre 21 h et 8 h. Aucun pour un rendez-vous dans moins de 26 heures : la confirmation suffit.')}
      </fieldset>
      !${guarantee ? testCardFields(values.testCard, errors.carteTest) : ''}
      !${guarantee ? depositNotice(guarantee, `${terms.deadline} avant ${service.party ? 'l’heure réservée' : 'le rendez-vous'}`, forced, onRequest) : ''}
      <p class="hint">${terms.policy}</p>
      !${consumerRightsBeforeBooking(shop, {
        productName: service.productName,
        // A table is a meal at a fixed date (L221-28 12°), whatever the catalog says of the service.
        withdrawalException: service.party ? 'dated_service' : service.withdrawalException,
        paidOnline: guarantee !== undefined && guarantee.kind !== 'card_hold',
      })}
      <button type="submit" class="button primary">${bookButtonLabel(guarantee, onRequest)}</button>
    </form>`
}

/** One day's free times as chips to pick from; a time too close to cancel online says so. */
function freeTimesOfDay(
  day: LocalDate,
  list: FreeTime[],
  view: ServiceView,
  values: BookingValues,
  isLate: (time: FreeTime) => boolean,
): string {
  const { shop, service, who, people } = view
  const label = frenchLongDay(new Date(`${day}T12:00:00Z`), shop.timeZone)
  if (list.length === 0)
    return html`<fieldset class="booking-day"><legend>${label}</legend><p class="hint">Complet ou fermé.</p></fieldset>`
  // A day all too close says it once, on the day; otherwise each time too close says it.
  const allLate = list.every(isLate)
  const late = html` <span class="hint late">sans annulation en ligne</span>`
  return html`<fieldset class="booking-day"><legend>${label}!${allLate ? late : ''}</legend><div class="time-grid">!${list
    .map((time) => {
      // "Anyone" books the first person free then; the value carries them so the page says who it will be.
      // A table is never named: which one the party gets is the restaurant's business.
      const person = who?.id ?? time.resourceIds[0]!
      const value = `${time.startsAt}|${who ? who.id : ''}`
      const id = `t-${time.startsAt.replace(/[^0-9]/g, '')}`
      return html`<label class="time-choice" for="${id}"><input type="radio" id="${id}" name="startsAt" value="${value}"!${values.startsAt === value ? ' checked' : ''} required /> ${frenchTime(new Date(time.startsAt), shop.timeZone)}!${who || service.party ? '' : html` <span class="hint">(${people.find((p) => p.id === person)?.name ?? ''})</span>`}!${!allLate && isLate(time) ? late : ''}</label>`
    })
    .join('')}</div></fieldset>`
}

/**
 * The cancellation terms said before the resident confirms (UX-15, UX-16): until when cancelling online is free,
 * and which times are already too close for it.
 */
function cancellationTerms(
  service: BookableService,
  deposit: ServiceView['deposit'],
  times: readonly FreeTime[],
  now: Date,
) {
  const deadline =
    service.cancelHoursBefore < 48
      ? `${service.cancelHoursBefore} h`
      : `${Math.round(service.cancelHoursBefore / 24)} jours`
  const onSite =
    !deposit || deposit === 'phone_only' || deposit.kind === 'card_hold'
      ? ' Paiement sur place.'
      : deposit.kind === 'deposit'
        ? ' Le reste sur place.'
        : ''
  const policy = service.party
    ? `Annulation gratuite en un clic jusqu’à ${deadline} avant l’heure réservée ; ensuite, appelez le restaurant.`
    : `Annulation gratuite en un clic jusqu’à ${deadline} avant le rendez-vous ; ensuite, appelez le commerce.${onSite}`
  // A time closer than the deadline is booked with no way to cancel online: said on the time and under it.
  const isLate = (time: FreeTime) =>
    Date.parse(time.startsAt) - service.cancelHoursBefore * 3_600_000 <= now.getTime()
  const lateTimes = times.some(isLate)
    ? ` Les horaires marqués « sans annulation en ligne » sont à moins de ${deadline} : une fois réservés, ils ne s’annulent plus que par téléphone${deposit && deposit !== 'phone_only' && deposit.kind !== 'card_hold' ? ', et ce qui est payé en ligne n’est pas remboursé' : ''}.`
    : ''
  return { deadline, policy: `${policy}${lateTimes}`, isLate }
}
