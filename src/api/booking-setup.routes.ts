import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import {
  addAbsence,
  createResource,
  getResource,
  listResources,
  noShowLimitOf,
  setNoShowLimit,
  setBookableService,
  setResourceHours,
} from '../modules/bookings/index.js'
import { requireStaffOf } from '../http/auth.js'
import type { AppDeps } from '../http/deps.js'
import {
  AbsenceBody,
  AbsenceSchema,
  BookableServiceSchema,
  BookingSettingsSchema,
  ResourceBody,
  ResourceHoursBody,
  ResourceList,
  ResourceParams,
  ResourceSchema,
  ServiceParams,
  ServiceSettingsBody,
} from './bookings.schemas.js'
import { staffRead, staffWrite } from './route-options.js'
import { ShopIdParams } from './shops.schemas.js'

/** Setting bookings up (resources, their hours, services) is the owner's, as in the back-office; absences are any staff's. */
const OWNER = ['owner'] as const

/** Setting bookings up (issue #5, decision 006): the shop's resources, their hours and absences, its rules, its bookable services. */
export function registerBookingSetupRoutes(parent: FastifyInstance, deps: AppDeps): void {
  const api = parent.withTypeProvider<TypeBoxTypeProvider>()
  const staffTags = ['Bookings (shops)']

  api.post(
    '/shops/:shopId/admin/booking-resources',
    staffWrite(
      {
        tags: staffTags,
        summary: 'Add a staff member or a resource that performs services',
        params: ShopIdParams,
        body: ResourceBody,
        response: { 201: ResourceSchema },
      },
      OWNER,
    ),
    async (req, reply) =>
      reply
        .code(201)
        .send(
          await createResource(
            deps.modules.bookings,
            requireStaffOf(req, req.params.shopId, ['owner']).shopId,
            req.body,
          ),
        ),
  )

  api.get(
    '/shops/:shopId/admin/booking-resources',
    staffRead({
      tags: staffTags,
      summary: 'The shop’s resources, with their own hours',
      params: ShopIdParams,
      response: { 200: ResourceList },
    }),
    async (req) => ({ items: await listResources(deps.db, requireStaffOf(req, req.params.shopId).shopId) }),
  )

  api.put(
    '/shops/:shopId/admin/booking-resources/:resourceId/hours',
    staffWrite(
      {
        tags: staffTags,
        summary: 'Set a resource’s own weekly hours (empty: the shop’s)',
        params: ResourceParams,
        body: ResourceHoursBody,
        response: { 200: ResourceSchema },
      },
      OWNER,
    ),
    async (req) => {
      const { shopId } = requireStaffOf(req, req.params.shopId, ['owner'])
      await setResourceHours(deps.modules.bookings, shopId, req.params.resourceId, req.body.hours)
      return getResource(deps.db, shopId, req.params.resourceId)
    },
  )

  api.post(
    '/shops/:shopId/admin/booking-resources/:resourceId/absences',
    staffWrite({
      tags: staffTags,
      summary: 'A time the resource is away: no free time falls in it',
      params: ResourceParams,
      body: AbsenceBody,
      response: { 201: AbsenceSchema },
    }),
    async (req, reply) => {
      const { shopId } = requireStaffOf(req, req.params.shopId)
      return reply.code(201).send(
        await addAbsence(deps.modules.bookings, shopId, req.params.resourceId, {
          ...req.body,
          reason: req.body.reason ?? '',
        }),
      )
    },
  )

  api.get(
    '/shops/:shopId/admin/booking-settings',
    staffRead({
      tags: staffTags,
      summary: 'The shop’s booking rules that are not a service’s',
      params: ShopIdParams,
      response: { 200: BookingSettingsSchema },
    }),
    async (req) => ({
      noShowLimit: await noShowLimitOf(deps.db, requireStaffOf(req, req.params.shopId).shopId),
    }),
  )

  api.put(
    '/shops/:shopId/admin/booking-settings',
    staffWrite(
      {
        tags: staffTags,
        summary: 'Set after how many no-shows a resident books only with a guarantee (UX-18)',
        params: ShopIdParams,
        body: BookingSettingsSchema,
        response: { 200: BookingSettingsSchema },
      },
      OWNER,
    ),
    async (req) => ({
      noShowLimit: await setNoShowLimit(
        deps.modules.bookings,
        requireStaffOf(req, req.params.shopId, ['owner']).shopId,
        req.body.noShowLimit,
      ),
    }),
  )

  api.put(
    '/shops/:shopId/admin/bookable-services/:variantId',
    staffWrite(
      {
        tags: staffTags,
        summary: 'Make a catalog service bookable, or change its booking settings',
        params: ServiceParams,
        body: ServiceSettingsBody,
        response: { 200: BookableServiceSchema },
      },
      OWNER,
    ),
    async (req) => {
      const { party, deposit, ...settings } = req.body
      const shopId = requireStaffOf(req, req.params.shopId, ['owner']).shopId
      return setBookableService(deps.modules.bookings, shopId, req.params.variantId, {
        ...settings,
        party: party && { ...party, onRequestFrom: party.onRequestFrom },
        deposit,
      })
    },
  )
}
