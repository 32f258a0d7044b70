import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { isWellFormedId, type ShopId } from '../lib/ids.js'
import {
  acceptOffer,
  cancelEvent,
  cancelRegistrationByLink,
  cancelRegistrationByShop,
  getEvent,
  listEventRegistrations,
  listComingEvents,
  listShopEvents,
  registerForEvent,
  registrationOfLink,
  scheduleEvent,
} from '../modules/events/index.js'
import { getShop, shopNotFound } from '../modules/shops/index.js'
import { requireStaffOf } from '../http/auth.js'
import type { AppDeps } from '../http/deps.js'
import { residentRateLimit } from '../http/rate-limits.js'
import {
  EventBody,
  EventList,
  EventParams,
  EventSchema,
  eventJson,
  LinkBody,
  LinkQuery,
  RegisterBody,
  RegisteredSchema,
  RegistrationList,
  RegistrationParams,
  RegistrationSchema,
  registrationJson,
  ShopEventParams,
  ShopRegistrationParams,
} from './events.schemas.js'
import { staffRead, staffWrite, withProblems } from './route-options.js'
import { ShopIdParams } from './shops.schemas.js'
import { jsonBodyOnly } from './strict-input.js'

/** Events with seats and a waitlist (issue #5): the shop schedules; anyone registers; the link's secret manages. */
export function registerEventRoutes(parent: FastifyInstance, deps: AppDeps): void {
  const api = parent.withTypeProvider<TypeBoxTypeProvider>()
  const tags = ['Events']
  const staffTags = ['Events (shops)']

  api.post(
    '/shops/:shopId/admin/events',
    staffWrite({
      tags: staffTags,
      summary: 'Schedule an event with seats',
      params: ShopIdParams,
      body: EventBody,
      response: { 201: EventSchema },
    }),
    async (req, reply) => {
      const { shopId } = requireStaffOf(req, req.params.shopId)
      const event = await scheduleEvent(deps.modules.events, shopId, {
        ...req.body,
        description: req.body.description ?? '',
        place: req.body.place ?? '',
      })
      return reply.code(201).send(eventJson(event))
    },
  )

  api.post(
    '/shops/:shopId/admin/events/:eventId/cancel',
    staffWrite({
      tags: staffTags,
      summary: 'Call the event off: every registration is cancelled and told',
      params: ShopEventParams,
      response: { 200: EventSchema },
    }),
    async (req) =>
      eventJson(
        await cancelEvent(
          deps.modules.events,
          requireStaffOf(req, req.params.shopId).shopId,
          req.params.eventId,
        ),
      ),
  )

  api.get(
    '/shops/:shopId/admin/events/:eventId/registrations',
    staffRead({
      tags: staffTags,
      summary: 'Who has seats, who is offered some, and the waitlist in order',
      params: ShopEventParams,
      response: { 200: RegistrationList },
    }),
    async (req) => {
      const { event, registrations } = await listEventRegistrations(
        deps.db,
        requireStaffOf(req, req.params.shopId).shopId,
        req.params.eventId,
      )
      return { event: eventJson(event), items: registrations.map(registrationJson) }
    },
  )

  api.post(
    '/shops/:shopId/admin/event-registrations/:registrationId/cancel',
    staffWrite({
      tags: staffTags,
      summary: 'Cancel a registration (the seats go to the next in line)',
      params: ShopRegistrationParams,
      response: { 200: RegistrationSchema },
    }),
    async (req) =>
      registrationJson(
        await cancelRegistrationByShop(
          deps.modules.events,
          requireStaffOf(req, req.params.shopId).shopId,
          req.params.registrationId,
        ),
      ),
  )

  api.get(
    '/shops/:shopId/events',
    {
      schema: withProblems({
        tags,
        summary: 'A shop’s coming events, soonest first',
        params: ShopIdParams,
        response: { 200: EventList },
      }),
    },
    async (req) => {
      if (!isWellFormedId(req.params.shopId)) throw shopNotFound()
      const shop = await getShop(deps.db, req.params.shopId as ShopId)
      return { items: (await listShopEvents(deps.db, shop.id, deps.clock.now())).map(eventJson) }
    },
  )

  api.get(
    '/events',
    {
      schema: withProblems({
        tags,
        summary:
          'What’s on: every coming event residents can still join, the shops’ and the town’s (shopId null), soonest first',
        response: { 200: EventList },
      }),
    },
    async () => ({ items: (await listComingEvents(deps.db, deps.clock.now())).map(eventJson) }),
  )

  api.get(
    '/events/:eventId',
    {
      schema: withProblems({
        tags,
        summary: 'An event, with its seats left and its waitlist’s length',
        params: EventParams,
        response: { 200: EventSchema },
      }),
    },
    async (req) => eventJson(await getEvent(deps.db, req.params.eventId)),
  )

  api.post(
    '/events/:eventId/registrations',
    {
      onRequest: [jsonBodyOnly],
      config: residentRateLimit(deps),
      schema: withProblems({
        tags,
        summary: 'Take seats, or a place on the waitlist when full (signed in or not)',
        params: EventParams,
        body: RegisterBody,
        response: { 201: RegisteredSchema },
      }),
    },
    async (req, reply) => {
      const { registration, linkToken } = await registerForEvent(deps.modules.events, req.params.eventId, {
        seats: req.body.seats,
        contact: {
          name: req.body.contact.name,
          email: req.body.contact.email,
          phone: req.body.contact.phone ?? '',
        },
        userId: req.viewer.user?.id,
        wantsReminder: req.body.wantsReminder,
      })
      return reply.code(201).send({ registration: registrationJson(registration), linkToken })
    },
  )

  api.get(
    '/event-registrations/:registrationId',
    {
      // The secret rides in the query: the answer (with the resident's details) is never cached, and guessing is slow.
      config: residentRateLimit(deps),
      onSend: async (_req, reply) => {
        reply.header('cache-control', 'private, no-store').header('referrer-policy', 'no-referrer')
      },
      schema: withProblems({
        tags,
        summary: 'A registration, by its link’s secret (no account needed)',
        params: RegistrationParams,
        querystring: LinkQuery,
        response: { 200: RegistrationSchema },
      }),
    },
    async (req) =>
      registrationJson(await registrationOfLink(deps.db, req.params.registrationId, req.query.token)),
  )

  api.post(
    '/event-registrations/:registrationId/accept',
    {
      onRequest: [jsonBodyOnly],
      config: residentRateLimit(deps),
      schema: withProblems({
        tags,
        summary: 'Take the seats offered, before the offer ends',
        params: RegistrationParams,
        body: LinkBody,
        response: { 200: RegistrationSchema },
      }),
    },
    async (req) =>
      registrationJson(await acceptOffer(deps.modules.events, req.params.registrationId, req.body.token)),
  )

  api.post(
    '/event-registrations/:registrationId/cancel',
    {
      onRequest: [jsonBodyOnly],
      config: residentRateLimit(deps),
      schema: withProblems({
        tags,
        summary: 'Give up seats (until the deadline), an offer or a place in line',
        params: RegistrationParams,
        body: LinkBody,
        response: { 200: RegistrationSchema },
      }),
    },
    async (req) =>
      registrationJson(
        await cancelRegistrationByLink(deps.modules.events, req.params.registrationId, req.body.token),
      ),
  )
}
