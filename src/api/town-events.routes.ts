import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Type } from '@fastify/type-provider-typebox'
import {
  cancelEvent,
  cancelRegistrationByShop,
  listEventRegistrations,
  listTownEvents,
  scheduleTownEvent,
  TOWN,
} from '../modules/events/index.js'
import { requireCoordinator } from '../http/auth.js'
import type { AppDeps } from '../http/deps.js'
import {
  EventBody,
  EventList,
  EventParams,
  EventSchema,
  eventJson,
  RegistrationList,
  RegistrationParams,
  RegistrationSchema,
  registrationJson,
} from './events.schemas.js'
import { security, withProblems } from './route-options.js'
import { jsonBodyOnly } from './strict-input.js'

/** Authorises from the session before the body is read: 401 signed out, 403 for anyone but the coordinator. */
const coordinatorOnly = async (req: FastifyRequest): Promise<void> => {
  requireCoordinator(req)
}

const TownEventBody = Type.Object(
  {
    ...EventBody.properties,
    place: Type.String({
      maxLength: 400,
      description: 'Where it happens (required: a town event has no shop address)',
    }),
  },
  { additionalProperties: false },
)

/**
 * Town events (issue #5 item 3): events that belong to no shop, run by the town's coordinator as a shop runs its
 * own; residents register through the same public routes (/events/:eventId/registrations).
 */
export function registerTownEventRoutes(parent: FastifyInstance, deps: AppDeps): void {
  const api = parent.withTypeProvider<TypeBoxTypeProvider>()
  const tags = ['Events (town)']

  api.post(
    '/town/events',
    {
      onRequest: [coordinatorOnly, jsonBodyOnly],
      schema: withProblems({
        tags,
        summary: 'Schedule a town event (coordinator only)',
        security,
        body: TownEventBody,
        response: { 201: EventSchema },
      }),
    },
    async (req, reply) => {
      const event = await scheduleTownEvent(deps.modules.events, {
        ...req.body,
        description: req.body.description ?? '',
      })
      return reply.code(201).send(eventJson(event))
    },
  )

  api.get(
    '/town/events',
    {
      onRequest: [coordinatorOnly],
      schema: withProblems({
        tags,
        summary: 'The town’s events of the last 30 days and to come, cancelled ones included, soonest first',
        security,
        response: { 200: EventList },
      }),
    },
    async () => ({
      items: (
        await listTownEvents(deps.db, new Date(deps.clock.now().getTime() - 30 * 86_400_000), {
          withCancelled: true,
        })
      ).map(eventJson),
    }),
  )

  api.post(
    '/town/events/:eventId/cancel',
    {
      onRequest: [coordinatorOnly, jsonBodyOnly],
      schema: withProblems({
        tags,
        summary: 'Call a town event off: every registration is cancelled and told',
        security,
        params: EventParams,
        response: { 200: EventSchema },
      }),
    },
    // A shop's event is not found here: the town routes reach town events only.
    async (req) => eventJson(await cancelEvent(deps.modules.events, TOWN, req.params.eventId)),
  )

  api.get(
    '/town/events/:eventId/registrations',
    {
      onRequest: [coordinatorOnly],
      schema: withProblems({
        tags,
        summary: 'Who has seats, who is offered some, and the waitlist in order',
        security,
        params: EventParams,
        response: { 200: RegistrationList },
      }),
    },
    async (req) => {
      const { event, registrations } = await listEventRegistrations(deps.db, TOWN, req.params.eventId)
      return { event: eventJson(event), items: registrations.map(registrationJson) }
    },
  )

  api.post(
    '/town/event-registrations/:registrationId/cancel',
    {
      onRequest: [coordinatorOnly, jsonBodyOnly],
      schema: withProblems({
        tags,
        summary: 'Cancel a registration to a town event (the seats go to the next in line)',
        security,
        params: RegistrationParams,
        response: { 200: RegistrationSchema },
      }),
    },
    async (req) =>
      registrationJson(await cancelRegistrationByShop(deps.modules.events, TOWN, req.params.registrationId)),
  )
}
