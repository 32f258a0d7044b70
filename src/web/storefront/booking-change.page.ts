import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { html } from 'ghtml'
import type { AppDeps } from '../../http/deps.js'
import { residentRateLimit } from '../../http/rate-limits.js'
import { httpStatusOf } from '../../http/problem-details.js'
import { AppError } from '../../lib/app-error.js'
import { frenchDateTime, frenchLongDay, frenchTime } from '../../lib/french-format.js'
import { addDays, isValidLocalDate, toZoned, type LocalDate } from '../../lib/zoned-time.js'
import {
  bookingOfLink,
  getBookableService,
  isRequest,
  isTableBooking,
  listFreeTimesByLink,
  listResources,
  moveBookingByLink,
  type Booking,
  type FreeTime,
  type Resource,
} from '../../modules/bookings/index.js'
import { getShop, type Shop } from '../../modules/shops/index.js'
import { bodyOf, text, tokenOf } from '../forms.js'
import { t } from '../i18n/index.js'
import { csrfInput, formAlert } from '../views/components.js'
import { storefrontPage } from '../views/layout.js'
import { sendHtml } from '../views/send-html.js'
import { bookingPath } from './booking-cancel.page.js'
import { tableFor } from './booking-table-views.js'

/** Days shown at a time, as on the booking page; "Jours suivants" turns the week. */
const DAYS_SHOWN = 7

type Params = { Params: { bookingId: string }; Querystring: { jeton?: string; jour?: string; avec?: string } }

/** What the resident is looking at: the week from `jour`, for one person (`avec`) or anyone. */
interface Wanted {
  jour: string | undefined
  avec: string | undefined
}

const when = frenchDateTime
const changePath = (bookingId: string, token: string, day: LocalDate, who: string | undefined) =>
  `/reservations/${bookingId}/changer?jeton=${encodeURIComponent(token)}&jour=${day}${who ? `&avec=${encodeURIComponent(who)}` : ''}`

/**
 * /reservations/:bookingId/changer?jeton=… (issue #5, UX-15): from the link in the booking's messages, the resident
 * moves it to another free time of the same service, until the online cancellation deadline, without an account.
 * The free times are the booking page's (notice, horizon), as if this booking were not there. Works without
 * JavaScript: weeks and people are links and a GET form. A wrong, missing or replaced secret is answered like an
 * unknown booking; the secret is never logged (request logging is off and error pages name the path only).
 */
export function registerBookingChangePage(app: FastifyInstance, deps: AppDeps): void {
  app.get<Params>(
    '/reservations/:bookingId/changer',
    { config: residentRateLimit(deps) },
    async (req, reply) =>
      show(req, reply, tokenOf(req.query.jeton), { jour: req.query.jour, avec: req.query.avec }),
  )

  app.post<Params>(
    '/reservations/:bookingId/changer',
    { preHandler: app.csrfProtection, config: residentRateLimit(deps) },
    async (req, reply) => {
      const body = bodyOf(req.body)
      const token = tokenOf(body.jeton)
      const wanted = { jour: text(body, 'jour', 10) || undefined, avec: text(body, 'avec', 40) || undefined }
      const [startsAt, resourceId] = text(body, 'startsAt', 80).split('|')
      if (!startsAt)
        return show(req, reply.code(400), token, wanted, 'Choisissez un nouvel horaire dans la liste.')
      try {
        const { cancelToken } = await moveBookingByLink(deps.modules.bookings, req.params.bookingId, token, {
          startsAt,
          resourceId: resourceId || undefined,
        })
        // The move replaced the secret: the old link (this form's) no longer opens anything. The resident is sent to
        // the booking's page with the new one rather than told to wait for the email: whoever posted this held the
        // old secret, so the new one gives them no power they did not have, and it reaches only their browser (a
        // 303 to a page sent with no-store and no-referrer), as after booking. The email carries it as well.
        return reply.redirect(`${bookingPath(req.params.bookingId, cancelToken)}&deplacee=1`, 303)
      } catch (error) {
        if (!(error instanceof AppError)) throw error
        if (
          [
            'bookings.time_taken',
            'bookings.time_not_offered',
            'bookings.resource_not_found',
            'bookings.booked_elsewhere',
          ].includes(error.code)
        ) {
          return show(req, reply.code(httpStatusOf(error)), token, wanted, t(error.code))
        }
        // Too late, cancelled or moved meanwhile, no longer booked online, or a replaced secret: the page says which.
        if (
          [
            'bookings.too_late_to_change',
            'bookings.booking_not_movable',
            'bookings.service_not_bookable',
            'bookings.booking_not_found',
            'bookings.group_moves_by_phone',
          ].includes(error.code)
        ) {
          return show(req, reply.code(httpStatusOf(error)), token, wanted)
        }
        throw error
      }
    },
  )

  async function show(
    req: FastifyRequest<Params>,
    reply: FastifyReply,
    token: string,
    wanted: Wanted,
    alert?: string,
  ) {
    const now = deps.clock.now()
    const booking = await bookingOfLink(deps.db, req.params.bookingId, token).catch((error: unknown) => {
      if (error instanceof AppError && error.code === 'bookings.booking_not_found') return undefined
      throw error
    })
    reply.header('cache-control', 'private, no-store').header('referrer-policy', 'no-referrer')
    if (!booking)
      return sendHtml(
        reply.code(404),
        storefrontPage(
          { title: 'Réservation introuvable — Comptoir', noindex: true },
          req.viewer,
          staleLink(),
        ),
      )
    const shop = await getShop(deps.db, booking.shopId)
    const page = (content: string) =>
      sendHtml(
        reply,
        storefrontPage(
          { title: `Changer l’horaire — ${shop.name} — Comptoir`, noindex: true },
          req.viewer,
          content,
        ),
      )
    const back = bookingPath(booking.id, token)
    const table = await isTableBooking(deps.db, booking)
    const refusal = (why: string) => refusalContent({ booking, shop, table }, back, why)
    if (booking.status !== 'confirmed') return page(refusal(notConfirmed(booking)))
    if (now.toISOString() > booking.cancellableUntil) {
      return page(
        refusal(
          html`Il est trop tard pour changer l’horaire en ligne (c’était possible jusqu’au ${when(booking.cancellableUntil, shop.timeZone)}) : !${callShop(shop)}.`,
        ),
      )
    }
    const service = await getBookableService(deps.db, booking.variantId).catch((error: unknown) => {
      if (error instanceof AppError && error.code === 'bookings.service_not_bookable') return undefined
      throw error
    })
    if (!service || !service.onSale)
      return page(refusal(html`${shop.name} ne prend plus cette prestation en ligne : !${callShop(shop)}.`))
    // A group the restaurant agreed to (on request, or larger than it takes online) changes its time by phone.
    if (
      service.party &&
      (isRequest(service.party, booking.partySize) || booking.partySize > service.party.maxParty)
    ) {
      return page(
        refusal(
          html`Le restaurant a accepté votre groupe de ${booking.partySize} personnes : pour changer l’horaire, !${callShop(shop)}.`,
        ),
      )
    }
    const today = toZoned(now, shop.timeZone).date
    const lastDay = addDays(today, service.horizonDays - 1)
    const from =
      wanted.jour && isValidLocalDate(wanted.jour) && wanted.jour >= today && wanted.jour <= lastDay
        ? wanted.jour
        : today
    // A table is not chosen (the smallest free one that seats the party is given), so a restaurant offers no "avec".
    const people = table
      ? []
      : (await listResources(deps.db, shop.id)).filter((r) => r.active && service.resourceIds.includes(r.id))
    const who = people.find((r) => r.id === wanted.avec)
    const { times } = await listFreeTimesByLink(
      deps.db,
      booking.id,
      token,
      { from, days: DAYS_SHOWN, resourceId: who?.id },
      now,
    )
    return page(
      changeContent(reply, { booking, shop, token, table, people, who, times, from, today, lastDay }, alert),
    )
  }
}

const callShop = (shop: Shop) =>
  shop.phone
    ? html`appelez le <a href="tel:${shop.phone.replace(/\s/g, '')}">${shop.phone}</a>`
    : 'contactez le commerce'

const current = (booking: Booking, shop: Shop, table: boolean) =>
  html`<p>Votre réservation : <strong>${when(booking.startsAt, shop.timeZone)}</strong>, ${booking.serviceName}, ${table ? tableFor(booking.partySize).toLowerCase() : `avec ${booking.resourceName}`}.</p>`

/** Why a booking that is not confirmed has no time to change. */
function notConfirmed(booking: Booking): string {
  if (booking.status === 'cancelled')
    return 'Cette réservation est annulée : son horaire ne peut plus changer.'
  if (booking.status === 'requested')
    return 'Cette demande attend la réponse du commerce : son horaire ne peut pas changer en ligne.'
  return 'Ce rendez-vous est passé : son horaire ne peut plus changer.'
}

/** The booking cannot move online: why, and the way back to its page. `why` is already escaped. */
function refusalContent(
  { booking, shop, table }: { booking: Booking; shop: Shop; table: boolean },
  back: string,
  why: string,
): string {
  return html`<article class="booking">
    <h1>Changer l’horaire</h1>
    !${current(booking, shop, table)}
    <p class="notice" role="status">!${why}</p>
    <p><a href="${back}">Retour à votre réservation</a></p>
  </article>`
}

/** A secret that opens nothing: perhaps one a move replaced. Says nothing of whether the booking exists. */
function staleLink(): string {
  return html`<section class="narrow error-page">
    <h1>Réservation introuvable</h1>
    <p>Ce lien ne mène à aucune réservation. Si vous avez changé l’horaire, utilisez le lien du dernier e-mail reçu : ceux des messages précédents ne servent plus.</p>
    <p><a href="/">Retour à l’accueil</a></p>
  </section>`
}

interface ChangeView {
  booking: Booking
  shop: Shop
  token: string
  /** Booked by party on a table: named by its party size, with no choice of table. */
  table: boolean
  people: Resource[]
  who: Resource | undefined
  times: FreeTime[]
  from: LocalDate
  today: LocalDate
  lastDay: LocalDate
}

function changeContent(reply: FastifyReply, view: ChangeView, alert: string | undefined): string {
  const { booking, shop, token, table, people, who, times, from, today, lastDay } = view
  const days = Array.from({ length: DAYS_SHOWN }, (_, i) => addDays(from, i)).filter((d) => d <= lastDay)
  const byDay = new Map<LocalDate, FreeTime[]>(days.map((d) => [d, []]))
  for (const time of times) byDay.get(toZoned(new Date(time.startsAt), shop.timeZone).date)?.push(time)
  const nameOf = new Map(people.map((p) => [p.id, p.name]))
  const dayLabel = (day: LocalDate) => frenchLongDay(new Date(`${day}T12:00:00Z`), shop.timeZone)
  const next = addDays(from, DAYS_SHOWN)
  const previous = addDays(from, -DAYS_SHOWN) < today ? today : addDays(from, -DAYS_SHOWN)
  const dayBlock = (day: LocalDate, list: FreeTime[]) => {
    if (list.length === 0)
      return html`<fieldset class="booking-day"><legend>${dayLabel(day)}</legend><p class="hint">Complet ou fermé.</p></fieldset>`
    return html`<fieldset class="booking-day"><legend>${dayLabel(day)}</legend><div class="time-grid">!${list
      .map((time) => {
        const id = `t-${time.startsAt.replace(/[^0-9]/g, '')}`
        const label = frenchTime(new Date(time.startsAt), shop.timeZone)
        // Its own time is free "as if it were not there": shown, so the resident finds their bearings, not offered.
        if (time.startsAt === booking.startsAt && (!who || who.id === booking.resourceId)) {
          return html`<label class="time-choice" for="${id}"><input type="radio" id="${id}" disabled /> ${label} <span class="hint">(votre horaire actuel)</span></label>`
        }
        // "Anyone" gives the resident's own person first when free, then the service's order: the page names who.
        const person = who?.id ?? time.resourceIds[0]!
        return html`<label class="time-choice" for="${id}"><input type="radio" id="${id}" name="startsAt" value="${time.startsAt}|${who ? who.id : ''}" required /> ${label}!${who || !nameOf.has(person) ? '' : html` <span class="hint">(${nameOf.get(person)})</span>`}</label>`
      })
      .join('')}</div></fieldset>`
  }
  const period = days.length > 0 ? html`du ${dayLabel(days[0]!)} au ${dayLabel(days.at(-1)!)}` : ''
  const empty =
    times.length === 0
      ? html`<p class="notice" role="status">Aucun horaire libre !${period}.!${next <= lastDay ? ' Essayez les jours suivants, ou' : ''} !${next <= lastDay ? callShop(shop) : html`Pour un autre moment, !${callShop(shop)}`}.</p>`
      : ''
  return html`<article class="booking">
    <p><a href="${bookingPath(booking.id, token)}">Votre réservation chez ${shop.name}</a></p>
    <h1>Changer l’horaire</h1>
    !${current(booking, shop, table)}
    <p class="hint">Possible jusqu’au ${when(booking.cancellableUntil, shop.timeZone)}. Un e-mail vous confirmera le nouvel horaire avec de nouveaux liens : ceux de vos messages précédents ne serviront plus.</p>
    !${
      people.length > 1
        ? html`<form method="get" action="/reservations/${booking.id}/changer" class="inline-form">
          <input type="hidden" name="jeton" value="${token}" />
          <input type="hidden" name="jour" value="${from}" />
          <label for="avec">Avec</label>
          <select id="avec" name="avec"><option value="">N’importe qui</option>!${people.map((p) => html`<option value="${p.id}"!${who?.id === p.id ? ' selected' : ''}>${p.name}</option>`).join('')}</select>
          <button type="submit" class="button">Voir ses horaires</button>
        </form>`
        : ''
    }
    <nav class="day-nav" aria-label="Semaines">
      !${from > today ? html`<a href="${changePath(booking.id, token, previous, who?.id)}">← Jours précédents</a>` : ''}
      !${next <= lastDay ? html`<a href="${changePath(booking.id, token, next, who?.id)}">Jours suivants →</a>` : ''}
    </nav>
    !${formAlert(alert)}
    !${empty}
    <form method="post" action="/reservations/${booking.id}/changer" class="stack">
      !${csrfInput(reply.generateCsrf())}
      <input type="hidden" name="jeton" value="${token}" />
      <input type="hidden" name="jour" value="${from}" />
      <input type="hidden" name="avec" value="${who?.id ?? ''}" />
      !${days.map((d) => dayBlock(d, byDay.get(d) ?? [])).join('')}
      !${empty ? '' : html`<button type="submit" class="button primary">Choisir cet horaire</button>`}
    </form>
    <p><a href="${bookingPath(booking.id, token)}">Garder mon horaire</a></p>
  </article>`
}
