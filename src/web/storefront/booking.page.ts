import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { AppDeps } from '../../http/deps.js'
import { httpStatusOf } from '../../http/problem-details.js'
import { residentRateLimit } from '../../http/rate-limits.js'
import { AppError } from '../../lib/app-error.js'
import { isValidLocalDate, toZoned } from '../../lib/zoned-time.js'
import {
  bookAppointment,
  depositFor,
  listBookableServices,
  listFreeTimes,
  listResources,
  type BookableService,
} from '../../modules/bookings/index.js'
import { findShopBySlug, shopNotFound, type Shop } from '../../modules/shops/index.js'
import { bodyOf, contactInputOf, fieldErrors, fieldProblemsOf, text } from '../forms.js'
import { t } from '../i18n/index.js'
import type { FormErrors } from '../views/components.js'
import { storefrontPage } from '../views/layout.js'
import { sendHtml } from '../views/send-html.js'
import { bookingPath } from './booking-cancel.page.js'
import { readTestCard, testCardPayment } from './booking-deposit-views.js'
import { DAYS_SHOWN, serviceList, servicePage, type BookingValues } from './booking-service-view.js'
import { askedPartySize, partySizeProblem } from './booking-table-views.js'

type ServiceParams = {
  Params: { shopSlug: string; variantId: string }
  Querystring: { jour?: string; avec?: string; personnes?: string }
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
    const content = serviceList(shop, services)
    return sendHtml(
      reply,
      storefrontPage({ title: `Rendez-vous — ${shop.name} — Comptoir` }, req.viewer, content),
    )
  })

  async function show(
    req: FastifyRequest<ServiceParams>,
    reply: FastifyReply,
    values: BookingValues | undefined,
    errors: FormErrors = {},
    alert?: string,
  ) {
    const shop = await shopOf(req.params.shopSlug)
    const service = await serviceOf(shop, req.params.variantId)
    const now = deps.clock.now()
    const today = toZoned(now, shop.timeZone).date
    const asked = req.query.jour
    const from = asked && isValidLocalDate(asked) && asked >= today ? asked : today
    // Nobody picks a table: the booking takes the smallest free one that seats the party, so no choice is offered.
    const people = service.party
      ? []
      : (await listResources(deps.db, shop.id)).filter((r) => r.active && service.resourceIds.includes(r.id))
    const who = people.find((r) => r.id === req.query.avec)
    const party = service.party ? askedPartySize(service.party, req.query.personnes) : undefined
    // A size the select does not offer (typed into the address) is refused in words, with no times to book.
    if (party?.problem && reply.statusCode < 400) reply.code(400)
    const times = party?.problem
      ? []
      : await listFreeTimes(
          deps.db,
          shop.id,
          service.variantId,
          { from, days: DAYS_SHOWN, resourceId: who?.id, partySize: party?.size },
          now,
        )
    const user = req.viewer.user
    const filled = values ?? {
      startsAt: '',
      name: user?.displayName ?? '',
      email: user?.email ?? '',
      phone: '',
      wantsReminder: true,
      testCard: '',
    }
    // The guarantee asked of this resident (UX-16, UX-18), known before they confirm: by their account, or by the
    // address they typed when the form comes back.
    const deposit = await depositFor(
      deps.db,
      shop.id,
      service,
      { userId: user?.id, email: filled.email || user?.email || '' },
      now,
    )
    const page = storefrontPage(
      { title: `${service.productName} — ${shop.name} — Comptoir`, noindex: true },
      req.viewer,
      servicePage(
        reply,
        { shop, service, people, who, party, times, from, today, now, deposit },
        filled,
        errors,
        alert,
      ),
    )
    return sendHtml(reply.header('cache-control', 'private, no-store'), page)
  }

  app.get<ServiceParams>('/commerces/:shopSlug/rendez-vous/:variantId', async (req, reply) =>
    show(req, reply, undefined),
  )

  app.post<ServiceParams>(
    '/commerces/:shopSlug/rendez-vous/:variantId',
    { preHandler: app.csrfProtection, config: residentRateLimit(deps) },
    async (req, reply) => {
      const shop = await shopOf(req.params.shopSlug)
      const service = await serviceOf(shop, req.params.variantId)
      const body = bodyOf(req.body)
      const values: BookingValues = {
        startsAt: text(body, 'startsAt', 80),
        name: text(body, 'name', 200),
        email: text(body, 'email', 300),
        phone: text(body, 'phone', 40),
        wantsReminder: text(body, 'rappel', 1) === '1',
        testCard: readTestCard(text(body, 'carteTest', 10)),
      }
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
        if (error.code === 'bookings.time_taken' || error.code === 'bookings.time_not_offered')
          errors.startsAt = t(error.code)
        if (error.code === 'bookings.payment_declined') errors.carteTest = t(error.code)
        // The maximum may have changed since the page was shown: the refusal names the one in force.
        const message =
          error.code === 'bookings.invalid_party_size'
            ? partySizeProblem(Number(error.details.max))
            : t(error.code)
        return show(req, reply.code(httpStatusOf(error)), values, errors, message)
      }
    },
  )
}
