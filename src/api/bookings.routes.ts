import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { isWellFormedId, type ShopId } from '../lib/ids.js'
import {
  bookAppointment,
  cancelBookingByLink,
  listBookableServices,
  listFreeTimes,
  listFreeTimesByLink,
  moveBookingByLink,
} from '../modules/bookings/index.js'
import { getShop, shopNotFound } from '../modules/shops/index.js'
import type { AppDeps } from '../http/deps.js'
import { residentRateLimit } from '../http/rate-limits.js'
import {
  BookableServiceList,
  BookBody,
  BookedSchema,
  BookingSchema,
  bookingJson,
  CancelBody,
  CancelParams,
  FreeTimeList,
  FreeTimesQuery,
  ServiceParams,
  LinkFreeTimeList,
  LinkFreeTimesQuery,
  MoveByLinkBody,
} from './bookings.schemas.js'
import { withProblems } from './route-options.js'
import { ShopIdParams } from './shops.schemas.js'
import { jsonBodyOnly } from './strict-input.js'

/** Bookings for residents (issue #5, decision 006): a shop's bookable services and free times, booking, and the link's cancel and move. */
export function registerBookingRoutes(parent: FastifyInstance, deps: AppDeps): void {
  const api = parent.withTypeProvider<TypeBoxTypeProvider>()
  const tags = ['Bookings']
  /** A shop named in a public URL; a malformed id is answered like an unknown one. */
  const shopOf = (shopId: string) => {
    if (!isWellFormedId(shopId)) throw shopNotFound()
    return getShop(deps.db, shopId as ShopId)
  }

  api.get(
    '/shops/:shopId/bookable-services',
    {
      schema: withProblems({
        tags,
        summary: 'The services a shop takes bookings for',
        params: ShopIdParams,
        response: { 200: BookableServiceList },
      }),
    },
    async (req) => ({ items: await listBookableServices(deps.db, (await shopOf(req.params.shopId)).id) }),
  )

  api.get(
    '/shops/:shopId/bookable-services/:variantId/free-times',
    {
      schema: withProblems({
        tags,
        summary: 'When a service can be booked, with who is free at each time',
        params: ServiceParams,
        querystring: FreeTimesQuery,
        response: { 200: FreeTimeList },
      }),
    },
    async (req) => {
      const shop = await shopOf(req.params.shopId)
      return {
        items: await listFreeTimes(
          deps.db,
          shop.id,
          req.params.variantId,
          {
            from: req.query.from,
            days: req.query.days ?? 7,
            resourceId: req.query.resourceId,
            partySize: req.query.partySize,
          },
          deps.clock.now(),
        ),
      }
    },
  )

  api.post(
    '/shops/:shopId/bookings',
    {
      onRequest: [jsonBodyOnly],
      config: residentRateLimit(deps),
      schema: withProblems({
        tags,
        summary: 'Book a free time (signed in or not); the answer carries the cancel link’s secret',
        params: ShopIdParams,
        body: BookBody,
        response: { 201: BookedSchema },
      }),
    },
    async (req, reply) => {
      const shop = await shopOf(req.params.shopId)
      const { booking, cancelToken } = await bookAppointment(deps.modules.bookings, shop.id, {
        variantId: req.body.variantId,
        startsAt: req.body.startsAt,
        resourceId: req.body.resourceId,
        partySize: req.body.partySize,
        contact: {
          name: req.body.contact.name,
          email: req.body.contact.email,
          phone: req.body.contact.phone ?? '',
        },
        userId: req.viewer.user?.id,
        wantsReminder: req.body.wantsReminder,
        payment: req.body.payment && { method: req.body.payment.method, token: req.body.payment.token },
      })
      return reply.code(201).send({ booking: bookingJson(booking), cancelToken })
    },
  )

  api.post(
    '/bookings/:bookingId/cancel',
    {
      onRequest: [jsonBodyOnly],
      config: residentRateLimit(deps),
      schema: withProblems({
        tags,
        summary: 'Cancel with the link’s secret, until the shop’s deadline (no account needed)',
        params: CancelParams,
        body: CancelBody,
        response: { 200: BookingSchema },
      }),
    },
    async (req) =>
      bookingJson(await cancelBookingByLink(deps.modules.bookings, req.params.bookingId, req.body.token)),
  )

  api.get(
    '/bookings/:bookingId/free-times',
    {
      // The secret rides in the query here: the answer (with the client's details) is never cached, and guessing is slow.
      config: residentRateLimit(deps),
      onSend: async (_req, reply) => {
        reply.header('cache-control', 'private, no-store').header('referrer-policy', 'no-referrer')
      },
      schema: withProblems({
        tags,
        summary:
          'The times the link’s booking may move to (same service; as if it were not there), until its cancellation deadline',
        params: CancelParams,
        querystring: LinkFreeTimesQuery,
        response: { 200: LinkFreeTimeList },
      }),
    },
    async (req) => {
      const { token, from, days, resourceId } = req.query
      const { booking, times } = await listFreeTimesByLink(
        deps.db,
        req.params.bookingId,
        token,
        { from, days: days ?? 7, resourceId },
        deps.clock.now(),
      )
      return { booking: bookingJson(booking), items: times }
    },
  )

  api.post(
    '/bookings/:bookingId/move',
    {
      onRequest: [jsonBodyOnly],
      config: residentRateLimit(deps),
      schema: withProblems({
        tags,
        summary:
          'Move the link’s booking to another free time, until its cancellation deadline; the answer carries the new secret (the old one stops working)',
        params: CancelParams,
        body: MoveByLinkBody,
        response: { 200: BookedSchema },
      }),
    },
    async (req) => {
      const { booking, cancelToken } = await moveBookingByLink(
        deps.modules.bookings,
        req.params.bookingId,
        req.body.token,
        { startsAt: req.body.startsAt, resourceId: req.body.resourceId },
      )
      return { booking: bookingJson(booking), cancelToken }
    },
  )
}
