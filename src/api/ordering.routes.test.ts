import { beforeAll, describe, expect, it } from 'vitest'
import { aProduct } from '../../test/factories/catalog.js'
import {
  aPickupShop as pickupShop,
  FIRST_SLOT,
  MONDAY_MORNING,
  SECOND_SLOT,
} from '../../test/factories/ordering.js'
import { aStaffSession, FormClient, startTestApp, useTestApp } from '../../test/harness/app.js'
import { forEachEngine } from '../../test/harness/engines.js'
import { expectProblem, type ApiAnswer } from '../../test/harness/problem.js'
import { fixedClock } from '../lib/clock.js'
import { newId, type ShopId } from '../lib/ids.js'
import { updateProduct, type Product } from '../modules/catalog/index.js'
import { createUser } from '../modules/identity/index.js'
import { builtInPaymentProviders, testCardProvider, type PaymentProvider } from '../modules/payments/index.js'
import type { PickupSettings, Shop } from '../modules/shops/index.js'
import type { Json } from '../../test/harness/json.js'

const NOW = MONDAY_MORNING
const THIRD_SLOT = '2026-11-23T09:30:00.000Z'
const clock = fixedClock(NOW)
const PASSWORD = 'un mot de passe assez long'
const contact = { name: 'Camille Martin', email: 'camille@example.fr', phone: '06 12 34 56 78' }

/** A JSON API call with the client's cookies (if any) and extra headers (the Idempotency-Key). */
async function send(
  baseUrl: string,
  client: FormClient | undefined,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<ApiAnswer> {
  const sent: Record<string, string> = { ...(client ? { cookie: client.cookieHeader() } : {}), ...headers }
  if (body !== undefined) sent['content-type'] = 'application/json'
  const res = await fetch(baseUrl + path, {
    method,
    headers: sent,
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  })
  const text = await res.text()
  return {
    status: res.status,
    contentType: res.headers.get('content-type') ?? '',
    json: text ? JSON.parse(text) : undefined,
  }
}

const checkoutBody = (
  slots: Record<string, string>,
  payment: { method: string; token?: string } = { method: 'counter' },
) => ({ contact, slots, payment })
const aKey = () => `checkout-${newId()}`

forEachEngine('ordering API', ({ db }) => {
  /** While set, card authorizations wait for it: the order stays pending_payment as long as a test wants. */
  let authorizationGate: Promise<void> | undefined

  const server = useTestApp(db, () => {
    const card = testCardProvider(db())
    const gatedCard: PaymentProvider = {
      ...card,
      authorize: async (request) => {
        await authorizationGate
        return card.authorize(request)
      },
    }
    const payments = new Map(builtInPaymentProviders(db()))
    payments.set('test_card', gatedCard)
    return { clock, payments, checkoutRateLimit: 100_000, loginRateLimit: 1_000 }
  })

  const call = (
    client: FormClient | undefined,
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ) => send(server.baseUrl, client, method, path, body, headers)
  const checkout = (client: FormClient | undefined, key: string | undefined, body: unknown) =>
    call(client, 'POST', '/api/v1/checkouts', body, key === undefined ? {} : { 'idempotency-key': key })

  const aPickupShop = (settings: Partial<PickupSettings> = {}): Promise<Shop> =>
    pickupShop(db(), clock, { settings })

  const aStockedProduct = (
    shopId: ShopId,
    onHand: number,
    priceCents = 250,
    status: 'published' | 'hidden' = 'published',
  ): Promise<Product> => aProduct(db(), shopId, { status, variants: [{ name: 'Pièce', priceCents, onHand }] })

  const stockOf = (product: Product) =>
    db()
      .selectFrom('stock_levels')
      .select(['on_hand', 'reserved'])
      .where('variant_id', '=', product.variants[0]!.id)
      .executeTakeFirstOrThrow()

  const ordersOf = (shopId: ShopId) =>
    db().selectFrom('orders').select(['id', 'status']).where('shop_id', '=', shopId).execute()

  /** A visitor (their own cookie jar) who put `quantity` of each product in their basket through the API. */
  async function aVisitorWith(items: Array<[Product, number]>): Promise<FormClient> {
    const visitor = new FormClient(server.baseUrl)
    for (const [product, quantity] of items) {
      const added = await visitor.api('POST', '/api/v1/basket/lines', {
        variantId: product.variants[0]!.id,
        quantity,
      })
      expect(added.status).toBe(200)
    }
    return visitor
  }

  const basketLines = async (client: FormClient) =>
    ((await client.api('GET', '/api/v1/basket')).json.shops as Json[]).flatMap((s) =>
      s.lines.map((l: Json) => ({ variantId: l.variantId, quantity: l.quantity })),
    )

  async function signIn(
    email: string,
    password = PASSWORD,
    client = new FormClient(server.baseUrl),
  ): Promise<FormClient> {
    const res = await client.api('POST', '/api/v1/session', { email, password })
    expect(res.status).toBe(200)
    return client
  }

  /** A visitor's order placed over HTTP (one product, one slot), with everything needed to follow it. */
  async function aPlacedOrder(
    shop: Shop,
    product: Product,
    options: { quantity?: number; slot?: string; payment?: { method: string; token?: string } } = {},
  ) {
    const visitor = await aVisitorWith([[product, options.quantity ?? 1]])
    const placed = await checkout(
      visitor,
      aKey(),
      checkoutBody({ [shop.id]: options.slot ?? FIRST_SLOT }, options.payment),
    )
    expect(placed.status).toBe(201)
    expect(placed.json.outcome).toBe('placed')
    const order = placed.json.orders[0]
    return {
      visitor,
      checkoutId: placed.json.id as string,
      orderId: order.id as string,
      pickupCode: order.pickupCode as string,
    }
  }

  const transition = (staff: FormClient, shopId: string, orderId: string, to: string, reason?: string) =>
    staff.api('POST', `/api/v1/shops/${shopId}/admin/orders/${orderId}/transitions`, {
      to,
      ...(reason ? { reason } : {}),
    })

  async function moveTo(staff: FormClient, shopId: string, orderId: string, steps: string[]) {
    for (const to of steps) expect((await transition(staff, shopId, orderId, to)).status, `→ ${to}`).toBe(200)
  }

  describe('races over HTTP', () => {
    it('sells 50 units to exactly 50 of 200 visitors checking out at once, and never below zero', async () => {
      const shop = await aPickupShop({ slotCapacity: 200 })
      const product = await aStockedProduct(shop.id, 50)
      const visitors = await Promise.all(Array.from({ length: 200 }, () => aVisitorWith([[product, 1]])))

      // Someone watching the shelf during the rush never sees more units held than there are.
      let racing = true
      const seen: Array<{ on_hand: number; reserved: number }> = []
      const watcher = (async () => {
        while (racing) {
          seen.push(await stockOf(product))
          await new Promise((resolve) => setTimeout(resolve, 5))
        }
      })()
      const answers = await Promise.all(
        visitors.map((visitor) => checkout(visitor, aKey(), checkoutBody({ [shop.id]: FIRST_SLOT }))),
      )
      racing = false
      await watcher

      const placed = answers.filter((a) => a.status === 201)
      const refused = answers.filter((a) => a.status !== 201)
      expect(placed).toHaveLength(50)
      expect(placed.every((a) => a.json.outcome === 'placed' && a.json.orders.length === 1)).toBe(true)
      expect(new Set(placed.map((a) => a.json.orders[0].pickupCode)).size).toBe(50)
      expect(refused).toHaveLength(150)
      for (const answer of refused) expectProblem(answer, 409, 'inventory.insufficient_stock')
      expect(seen.length).toBeGreaterThan(0)
      expect(seen.every((s) => s.reserved >= 0 && s.reserved <= s.on_hand)).toBe(true)
      expect(await stockOf(product)).toEqual({ on_hand: 50, reserved: 50 })
      expect(await ordersOf(shop.id)).toHaveLength(50)
      // The losers keep their basket, and their places in the slot are given back.
      const losers = visitors.filter((_, i) => answers[i]!.status !== 201)
      const losersBaskets = await Promise.all(losers.map((v) => basketLines(v)))
      expect(losersBaskets.every((lines) => lines.length === 1 && lines[0]!.quantity === 1)).toBe(true)
      const slots = (await call(undefined, 'GET', `/api/v1/shops/${shop.id}/pickup-slots`)).json
        .items as Json[]
      expect(slots.find((s) => s.startsAt === FIRST_SLOT)?.remaining).toBe(150)
    })

    it('tells the visitor who came too late which line is short and how many are left', async () => {
      const shop = await aPickupShop()
      const product = await aStockedProduct(shop.id, 1)
      const [first, second] = await Promise.all([aVisitorWith([[product, 1]]), aVisitorWith([[product, 1]])])
      expect((await checkout(first, aKey(), checkoutBody({ [shop.id]: FIRST_SLOT }))).status).toBe(201)
      const late = await checkout(second, aKey(), checkoutBody({ [shop.id]: FIRST_SLOT }))
      expectProblem(late, 409, 'inventory.insufficient_stock')
      expect(late.json.shortages).toEqual([
        { variantId: product.variants[0]!.id, requested: 1, available: 0 },
      ])
    })

    it('answers the same Idempotency-Key sent 20 times at once with one checkout, one order and one authorization', async () => {
      const shop = await aPickupShop()
      const product = await aStockedProduct(shop.id, 10)
      const visitor = await aVisitorWith([[product, 2]])
      const chargesBefore = (await db().selectFrom('test_card_charges').select('id').execute()).length
      const key = aKey()
      const body = checkoutBody({ [shop.id]: FIRST_SLOT }, { method: 'test_card', token: 'tok_visa' })

      const answers = await Promise.all(Array.from({ length: 20 }, () => checkout(visitor, key, body)))

      expect(answers.map((a) => a.status).sort()).toEqual([...Array(19).fill(200), 201])
      expect(new Set(answers.map((a) => a.json.id)).size).toBe(1)
      expect(answers.filter((a) => a.status === 200).every((a) => a.json.replayed === true)).toBe(true)
      expect(answers.find((a) => a.status === 201)!.json).toMatchObject({
        replayed: false,
        outcome: 'placed',
      })
      const orders = await db()
        .selectFrom('orders')
        .select('id')
        .where('checkout_id', '=', answers[0]!.json.id)
        .execute()
      expect(orders).toHaveLength(1)
      const operations = await db()
        .selectFrom('payment_operations')
        .innerJoin('payments', 'payments.id', 'payment_operations.payment_id')
        .select('payment_operations.kind')
        .where('payments.order_id', '=', orders[0]!.id)
        .execute()
      expect(operations).toEqual([{ kind: 'authorize' }])
      expect((await db().selectFrom('test_card_charges').select('id').execute()).length - chargesBefore).toBe(
        1,
      )
      expect(await stockOf(product)).toEqual({ on_hand: 10, reserved: 2 })
      const view = await call(visitor, 'GET', `/api/v1/checkouts/${answers[0]!.json.id}`)
      expect(view.json).toMatchObject({
        outcome: 'placed',
        orders: [{ id: orders[0]!.id, status: 'placed', paymentStatus: 'authorized' }],
      })
    })

    /** Two signed-in staff of the shop tap "collected" on the same ready card order at the same moment. */
    async function twoStaffCollect() {
      const shop = await aPickupShop()
      const product = await aStockedProduct(shop.id, 10)
      const { orderId } = await aPlacedOrder(shop, product, {
        payment: { method: 'test_card', token: 'tok_visa' },
      })
      const [anna, bruno] = await Promise.all([
        aStaffSession(server, shop.id),
        aStaffSession(server, shop.id),
      ])
      await moveTo(anna, shop.id, orderId, ['accepted', 'preparing', 'ready'])
      const answers = await Promise.all(
        [anna, bruno].map((staff) =>
          call(staff, 'POST', `/api/v1/shops/${shop.id}/admin/orders/${orderId}/transitions`, {
            to: 'collected',
          }),
        ),
      )
      return { shop, product, orderId, answers, staff: anna }
    }

    it('lets only one of two staff mark the same ready order collected, and captures once', async () => {
      const { shop, product, orderId, answers, staff } = await twoStaffCollect()
      expect(answers.filter((a) => a.status === 200)).toHaveLength(1)
      expect(answers.find((a) => a.status === 200)!.json.status).toBe('collected')
      const captures = await db()
        .selectFrom('outbox')
        .select('id')
        .where('topic', '=', 'payment.capture')
        .where('key', '=', orderId)
        .execute()
      expect(captures).toHaveLength(1)
      expect(await stockOf(product)).toEqual({ on_hand: 9, reserved: 0 })
      const events = await db()
        .selectFrom('order_events')
        .select('to_status')
        .where('order_id', '=', orderId)
        .where('to_status', '=', 'collected')
        .execute()
      expect(events).toHaveLength(1)
      expect((await call(staff, 'GET', `/api/v1/shops/${shop.id}/admin/orders/${orderId}`)).json.status).toBe(
        'collected',
      )
    })

    it('tells the second staff member the order was already collected (409 ordering.transition_refused)', async () => {
      const { answers } = await twoStaffCollect()
      expect(answers.map((a) => a.status).sort()).toEqual([200, 409])
      expectProblem(
        answers.find((a) => a.status !== 200)!,
        409,
        'ordering.transition_refused',
      )
    })
  })

  describe('bad input: a clear refusal, nothing half-written', () => {
    let shop: Shop
    let product: Product
    let hidden: Product
    let visitor: FormClient
    let variantId: string

    beforeAll(async () => {
      shop = await aPickupShop()
      product = await aStockedProduct(shop.id, 10, 300)
      hidden = await aStockedProduct(shop.id, 10, 300, 'hidden')
      visitor = await aVisitorWith([[product, 2]])
      variantId = product.variants[0]!.id
    })

    /** The visitor's basket still holds its 2 units, and the shop has no order. */
    async function expectNothingWritten() {
      expect(await basketLines(visitor)).toEqual([{ variantId, quantity: 2 }])
      expect(await ordersOf(shop.id)).toEqual([])
      expect(await stockOf(product)).toEqual({ on_hand: 10, reserved: 0 })
    }

    it('refuses quantities of 0, negative, fractional, huge or written as text', async () => {
      for (const quantity of [0, -1, 1.5, 10_000, '3', null]) {
        expectProblem(
          await call(visitor, 'POST', '/api/v1/basket/lines', { variantId, quantity }),
          400,
          'http.invalid_request',
          'quantity',
        )
      }
      for (const quantity of [-1, 1.5, 10_000, '3']) {
        expectProblem(
          await call(visitor, 'PUT', `/api/v1/basket/lines/${variantId}`, { quantity }),
          400,
          'http.invalid_request',
          'quantity',
        )
      }
      // Within the limits one at a time, but a line above 99 units or above the stock is refused too.
      expectProblem(
        await call(visitor, 'POST', '/api/v1/basket/lines', { variantId, quantity: 98 }),
        400,
        'ordering.invalid_quantity',
        'quantity',
      )
      expectProblem(
        await call(visitor, 'POST', '/api/v1/basket/lines', { variantId, quantity: 9 }),
        409,
        'ordering.not_enough_stock',
        'quantity',
      )
      await expectNothingWritten()
    })

    it('refuses an unknown product and a hidden one', async () => {
      expectProblem(
        await call(visitor, 'POST', '/api/v1/basket/lines', { variantId: newId(), quantity: 1 }),
        404,
        'ordering.variant_not_found',
        'variantId',
      )
      expectProblem(
        await call(visitor, 'POST', '/api/v1/basket/lines', {
          variantId: hidden.variants[0]!.id,
          quantity: 1,
        }),
        404,
        'ordering.variant_not_found',
        'variantId',
      )
      expectProblem(
        await call(visitor, 'PUT', `/api/v1/basket/lines/${hidden.variants[0]!.id}`, { quantity: 1 }),
        404,
        'ordering.line_not_found',
        'variantId',
      )
      await expectNothingWritten()
    })

    it('needs an Idempotency-Key of 8 to 100 printable characters', async () => {
      const body = checkoutBody({ [shop.id]: FIRST_SLOT })
      expectProblem(await checkout(visitor, undefined, body), 400, 'http.invalid_request', 'idempotency-key')
      for (const key of ['abc', '1234567', 'clé avec espaces']) {
        expectProblem(
          await checkout(visitor, key, body),
          400,
          'ordering.invalid_idempotency_key',
          'idempotencyKey',
        )
      }
      await expectNothingWritten()
    })

    it('refuses a slot of another shop, a slot not offered and a missing slot, naming the shop’s field', async () => {
      const other = await aPickupShop({ slotMinutes: 20 })
      const otherSlots = (
        await call(undefined, 'GET', `/api/v1/shops/${other.id}/pickup-slots`)
      ).json.items.map((s: Json) => s.startsAt)
      const ourSlots = (await call(undefined, 'GET', `/api/v1/shops/${shop.id}/pickup-slots`)).json.items.map(
        (s: Json) => s.startsAt,
      )
      const theirs = '2026-11-23T09:20:00.000Z'
      expect(otherSlots).toContain(theirs)
      expect(ourSlots).not.toContain(theirs)
      const field = `slots.${shop.id}`

      expectProblem(
        await checkout(visitor, aKey(), checkoutBody({ [shop.id]: theirs })),
        400,
        'ordering.slot_not_offered',
        field,
      )
      // Past, off the grid, on a Sunday (closed), not a date at all.
      for (const slot of [
        '2026-11-23T07:00:00.000Z',
        '2026-11-23T09:05:00.000Z',
        '2026-11-29T09:00:00.000Z',
        'demain midi',
      ]) {
        expectProblem(
          await checkout(visitor, aKey(), checkoutBody({ [shop.id]: slot })),
          400,
          'ordering.slot_not_offered',
          field,
        )
      }
      expectProblem(await checkout(visitor, aKey(), checkoutBody({})), 400, 'ordering.slot_required', field)
      expectProblem(
        await checkout(visitor, aKey(), checkoutBody({ [other.id]: theirs })),
        400,
        'ordering.slot_required',
        field,
      )
      expect(
        await db()
          .selectFrom('slot_loads')
          .select('orders')
          .where('shop_id', '=', shop.id)
          .where('orders', '>', 0)
          .execute(),
      ).toEqual([])
      await expectNothingWritten()
    })

    it('refuses an invalid email, an unknown payment method and unknown fields', async () => {
      const slots = { [shop.id]: FIRST_SLOT }
      const badEmail = await checkout(visitor, aKey(), {
        ...checkoutBody(slots),
        contact: { ...contact, email: 'camille-at-example' },
      })
      expectProblem(badEmail, 400, 'ordering.invalid_checkout', 'contact.email')
      expect(badEmail.json.errors).toEqual([{ field: 'contact.email', code: 'invalid_email' }])
      expectProblem(
        await checkout(visitor, aKey(), checkoutBody(slots, { method: 'bitcoin' })),
        400,
        'http.invalid_request',
        'payment.method',
      )
      expectProblem(
        await checkout(visitor, aKey(), { ...checkoutBody(slots), total: 1 }),
        400,
        'http.invalid_request',
        'total',
      )
      await expectNothingWritten()
    })

    it('refuses to check out an empty basket', async () => {
      expectProblem(
        await checkout(new FormClient(server.baseUrl), aKey(), checkoutBody({ [shop.id]: FIRST_SLOT })),
        409,
        'ordering.empty_basket',
      )
      const emptied = await aVisitorWith([[product, 1]])
      expect(
        (await emptied.api('PUT', `/api/v1/basket/lines/${variantId}`, { quantity: 0 })).json.lineCount,
      ).toBe(0)
      expectProblem(
        await checkout(emptied, aKey(), checkoutBody({ [shop.id]: FIRST_SLOT })),
        409,
        'ordering.empty_basket',
      )
      await expectNothingWritten()
    })

    it('tells the resident a price changed, and checks out at the new price once they accept it', async () => {
      const own = await aPickupShop()
      const jam = await aStockedProduct(own.id, 5, 300)
      const buyer = await aVisitorWith([[jam, 1]])
      await updateProduct({ db: db(), clock, mediaDir: '' }, undefined, own.id, jam.id, {
        name: jam.name,
        description: '',
        kind: 'product',
        vatRateBp: 550,
        status: 'published',
        variants: [{ id: jam.variants[0]!.id, name: 'Pièce', priceCents: 350 }],
      })
      const basket = (await buyer.api('GET', '/api/v1/basket')).json
      expect(basket.shops[0].lines[0]).toMatchObject({
        priceChanged: true,
        seenPriceCents: 300,
        unitPriceCents: 350,
      })

      const key = aKey()
      const body = checkoutBody({ [own.id]: FIRST_SLOT })
      const refused = await checkout(buyer, key, body)
      expectProblem(refused, 409, 'ordering.price_changed')
      expect(await ordersOf(own.id)).toEqual([])
      expect(await stockOf(jam)).toEqual({ on_hand: 5, reserved: 0 })

      const accepted = await buyer.api('POST', '/api/v1/basket/prices')
      expect(accepted.status).toBe(200)
      expect(accepted.json.shops[0].lines[0]).toMatchObject({ priceChanged: false, seenPriceCents: 350 })
      // The refused attempt claimed nothing: the same key now places the order.
      const placed = await checkout(buyer, key, body)
      expect(placed.status).toBe(201)
      expect(placed.json.orders[0]).toMatchObject({
        totalCents: 350,
        lines: [{ unitPriceCents: 350, quantity: 1 }],
      })
    })

    it('says how many units are left and which prices changed', async () => {
      const own = await aPickupShop()
      const jam = await aStockedProduct(own.id, 5, 300)
      const buyer = await aVisitorWith([[jam, 1]])
      const tooMany = await call(buyer, 'POST', '/api/v1/basket/lines', {
        variantId: jam.variants[0]!.id,
        quantity: 5,
      })
      expectProblem(tooMany, 409, 'ordering.not_enough_stock', 'quantity')
      expect(tooMany.json.available).toBe(5)
      await updateProduct({ db: db(), clock, mediaDir: '' }, undefined, own.id, jam.id, {
        name: jam.name,
        description: '',
        kind: 'product',
        vatRateBp: 550,
        status: 'published',
        variants: [{ id: jam.variants[0]!.id, name: 'Pièce', priceCents: 350 }],
      })
      const refused = await checkout(buyer, aKey(), checkoutBody({ [own.id]: FIRST_SLOT }))
      expectProblem(refused, 409, 'ordering.price_changed')
      expect(refused.json.lines).toEqual([
        { variantId: jam.variants[0]!.id, seenPriceCents: 300, priceCents: 350 },
      ])
    })

    it('refuses the same Idempotency-Key with a different request, and replays it with the same one', async () => {
      const own = await aPickupShop()
      const jam = await aStockedProduct(own.id, 5)
      const buyer = await aVisitorWith([[jam, 1]])
      const key = aKey()
      const first = await checkout(buyer, key, checkoutBody({ [own.id]: FIRST_SLOT }))
      expect(first.status).toBe(201)

      expectProblem(
        await checkout(buyer, key, checkoutBody({ [own.id]: SECOND_SLOT })),
        409,
        'ordering.idempotency_key_reused',
        'idempotencyKey',
      )
      expectProblem(
        await checkout(buyer, key, {
          ...checkoutBody({ [own.id]: FIRST_SLOT }),
          contact: { ...contact, name: 'Quelqu’un d’autre' },
        }),
        409,
        'ordering.idempotency_key_reused',
      )
      const replay = await checkout(buyer, key, checkoutBody({ [own.id]: FIRST_SLOT }))
      expect(replay).toMatchObject({ status: 200, json: { id: first.json.id, replayed: true } })
      expect(await ordersOf(own.id)).toHaveLength(1)
      expect(await stockOf(jam)).toEqual({ on_hand: 5, reserved: 1 })
    })
  })

  describe('tenants and owners', () => {
    it('keeps shop A’s orders, board and pickup codes away from shop B’s staff', async () => {
      const [a, b] = await Promise.all([aPickupShop(), aPickupShop()])
      const product = await aStockedProduct(a.id, 10)
      const { orderId, pickupCode } = await aPlacedOrder(a, product)
      const [staffA, staffB] = await Promise.all([aStaffSession(server, a.id), aStaffSession(server, b.id)])
      await moveTo(staffA, a.id, orderId, ['preparing', 'ready'])

      expectProblem(
        await call(staffB, 'GET', `/api/v1/shops/${a.id}/admin/orders`),
        404,
        'shops.shop_not_found',
      )
      expectProblem(
        await call(staffB, 'GET', `/api/v1/shops/${a.id}/admin/orders/${orderId}`),
        404,
        'shops.shop_not_found',
      )
      expectProblem(
        await call(staffB, 'POST', `/api/v1/shops/${a.id}/admin/orders/${orderId}/transitions`, {
          to: 'collected',
        }),
        404,
        'shops.shop_not_found',
      )
      expectProblem(
        await call(staffB, 'GET', `/api/v1/shops/${b.id}/admin/orders/${orderId}`),
        404,
        'ordering.order_not_found',
      )
      expectProblem(
        await call(staffB, 'POST', `/api/v1/shops/${b.id}/admin/orders/${orderId}/transitions`, {
          to: 'collected',
        }),
        404,
        'ordering.order_not_found',
      )
      expectProblem(
        await call(staffB, 'POST', `/api/v1/shops/${b.id}/admin/orders/${orderId}/transitions`, {
          to: 'cancelled',
          reason: 'rupture',
        }),
        404,
        'ordering.order_not_found',
      )
      expect((await call(staffB, 'GET', `/api/v1/shops/${b.id}/admin/orders`)).json.items).toEqual([])
      expectProblem(
        await call(staffB, 'POST', `/api/v1/shops/${b.id}/admin/pickups`, { code: pickupCode }),
        404,
        'ordering.unknown_pickup_code',
        'code',
      )

      const still = await call(staffA, 'GET', `/api/v1/shops/${a.id}/admin/orders/${orderId}`)
      expect(still.json).toMatchObject({ status: 'ready', closedAt: null })
      expect(await stockOf(product)).toEqual({ on_hand: 10, reserved: 1 })
    })

    it('lets only the shop’s staff change a line, with a clear refusal for bad input (UX-03)', async () => {
      const [a, b] = await Promise.all([aPickupShop(), aPickupShop()])
      const product = await aStockedProduct(a.id, 10)
      const { visitor, orderId } = await aPlacedOrder(a, product, { quantity: 3 })
      const [staffA, staffB] = await Promise.all([aStaffSession(server, a.id), aStaffSession(server, b.id)])
      const adjustments = (shopId: string) =>
        `/api/v1/shops/${shopId}/admin/orders/${orderId}/lines/0/adjustments`

      expectProblem(
        await call(staffB, 'POST', adjustments(a.id), { kind: 'partial', quantity: 1 }),
        404,
        'shops.shop_not_found',
      )
      expectProblem(
        await call(staffB, 'POST', adjustments(b.id), { kind: 'partial', quantity: 1 }),
        404,
        'ordering.order_not_found',
      )
      expect((await call(visitor, 'POST', adjustments(a.id), { kind: 'partial', quantity: 1 })).status).toBe(
        401,
      )
      expectProblem(
        await call(staffA, 'POST', adjustments(a.id), { kind: 'partial', quantity: 3 }),
        400,
        'ordering.invalid_adjustment',
        'quantity',
      )
      expect((await call(staffA, 'POST', adjustments(a.id), { kind: 'partial', quantity: '1' })).status).toBe(
        400,
      )
      expect((await call(staffA, 'POST', adjustments(a.id), { kind: 'refund' })).status).toBe(400)
      expect(await stockOf(product)).toEqual({ on_hand: 10, reserved: 3 })

      const changed = await call(staffA, 'POST', adjustments(a.id), { kind: 'partial', quantity: 1 })
      expect(changed.status).toBe(200)
      expect(changed.json).toMatchObject({
        id: orderId,
        totalCents: product.variants[0]!.priceCents,
        lines: [{ quantity: 1 }],
      })
      expect(await stockOf(product)).toEqual({ on_hand: 10, reserved: 1 })
      const history = await call(staffA, 'GET', `/api/v1/shops/${a.id}/admin/orders/${orderId}/line-changes`)
      expect(history.json.items).toMatchObject([{ kind: 'partial', quantityBefore: 3, quantityAfter: 1 }])
    })

    it('shows and cancels a checkout only for the visitor who placed it', async () => {
      const shop = await aPickupShop()
      const product = await aStockedProduct(shop.id, 10)
      const { visitor, checkoutId, orderId } = await aPlacedOrder(shop, product)
      const stranger = await aVisitorWith([[product, 1]])

      for (const someone of [stranger, new FormClient(server.baseUrl)]) {
        expectProblem(
          await call(someone, 'GET', `/api/v1/checkouts/${checkoutId}`),
          404,
          'ordering.checkout_not_found',
        )
        expectProblem(
          await call(someone, 'POST', `/api/v1/checkouts/${checkoutId}/orders/${orderId}/cancel`),
          404,
          'ordering.checkout_not_found',
        )
      }
      expect(await stockOf(product)).toEqual({ on_hand: 10, reserved: 1 })
      const mine = await call(visitor, 'GET', `/api/v1/checkouts/${checkoutId}`)
      expect(mine).toMatchObject({
        status: 200,
        json: { id: checkoutId, outcome: 'placed', orders: [{ id: orderId, status: 'placed' }] },
      })
      // Their own checkout, but an order id that is not in it.
      expectProblem(
        await call(visitor, 'POST', `/api/v1/checkouts/${checkoutId}/orders/${newId()}/cancel`),
        404,
        'ordering.order_not_found',
      )
    })
  })

  describe('residents and shops', () => {
    it('keeps a resident’s basket through sign-in, lists their orders, and lets them cancel until preparation starts', async () => {
      const shop = await aPickupShop()
      const product = await aStockedProduct(shop.id, 10)
      const email = `resident-${newId().toLowerCase()}@example.fr`
      await createUser({ db: db(), clock }, { email, password: PASSWORD, displayName: 'Camille' })

      const resident = await aVisitorWith([[product, 3]])
      await signIn(email, PASSWORD, resident)
      expect(resident.cookieHeader()).not.toContain('comptoir_panier')
      expect(await basketLines(resident)).toEqual([{ variantId: product.variants[0]!.id, quantity: 3 }])

      const placed = await checkout(resident, aKey(), checkoutBody({ [shop.id]: FIRST_SLOT }))
      expect(placed.status).toBe(201)
      const first = placed.json.orders[0]
      expect(await basketLines(resident)).toEqual([])
      const listed = await call(resident, 'GET', '/api/v1/orders')
      expect(listed.json.items.map((o: Json) => [o.id, o.status])).toEqual([[first.id, 'placed']])
      expect(await stockOf(product)).toEqual({ on_hand: 10, reserved: 3 })

      const cancelled = await call(
        resident,
        'POST',
        `/api/v1/checkouts/${placed.json.id}/orders/${first.id}/cancel`,
      )
      expect(cancelled).toMatchObject({
        status: 200,
        json: { id: first.id, status: 'cancelled', cancelReason: 'resident', cancelNote: null },
      })
      expect(await stockOf(product)).toEqual({ on_hand: 10, reserved: 0 })

      expect(
        (
          await resident.api('POST', '/api/v1/basket/lines', {
            variantId: product.variants[0]!.id,
            quantity: 1,
          })
        ).status,
      ).toBe(200)
      const again = await checkout(resident, aKey(), checkoutBody({ [shop.id]: SECOND_SLOT }))
      expect(again.status).toBe(201)
      const second = again.json.orders[0]
      await moveTo(await aStaffSession(server, shop.id), shop.id, second.id, ['preparing'])
      // Refused (the exact answer is checked below, in a test marked as failing).
      expect(
        (await call(resident, 'POST', `/api/v1/checkouts/${again.json.id}/orders/${second.id}/cancel`))
          .status,
      ).not.toBe(200)
      expect(await stockOf(product)).toEqual({ on_hand: 10, reserved: 1 })
      expect(
        (await call(resident, 'GET', '/api/v1/orders')).json.items.map((o: Json) => [o.id, o.status]),
      ).toEqual([
        [second.id, 'preparing'],
        [first.id, 'cancelled'],
      ])
      expectProblem(
        await call(new FormClient(server.baseUrl), 'GET', '/api/v1/orders'),
        401,
        'identity.unauthenticated',
      )
    })

    it('tells the resident 409 ordering.transition_refused once the shop started preparing', async () => {
      const shop = await aPickupShop()
      const product = await aStockedProduct(shop.id, 10)
      const { visitor, checkoutId, orderId } = await aPlacedOrder(shop, product)
      await moveTo(await aStaffSession(server, shop.id), shop.id, orderId, ['preparing'])
      expectProblem(
        await call(visitor, 'POST', `/api/v1/checkouts/${checkoutId}/orders/${orderId}/cancel`),
        409,
        'ordering.transition_refused',
      )
    })

    it('shows staff today’s orders by slot without pending card orders, and hands one over by its code', async () => {
      const shop = await aPickupShop()
      const product = await aStockedProduct(shop.id, 10)
      const staff = await aStaffSession(server, shop.id)
      const later = await aPlacedOrder(shop, product, { quantity: 2, slot: SECOND_SLOT })
      const sooner = await aPlacedOrder(shop, product, { quantity: 1, slot: FIRST_SLOT })

      let open: () => void = () => undefined
      authorizationGate = new Promise((resolve) => (open = resolve))
      let pending: Promise<ApiAnswer> | undefined
      try {
        const cardVisitor = await aVisitorWith([[product, 1]])
        pending = checkout(
          cardVisitor,
          aKey(),
          checkoutBody({ [shop.id]: THIRD_SLOT }, { method: 'test_card', token: 'tok_visa' }),
        )
        for (
          let i = 0;
          i < 500 && !(await ordersOf(shop.id)).some((o) => o.status === 'pending_payment');
          i++
        )
          await new Promise((r) => setTimeout(r, 10))
        expect((await ordersOf(shop.id)).filter((o) => o.status === 'pending_payment')).toHaveLength(1)

        const board = await call(staff, 'GET', `/api/v1/shops/${shop.id}/admin/orders`)
        expect(board.status).toBe(200)
        expect(board.json.items.map((o: Json) => [o.id, o.slotStartsAt])).toEqual([
          [sooner.orderId, FIRST_SLOT],
          [later.orderId, SECOND_SLOT],
        ])
      } finally {
        authorizationGate = undefined
        open()
      }
      const paid = await pending!
      expect(paid).toMatchObject({ status: 201, json: { outcome: 'placed' } })
      const board = await call(staff, 'GET', `/api/v1/shops/${shop.id}/admin/orders`)
      expect(board.json.items.map((o: Json) => o.id)).toEqual([
        sooner.orderId,
        later.orderId,
        paid.json.orders[0].id,
      ])

      await moveTo(staff, shop.id, later.orderId, ['preparing', 'ready'])
      const typed = `${later.pickupCode.slice(0, 3).toLowerCase()} ${later.pickupCode.slice(3).toLowerCase()}`
      const collected = await call(staff, 'POST', `/api/v1/shops/${shop.id}/admin/pickups`, { code: typed })
      expect(collected).toMatchObject({ status: 200, json: { id: later.orderId, status: 'collected' } })
      expect(collected.json.closedAt).toEqual(expect.any(String))
      expect(await stockOf(product)).toEqual({ on_hand: 8, reserved: 2 })
      const ready = await call(staff, 'GET', `/api/v1/shops/${shop.id}/admin/orders?status=ready`)
      expect(ready.json.items).toEqual([])
    })
  })

  it('documents POST /api/v1/checkouts with its Idempotency-Key header in the OpenAPI document', async () => {
    const doc = (await (await fetch(`${server.baseUrl}/api/openapi.json`)).json()) as Json
    const operation = doc.paths['/api/v1/checkouts']?.post
    expect(operation).toBeDefined()
    expect(operation.parameters).toContainEqual(
      expect.objectContaining({ in: 'header', name: 'idempotency-key', required: true }),
    )
    expect(Object.keys(operation.responses)).toEqual(
      expect.arrayContaining(['200', '201', '400', '409', '429']),
    )
    expect(operation.requestBody.content['application/json'].schema.properties).toHaveProperty('slots')
  })

  it('answers the 61st checkout from one address within a minute with 429, without placing it', async () => {
    const limited = await startTestApp(db(), { clock })
    try {
      const shop = await aPickupShop()
      const product = await aStockedProduct(shop.id, 100)
      // The baskets are filled through the other server (same database), so only checkouts reach this one.
      const visitors = await Promise.all(Array.from({ length: 61 }, () => aVisitorWith([[product, 1]])))
      const body = checkoutBody({ [shop.id]: FIRST_SLOT })
      const place = (visitor: FormClient) =>
        send(limited.baseUrl, visitor, 'POST', '/api/v1/checkouts', body, { 'idempotency-key': aKey() })
      const first60 = await Promise.all(visitors.slice(0, 60).map(place))
      expect(first60.map((a) => a.status)).toEqual(Array(60).fill(201))

      const sixtyFirst = await place(visitors[60]!)
      expectProblem(sixtyFirst, 429, 'http.rate_limited')
      expect(await ordersOf(shop.id)).toHaveLength(60)
      expect(await stockOf(product)).toEqual({ on_hand: 100, reserved: 60 })
      expect(await basketLines(visitors[60]!)).toEqual([{ variantId: product.variants[0]!.id, quantity: 1 }])
    } finally {
      await limited.close()
    }
  })

  it('does not count basket changes against the checkout limit', async () => {
    const limited = await startTestApp(db(), { clock })
    try {
      const shop = await aPickupShop()
      const product = await aStockedProduct(shop.id, 100)
      const visitor = new FormClient(limited.baseUrl)
      const variantId = product.variants[0]!.id
      expect((await visitor.api('POST', '/api/v1/basket/lines', { variantId, quantity: 1 })).status).toBe(200)
      for (let i = 0; i < 60; i++)
        expect(
          (await visitor.api('PUT', `/api/v1/basket/lines/${variantId}`, { quantity: 1 + (i % 5) })).status,
        ).toBe(200)
      const placed = await send(
        limited.baseUrl,
        visitor,
        'POST',
        '/api/v1/checkouts',
        checkoutBody({ [shop.id]: FIRST_SLOT }),
        { 'idempotency-key': aKey() },
      )
      expect(placed.status).toBe(201)
    } finally {
      await limited.close()
    }
  })

  it('names each checkout refusal in French, not by its code', async () => {
    const shop = await aPickupShop()
    const product = await aStockedProduct(shop.id, 5)
    const visitor = await aVisitorWith([[product, 1]])
    const answers = [
      await checkout(visitor, aKey(), checkoutBody({})),
      await checkout(visitor, aKey(), checkoutBody({ [shop.id]: '2026-11-23T07:00:00.000Z' })),
      await checkout(visitor, 'abc', checkoutBody({ [shop.id]: FIRST_SLOT })),
      await checkout(new FormClient(server.baseUrl), aKey(), checkoutBody({ [shop.id]: FIRST_SLOT })),
      await call(visitor, 'POST', '/api/v1/basket/lines', { variantId: newId(), quantity: 1 }),
    ]
    expect(answers.map((a) => ({ code: a.json.code, title: a.json.title }))).toEqual([
      { code: 'ordering.slot_required', title: 'Choisissez un créneau de retrait.' },
      { code: 'ordering.slot_not_offered', title: 'Ce créneau n’est plus proposé : choisissez-en un autre.' },
      {
        code: 'ordering.invalid_idempotency_key',
        title: 'Le formulaire a expiré. Rechargez la page et réessayez.',
      },
      { code: 'ordering.empty_basket', title: 'Votre panier est vide.' },
      { code: 'ordering.variant_not_found', title: 'Ce produit n’est plus en vente.' },
    ])
  })
})
