import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { AppError } from '../lib/app-error.js'
import { parseTimeOfDay } from '../lib/zoned-time.js'
import {
  addClosure,
  findShopBySlug,
  getOpeningSchedule,
  listShops,
  removeClosure,
  setWeeklyHours,
  updateShopProfile,
} from '../modules/shops/index.js'
import { requireStaffOf, requireUser } from '../http/auth.js'
import type { AppDeps } from '../http/deps.js'
import { staffRead, staffWrite, withProblems } from './route-options.js'
import {
  ClosureBody,
  ClosureParams,
  ClosureSchema,
  HoursBody,
  OpeningScheduleSchema,
  ShopDetail,
  ShopIdParams,
  ShopListQuery,
  ShopPage,
  ShopProfile,
  ShopProfileBody,
  ShopSlugParams,
  toClosure,
  toSchedule,
  toShopProfile,
  toShopSummary,
} from './shops.schemas.js'

const OWNER = ['owner'] as const

export function registerShopRoutes(parent: FastifyInstance, deps: AppDeps): void {
  const api = parent.withTypeProvider<TypeBoxTypeProvider>()
  const tags = ['Shops']
  const shopsDeps = deps.modules.shops

  api.get(
    '/shops',
    {
      schema: withProblems({
        tags,
        summary: 'List the town’s shops by name',
        querystring: ShopListQuery,
        response: { 200: ShopPage },
      }),
    },
    async (req) => {
      const page = await listShops(deps.db, {
        kind: req.query.kind,
        limit: req.query.limit ?? 20,
        cursor: req.query.cursor,
      })
      return { items: page.items.map(toShopSummary), nextCursor: page.nextCursor ?? null }
    },
  )

  api.get(
    '/shops/:shopSlug',
    {
      schema: withProblems({
        tags,
        summary: 'A shop’s profile, weekly hours, coming closures and whether it is open now',
        params: ShopSlugParams,
        response: { 200: ShopDetail },
      }),
    },
    async (req) => {
      const shop = await findShopBySlug(deps.db, req.params.shopSlug)
      if (!shop) throw new AppError('not_found', 'shops.shop_not_found', 'shop not found')
      const { hours, closures, status } = toSchedule(
        await getOpeningSchedule(deps.db, shop, deps.clock.now()),
      )
      return { ...toShopProfile(shop), hours, closures, status }
    },
  )

  api.put(
    '/shops/:shopId/profile',
    staffWrite(
      {
        tags,
        summary: 'Edit the shop profile (owner)',
        description:
          'The slug never changes. latitude, longitude, timeZone and stockFreshnessHours keep their value when left out; siret and vatNumber left out are cleared.',
        params: ShopIdParams,
        body: ShopProfileBody,
        response: { 200: ShopProfile },
      },
      OWNER,
    ),
    async (req) => {
      const { shopId } = requireStaffOf(req, req.params.shopId, OWNER)
      return toShopProfile(await updateShopProfile(shopsDeps, requireUser(req).id, shopId, req.body))
    },
  )

  api.put(
    '/shops/:shopId/hours',
    staffWrite(
      {
        tags,
        summary: 'Replace the weekly opening hours (owner)',
        description:
          'Several ranges per weekday are allowed (lunch break); they must not overlap. Times are wall-clock times in the shop’s zone.',
        params: ShopIdParams,
        body: HoursBody,
        response: { 200: OpeningScheduleSchema },
      },
      OWNER,
    ),
    async (req) => {
      const { shopId } = requireStaffOf(req, req.params.shopId, OWNER)
      // The schema's pattern guarantees a time of day; -1 would still be refused by the module's range check.
      const ranges = req.body.hours.map((r) => ({
        weekday: r.weekday,
        opensMinute: parseTimeOfDay(r.opens) ?? -1,
        closesMinute: parseTimeOfDay(r.closes) ?? -1,
      }))
      await setWeeklyHours(shopsDeps, requireUser(req).id, shopId, ranges)
      return toSchedule(await getOpeningSchedule(deps.db, shopId, deps.clock.now()))
    },
  )

  api.post(
    '/shops/:shopId/closures',
    staffWrite(
      {
        tags,
        summary: 'Announce an exceptional closure (owner)',
        description: 'Whole days in the shop’s zone, both ends included.',
        params: ShopIdParams,
        body: ClosureBody,
        response: { 201: ClosureSchema },
      },
      OWNER,
    ),
    async (req, reply) => {
      const { shopId } = requireStaffOf(req, req.params.shopId, OWNER)
      const closure = await addClosure(shopsDeps, requireUser(req).id, shopId, {
        ...req.body,
        reason: req.body.reason ?? '',
      })
      return reply.code(201).send(toClosure(closure))
    },
  )

  api.delete(
    '/shops/:shopId/closures/:closureId',
    staffRead(
      {
        tags,
        summary: 'Withdraw a closure (owner)',
        params: ClosureParams,
        response: { 204: Type.Null() },
      },
      OWNER,
    ),
    async (req, reply) => {
      const { shopId } = requireStaffOf(req, req.params.shopId, OWNER)
      await removeClosure(shopsDeps, requireUser(req).id, shopId, req.params.closureId)
      return reply.code(204).send(null)
    },
  )
}
