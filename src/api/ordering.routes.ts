import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { AppError } from '../lib/app-error.js'
import { isWellFormedId, type ShopId } from '../lib/ids.js'
import { addDays, fromZoned, toZoned } from '../lib/zoned-time.js'
import {
  addToBasket,
  adjustOrderLine,
  checkoutOutcome,
  collectByCode,
  confirmBasketPrices,
  getShopOrder,
  listLineChanges,
  listPickupSlots,
  listResidentOrders,
  listShopOrders,
  moveOrder,
  checkoutOrdersOf,
  placeOrders,
  setBasketQuantity,
  viewBasket,
  type BasketOwner,
  type Order,
} from '../modules/ordering/index.js'
import { getShop, updatePickupSettings } from '../modules/shops/index.js'
import { requireStaffOf, requireUser } from '../http/auth.js'
import { basketOwner } from '../http/basket-owner.js'
import type { AppDeps } from '../http/deps.js'
import { residentRateLimit } from '../http/rate-limits.js'
import {
  BasketLineBody,
  BasketSchema,
  basketJson,
  CheckoutBody,
  CheckoutOrderParams,
  CheckoutParams,
  CheckoutSchema,
  checkoutJson,
  IdempotencyHeaders,
  OrderList,
  OrderSchema,
  orderJson,
  PickupBody,
  PickupSettingsSchema,
  QuantityBody,
  ShopOrderParams,
  ShopOrderQuery,
  SlotList,
  slotJson,
  TransitionBody,
  LineAdjustmentBody,
  LineAdjustmentParams,
  LineChangeList,
  VariantIdParams,
} from './ordering.schemas.js'
import { security, staffRead, staffWrite, withProblems } from './route-options.js'
import { ShopIdParams } from './shops.schemas.js'
import { jsonBodyOnly } from './strict-input.js'

const OWNER = ['owner'] as const

/**
 * Click & collect over JSON: the basket (a visitor's is kept by a cookie, a resident's by their account),
 * pickup slots, checkouts with an Idempotency-Key, the resident's orders, and the shop's order board.
 */
export function registerOrderingRoutes(parent: FastifyInstance, deps: AppDeps): void {
  const api = parent.withTypeProvider<TypeBoxTypeProvider>()
  const tags = ['Click & collect']
  const staffTags = ['Click & collect (shops)']
  // A fresh hook array per route: the rate-limit plugin adds its hook to the array of the route it limits.
  const owner = (req: FastifyRequest, reply: FastifyReply, create: boolean) =>
    basketOwner(req, reply, { create, secure: deps.secureCookies })
  const basketOf = async (who: BasketOwner | undefined) =>
    basketJson(
      who ? await viewBasket(deps.db, who) : { id: undefined, parts: [], totalCents: 0, lineCount: 0 },
    )

  api.get(
    '/basket',
    {
      schema: withProblems({
        tags,
        summary: 'The basket, by shop, with current prices and VAT',
        response: { 200: BasketSchema },
      }),
    },
    async (req, reply) => basketOf(owner(req, reply, false)),
  )

  api.post(
    '/basket/lines',
    {
      onRequest: [jsonBodyOnly],
      schema: withProblems({
        tags,
        summary: 'Add units of a product variant to the basket',
        body: BasketLineBody,
        response: { 200: BasketSchema },
      }),
    },
    async (req, reply) => {
      const who = owner(req, reply, true)!
      await addToBasket(deps.modules.ordering, who, req.body.variantId, req.body.quantity)
      return basketOf(who)
    },
  )

  api.put(
    '/basket/lines/:variantId',
    {
      onRequest: [jsonBodyOnly],
      schema: withProblems({
        tags,
        summary: 'Change a line’s quantity (0 removes it)',
        params: VariantIdParams,
        body: QuantityBody,
        response: { 200: BasketSchema },
      }),
    },
    async (req, reply) => {
      const who = owner(req, reply, false)
      if (!who)
        throw new AppError('not_found', 'ordering.line_not_found', 'this product is not in the basket', {
          field: 'variantId',
        })
      await setBasketQuantity(deps.modules.ordering, who, req.params.variantId, req.body.quantity)
      return basketOf(who)
    },
  )

  api.post(
    '/basket/prices',
    {
      schema: withProblems({
        tags,
        summary: 'Accept the current prices of every line',
        response: { 200: BasketSchema },
      }),
    },
    async (req, reply) => {
      const who = owner(req, reply, false)
      if (who) await confirmBasketPrices(deps.modules.ordering, who)
      return basketOf(who)
    },
  )

  api.get(
    '/shops/:shopId/pickup-slots',
    {
      schema: withProblems({
        tags,
        summary: 'The pickup slots a shop offers now, with the orders each can still take',
        params: ShopIdParams,
        response: { 200: SlotList },
      }),
    },
    async (req) => {
      if (!isWellFormedId(req.params.shopId))
        throw new AppError('not_found', 'shops.shop_not_found', 'shop not found')
      const shop = await getShop(deps.db, req.params.shopId as ShopId)
      return { items: (await listPickupSlots(deps.db, shop, deps.clock.now())).map(slotJson) }
    },
  )

  api.post(
    '/checkouts',
    {
      onRequest: [jsonBodyOnly],
      schema: withProblems({
        tags,
        summary: 'Turn the basket into one order per shop',
        description:
          'All or nothing: every line’s units are held and each shop’s slot takes one place, or nothing changes. ' +
          'The same Idempotency-Key returns the same checkout (200, replayed: true), even when sent concurrently.',
        headers: IdempotencyHeaders,
        body: CheckoutBody,
        response: { 201: CheckoutSchema, 200: CheckoutSchema },
      }),
      config: residentRateLimit(deps),
    },
    async (req, reply) => {
      const who = owner(req, reply, false)
      if (!who) throw new AppError('conflict', 'ordering.empty_basket', 'the basket is empty')
      const checkout = await placeOrders(deps.modules.ordering, {
        owner: who,
        userId: req.viewer.user?.id,
        idempotencyKey: req.headers['idempotency-key'],
        contact: {
          name: req.body.contact.name,
          email: req.body.contact.email,
          phone: req.body.contact.phone ?? '',
        },
        slots: req.body.slots,
        payment: req.body.payment,
      })
      return reply.code(checkout.replayed ? 200 : 201).send(checkoutJson(checkout))
    },
  )

  const ordersOfCheckout = (req: FastifyRequest, reply: FastifyReply, checkoutId: string): Promise<Order[]> =>
    checkoutOrdersOf(deps.db, checkoutId, owner(req, reply, false))

  api.get(
    '/checkouts/:checkoutId',
    {
      schema: withProblems({
        tags,
        summary: 'A checkout and its orders (for the resident who placed it)',
        params: CheckoutParams,
        response: { 200: CheckoutSchema },
      }),
    },
    async (req, reply) => {
      const orders = await ordersOfCheckout(req, reply, req.params.checkoutId)
      return {
        id: req.params.checkoutId,
        outcome: checkoutOutcome(orders),
        replayed: false,
        orders: orders.map(orderJson),
      }
    },
  )

  api.post(
    '/checkouts/:checkoutId/orders/:orderId/cancel',
    {
      schema: withProblems({
        tags,
        summary: 'Cancel an order, until the shop starts preparing it',
        params: CheckoutOrderParams,
        response: { 200: OrderSchema },
      }),
    },
    async (req, reply) => {
      const orders = await ordersOfCheckout(req, reply, req.params.checkoutId)
      const order = orders.find((o) => o.id === req.params.orderId)
      if (!order) throw new AppError('not_found', 'ordering.order_not_found', 'order not found')
      await moveOrder(
        deps.modules.ordering,
        { by: 'resident', userId: req.viewer.user?.id, checkoutId: req.params.checkoutId },
        order.id,
        'cancelled',
      )
      return orderJson(await getShopOrder(deps.db, order.shopId, order.id))
    },
  )

  api.get(
    '/orders',
    {
      schema: withProblems({
        tags,
        summary: 'The signed-in resident’s orders, newest first',
        security,
        response: { 200: OrderList },
      }),
    },
    async (req) => ({
      items: (await listResidentOrders(deps.db, requireUser(req).id)).map(orderJson),
    }),
  )

  // The shop's side.
  api.get(
    '/shops/:shopId/admin/orders',
    staffRead({
      tags: staffTags,
      summary: 'The order board: orders by slot (staff)',
      params: ShopIdParams,
      querystring: ShopOrderQuery,
      response: { 200: OrderList },
    }),
    async (req) => {
      const { shopId } = requireStaffOf(req, req.params.shopId)
      const shop = await getShop(deps.db, shopId)
      const today = toZoned(deps.clock.now(), shop.timeZone).date
      const from = req.query.from ? new Date(req.query.from) : fromZoned(today, 0, shop.timeZone)
      const to = req.query.to ? new Date(req.query.to) : fromZoned(addDays(today, 7), 0, shop.timeZone)
      if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime()))
        throw new AppError('invalid', 'ordering.invalid_range', 'from and to are instants', { field: 'from' })
      const orders = await listShopOrders(deps.db, shopId, {
        from: from.toISOString(),
        to: to.toISOString(),
        statuses: req.query.status ? [req.query.status] : undefined,
      })
      return { items: orders.map(orderJson) }
    },
  )

  api.get(
    '/shops/:shopId/admin/orders/:orderId',
    staffRead({
      tags: staffTags,
      summary: 'One order (staff)',
      params: ShopOrderParams,
      response: { 200: OrderSchema },
    }),
    async (req) => {
      const { shopId } = requireStaffOf(req, req.params.shopId)
      return orderJson(await getShopOrder(deps.db, shopId, req.params.orderId))
    },
  )

  api.post(
    '/shops/:shopId/admin/orders/:orderId/transitions',
    staffWrite({
      tags: staffTags,
      summary: 'Move an order: accepted, preparing, ready, collected or cancelled (with a reason)',
      params: ShopOrderParams,
      body: TransitionBody,
      response: { 200: OrderSchema },
    }),
    async (req) => {
      const { shopId } = requireStaffOf(req, req.params.shopId)
      await moveOrder(
        deps.modules.ordering,
        { by: 'shop', shopId, userId: requireUser(req).id },
        req.params.orderId,
        req.body.to,
        req.body.reason,
      )
      return orderJson(await getShopOrder(deps.db, shopId, req.params.orderId))
    },
  )

  api.post(
    '/shops/:shopId/admin/orders/:orderId/lines/:position/adjustments',
    staffWrite({
      tags: staffTags,
      summary: 'Change a line the shop cannot serve as ordered: fewer units, withdrawn, or a substitute',
      description:
        'Units, total and the amount to capture change together; the resident gets one message for changes made within a few minutes.',
      params: LineAdjustmentParams,
      body: LineAdjustmentBody,
      response: { 200: OrderSchema },
    }),
    async (req) => {
      const { shopId } = requireStaffOf(req, req.params.shopId)
      return orderJson(
        await adjustOrderLine(
          deps.modules.ordering,
          { shopId, userId: requireUser(req).id },
          req.params.orderId,
          req.params.position,
          req.body,
        ),
      )
    },
  )

  api.get(
    '/shops/:shopId/admin/orders/:orderId/line-changes',
    staffRead({
      tags: staffTags,
      summary: 'What the shop changed in an order, oldest first',
      params: ShopOrderParams,
      response: { 200: LineChangeList },
    }),
    async (req) => {
      const { shopId } = requireStaffOf(req, req.params.shopId)
      const order = await getShopOrder(deps.db, shopId, req.params.orderId)
      return { items: await listLineChanges(deps.db, order.id) }
    },
  )

  api.post(
    '/shops/:shopId/admin/pickups',
    staffWrite({
      tags: staffTags,
      summary: 'Hand over an order at the counter by its pickup code (marks it collected)',
      params: ShopIdParams,
      body: PickupBody,
      response: { 200: OrderSchema },
    }),
    async (req) => {
      const { shopId } = requireStaffOf(req, req.params.shopId)
      const orderId = await collectByCode(
        deps.modules.ordering,
        { shopId, userId: requireUser(req).id },
        req.body.code,
      )
      return orderJson(await getShopOrder(deps.db, shopId, orderId))
    },
  )

  api.put(
    '/shops/:shopId/admin/pickup-settings',
    staffWrite(
      {
        tags: staffTags,
        summary: 'Set how click & collect works at the shop (owner)',
        params: ShopIdParams,
        body: PickupSettingsSchema,
        response: { 200: PickupSettingsSchema },
      },
      OWNER,
    ),
    async (req) => {
      const { shopId } = requireStaffOf(req, req.params.shopId, OWNER)
      await updatePickupSettings(deps.modules.shops, requireUser(req).id, shopId, req.body)
      return (await getShop(deps.db, shopId)).pickup
    },
  )
}
