import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { html } from 'ghtml'
import { requireCoordinator } from '../../../http/auth.js'
import type { AppDeps } from '../../../http/deps.js'
import { httpStatusOf } from '../../../http/problem-details.js'
import { toZoned } from '../../../lib/zoned-time.js'
import {
  cancelEvent,
  cancelRegistrationByShop,
  listEventRegistrations,
  listTownEvents,
  scheduleTownEvent,
  TOWN,
  TOWN_ORGANISER,
} from '../../../modules/events/index.js'
import { bodyOf, isFormError } from '../../forms.js'
import { t } from '../../i18n/index.js'
import type { FormErrors } from '../../views/components.js'
import { backofficePage } from '../../views/layout.js'
import { sendHtml } from '../../views/send-html.js'
import { noticeOf, withNotice } from '../admin-shell.js'
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

type EventParams = { Params: { eventId: string } }

const BASE = '/admin/ville/evenements'
const ZONE = TOWN_ORGANISER.timeZone
const TOWN_FORM = {
  placeRequired: true,
  placeLabel: 'Lieu',
  placeHint:
    'Une adresse que tout le monde trouve : « Place du marché », « Salle des fêtes, 2 rue de la Mairie ». Il n’y a pas de boutique dont donner l’adresse.',
  clockLegend: 'Quand (heure de la ville)',
}

/** The town's section of the back-office: its events (the local mailbox is linked from /admin). */
function townPage(req: FastifyRequest, title: string, content: string): string {
  const nav = html`<nav class="admin-nav" aria-label="Sections de la ville">
    <p class="admin-shop"><strong>La ville</strong> <a href="/admin" class="switch">Back-office</a></p>
    <ul>
      <li><a href="${BASE}" aria-current="page">Événements en ville</a></li>
      <li><a href="/admin/boite-mail">Boîte aux lettres locale</a></li>
    </ul>
  </nav>`
  return backofficePage({ title: `${title} — La ville — Comptoir` }, req.viewer, nav, content)
}

/**
 * /admin/ville/evenements (issue #5 item 3): the town's events, run by the coordinator exactly as a shop runs its
 * own (the same form, lists and registrations), signed « Les commerces de la ville », at their place, on the
 * town's clock. To anyone but the coordinator these pages do not exist (404), like another shop's.
 */
export function registerTownEventsPage(admin: FastifyInstance, deps: AppDeps): void {
  const coordinatorOnly = async (req: FastifyRequest) => {
    requireCoordinator(req, { orNotFound: true })
  }

  async function show(
    req: FastifyRequest,
    reply: FastifyReply,
    values: EventFormValues,
    errors: FormErrors = {},
    alert?: string,
  ) {
    const list = await listTownEvents(deps.db, new Date(deps.clock.now().getTime() - 30 * 86_400_000), {
      withCancelled: true,
    })
    const content = html`!${noticeOf(req)}
      <h1>Événements en ville</h1>
      <p class="hint">Une soirée des commerçants, une braderie, un marché de Noël : des places, une limite par personne et une liste d’attente, comme pour les événements des commerces. Ils sont signés « ${TOWN_ORGANISER.name} » et annoncés sur la page d’accueil du site.</p>
      <section aria-labelledby="evenements">
        <h2 id="evenements">Les événements de la ville</h2>
        !${eventListView(list, BASE, ZONE, 'Aucun événement en ville pour le moment : programmez le premier ci-dessous.')}
      </section>
      <section aria-labelledby="programmer">
        <h2 id="programmer">Programmer un événement en ville</h2>
        !${eventFormView(reply, BASE, values, errors, alert, TOWN_FORM)}
      </section>`
    return sendHtml(reply, townPage(req, 'Événements en ville', content))
  }

  admin.get(BASE, { onRequest: coordinatorOnly }, async (req, reply) =>
    show(req, reply, blankEventValues(toZoned(deps.clock.now(), ZONE).date)),
  )

  admin.post(BASE, { onRequest: coordinatorOnly, preHandler: admin.csrfProtection }, async (req, reply) => {
    const values = eventValuesOf(bodyOf(req.body))
    try {
      const event = await scheduleTownEvent(deps.modules.events, eventInputOf(values, ZONE))
      return reply.redirect(withNotice(`${BASE}/${event.id}`, 'evenement-programme'), 303)
    } catch (error) {
      if (!isFormError(error)) throw error
      return show(
        req,
        reply.code(httpStatusOf(error)),
        values,
        eventErrors(error, values),
        t(error.code, 'Vérifiez les champs signalés.'),
      )
    }
  })

  admin.get<EventParams>(`${BASE}/:eventId`, { onRequest: coordinatorOnly }, async (req, reply) => {
    // A shop's event is not found here, like an unknown one: the town's pages reach the town's events only.
    const { event, registrations } = await listEventRegistrations(deps.db, TOWN, req.params.eventId)
    const content = html`!${noticeOf(req)}!${eventRegistrationsView(reply, BASE, event, registrations, deps.clock.now(), ZONE)}`
    return sendHtml(reply, townPage(req, event.title, content))
  })

  admin.post<EventParams>(
    `${BASE}/:eventId/annuler`,
    { onRequest: coordinatorOnly, preHandler: admin.csrfProtection },
    async (req, reply) => {
      await cancelEvent(deps.modules.events, TOWN, req.params.eventId)
      return reply.redirect(withNotice(`${BASE}/${req.params.eventId}`, 'evenement-annule'), 303)
    },
  )

  admin.post<{ Params: { registrationId: string } }>(
    `${BASE}/inscriptions/:registrationId/annuler`,
    { onRequest: coordinatorOnly, preHandler: admin.csrfProtection },
    async (req, reply) => {
      const registration = await cancelRegistrationByShop(
        deps.modules.events,
        TOWN,
        req.params.registrationId,
      )
      return reply.redirect(withNotice(`${BASE}/${registration.eventId}`, 'inscription-annulee'), 303)
    },
  )
}
