import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { AppError } from '../lib/app-error.js'
import {
  bookAppointment,
  cancelBookingByShop,
  confirmRequest,
  declineRequest,
  listShopBookings,
  markAttendance,
  moveBooking,
  MAX_FREE_TIME_DAYS,
} from '../modules/bookings/index.js'
import { requireStaffOf } from '../http/auth.js'
import type { AppDeps } from '../http/deps.js'
import {
  BookingList,
  BookingParams,
  BookingSchema,
  bookingJson,
  CalendarQuery,
  ShopBookBody,
  MoveBody,
  AttendanceBody,
} from './bookings.schemas.js'
import { staffRead, staffWrite } from './route-options.js'
import { ShopIdParams } from './shops.schemas.js'

/** The longest calendar period one request reads: as long as a free-times answer. */
const MAX_CALENDAR_DAYS = MAX_FREE_TIME_DAYS

/** The shop's calendar (issue #5): bookings taken by phone, moved, confirmed or declined, marked, cancelled. */
export function registerBookingCalendarRoutes(parent: FastifyInstance, deps: AppDeps): void {
  const api = parent.withTypeProvider<TypeBoxTypeProvider>()
  const staffTags = ['Bookings (shops)']

  api.get(
    '/shops/:shopId/admin/bookings',
    staffRead({
      tags: staffTags,
      summary:
        'The shop’s calendar: bookings starting in [from, to), requests and past ones included, cancelled ones not',
      params: ShopIdParams,
      querystring: CalendarQuery,
      response: { 200: BookingList },
    }),
    async (req) => {
      const { shopId } = requireStaffOf(req, req.params.shopId)
      const from = Date.parse(req.query.from)
      const to = Date.parse(req.query.to)
      if (!(to > from) || to - from > MAX_CALENDAR_DAYS * 86_400_000)
        throw new AppError(
          'invalid',
          'bookings.invalid_period',
          `a period of at most ${MAX_CALENDAR_DAYS} days`,
          { field: 'to' },
        )
      return {
        items: (
          await listShopBookings(deps.db, shopId, {
            from: new Date(from).toISOString(),
            to: new Date(to).toISOString(),
          })
        ).map(bookingJson),
      }
    },
  )

  api.post(
    '/shops/:shopId/admin/bookings',
    staffWrite({
      tags: staffTags,
      summary: 'Add a booking taken by phone (no online notice; a phone number will do)',
      params: ShopIdParams,
      body: ShopBookBody,
      response: { 201: BookingSchema },
    }),
    async (req, reply) => {
      const { shopId } = requireStaffOf(req, req.params.shopId)
      const { contact } = req.body
      const { booking } = await bookAppointment(
        deps.modules.bookings,
        shopId,
        {
          variantId: req.body.variantId,
          startsAt: req.body.startsAt,
          resourceId: req.body.resourceId,
          partySize: req.body.partySize,
          contact: { name: contact.name, email: contact.email ?? '', phone: contact.phone ?? '' },
          userId: undefined,
        },
        { byShop: true },
      )
      return reply.code(201).send(bookingJson(booking))
    },
  )

  api.post(
    '/shops/:shopId/admin/bookings/:bookingId/move',
    staffWrite({
      tags: staffTags,
      summary:
        'Move a booking to another free time or person (the client is told once, with a new cancel link)',
      params: BookingParams,
      body: MoveBody,
      response: { 200: BookingSchema },
    }),
    async (req) =>
      bookingJson(
        await moveBooking(
          deps.modules.bookings,
          requireStaffOf(req, req.params.shopId).shopId,
          req.params.bookingId,
          req.body,
        ),
      ),
  )

  api.post(
    '/shops/:shopId/admin/bookings/:bookingId/confirm',
    staffWrite({
      tags: staffTags,
      summary: 'Accept a large party’s request (the client gets the confirmation and a new cancel link)',
      params: BookingParams,
      response: { 200: BookingSchema },
    }),
    async (req) =>
      bookingJson(
        await confirmRequest(
          deps.modules.bookings,
          requireStaffOf(req, req.params.shopId).shopId,
          req.params.bookingId,
        ),
      ),
  )

  api.post(
    '/shops/:shopId/admin/bookings/:bookingId/decline',
    staffWrite({
      tags: staffTags,
      summary: 'Decline a large party’s request (the table is freed, the client told)',
      params: BookingParams,
      response: { 200: BookingSchema },
    }),
    async (req) =>
      bookingJson(
        await declineRequest(
          deps.modules.bookings,
          requireStaffOf(req, req.params.shopId).shopId,
          req.params.bookingId,
        ),
      ),
  )

  api.post(
    '/shops/:shopId/admin/bookings/:bookingId/attendance',
    staffWrite({
      tags: staffTags,
      summary:
        'Mark whether the client came (after the start); no-shows count against online booking (UX-18)',
      params: BookingParams,
      body: AttendanceBody,
      response: { 200: BookingSchema },
    }),
    async (req) =>
      bookingJson(
        await markAttendance(
          deps.modules.bookings,
          requireStaffOf(req, req.params.shopId).shopId,
          req.params.bookingId,
          req.body.outcome,
        ),
      ),
  )

  api.post(
    '/shops/:shopId/admin/bookings/:bookingId/cancel',
    staffWrite({
      tags: staffTags,
      summary: 'Cancel a booking (the shop, at any time)',
      params: BookingParams,
      response: { 200: BookingSchema },
    }),
    async (req) =>
      bookingJson(
        await cancelBookingByShop(
          deps.modules.bookings,
          requireStaffOf(req, req.params.shopId).shopId,
          req.params.bookingId,
        ),
      ),
  )
}
