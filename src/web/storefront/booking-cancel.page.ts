import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { html } from 'ghtml'
import type { AppDeps } from '../../http/deps.js'
import { residentRateLimit } from '../../http/rate-limits.js'
import { httpStatusOf } from '../../http/problem-details.js'
import { AppError } from '../../lib/app-error.js'
import { pricePaidHow } from '../../lib/deposit-words.js'
import { frenchDateTime } from '../../lib/french-format.js'
import {
  bookingOfLink,
  cancelBookingByLink,
  isTableBooking,
  type Booking,
} from '../../modules/bookings/index.js'
import { addressLine, getShop, type Shop } from '../../modules/shops/index.js'
import { bodyOf, tokenOf } from '../forms.js'
import { t } from '../i18n/index.js'
import { csrfInput, formAlert } from '../views/components.js'
import { storefrontPage } from '../views/layout.js'
import { sendHtml } from '../views/send-html.js'
import { tableFor } from './booking-table-views.js'

type Params = {
  Params: { bookingId: string }
  Querystring: { jeton?: string; nouvelle?: string; deplacee?: string }
}

/** What brought the resident here, when it was not the link itself: booking, or moving it on the change page. */
type Arrival = 'booked' | 'moved' | undefined

const when = frenchDateTime

/** A booking's own page, opened by the cancel link its messages carry. */
export const bookingPath = (bookingId: string, token: string) =>
  `/reservations/${bookingId}/annulation?jeton=${encodeURIComponent(token)}`

/**
 * /reservations/:bookingId/annulation?jeton=… (UX-15): the cancel link of a booking's confirmation, without an
 * account. The page shows the booking and asks to confirm (a link followed by a mail scanner cancels nothing);
 * the form cancels until the shop's deadline, and until then a confirmed booking may also change its time (the
 * change page, with the same secret). A wrong or missing secret is answered like an unknown booking.
 */
export function registerBookingCancelPage(app: FastifyInstance, deps: AppDeps): void {
  async function show(
    req: FastifyRequest,
    reply: FastifyReply,
    booking: Booking,
    token: string,
    alert?: string,
    arrival?: Arrival,
  ) {
    const shop = await getShop(deps.db, booking.shopId)
    const table = await isTableBooking(deps.db, booking)
    const content = cancelContent(reply, { booking, table }, shop, token, deps.clock.now(), alert, arrival)
    const page = storefrontPage(
      { title: `Votre réservation — ${shop.name} — Comptoir`, noindex: true },
      req.viewer,
      content,
    )
    return sendHtml(
      reply.header('cache-control', 'private, no-store').header('referrer-policy', 'no-referrer'),
      page,
    )
  }

  app.get<Params>(
    '/reservations/:bookingId/annulation',
    { config: residentRateLimit(deps) },
    async (req, reply) => {
      const token = tokenOf(req.query.jeton)
      const arrival = req.query.nouvelle === '1' ? 'booked' : req.query.deplacee === '1' ? 'moved' : undefined
      return show(
        req,
        reply,
        await bookingOfLink(deps.db, req.params.bookingId, token),
        token,
        undefined,
        arrival,
      )
    },
  )

  app.post<Params>(
    '/reservations/:bookingId/annulation',
    { preHandler: app.csrfProtection, config: residentRateLimit(deps) },
    async (req, reply) => {
      const token = tokenOf(bodyOf(req.body).jeton)
      try {
        return show(
          req,
          reply,
          await cancelBookingByLink(deps.modules.bookings, req.params.bookingId, token),
          token,
        )
      } catch (error) {
        if (!(error instanceof AppError) || error.code !== 'bookings.too_late_to_cancel') throw error
        return show(
          req,
          reply.code(httpStatusOf(error)),
          await bookingOfLink(deps.db, req.params.bookingId, token),
          token,
          t(error.code),
        )
      }
    },
  )
}

function cancelContent(
  reply: FastifyReply,
  { booking, table }: { booking: Booking; table: boolean },
  shop: Shop,
  token: string,
  now: Date,
  alert: string | undefined,
  arrival: Arrival,
): string {
  const request = booking.status === 'requested'
  // A request may be withdrawn until its time; a booking, until the shop's deadline (as cancelBookingByLink).
  const deadline = request ? booking.startsAt : booking.cancellableUntil
  const facts = html`<dl class="booking-facts">
    <div><dt>Prestation</dt><dd>${booking.serviceName}, ${table ? tableFor(booking.partySize).toLowerCase() : `avec ${booking.resourceName}`}</dd></div>
    <div><dt>Quand</dt><dd>${when(booking.startsAt, shop.timeZone)}</dd></div>
    <div><dt>Où</dt><dd>${shop.name}, ${addressLine(shop.address)}</dd></div>
    !${booking.priceCents > 0 ? html`<div><dt>Prix</dt><dd>${pricePaidHow(booking.priceCents, booking.deposit)}</dd></div>` : ''}
    <div><dt>Au nom de</dt><dd>${booking.contact.name}</dd></div>
  </dl>`
  const call = shop.phone
    ? html`appelez le <a href="tel:${shop.phone.replace(/\s/g, '')}">${shop.phone}</a>`
    : 'contactez le commerce'
  let action: string
  if (booking.status === 'cancelled') {
    action = html`<p class="notice" role="status">Cette réservation est annulée${booking.cancelledBy === 'shop' ? ' par le commerce' : ''}. Le créneau est libéré.</p>`
  } else if (now.toISOString() > deadline) {
    action = html`<p>Il est trop tard pour annuler en ligne (c’était possible jusqu’au ${when(deadline, shop.timeZone)}) : !${call}.</p>`
  } else {
    action = html`<form method="post" action="/reservations/${booking.id}/annulation" class="stack">
      !${csrfInput(reply.generateCsrf())}
      <input type="hidden" name="jeton" value="${token}" />
      <p>Vous pouvez ${request ? 'retirer votre demande' : 'annuler'} jusqu’au ${when(deadline, shop.timeZone)}.</p>
      <div class="inline-form">
        !${booking.status === 'confirmed' ? html`<a class="button" href="/reservations/${booking.id}/changer?jeton=${encodeURIComponent(token)}">Changer l’horaire</a>` : ''}
        <button type="submit" class="button danger">${request ? 'Retirer ma demande' : 'Annuler ma réservation'}</button>
      </div>
    </form>`
  }
  return html`<article class="booking">
    <h1>Votre ${request ? 'demande de réservation' : 'réservation'} chez ${shop.name}</h1>
    !${arrival === 'booked' && booking.status === 'confirmed' ? html`<p class="notice" role="status">Réservation confirmée. Un e-mail vous l’envoie avec un fichier pour votre agenda ; cette page est aussi celle du lien d’annulation.</p>` : ''}
    !${request ? html`<p class="notice" role="status">${arrival === 'booked' ? 'Demande envoyée. ' : ''}Ce n’est pas encore une réservation : le restaurant confirme votre demande et vous recevez un e-mail dès qu’il a répondu. La table vous est gardée d’ici là.</p>` : ''}
    !${arrival === 'moved' && booking.status === 'confirmed' ? html`<p class="notice" role="status">Votre réservation est déplacée au ${when(booking.startsAt, shop.timeZone)}. Un e-mail vous le confirme avec de nouveaux liens : ceux de vos messages précédents ne servent plus.</p>` : ''}
    !${formAlert(alert)}
    !${facts}
    !${action}
  </article>`
}
