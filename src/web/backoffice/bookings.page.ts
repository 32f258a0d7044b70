import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { html } from 'ghtml'
import { requireStaffOf } from '../../http/auth.js'
import type { AppDeps } from '../../http/deps.js'
import { addDays, fromZoned, isValidLocalDate, toZoned, type LocalDate } from '../../lib/zoned-time.js'
import { cancelBookingByShop, listResources, listShopBookings, type Booking } from '../../modules/bookings/index.js'
import { getShop, type Membership, type Shop } from '../../modules/shops/index.js'
import { csrfInput, price } from '../views/components.js'
import { frenchLongDay, frenchTime } from '../views/storefront-format.js'
import { sendPage } from './access.js'
import { noticeOf, shopPage, withNotice } from './admin-shell.js'
import { setupPath } from './booking-views.js'
import { calendarSwitch, mondayOf, weekContent, type CalendarMode, type WeekView } from './booking-week-view.js'

type Params = { Params: { shopId: string }; Querystring: { jour?: string; vue?: string } }

/**
 * /admin/:shopId/rendez-vous (issue #5): a day of the shop's bookings, by person or resource, usable on a
 * phone: time, service, client and how to reach them, and a cancel button (the client is told by email).
 * With ?vue=semaine, the week (Monday to Sunday) that holds the day, each booking linking to its day.
 */
export function registerBookingsPage(admin: FastifyInstance, deps: AppDeps): void {
  const bookings = { db: deps.db, clock: deps.clock }

  admin.get<Params>('/admin/:shopId/rendez-vous', async (req, reply) => {
    const membership = requireStaffOf(req, req.params.shopId)
    const shop = await getShop(deps.db, membership.shopId)
    const today = toZoned(deps.clock.now(), shop.timeZone).date
    const day = req.query.jour && isValidLocalDate(req.query.jour) ? req.query.jour : today
    const mode: CalendarMode = req.query.vue === 'semaine' ? 'week' : 'day'
    const first = mode === 'week' ? mondayOf(day) : day
    const period = { from: fromZoned(first, 0, shop.timeZone).toISOString(), to: fromZoned(addDays(first, mode === 'week' ? 7 : 1), 0, shop.timeZone).toISOString() }
    const [list, resources] = await Promise.all([listShopBookings(deps.db, shop.id, period), listResources(deps.db, shop.id)])
    const names = resources.map((r) => ({ id: r.id, name: r.name }))
    if (mode === 'week') return sendPage(reply, weekPage(req, membership, shop, { day, today, list, names, timeZone: shop.timeZone, isSetUp: resources.length > 0 }))
    return sendPage(reply, calendarPage(req, reply, membership, shop, { day, today, list, names }))
  })

  admin.post<{ Params: { shopId: string; bookingId: string } }>('/admin/:shopId/rendez-vous/:bookingId/annuler', { preHandler: admin.csrfProtection }, async (req, reply) => {
    const membership = requireStaffOf(req, req.params.shopId)
    // Another shop's booking is not found, like an unknown one (the module names this shop).
    const booking = await cancelBookingByShop(bookings, membership.shopId, req.params.bookingId)
    const shop = await getShop(deps.db, membership.shopId)
    return reply.redirect(`${withNotice(`/admin/${membership.shopId}/rendez-vous`, 'rendez-vous-annule')}&jour=${toZoned(new Date(booking.startsAt), shop.timeZone).date}`, 303)
  })
}

interface CalendarView {
  day: LocalDate
  today: LocalDate
  list: Booking[]
  names: Array<{ id: string; name: string }>
}

function calendarPage(req: FastifyRequest, reply: FastifyReply, membership: Membership, shop: Shop, view: CalendarView): string {
  const base = `/admin/${shop.id}/rendez-vous`
  const csrf = csrfInput(reply.generateCsrf())
  const label = frenchLongDay(new Date(`${view.day}T12:00:00Z`), shop.timeZone)
  const byResource = view.names.map((r) => ({ ...r, bookings: view.list.filter((b) => b.resourceId === r.id) })).filter((r) => r.bookings.length > 0)
  const row = (b: Booking) => html`<li class="booking-row" id="rdv-${b.id}">
    <p><strong>${frenchTime(new Date(b.startsAt), shop.timeZone)} – ${frenchTime(new Date(b.endsAt), shop.timeZone)}</strong> · ${b.serviceName} · ${price(b.priceCents)}</p>
    <p>${b.contact.name} · <a href="mailto:${b.contact.email}">${b.contact.email}</a>!${b.contact.phone ? html` · <a href="tel:${b.contact.phone.replace(/\s/g, '')}">${b.contact.phone}</a>` : ''}</p>
    <details class="confirm">
      <summary>Annuler…</summary>
      <form method="post" action="${base}/${b.id}/annuler" class="inline-form">
        !${csrf}
        <button type="submit" class="button small danger">Confirmer l’annulation</button>
      </form>
    </details>
  </li>`
  const content = html`!${noticeOf(req)}
    <h1>Rendez-vous</h1>
    !${calendarSwitch(base, 'day', view.day)}
    !${setupLinks(membership, shop)}
    <nav class="day-nav" aria-label="Jours">
      <a href="${base}?jour=${addDays(view.day, -1)}">← Veille</a>
      !${view.day !== view.today ? html`<a href="${base}">Aujourd’hui</a>` : ''}
      <a href="${base}?jour=${addDays(view.day, 1)}">Lendemain →</a>
    </nav>
    <h2>${label}!${view.day === view.today ? ' (aujourd’hui)' : ''} — ${view.list.length === 0 ? 'aucun rendez-vous' : view.list.length === 1 ? '1 rendez-vous' : `${view.list.length} rendez-vous`}</h2>
    !${byResource
      .map((r) => html`<section aria-labelledby="r-${r.id}"><h3 id="r-${r.id}">${r.name}</h3><ul class="booking-list" role="list">!${r.bookings.map(row).join('')}</ul></section>`)
      .join('')}
    <p class="hint">Annuler prévient le client par e-mail ; son créneau redevient libre aussitôt.</p>`
  return shopPage(req, membership, 'Rendez-vous', 'bookings', content)
}

/** The settings, and for the owner the agenda feed (its link shows clients' contacts, so the owner hands it out). */
function setupLinks(membership: Membership, shop: Shop): string {
  return html`<p><a href="${setupPath(shop.id)}">Réglages des rendez-vous</a>!${membership.role === 'owner' ? html` · <a href="/admin/${shop.id}/rendez-vous/agenda">S’abonner à l’agenda</a>` : ''}</p>`
}

function weekPage(req: FastifyRequest, membership: Membership, shop: Shop, view: WeekView): string {
  const base = `/admin/${shop.id}/rendez-vous`
  const content = html`!${noticeOf(req)}
    <h1>Rendez-vous</h1>
    !${calendarSwitch(base, 'week', view.day)}
    !${setupLinks(membership, shop)}
    !${weekContent(base, setupPath(shop.id), view)}`
  return shopPage(req, membership, 'Rendez-vous de la semaine', 'bookings', content)
}
