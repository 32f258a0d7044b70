import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { html } from 'ghtml'
import type { AppDeps } from '../../http/deps.js'
import { residentRateLimit } from '../../http/rate-limits.js'
import { httpStatusOf } from '../../http/problem-details.js'
import { AppError } from '../../lib/app-error.js'
import { frenchDateTime, plural } from '../../lib/french-format.js'
import {
  acceptOffer,
  cancellableUntil,
  cancelRegistrationByLink,
  eventWhere,
  getEvent,
  listShopEvents,
  organiserOf,
  registerForEvent,
  registrationOfLink,
  seatsLeft,
  type BookingEvent,
  type EventOrganiser,
  type EventRegistration,
} from '../../modules/events/index.js'
import { findShopBySlug, getShop, shopNotFound } from '../../modules/shops/index.js'
import { bodyOf, contactInputOf, fieldErrors, fieldProblemsOf, text, tokenOf } from '../forms.js'
import { t } from '../i18n/index.js'
import {
  csrfInput,
  field,
  formAlert,
  price,
  reminderBox,
  selectField,
  type FormErrors,
} from '../views/components.js'
import { consumerRightsBeforeBooking } from '../views/consumer-information.js'
import { storefrontPage } from '../views/layout.js'
import { sendHtml } from '../views/send-html.js'
import { shopPath } from '../views/storefront-shell.js'

type EventParams = { Params: { eventId: string } }
type LinkParams = { Params: { registrationId: string }; Querystring: { jeton?: string; nouvelle?: string } }

interface Values {
  seats: string
  name: string
  email: string
  phone: string
  wantsReminder: boolean
}

const when = frenchDateTime
const eventPath = (event: BookingEvent) => `/evenements/${event.id}`
const registrationPath = (id: string, token: string) =>
  `/inscriptions/${id}?jeton=${encodeURIComponent(token)}`
const priceText = (e: BookingEvent) =>
  e.priceCents === 0 ? 'Gratuit' : html`${price(e.priceCents)} TTC la place, à régler sur place`
const hoursText = (hours: number) => (hours < 48 ? `${hours} h` : `${Math.round(hours / 24)} jours`)

/**
 * Events with seats (issue #5): a shop's coming events (/commerces/:slug/evenements), an event's page with the
 * form that takes seats or a place on the waitlist (/evenements/:id), and the registration's own page, opened by
 * the link in every message (/inscriptions/:id?jeton=…): see it, take seats offered, cancel. No account needed.
 */
export function registerEventPages(app: FastifyInstance, deps: AppDeps): void {
  app.get<{ Params: { shopSlug: string } }>('/commerces/:shopSlug/evenements', async (req, reply) => {
    const shop = await findShopBySlug(deps.db, req.params.shopSlug)
    if (!shop) throw shopNotFound()
    const events = await listShopEvents(deps.db, shop.id, deps.clock.now())
    const content = html`<article class="booking">
      <p><a href="${shopPath(shop.slug)}">${shop.name}</a></p>
      <h1>Événements</h1>
      !${
        events.length === 0
          ? html`<p>Pas d’événement prévu pour le moment chez ${shop.name}.</p>`
          : html`<ul class="service-list" role="list">!${events.map((e) => html`<li><a href="${eventPath(e)}"><strong>${e.title}</strong></a> · ${when(e.startsAt, shop.timeZone)} · !${priceText(e)} · ${availability(e)}</li>`).join('')}</ul>`
      }
    </article>`
    return sendHtml(
      reply,
      storefrontPage({ title: `Événements — ${shop.name} — Comptoir` }, req.viewer, content),
    )
  })

  async function showEvent(
    req: FastifyRequest<EventParams>,
    reply: FastifyReply,
    values: Values | undefined,
    errors: FormErrors = {},
    alert?: string,
  ) {
    const event = await getEvent(deps.db, req.params.eventId)
    // A shop's event or a town event (organised by « Les commerces de la ville », at its place, in the town's zone).
    const organiser = await organiserOf(deps.db, event)
    const user = req.viewer.user
    const filled = values ?? {
      seats: '1',
      name: user?.displayName ?? '',
      email: user?.email ?? '',
      phone: '',
      wantsReminder: true,
    }
    // LAW F1/F3 for a shop's event: who the shop is, no withdrawal for a dated event, whom to complain to.
    const rights = event.shopId
      ? consumerRightsBeforeBooking(await getShop(deps.db, event.shopId), {
          productName: event.title,
          withdrawalException: 'dated_service',
          paidOnline: false,
        })
      : ''
    const content = eventContent(reply, { event, organiser, rights }, deps.clock.now(), filled, errors, alert)
    const page = storefrontPage(
      { title: `${event.title} — ${organiser.name} — Comptoir` },
      req.viewer,
      content,
    )
    return sendHtml(reply.header('cache-control', 'private, no-store'), page)
  }

  app.get<EventParams>('/evenements/:eventId', async (req, reply) => showEvent(req, reply, undefined))

  app.post<EventParams>(
    '/evenements/:eventId',
    { preHandler: app.csrfProtection, config: residentRateLimit(deps) },
    async (req, reply) => {
      const body = bodyOf(req.body)
      const values: Values = {
        seats: text(body, 'seats', 4),
        name: text(body, 'name', 200),
        email: text(body, 'email', 300),
        phone: text(body, 'phone', 40),
        wantsReminder: text(body, 'rappel', 1) === '1',
      }
      try {
        const { registration, linkToken } = await registerForEvent(deps.modules.events, req.params.eventId, {
          seats: Number(values.seats),
          contact: { name: values.name, email: values.email, phone: values.phone },
          userId: req.viewer.user?.id,
          wantsReminder: values.wantsReminder,
        })
        return reply.redirect(`${registrationPath(registration.id, linkToken)}&nouvelle=1`, 303)
      } catch (error) {
        if (!(error instanceof AppError) || !['invalid', 'conflict'].includes(error.kind)) throw error
        const errors = fieldErrors(fieldProblemsOf(error), { inputOf: contactInputOf })
        if (error.code === 'bookings.already_registered') errors.email = t(error.code)
        return showEvent(req, reply.code(httpStatusOf(error)), values, errors, t(error.code))
      }
    },
  )

  async function showRegistration(
    req: FastifyRequest,
    reply: FastifyReply,
    registration: EventRegistration,
    token: string,
    alert?: string,
    justMade = false,
  ) {
    const event = await getEvent(deps.db, registration.eventId)
    const organiser = await organiserOf(deps.db, event)
    const content = registrationContent(reply, {
      registration,
      event,
      organiser,
      token,
      now: deps.clock.now(),
      alert,
      justMade,
    })
    const page = storefrontPage(
      { title: `Votre inscription — ${event.title} — Comptoir`, noindex: true },
      req.viewer,
      content,
    )
    // The secret is in the address: no cache, and no referrer to the links the page holds.
    return sendHtml(
      reply.header('cache-control', 'private, no-store').header('referrer-policy', 'no-referrer'),
      page,
    )
  }

  app.get<LinkParams>(
    '/inscriptions/:registrationId',
    { config: residentRateLimit(deps) },
    async (req, reply) => {
      const token = tokenOf(req.query.jeton)
      return showRegistration(
        req,
        reply,
        await registrationOfLink(deps.db, req.params.registrationId, token),
        token,
        undefined,
        req.query.nouvelle === '1',
      )
    },
  )

  /** A form of the registration page: its action, then the page again (a refusal in words, never a 500). */
  const linkForm = (
    path: string,
    action: (registrationId: string, token: string) => Promise<EventRegistration>,
    refusals: string[],
  ) =>
    app.post<LinkParams>(
      `/inscriptions/:registrationId/${path}`,
      { preHandler: app.csrfProtection, config: residentRateLimit(deps) },
      async (req, reply) => {
        const token = tokenOf(bodyOf(req.body).jeton)
        try {
          return showRegistration(req, reply, await action(req.params.registrationId, token), token)
        } catch (error) {
          if (!(error instanceof AppError) || !refusals.includes(error.code)) throw error
          return showRegistration(
            req,
            reply.code(httpStatusOf(error)),
            await registrationOfLink(deps.db, req.params.registrationId, token),
            token,
            t(error.code),
          )
        }
      },
    )
  linkForm('prendre', (id, token) => acceptOffer(deps.modules.events, id, token), ['bookings.offer_expired'])
  linkForm('annuler', (id, token) => cancelRegistrationByLink(deps.modules.events, id, token), [
    'bookings.too_late_to_cancel',
  ])
}

function availability(event: BookingEvent): string {
  if (event.status === 'cancelled') return 'Annulé'
  const left = seatsLeft(event)
  return left > 0
    ? `${plural(left, 'place restante', 'places restantes')}`
    : event.waitingCount > 0
      ? `Complet — ${plural(event.waitingCount, 'personne', 'personnes')} en liste d’attente`
      : 'Complet — liste d’attente ouverte'
}

function facts(event: BookingEvent, organiser: EventOrganiser): string {
  return html`<dl class="booking-facts">
    <div><dt>Quand</dt><dd>${when(event.startsAt, organiser.timeZone)} – ${when(event.endsAt, organiser.timeZone).split(' à ').at(-1)}</dd></div>
    <div><dt>Où</dt><dd>${eventWhere(event, organiser)}</dd></div>
    <div><dt>Prix</dt><dd>!${priceText(event)}</dd></div>
  </dl>`
}

function eventContent(
  reply: FastifyReply,
  { event, organiser, rights }: { event: BookingEvent; organiser: EventOrganiser; rights: string },
  now: Date,
  values: Values,
  errors: FormErrors,
  alert: string | undefined,
): string {
  const open = event.status === 'scheduled' && event.startsAt > now.toISOString()
  const full = seatsLeft(event) === 0
  const policy = `Annulation gratuite en un clic jusqu’à ${hoursText(event.cancelHoursBefore)} avant le début ; votre place ira alors à la personne suivante sur la liste d’attente.`
  const form = html`<form method="post" action="${eventPath(event)}" class="stack">
    !${csrfInput(reply.generateCsrf())}
    !${full ? html`<p class="notice" role="status">C’est complet : inscrivez-vous sur la liste d’attente. Si une place se libère, elle vous est proposée par e-mail, dans l’ordre d’inscription, et vous avez ${event.offerHours} h pour la prendre.</p>` : ''}
    !${
      event.seatsPerPerson > 1
        ? selectField({
            name: 'seats',
            label: 'Nombre de places',
            value: values.seats,
            errors,
            options: Array.from({ length: event.seatsPerPerson }, (_, i) => ({
              value: String(i + 1),
              label: String(i + 1),
            })),
          })
        : html`<input type="hidden" name="seats" value="1" />`
    }
    <fieldset>
      <legend>Vos coordonnées</legend>
      !${field({ name: 'name', label: 'Nom', value: values.name, errors, required: true, attrs: { autocomplete: 'name', maxlength: 100 } })}
      !${field({ name: 'email', label: 'E-mail', type: 'email', value: values.email, errors, required: true, hint: 'La confirmation et le lien de votre inscription y sont envoyés.', attrs: { autocomplete: 'email' } })}
      !${field({ name: 'phone', label: 'Téléphone (facultatif)', type: 'tel', value: values.phone, errors, attrs: { autocomplete: 'tel' } })}
      !${reminderBox(values.wantsReminder, 'Un e-mail la veille, une fois votre place confirmée, jamais entre 21 h et 8 h. Aucun pour une inscription moins de 26 heures avant le début.')}
    </fieldset>
    <p class="hint">${policy}</p>
    !${rights}
    <button type="submit" class="button primary">${full ? 'M’inscrire sur la liste d’attente' : 'Réserver'}</button>
  </form>`
  return html`<article class="booking">
    <p>!${organiser.shopSlug ? html`<a href="${shopPath(organiser.shopSlug)}/evenements">${organiser.name} — événements</a>` : html`<a href="/">${organiser.name}</a> — événement en ville`}</p>
    <h1>${event.title}</h1>
    !${facts(event, organiser)}
    !${
      event.description
        ? html`<div class="prose">!${event.description
            .split(/\n{2,}/)
            .map((p) => html`<p>${p}</p>`)
            .join('')}</div>`
        : ''
    }
    <p class="lead">${availability(event)}!${event.seatsPerPerson > 1 ? ` · jusqu’à ${event.seatsPerPerson} places par personne` : ''}</p>
    !${formAlert(alert)}
    !${open ? form : html`<p class="notice" role="status">${event.status === 'cancelled' ? 'Cet événement est annulé.' : 'Les inscriptions sont closes.'}</p>`}
  </article>`
}

interface RegistrationView {
  registration: EventRegistration
  event: BookingEvent
  organiser: EventOrganiser
  token: string
  now: Date
  alert: string | undefined
  justMade: boolean
}

function registrationContent(reply: FastifyReply, view: RegistrationView): string {
  const { registration: r, event, organiser, token, now } = view
  const csrf = csrfInput(reply.generateCsrf())
  const form = (
    path: string,
    label: string,
    tone: string,
  ) => html`<form method="post" action="/inscriptions/${r.id}/${path}" class="inline-form">
    !${csrf}
    <input type="hidden" name="jeton" value="${token}" />
    <button type="submit" class="button ${tone}">${label}</button>
  </form>`
  const call = organiser.phone
    ? html`appelez le <a href="tel:${organiser.phone.replace(/\s/g, '')}">${organiser.phone}</a>`
    : organiser.shopSlug
      ? 'contactez le commerce'
      : 'contactez les organisateurs'
  const deadline = new Date(cancellableUntil(event)).toISOString()
  const seats = plural(r.seats, 'place')
  let state: string
  // An offer past its time reads as lapsed even before the job that passes it on has run.
  const status =
    r.status === 'offered' && r.offerExpiresAt && r.offerExpiresAt <= now.toISOString() ? 'expired' : r.status
  switch (status) {
    case 'seated':
      state = html`<p class="notice" role="status">Inscription confirmée : ${seats}.</p>
        !${
          now.toISOString() < deadline
            ? html`<p>Un empêchement ? Vous pouvez annuler jusqu’au ${when(deadline, organiser.timeZone)} ; la place ira à la personne suivante.</p>!${form('annuler', 'Annuler mon inscription', 'danger')}`
            : html`<p>Il est trop tard pour annuler en ligne : !${call}.</p>`
        }`
      break
    case 'waiting':
      state = html`<p class="notice" role="status">Vous êtes sur la liste d’attente (${seats}) : ${r.waitlistPosition === 0 ? 'vous êtes le prochain ou la prochaine' : `${plural(r.waitlistPosition ?? 0, 'personne')} avant vous`}.</p>
        <p>Si une place se libère, elle vous est proposée par e-mail et vous avez ${event.offerHours} h pour la prendre.</p>
        !${form('annuler', 'Quitter la liste d’attente', 'danger')}`
      break
    case 'offered':
      state = html`<p class="notice" role="status">Une place s’est libérée : ${seats} vous ${r.seats === 1 ? 'est gardée' : 'sont gardées'} jusqu’au ${when(r.offerExpiresAt ?? event.startsAt, organiser.timeZone)}.</p>
        !${form('prendre', 'Prendre la place', 'primary')}
        !${form('annuler', 'Laisser ma place à la personne suivante', 'danger')}`
      break
    case 'expired':
      state = html`<p class="notice" role="status">La place proposée n’a pas été prise à temps : elle est allée à la personne suivante.</p>`
      break
    case 'cancelled':
      state = html`<p class="notice" role="status">${event.status === 'cancelled' ? (organiser.shopSlug ? 'L’événement est annulé par le commerce.' : 'L’événement est annulé par ses organisateurs.') : 'Cette inscription est annulée.'}</p>`
  }
  return html`<article class="booking">
    <h1>${event.title}</h1>
    !${view.justMade ? html`<p>Un e-mail vous envoie ces informations et le lien de cette page.</p>` : ''}
    !${formAlert(view.alert)}
    !${state}
    !${facts(event, organiser)}
    <p><a href="${eventPath(event)}">Page de l’événement</a></p>
  </article>`
}
