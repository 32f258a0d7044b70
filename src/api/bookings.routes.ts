import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { AppError } from '../lib/app-error.js'
import { isWellFormedId, type ShopId } from '../lib/ids.js'
import {
  addAbsence,
  bookAppointment,
  cancelBookingByLink,
  cancelBookingByShop,
  confirmRequest,
  createResource,
  declineRequest,
  getResource,
  listBookableServices,
  listFreeTimes,
  listFreeTimesByLink,
  listResources,
  listShopBookings,
  markAttendance,
  noShowLimitOf,
  setNoShowLimit,
  moveBooking,
  moveBookingByLink,
  MAX_FREE_TIME_DAYS,
  setBookableService,
  setResourceHours,
} from '../modules/bookings/index.js'
import { getShop, shopNotFound } from '../modules/shops/index.js'
import { requireStaffOf } from '../http/auth.js'
import type { AppDeps } from '../http/deps.js'
import { residentRateLimit } from '../http/rate-limits.js'
import {
  AbsenceBody,
  AbsenceSchema,
  BookableServiceList,
  BookableServiceSchema,
  BookBody,
  BookedSchema,
  BookingList,
  BookingParams,
  BookingSchema,
  BookingSettingsSchema,
  bookingJson,
  CalendarQuery,
  CancelBody,
  CancelParams,
  FreeTimeList,
  FreeTimesQuery,
  ResourceBody,
  ResourceHoursBody,
  ResourceList,
  ResourceParams,
  ResourceSchema,
  ServiceParams,
  ServiceSettingsBody,
  ShopBookBody,
  MoveBody,
  AttendanceBody,
  LinkFreeTimeList,
  LinkFreeTimesQuery,
  MoveByLinkBody,
} from './bookings.schemas.js'
import { problemResponses } from './schemas.js'
import { ShopIdParams } from './shops.schemas.js'
import { jsonBodyOnly, staffOnly } from './strict-input.js'

const security = [{ session: [] }]
/** Setting bookings up (resources, their hours, services) is the owner's, as in the back-office; absences are any staff's. */
const ownerOnly = staffOnly(['owner'])
/** The longest calendar period one request reads: as long as a free-times answer. */
const MAX_CALENDAR_DAYS = MAX_FREE_TIME_DAYS

/** Bookings (issue #5, decision 006): the shop sets up resources and services; anyone books a free time. */
export function registerBookingRoutes(parent: FastifyInstance, deps: AppDeps): void {
  const api = parent.withTypeProvider<TypeBoxTypeProvider>()
  const tags = ['Bookings']
  const staffTags = ['Bookings (shops)']
  /** A shop named in a public URL; a malformed id is answered like an unknown one. */
  const shopOf = (shopId: string) => {
    if (!isWellFormedId(shopId)) throw shopNotFound()
    return getShop(deps.db, shopId as ShopId)
  }

  api.post(
    '/shops/:shopId/admin/booking-resources',
    { onRequest: [ownerOnly, jsonBodyOnly], schema: { tags: staffTags, summary: 'Add a staff member or a resource that performs services', security, params: ShopIdParams, body: ResourceBody, response: { 201: ResourceSchema, ...problemResponses } } },
    async (req, reply) => reply.code(201).send(await createResource(deps.modules.bookings, requireStaffOf(req, req.params.shopId, ['owner']).shopId, req.body)),
  )

  api.get(
    '/shops/:shopId/admin/booking-resources',
    { onRequest: [staffOnly()], schema: { tags: staffTags, summary: 'The shop’s resources, with their own hours', security, params: ShopIdParams, response: { 200: ResourceList, ...problemResponses } } },
    async (req) => ({ items: await listResources(deps.db, requireStaffOf(req, req.params.shopId).shopId) }),
  )

  api.put(
    '/shops/:shopId/admin/booking-resources/:resourceId/hours',
    { onRequest: [ownerOnly, jsonBodyOnly], schema: { tags: staffTags, summary: 'Set a resource’s own weekly hours (empty: the shop’s)', security, params: ResourceParams, body: ResourceHoursBody, response: { 200: ResourceSchema, ...problemResponses } } },
    async (req) => {
      const { shopId } = requireStaffOf(req, req.params.shopId, ['owner'])
      await setResourceHours(deps.modules.bookings, shopId, req.params.resourceId, req.body.hours)
      return getResource(deps.db, shopId, req.params.resourceId)
    },
  )

  api.post(
    '/shops/:shopId/admin/booking-resources/:resourceId/absences',
    { onRequest: [staffOnly(), jsonBodyOnly], schema: { tags: staffTags, summary: 'A time the resource is away: no free time falls in it', security, params: ResourceParams, body: AbsenceBody, response: { 201: AbsenceSchema, ...problemResponses } } },
    async (req, reply) => {
      const { shopId } = requireStaffOf(req, req.params.shopId)
      return reply.code(201).send(await addAbsence(deps.modules.bookings, shopId, req.params.resourceId, { ...req.body, reason: req.body.reason ?? '' }))
    },
  )

  api.get(
    '/shops/:shopId/admin/booking-settings',
    { onRequest: [staffOnly()], schema: { tags: staffTags, summary: 'The shop’s booking rules that are not a service’s', security, params: ShopIdParams, response: { 200: BookingSettingsSchema, ...problemResponses } } },
    async (req) => ({ noShowLimit: await noShowLimitOf(deps.db, requireStaffOf(req, req.params.shopId).shopId) }),
  )

  api.put(
    '/shops/:shopId/admin/booking-settings',
    { onRequest: [ownerOnly, jsonBodyOnly], schema: { tags: staffTags, summary: 'Set after how many no-shows a resident books only with a guarantee (UX-18)', security, params: ShopIdParams, body: BookingSettingsSchema, response: { 200: BookingSettingsSchema, ...problemResponses } } },
    async (req) => ({ noShowLimit: await setNoShowLimit(deps.modules.bookings, requireStaffOf(req, req.params.shopId, ['owner']).shopId, req.body.noShowLimit) }),
  )

  api.put(
    '/shops/:shopId/admin/bookable-services/:variantId',
    { onRequest: [ownerOnly, jsonBodyOnly], schema: { tags: staffTags, summary: 'Make a catalog service bookable, or change its booking settings', security, params: ServiceParams, body: ServiceSettingsBody, response: { 200: BookableServiceSchema, ...problemResponses } } },
    async (req) => {
      const { party, deposit, ...settings } = req.body
      const shopId = requireStaffOf(req, req.params.shopId, ['owner']).shopId
      return setBookableService(deps.modules.bookings, shopId, req.params.variantId, { ...settings, party: party && { ...party, onRequestFrom: party.onRequestFrom }, deposit })
    },
  )

  api.get(
    '/shops/:shopId/admin/bookings',
    { onRequest: [staffOnly()], schema: { tags: staffTags, summary: 'The shop’s calendar: bookings starting in [from, to), requests and past ones included, cancelled ones not', security, params: ShopIdParams, querystring: CalendarQuery, response: { 200: BookingList, ...problemResponses } } },
    async (req) => {
      const { shopId } = requireStaffOf(req, req.params.shopId)
      const from = Date.parse(req.query.from)
      const to = Date.parse(req.query.to)
      if (!(to > from) || to - from > MAX_CALENDAR_DAYS * 86_400_000) throw new AppError('invalid', 'bookings.invalid_period', `a period of at most ${MAX_CALENDAR_DAYS} days`, { field: 'to' })
      return { items: (await listShopBookings(deps.db, shopId, { from: new Date(from).toISOString(), to: new Date(to).toISOString() })).map(bookingJson) }
    },
  )

  api.post(
    '/shops/:shopId/admin/bookings',
    { onRequest: [staffOnly(), jsonBodyOnly], schema: { tags: staffTags, summary: 'Add a booking taken by phone (no online notice; a phone number will do)', security, params: ShopIdParams, body: ShopBookBody, response: { 201: BookingSchema, ...problemResponses } } },
    async (req, reply) => {
      const { shopId } = requireStaffOf(req, req.params.shopId)
      const { contact } = req.body
      const { booking } = await bookAppointment(
        deps.modules.bookings,
        shopId,
        { variantId: req.body.variantId, startsAt: req.body.startsAt, resourceId: req.body.resourceId, partySize: req.body.partySize, contact: { name: contact.name, email: contact.email ?? '', phone: contact.phone ?? '' }, userId: undefined },
        { byShop: true },
      )
      return reply.code(201).send(bookingJson(booking))
    },
  )

  api.post(
    '/shops/:shopId/admin/bookings/:bookingId/move',
    { onRequest: [staffOnly(), jsonBodyOnly], schema: { tags: staffTags, summary: 'Move a booking to another free time or person (the client is told once, with a new cancel link)', security, params: BookingParams, body: MoveBody, response: { 200: BookingSchema, ...problemResponses } } },
    async (req) => bookingJson(await moveBooking(deps.modules.bookings, requireStaffOf(req, req.params.shopId).shopId, req.params.bookingId, req.body)),
  )

  api.post(
    '/shops/:shopId/admin/bookings/:bookingId/confirm',
    { onRequest: [staffOnly(), jsonBodyOnly], schema: { tags: staffTags, summary: 'Accept a large party’s request (the client gets the confirmation and a new cancel link)', security, params: BookingParams, response: { 200: BookingSchema, ...problemResponses } } },
    async (req) => bookingJson(await confirmRequest(deps.modules.bookings, requireStaffOf(req, req.params.shopId).shopId, req.params.bookingId)),
  )

  api.post(
    '/shops/:shopId/admin/bookings/:bookingId/decline',
    { onRequest: [staffOnly(), jsonBodyOnly], schema: { tags: staffTags, summary: 'Decline a large party’s request (the table is freed, the client told)', security, params: BookingParams, response: { 200: BookingSchema, ...problemResponses } } },
    async (req) => bookingJson(await declineRequest(deps.modules.bookings, requireStaffOf(req, req.params.shopId).shopId, req.params.bookingId)),
  )

  api.post(
    '/shops/:shopId/admin/bookings/:bookingId/attendance',
    { onRequest: [staffOnly(), jsonBodyOnly], schema: { tags: staffTags, summary: 'Mark whether the client came (after the start); no-shows count against online booking (UX-18)', security, params: BookingParams, body: AttendanceBody, response: { 200: BookingSchema, ...problemResponses } } },
    async (req) => bookingJson(await markAttendance(deps.modules.bookings, requireStaffOf(req, req.params.shopId).shopId, req.params.bookingId, req.body.outcome)),
  )

  api.post(
    '/shops/:shopId/admin/bookings/:bookingId/cancel',
    { onRequest: [staffOnly(), jsonBodyOnly], schema: { tags: staffTags, summary: 'Cancel a booking (the shop, at any time)', security, params: BookingParams, response: { 200: BookingSchema, ...problemResponses } } },
    async (req) => bookingJson(await cancelBookingByShop(deps.modules.bookings, requireStaffOf(req, req.params.shopId).shopId, req.params.bookingId)),
  )

  api.get(
    '/shops/:shopId/bookable-services',
    { schema: { tags, summary: 'The services a shop takes bookings for', params: ShopIdParams, response: { 200: BookableServiceList, ...problemResponses } } },
    async (req) => ({ items: await listBookableServices(deps.db, (await shopOf(req.params.shopId)).id) }),
  )

  api.get(
    '/shops/:shopId/bookable-services/:variantId/free-times',
    { schema: { tags, summary: 'When a service can be booked, with who is free at each time', params: ServiceParams, querystring: FreeTimesQuery, response: { 200: FreeTimeList, ...problemResponses } } },
    async (req) => {
      const shop = await shopOf(req.params.shopId)
      return { items: await listFreeTimes(deps.db, shop.id, req.params.variantId, { from: req.query.from, days: req.query.days ?? 7, resourceId: req.query.resourceId, partySize: req.query.partySize }, deps.clock.now()) }
    },
  )

  api.post(
    '/shops/:shopId/bookings',
    {
      onRequest: [jsonBodyOnly],
      config: residentRateLimit(deps),
      schema: { tags, summary: 'Book a free time (signed in or not); the answer carries the cancel link’s secret', params: ShopIdParams, body: BookBody, response: { 201: BookedSchema, ...problemResponses } },
    },
    async (req, reply) => {
      const shop = await shopOf(req.params.shopId)
      const { booking, cancelToken } = await bookAppointment(deps.modules.bookings, shop.id, {
        variantId: req.body.variantId,
        startsAt: req.body.startsAt,
        resourceId: req.body.resourceId,
        partySize: req.body.partySize,
        contact: { name: req.body.contact.name, email: req.body.contact.email, phone: req.body.contact.phone ?? '' },
        userId: req.viewer.user?.id,
        wantsReminder: req.body.wantsReminder,
        payment: req.body.payment && { method: req.body.payment.method, token: req.body.payment.token },
      })
      return reply.code(201).send({ booking: bookingJson(booking), cancelToken })
    },
  )

  api.post(
    '/bookings/:bookingId/cancel',
    { onRequest: [jsonBodyOnly], config: residentRateLimit(deps), schema: { tags, summary: 'Cancel with the link’s secret, until the shop’s deadline (no account needed)', params: CancelParams, body: CancelBody, response: { 200: BookingSchema, ...problemResponses } } },
    async (req) => bookingJson(await cancelBookingByLink(deps.modules.bookings, req.params.bookingId, req.body.token)),
  )

  api.get(
    '/bookings/:bookingId/free-times',
    {
      // The secret rides in the query here: the answer (with the client's details) is never cached, and guessing is slow.
      config: residentRateLimit(deps),
      onSend: async (_req, reply) => {
        reply.header('cache-control', 'private, no-store').header('referrer-policy', 'no-referrer')
      },
      schema: {
        tags,
        summary: 'The times the link’s booking may move to (same service; as if it were not there), until its cancellation deadline',
        params: CancelParams,
        querystring: LinkFreeTimesQuery,
        response: { 200: LinkFreeTimeList, ...problemResponses },
      },
    },
    async (req) => {
      const { token, from, days, resourceId } = req.query
      const { booking, times } = await listFreeTimesByLink(deps.db, req.params.bookingId, token, { from, days: days ?? 7, resourceId }, deps.clock.now())
      return { booking: bookingJson(booking), items: times }
    },
  )

  api.post(
    '/bookings/:bookingId/move',
    {
      onRequest: [jsonBodyOnly],
      config: residentRateLimit(deps),
      schema: {
        tags,
        summary: 'Move the link’s booking to another free time, until its cancellation deadline; the answer carries the new secret (the old one stops working)',
        params: CancelParams,
        body: MoveByLinkBody,
        response: { 200: BookedSchema, ...problemResponses },
      },
    },
    async (req) => {
      const { booking, cancelToken } = await moveBookingByLink(deps.modules.bookings, req.params.bookingId, req.body.token, { startsAt: req.body.startsAt, resourceId: req.body.resourceId })
      return { booking: bookingJson(booking), cancelToken }
    },
  )
}
