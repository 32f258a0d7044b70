import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { html } from 'ghtml'
import { requireStaffOf } from '../../../http/auth.js'
import type { AppDeps } from '../../../http/deps.js'
import { httpStatusOf } from '../../../http/problem-details.js'
import { toZoned } from '../../../lib/zoned-time.js'
import {
  cancelEvent,
  cancelRegistrationByShop,
  listEventRegistrations,
  listShopEvents,
  scheduleEvent,
  type BookingEvent,
} from '../../../modules/events/index.js'
import { getShop, type Membership, type Shop } from '../../../modules/shops/index.js'
import { bodyOf, isFormError } from '../../forms.js'
import { t } from '../../i18n/index.js'
import type { FormErrors } from '../../views/components.js'
import { sendHtml } from '../../views/send-html.js'
import { noticeOf, shopPage, withNotice } from '../admin-shell.js'
import {
  blankEventValues,
  eventErrors,
  eventFormView,
  eventInputOf,
  eventListView,
  eventRegistrationsView,
  eventValuesOf,
  type EventFormValues,
} from './event-views.js'

type Params = { Params: { shopId: string } }
type EventParams = { Params: { shopId: string; eventId: string } }

const SHOP_FORM = {
  placeRequired: false,
  placeLabel: 'Lieu (facultatif)',
  placeHint:
    'Si ce n’est pas simplement la boutique : « dans l’arrière-salle », « place du marché ». L’adresse du commerce est toujours indiquée.',
  clockLegend: 'Quand (heure du commerce)',
}

/**
 * /admin/:shopId/evenements (issue #5): the shop's events with their seats and waitlists, scheduling one, and
 * for each event who has seats, who is offered some and who waits, in order; cancelling a registration (the
 * seats go to the next in line) or the whole event (everyone is told). The town's events have the same pages
 * under /admin/ville/evenements (town-events.page.ts).
 */
export function registerEventsPage(admin: FastifyInstance, deps: AppDeps): void {
  const path = '/admin/:shopId/evenements'

  async function show(
    req: FastifyRequest,
    reply: FastifyReply,
    membership: Membership,
    shop: Shop,
    values: EventFormValues,
    errors: FormErrors = {},
    alert?: string,
  ) {
    const list = await listShopEvents(
      deps.db,
      shop.id,
      new Date(deps.clock.now().getTime() - 30 * 86_400_000),
      { withCancelled: true },
    )
    return sendHtml(reply, eventsPage(req, reply, membership, shop, list, values, errors, alert))
  }

  admin.get<Params>(path, async (req, reply) => {
    const membership = requireStaffOf(req, req.params.shopId)
    const shop = await getShop(deps.db, membership.shopId)
    return show(req, reply, membership, shop, blankEventValues(toZoned(deps.clock.now(), shop.timeZone).date))
  })

  admin.post<Params>(path, { preHandler: admin.csrfProtection }, async (req, reply) => {
    const membership = requireStaffOf(req, req.params.shopId)
    const shop = await getShop(deps.db, membership.shopId)
    const values = eventValuesOf(bodyOf(req.body))
    try {
      const event = await scheduleEvent(
        deps.modules.events,
        membership.shopId,
        eventInputOf(values, shop.timeZone),
      )
      return reply.redirect(
        withNotice(`/admin/${membership.shopId}/evenements/${event.id}`, 'evenement-programme'),
        303,
      )
    } catch (error) {
      if (!isFormError(error)) throw error
      return show(
        req,
        reply.code(httpStatusOf(error)),
        membership,
        shop,
        values,
        eventErrors(error, values),
        t(error.code, 'Vérifiez les champs signalés.'),
      )
    }
  })

  admin.get<EventParams>(`${path}/:eventId`, async (req, reply) => {
    const membership = requireStaffOf(req, req.params.shopId)
    const shop = await getShop(deps.db, membership.shopId)
    // Another shop's event, or a town event, is not found, like an unknown one (the module names this shop).
    const { event, registrations } = await listEventRegistrations(
      deps.db,
      membership.shopId,
      req.params.eventId,
    )
    const content = html`!${noticeOf(req)}!${eventRegistrationsView(reply, `/admin/${shop.id}/evenements`, event, registrations, deps.clock.now(), shop.timeZone)}`
    return sendHtml(reply, shopPage(req, membership, event.title, 'events', content))
  })

  admin.post<EventParams>(
    `${path}/:eventId/annuler`,
    { preHandler: admin.csrfProtection },
    async (req, reply) => {
      const membership = requireStaffOf(req, req.params.shopId)
      await cancelEvent(deps.modules.events, membership.shopId, req.params.eventId)
      return reply.redirect(
        withNotice(`/admin/${membership.shopId}/evenements/${req.params.eventId}`, 'evenement-annule'),
        303,
      )
    },
  )

  admin.post<{ Params: { shopId: string; registrationId: string } }>(
    `${path}/inscriptions/:registrationId/annuler`,
    { preHandler: admin.csrfProtection },
    async (req, reply) => {
      const membership = requireStaffOf(req, req.params.shopId)
      const registration = await cancelRegistrationByShop(
        deps.modules.events,
        membership.shopId,
        req.params.registrationId,
      )
      return reply.redirect(
        withNotice(`/admin/${membership.shopId}/evenements/${registration.eventId}`, 'inscription-annulee'),
        303,
      )
    },
  )
}

function eventsPage(
  req: FastifyRequest,
  reply: FastifyReply,
  membership: Membership,
  shop: Shop,
  list: readonly BookingEvent[],
  values: EventFormValues,
  errors: FormErrors,
  alert: string | undefined,
): string {
  const base = `/admin/${shop.id}/evenements`
  const content = html`!${noticeOf(req)}
    <h1>Événements</h1>
    <p class="hint">Une dégustation, un atelier, une soirée : un nombre de places, une limite par personne, et une liste d’attente qui propose chaque place libérée à la personne suivante, pour un temps limité.</p>
    <section aria-labelledby="evenements">
      <h2 id="evenements">Vos événements</h2>
      !${eventListView(list, base, shop.timeZone, 'Aucun événement pour le moment : programmez le premier ci-dessous.')}
    </section>
    <section aria-labelledby="programmer">
      <h2 id="programmer">Programmer un événement</h2>
      !${eventFormView(reply, base, values, errors, alert, SHOP_FORM)}
    </section>`
  return shopPage(req, membership, 'Événements', 'events', content)
}
