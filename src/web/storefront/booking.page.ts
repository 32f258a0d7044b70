import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { html } from 'ghtml'
import type { AppDeps } from '../../http/deps.js'
import { residentRateLimit } from '../../http/rate-limits.js'
import { httpStatusOf } from '../../http/problem-details.js'
import { AppError } from '../../lib/app-error.js'
import { frenchDuration, frenchLongDay, frenchTime } from '../../lib/french-format.js'
import { addDays, isValidLocalDate, toZoned, type LocalDate } from '../../lib/zoned-time.js'
import {
  bookAppointment,
  depositDue,
  depositFor,
  isRequest,
  listBookableServices,
  listFreeTimes,
  listResources,
  partyDuration,
  type BookableService,
  type BookingDeposit,
  type FreeTime,
  type Resource,
} from '../../modules/bookings/index.js'
import { findShopBySlug, shopNotFound, type Shop } from '../../modules/shops/index.js'
import { bodyOf, contactInputOf, fieldErrors, fieldProblemsOf, text } from '../forms.js'
import { t } from '../i18n/index.js'
import { csrfInput, field, formAlert, price, reminderBox, type FormErrors } from '../views/components.js'
import { consumerRightsBeforeBooking } from '../views/consumer-information.js'
import { storefrontPage } from '../views/layout.js'
import { sendHtml } from '../views/send-html.js'
import { shopPath } from '../views/storefront-shell.js'
import { bookButtonLabel, depositNotice, readTestCard, testCardFields, testCardPayment, type TestCardChoice } from './booking-deposit-views.js'
import { askedPartySize, noTableState, partySizeForm, partySizeProblem, people as peopleText, requestNotice, type AskedSize } from './booking-table-views.js'

/** Days a resident browses at a time. */
const DAYS_SHOWN = 7

type ServiceParams = { Params: { shopSlug: string; variantId: string }; Querystring: { jour?: string; avec?: string; personnes?: string } }

interface Values {
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

/**
 * /commerces/:shopSlug/rendez-vous (issue #5): the services a shop takes bookings for, then, for one service,
 * the free times day by day (for one person or anyone; for a table, for the party size asked first), the
 * cancellation policy shown before confirming (UX-16), and the form that books. Works without JavaScript: days,
 * people and party sizes are links and GET forms. A table booking lands on its own page (« Demande envoyée » or
 * « Réservation confirmée »), any other on the booking's page of the cancel link.
 */
export function registerBookingPages(app: FastifyInstance, deps: AppDeps): void {

  async function shopOf(slug: string): Promise<Shop> {
    const shop = await findShopBySlug(deps.db, slug)
    if (!shop) throw shopNotFound()
    return shop
  }

  async function serviceOf(shop: Shop, variantId: string): Promise<BookableService> {
    const service = (await listBookableServices(deps.db, shop.id)).find((s) => s.variantId === variantId)
    if (!service) throw new AppError('not_found', 'bookings.service_not_bookable', 'service not found')
    return service
  }

  app.get<{ Params: { shopSlug: string } }>('/commerces/:shopSlug/rendez-vous', async (req, reply) => {
    const shop = await shopOf(req.params.shopSlug)
    const services = await listBookableServices(deps.db, shop.id)
    const content = html`<article class="booking">
      <p><a href="${shopPath(shop.slug)}">${shop.name}</a></p>
      <h1>Prendre rendez-vous</h1>
      !${services.length === 0
        ? html`<p>Ce commerce ne prend pas de rendez-vous en ligne pour le moment.</p>`
        : html`<ul class="service-list" role="list">!${services
            .map(
              // A table's duration depends on the party and its price is not the table's: neither is shown here.
              (s) => html`<li><a href="${servicePath(shop, s)}"><strong>${s.productName}</strong>!${s.variantName ? html` (${s.variantName})` : ''}</a> · ${s.party ? 'Réservation d’une table' : `${frenchDuration(s.durationMinutes)} · ${price(s.priceCents)}`}</li>`,
            )
            .join('')}</ul>`}
    </article>`
    return sendHtml(reply, storefrontPage({ title: `Rendez-vous — ${shop.name} — Comptoir` }, req.viewer, content))
  })

  async function show(req: FastifyRequest<ServiceParams>, reply: FastifyReply, values: Values | undefined, errors: FormErrors = {}, alert?: string) {
    const shop = await shopOf(req.params.shopSlug)
    const service = await serviceOf(shop, req.params.variantId)
    const now = deps.clock.now()
    const today = toZoned(now, shop.timeZone).date
    const asked = req.query.jour
    const from = asked && isValidLocalDate(asked) && asked >= today ? asked : today
    // Nobody picks a table: the booking takes the smallest free one that seats the party, so no choice is offered.
    const people = service.party ? [] : (await listResources(deps.db, shop.id)).filter((r) => r.active && service.resourceIds.includes(r.id))
    const who = people.find((r) => r.id === req.query.avec)
    const party = service.party ? askedPartySize(service.party, req.query.personnes) : undefined
    // A size the select does not offer (typed into the address) is refused in words, with no times to book.
    if (party?.problem && reply.statusCode < 400) reply.code(400)
    const times = party?.problem ? [] : await listFreeTimes(deps.db, shop.id, service.variantId, { from, days: DAYS_SHOWN, resourceId: who?.id, partySize: party?.size }, now)
    const user = req.viewer.user
    const filled = values ?? { startsAt: '', name: user?.displayName ?? '', email: user?.email ?? '', phone: '', wantsReminder: true, testCard: '' }
    // The guarantee asked of this resident (UX-16, UX-18), known before they confirm: by their account, or by the
    // address they typed when the form comes back.
    const deposit = await depositFor(deps.db, shop.id, service, { userId: user?.id, email: filled.email || user?.email || '' }, now)
    const page = storefrontPage(
      { title: `${service.productName} — ${shop.name} — Comptoir`, noindex: true },
      req.viewer,
      servicePage(reply, { shop, service, people, who, party, times, from, today, now, deposit }, filled, errors, alert),
    )
    return sendHtml(reply.header('cache-control', 'private, no-store'), page)
  }

  app.get<ServiceParams>('/commerces/:shopSlug/rendez-vous/:variantId', async (req, reply) => show(req, reply, undefined))

  app.post<ServiceParams>('/commerces/:shopSlug/rendez-vous/:variantId', { preHandler: app.csrfProtection, config: residentRateLimit(deps) }, async (req, reply) => {
    const shop = await shopOf(req.params.shopSlug)
    const service = await serviceOf(shop, req.params.variantId)
    const body = bodyOf(req.body)
    const values: Values = { startsAt: text(body, 'startsAt', 80), name: text(body, 'name', 200), email: text(body, 'email', 300), phone: text(body, 'phone', 40), wantsReminder: text(body, 'rappel', 1) === '1', testCard: readTestCard(text(body, 'carteTest', 10)) }
    // The party size travels in the form's address, as the page that offered the times had it.
    const party = service.party ? askedPartySize(service.party, req.query.personnes) : undefined
    if (party?.problem) return show(req, reply.code(400), values)
    const [startsAt, resourceId] = values.startsAt.split('|')
    try {
      const { booking, cancelToken } = await bookAppointment(deps.modules.bookings, shop.id, {
        variantId: service.variantId,
        startsAt: startsAt ?? '',
        // Not even an edited form picks a table: the smallest free one that seats the party is taken.
        resourceId: service.party ? undefined : resourceId || undefined,
        partySize: party?.size,
        contact: { name: values.name, email: values.email, phone: values.phone },
        userId: req.viewer.user?.id,
        wantsReminder: values.wantsReminder,
        // Only a form that showed the guarantee and the card sends one: a guarantee is never taken unannounced.
        payment: testCardPayment(values.testCard),
      })
      // The booking's own page is its cancel link's: the resident sees it confirmed, and how to cancel.
      return reply.redirect(`${bookingPath(booking.id, cancelToken)}&nouvelle=1`, 303)
    } catch (error) {
      if (!(error instanceof AppError) || !['invalid', 'conflict'].includes(error.kind)) throw error
      const errors = fieldErrors(fieldProblemsOf(error), { inputOf: contactInputOf })
      if (error.code === 'bookings.time_taken' || error.code === 'bookings.time_not_offered') errors.startsAt = t(error.code)
      if (error.code === 'bookings.payment_declined') errors.carteTest = t(error.code)
      // The maximum may have changed since the page was shown: the refusal names the one in force.
      const message = error.code === 'bookings.invalid_party_size' ? partySizeProblem(Number(error.details.max)) : t(error.code)
      return show(req, reply.code(httpStatusOf(error)), values, errors, message)
    }
  })
}

const servicePath = (shop: Shop, service: BookableService) => `${shopPath(shop.slug)}/rendez-vous/${service.variantId}`
const bookingPath = (bookingId: string, token: string) => `/reservations/${bookingId}/annulation?jeton=${encodeURIComponent(token)}`

/** `base` with these parameters, the absent ones left out. */
function pathWith(base: string, params: Record<string, string | number | undefined>): string {
  const query = new URLSearchParams(Object.entries(params).flatMap(([k, v]): Array<[string, string]> => (v === undefined ? [] : [[k, String(v)]]))).toString()
  return query ? `${base}?${query}` : base
}

interface ServiceView {
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

function servicePage(reply: FastifyReply, view: ServiceView, values: Values, errors: FormErrors, alert: string | undefined): string {
  const { shop, service, people, who, party, times, from, today, now, deposit } = view
  const size = party?.size
  const onRequest = size !== undefined && isRequest(service.party, size)
  const base = servicePath(shop, service)
  const pageAt = (day: LocalDate) => pathWith(base, { jour: day, avec: who?.id, personnes: size })
  const days = Array.from({ length: DAYS_SHOWN }, (_, i) => addDays(from, i))
  const byDay = new Map<LocalDate, FreeTime[]>(days.map((d) => [d, []]))
  for (const time of times) byDay.get(toZoned(new Date(time.startsAt), shop.timeZone).date)?.push(time)
  const nameOf = new Map(people.map((p) => [p.id, p.name]))
  const deadline = service.cancelHoursBefore < 48 ? `${service.cancelHoursBefore} h` : `${Math.round(service.cancelHoursBefore / 24)} jours`
  const onSite = !deposit || deposit === 'phone_only' || deposit.kind === 'card_hold' ? ' Paiement sur place.' : deposit.kind === 'deposit' ? ' Le reste sur place.' : ''
  const policy = service.party
    ? `Annulation gratuite en un clic jusqu’à ${deadline} avant l’heure réservée ; ensuite, appelez le restaurant.`
    : `Annulation gratuite en un clic jusqu’à ${deadline} avant le rendez-vous ; ensuite, appelez le commerce.${onSite}`
  // A time closer than the deadline is booked with no way to cancel online: said on the time and under it (UX-15, UX-16).
  const pastDeadline = (time: FreeTime) => Date.parse(time.startsAt) - service.cancelHoursBefore * 3_600_000 <= now.getTime()
  const lateTimes = times.some(pastDeadline)
    ? ` Les horaires marqués « sans annulation en ligne » sont à moins de ${deadline} : une fois réservés, ils ne s’annulent plus que par téléphone${deposit && deposit !== 'phone_only' && deposit.kind !== 'card_hold' ? ', et ce qui est payé en ligne n’est pas remboursé' : ''}.`
    : ''
  const guarantee = deposit && deposit !== 'phone_only' ? deposit : undefined
  // Asked by the shop after missed bookings, not by the service (UX-18).
  const forced = guarantee !== undefined && depositDue(service.deposit, service.priceCents) === undefined
  const dayBlock = (day: LocalDate, list: FreeTime[]) => {
    const label = frenchLongDay(new Date(`${day}T12:00:00Z`), shop.timeZone)
    if (list.length === 0) return html`<fieldset class="booking-day"><legend>${label}</legend><p class="hint">Complet ou fermé.</p></fieldset>`
    // A day all too close says it once, on the day; otherwise each time too close says it.
    const allLate = list.every(pastDeadline)
    const late = html` <span class="hint late">sans annulation en ligne</span>`
    return html`<fieldset class="booking-day"><legend>${label}!${allLate ? late : ''}</legend><div class="time-grid">!${list
      .map((time) => {
        // "Anyone" books the first person free then; the value carries them so the page says who it will be.
        // A table is never named: which one the party gets is the restaurant's business.
        const person = who?.id ?? time.resourceIds[0]!
        const value = `${time.startsAt}|${who ? who.id : ''}`
        const id = `t-${time.startsAt.replace(/[^0-9]/g, '')}`
        return html`<label class="time-choice" for="${id}"><input type="radio" id="${id}" name="startsAt" value="${value}"!${values.startsAt === value ? ' checked' : ''} required /> ${frenchTime(new Date(time.startsAt), shop.timeZone)}!${who || service.party ? '' : html` <span class="hint">(${nameOf.get(person) ?? ''})</span>`}!${!allLate && pastDeadline(time) ? late : ''}</label>`
      })
      .join('')}</div></fieldset>`
  }
  const lead = service.party
    ? html`<p class="lead">Réservation d’une table</p>`
    : html`<p class="lead">${frenchDuration(service.durationMinutes)} · <strong>${price(service.priceCents)}</strong> TTC</p>`
  const choice = service.party
    ? partySizeForm({ action: base, from, party: service.party, size, shop, problem: party?.problem }) + (size !== undefined ? requestNotice(service.party, size) : '')
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
  else if (deposit === 'phone_only') booking = html`<p class="notice" role="status">${t('bookings.too_many_no_shows')}!${shop.phone ? html` Téléphone : <a href="tel:${shop.phone.replace(/\s/g, '')}">${shop.phone}</a>.` : ''}</p>`
  else if (service.party && size !== undefined && times.length === 0) booking = noTableState(size, pageAt(addDays(from, DAYS_SHOWN)), shop)
  else {
    booking = html`<form method="post" action="${pathWith(base, { avec: who?.id, personnes: size })}" class="stack">
      !${csrfInput(reply.generateCsrf())}
      !${service.party && size !== undefined ? html`<h2>Tables libres pour ${peopleText(size)}</h2><p class="hint">La table vous est réservée ${frenchDuration(partyDuration(service.party, size, service.durationMinutes))}.</p>` : ''}
      !${errors.startsAt ? html`<p class="error" role="alert">${errors.startsAt}</p>` : ''}
      !${days.map((d) => dayBlock(d, byDay.get(d) ?? [])).join('')}
      <fieldset>
        <legend>Vos coordonnées</legend>
        !${field({ name: 'name', label: 'Nom', value: values.name, errors, required: true, attrs: { autocomplete: 'name', maxlength: 100 } })}
        !${field({ name: 'email', label: 'E-mail', type: 'email', value: values.email, errors, required: true, hint: onRequest ? 'La réponse du restaurant et le lien pour retirer votre demande y sont envoyés.' : 'La confirmation, le fichier d’agenda et le lien d’annulation y sont envoyés.', attrs: { autocomplete: 'email' } })}
        !${field({ name: 'phone', label: 'Téléphone (facultatif)', type: 'tel', value: values.phone, errors, attrs: { autocomplete: 'tel' } })}
        !${reminderBox(values.wantsReminder, 'Un e-mail la veille du rendez-vous, jamais entre 21 h et 8 h. Aucun pour un rendez-vous dans moins de 26 heures : la confirmation suffit.')}
      </fieldset>
      !${guarantee ? testCardFields(values.testCard, errors.carteTest) : ''}
      !${guarantee ? depositNotice(guarantee, `${deadline} avant ${service.party ? 'l’heure réservée' : 'le rendez-vous'}`, forced, onRequest) : ''}
      <p class="hint">${policy}${lateTimes}</p>
      !${consumerRightsBeforeBooking(shop, {
        productName: service.productName,
        // A table is a meal at a fixed date (L221-28 12°), whatever the catalog says of the service.
        withdrawalException: service.party ? 'dated_service' : service.withdrawalException,
        paidOnline: guarantee !== undefined && guarantee.kind !== 'card_hold',
      })}
      <button type="submit" class="button primary">${bookButtonLabel(guarantee, onRequest)}</button>
    </form>`
  }
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
