import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { AppError } from '../lib/app-error.js'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { AppDeps } from '../http/deps.js'
import { requireStaffOf, requireUser } from '../http/auth.js'
import {
  admittedLately,
  dropOffersOf,
  endDrop,
  getDrop,
  joinDrop,
  listShopDrops,
  scheduleDrop,
  standingOf,
} from '../modules/drops/index.js'
import { holdIntoBasket, takeBundleOffer } from '../modules/ordering/index.js'
import {
  AdmissionHeaders,
  BundleTakenSchema,
  DropBody,
  DropList,
  DropParams,
  DropSchema,
  DropWithOffersSchema,
  dropJson,
  dropWithOffersJson,
  HeldSchema,
  HoldBody,
  OfferParams,
  ShopDropParams,
  StandingSchema,
  standingJson,
} from './drops.schemas.js'
import { security, staffRead, staffWrite, withProblems } from './route-options.js'
import { ShopIdParams } from './shops.schemas.js'
import { jsonBodyOnly } from './strict-input.js'

const DEFAULT_IN_FLIGHT = 512
/** Event-loop delay (p99 over the last window) beyond which the process is saturated and drop requests are turned away. */
const MAX_LOOP_DELAY_MS = 100
const LOOP_WINDOW_MS = 250

/**
 * Load shedding for a drop's rush (issue #4): when this process is saturated, drop requests are answered at once
 * with 503 and Retry-After instead of waiting until they time out. Two signals: requests still in progress
 * (they pile up while waiting on PostgreSQL or a batch) and the event loop's delay (on SQLite the work is on the
 * loop itself, so a backlog shows as delay, not as requests in progress). Only the drop's routes are gated, so
 * browsing the rest of the town is not refused.
 */
function sheddingGate(limit: number, admitted: (dropId: string, userId: string) => boolean) {
  let inFlight = 0
  const delay = monitorEventLoopDelay({ resolution: 10 })
  delay.enable()
  let saturated = false
  let windowEnds = 0
  const loopSaturated = () => {
    const now = performance.now()
    if (now >= windowEnds) {
      saturated = delay.count > 0 && delay.percentile(99) / 1e6 > MAX_LOOP_DELAY_MS
      delay.reset()
      windowEnds = now + LOOP_WINDOW_MS
    }
    return saturated
  }
  const admit = (reply: FastifyReply) => {
    inFlight++
    // 'close' fires once the answer is sent or the client went away: the place is always given back.
    reply.raw.once('close', () => inFlight--)
  }
  const busy = () =>
    new AppError('unavailable', 'drops.busy', 'too many drop requests at once', { retryAfter: 1 })
  /** Queue polls go first when the process is saturated: they are cheap to repeat. */
  const gate = async (req: FastifyRequest, reply: FastifyReply) => {
    const dropId = (req.params as { dropId?: string }).dropId ?? ''
    // Residents whose turn came go through: the sale waits on them, the others can ask again later.
    const theirTurn = req.viewer.user !== undefined && admitted(dropId, req.viewer.user.id)
    if (inFlight >= limit || (loopSaturated() && !theirTurn)) throw busy()
    admit(reply)
  }
  /** Holds are the sale itself: turned away only when too many are in progress, not for the loop's delay. */
  const holdGate = async (_req: FastifyRequest, reply: FastifyReply) => {
    if (inFlight >= limit) throw busy()
    admit(reply)
  }
  return { gate, holdGate, stop: () => delay.disable() }
}

export function registerDropRoutes(parent: FastifyInstance, deps: AppDeps): void {
  const api = parent.withTypeProvider<TypeBoxTypeProvider>()
  const tags = ['Drops']
  const staffTags = ['Drops (shops)']
  const drops = deps.modules.drops
  const { gate, holdGate, stop } = sheddingGate(
    deps.dropInFlightLimit ?? DEFAULT_IN_FLIGHT,
    (dropId, userId) => admittedLately(deps.db, dropId, userId),
  )
  parent.addHook('onClose', async () => stop())

  api.post(
    '/shops/:shopId/admin/drops',
    staffWrite({
      tags: staffTags,
      summary: 'Schedule a drop: its units are set aside from stock at once',
      params: ShopIdParams,
      body: DropBody,
      response: { 201: DropWithOffersSchema },
    }),
    async (req, reply) => {
      const { shopId } = requireStaffOf(req, req.params.shopId)
      const drop = await scheduleDrop(drops, requireUser(req).id, shopId, req.body)
      return reply.code(201).send(dropWithOffersJson(drop, await dropOffersOf(deps.db, drop)))
    },
  )

  api.get(
    '/shops/:shopId/admin/drops',
    staffRead({
      tags: staffTags,
      summary: 'The shop’s drops, latest first',
      params: ShopIdParams,
      response: { 200: DropList },
    }),
    async (req) => ({
      items: (await listShopDrops(deps.db, requireStaffOf(req, req.params.shopId).shopId)).map(dropJson),
    }),
  )

  api.post(
    '/shops/:shopId/admin/drops/:dropId/end',
    staffWrite({
      tags: staffTags,
      summary: 'End a drop: units nobody holds go back to stock',
      params: ShopDropParams,
      response: { 200: DropSchema },
    }),
    async (req) =>
      dropJson(await endDrop(drops, requireStaffOf(req, req.params.shopId).shopId, req.params.dropId)),
  )

  api.get(
    '/drops/:dropId',
    {
      schema: withProblems({
        tags,
        summary: 'A drop: start, units left, limit per resident, bundle offers beside the single item',
        params: DropParams,
        response: { 200: DropWithOffersSchema },
      }),
    },
    async (req) => {
      const drop = await getDrop(deps.db, req.params.dropId)
      return dropWithOffersJson(drop, await dropOffersOf(deps.db, drop))
    },
  )

  api.post(
    '/drops/:dropId/offers/:offerId',
    {
      onRequest: [jsonBodyOnly],
      schema: withProblems({
        tags,
        summary:
          'Take a bundle offer while holding the drop’s units: its product goes into the basket at the bundle’s part of the price',
        security,
        params: OfferParams,
        response: { 200: BundleTakenSchema },
      }),
    },
    async (req) =>
      takeBundleOffer(
        deps.modules.ordering,
        drops,
        req.params.dropId,
        requireUser(req).id,
        req.params.offerId,
      ),
  )

  api.post(
    '/drops/:dropId/queue',
    {
      onRequest: [gate, jsonBodyOnly],
      schema: withProblems({
        tags,
        summary: 'Join the queue (once per account; before the start, the order is drawn at random)',
        security,
        params: DropParams,
        response: { 200: StandingSchema },
      }),
    },
    async (req) => standingJson(await joinDrop(drops, req.params.dropId, requireUser(req).id)),
  )

  api.get(
    '/drops/:dropId/queue',
    {
      onRequest: [gate],
      schema: withProblems({
        tags,
        summary:
          'Where the resident stands: waiting (position), admitted (with a token), holding, ordered, sold out',
        security,
        params: DropParams,
        response: { 200: StandingSchema },
      }),
    },
    async (req) => standingJson(await standingOf(drops, req.params.dropId, requireUser(req).id)),
  )

  api.post(
    '/drops/:dropId/holds',
    {
      onRequest: [holdGate, jsonBodyOnly],
      schema: withProblems({
        tags,
        summary: 'Hold units (admitted residents): they go into the basket until the hold expires',
        security,
        params: DropParams,
        headers: AdmissionHeaders,
        body: HoldBody,
        response: { 200: HeldSchema },
      }),
    },
    async (req) =>
      holdIntoBasket(
        drops,
        req.params.dropId,
        requireUser(req).id,
        req.headers['drop-admission'],
        req.body.quantity,
      ),
  )
}
