import { beforeAll, describe, expect, it } from 'vitest'
import { aProduct } from '../../../test/factories/catalog.js'
import {
  aPickupShop as pickupShop,
  FIRST_SLOT,
  MONDAY_MORNING,
  SECOND_SLOT,
} from '../../../test/factories/ordering.js'
import { forEachEngine } from '../../../test/harness/engines.js'
import { outcomeOf } from '../../../test/harness/outcome.js'
import { AppError } from '../../lib/app-error.js'
import { ChangeFeed } from '../../lib/change-feed.js'
import { fixedClock } from '../../lib/clock.js'
import type { ShopId, UserId } from '../../lib/ids.js'
import { newSecretToken } from '../../lib/secret-token.js'
import { setVariantStock, updateProduct, type Product } from '../catalog/index.js'
import { builtInPaymentProviders, TEST_CARD_TOKENS, type PaymentProviders } from '../payments/index.js'
import { getShop, type PickupSettings } from '../shops/index.js'
import {
  addToBasket,
  collectByCode,
  confirmBasketPrices,
  getShopOrder,
  listPickupSlots,
  measurePickupWait,
  moveOrder,
  placeOrders,
  viewBasket,
  type PlaceOrdersInput,
} from './index.js'

const NOW = MONDAY_MORNING
const platform = undefined as unknown as UserId

const contact = { name: 'Camille Martin', email: 'camille@example.fr', phone: '06 12 34 56 78' }

forEachEngine('ordering', ({ db }) => {
  const clock = fixedClock(NOW)
  const changes = new ChangeFeed()
  let payments: PaymentProviders
  const deps = () => ({ db: db(), clock, changes, payments })

  beforeAll(() => {
    payments = builtInPaymentProviders(db())
  })

  const aPickupShop = (settings: Partial<PickupSettings> = {}) => pickupShop(db(), clock, { settings })

  async function aStockedProduct(shopId: ShopId, onHand: number, priceCents = 250): Promise<Product> {
    return aProduct(db(), shopId, { variants: [{ name: 'Pièce', priceCents, onHand }] })
  }

  const hasStock = async (product: Product) =>
    (
      await db()
        .selectFrom('products')
        .select('has_stock')
        .where('id', '=', product.id)
        .executeTakeFirstOrThrow()
    ).has_stock
  const stockOf = async (product: Product) =>
    db()
      .selectFrom('stock_levels')
      .select(['on_hand', 'reserved'])
      .where('variant_id', '=', product.variants[0]!.id)
      .executeTakeFirstOrThrow()

  /** A visitor with `quantity` of each product in their basket, ready to check out. */
  async function aVisitorWith(items: Array<[Product, number]>) {
    const owner = { token: newSecretToken() }
    for (const [product, quantity] of items)
      await addToBasket(deps(), owner, product.variants[0]!.id, quantity)
    return owner
  }

  function checkout(
    owner: PlaceOrdersInput['owner'],
    slots: Record<string, string>,
    overrides: Partial<PlaceOrdersInput> = {},
  ): PlaceOrdersInput {
    return {
      owner,
      userId: undefined,
      idempotencyKey: `key-${newSecretToken()}`,
      contact,
      slots,
      payment: { method: 'counter' },
      ...overrides,
    }
  }

  describe('placing orders', () => {
    it('splits a two-shop basket into one order per shop, holds the units and empties the basket', async () => {
      const bakery = await aPickupShop()
      const cheese = await aPickupShop()
      const bread = await aStockedProduct(bakery.id, 10, 120)
      const comte = await aStockedProduct(cheese.id, 5, 890)
      const owner = await aVisitorWith([
        [bread, 3],
        [comte, 1],
      ])
      const basket = await viewBasket(db(), owner)
      expect(basket.parts.map((p) => p.totalCents).sort()).toEqual([360, 890])
      expect(basket.totalCents).toBe(1250)

      const result = await placeOrders(
        deps(),
        checkout(owner, { [bakery.id]: FIRST_SLOT, [cheese.id]: SECOND_SLOT }),
      )
      expect(result.outcome).toBe('placed')
      expect(result.orders).toHaveLength(2)
      expect(await stockOf(bread)).toEqual({ on_hand: 10, reserved: 3 })
      expect(await stockOf(comte)).toEqual({ on_hand: 5, reserved: 1 })
      expect((await viewBasket(db(), owner)).lineCount).toBe(0)

      const orders = await Promise.all(
        result.orders.map(({ id }) =>
          db().selectFrom('orders').selectAll().where('id', '=', id).executeTakeFirstOrThrow(),
        ),
      )
      expect(orders.map((o) => o.status)).toEqual(['placed', 'placed'])
      expect(orders.find((o) => o.shop_id === bakery.id)?.slot_starts_at).toBe(FIRST_SLOT)
      // One confirmation for the whole checkout, whatever the number of shops.
      const confirmations = await db()
        .selectFrom('outbox')
        .select('key')
        .where('topic', '=', 'checkout.confirmed')
        .where('key', '=', result.id)
        .execute()
      expect(confirmations).toHaveLength(1)
    })

    it('never sells more than the stock, however many visitors check out at once', async () => {
      const shop = await aPickupShop()
      const product = await aStockedProduct(shop.id, 20)
      const visitors = await Promise.all(Array.from({ length: 60 }, () => aVisitorWith([[product, 1]])))
      const outcomes = await Promise.all(
        visitors.map((owner) => outcomeOf(placeOrders(deps(), checkout(owner, { [shop.id]: FIRST_SLOT })))),
      )
      expect(outcomes.filter((o) => o === 'ok')).toHaveLength(20)
      expect(outcomes.filter((o) => o !== 'ok').every((o) => o === 'inventory.insufficient_stock')).toBe(true)
      expect(await stockOf(product)).toEqual({ on_hand: 20, reserved: 20 })
      const orders = await db().selectFrom('orders').select('id').where('shop_id', '=', shop.id).execute()
      expect(orders).toHaveLength(20)
      // Every unit is held: the "in stock" filter no longer lists the product.
      expect(await hasStock(product)).toBe(0)
    })

    it('says which line is short and how many are left, and holds nothing', async () => {
      const shop = await aPickupShop()
      const plenty = await aStockedProduct(shop.id, 10)
      const scarce = await aStockedProduct(shop.id, 3)
      const owner = await aVisitorWith([
        [plenty, 2],
        [scarce, 3],
      ])
      await setVariantStock(
        { db: db(), clock, mediaDir: '' },
        undefined,
        shop.id,
        scarce.id,
        scarce.variants[0]!.id,
        1,
      )
      const error = await placeOrders(deps(), checkout(owner, { [shop.id]: FIRST_SLOT })).catch(
        (e: unknown) => e,
      )
      expect(error).toBeInstanceOf(AppError)
      expect((error as AppError).code).toBe('inventory.insufficient_stock')
      expect((error as AppError).details.shortages).toEqual([
        { variantId: scarce.variants[0]!.id, requested: 3, available: 1 },
      ])
      expect(await stockOf(plenty)).toEqual({ on_hand: 10, reserved: 0 })
      expect((await viewBasket(db(), owner)).lineCount).toBe(2)
    })

    it('answers the same idempotency key with the same checkout, even sent twenty times at once', async () => {
      const shop = await aPickupShop()
      const product = await aStockedProduct(shop.id, 50)
      const owner = await aVisitorWith([[product, 2]])
      const input = checkout(
        owner,
        { [shop.id]: FIRST_SLOT },
        { payment: { method: 'test_card', token: TEST_CARD_TOKENS.accepted } },
      )
      const results = await Promise.all(Array.from({ length: 20 }, () => placeOrders(deps(), input)))
      expect(new Set(results.map((r) => r.id)).size).toBe(1)
      expect(results.filter((r) => !r.replayed)).toHaveLength(1)
      expect(await stockOf(product)).toEqual({ on_hand: 50, reserved: 2 })
      const orderId = results[0]!.orders[0]!.id
      const charges = await db()
        .selectFrom('payment_operations')
        .innerJoin('payments', 'payments.id', 'payment_operations.payment_id')
        .select('payment_operations.kind')
        .where('payments.order_id', '=', orderId)
        .execute()
      expect(charges).toEqual([{ kind: 'authorize' }])
      expect((await getShopOrder(db(), shop.id, orderId)).paymentStatus).toBe('authorized')
    })

    it('refuses the same key for a different checkout', async () => {
      const shop = await aPickupShop()
      const product = await aStockedProduct(shop.id, 5)
      const owner = await aVisitorWith([[product, 1]])
      const first = checkout(owner, { [shop.id]: FIRST_SLOT })
      await placeOrders(deps(), first)
      expect(await outcomeOf(placeOrders(deps(), { ...first, slots: { [shop.id]: SECOND_SLOT } }))).toBe(
        'ordering.idempotency_key_reused',
      )
    })

    it('asks the resident to confirm a price that changed since the product was added', async () => {
      const shop = await aPickupShop()
      const product = await aStockedProduct(shop.id, 5, 300)
      const owner = await aVisitorWith([[product, 1]])
      await updateProduct({ db: db(), clock, mediaDir: '' }, undefined, shop.id, product.id, {
        name: product.name,
        description: '',
        kind: 'product',
        vatRateBp: 550,
        status: 'published',
        variants: [{ id: product.variants[0]!.id, name: 'Pièce', priceCents: 350 }],
      })
      expect((await viewBasket(db(), owner)).parts[0]?.lines[0]?.priceChanged).toBe(true)
      expect(await outcomeOf(placeOrders(deps(), checkout(owner, { [shop.id]: FIRST_SLOT })))).toBe(
        'ordering.price_changed',
      )
      await confirmBasketPrices(deps(), owner)
      const result = await placeOrders(deps(), checkout(owner, { [shop.id]: FIRST_SLOT }))
      expect((await getShopOrder(db(), shop.id, result.orders[0]!.id)).totalCents).toBe(350)
    })

    it('refuses a missing, past, unoffered or full slot, and counts each slot’s orders', async () => {
      const shop = await aPickupShop({ slotCapacity: 1 })
      const product = await aStockedProduct(shop.id, 10)
      const [a, b] = await Promise.all([aVisitorWith([[product, 1]]), aVisitorWith([[product, 1]])])
      expect(await outcomeOf(placeOrders(deps(), checkout(a, {})))).toBe('ordering.slot_required')
      expect(
        await outcomeOf(placeOrders(deps(), checkout(a, { [shop.id]: '2026-11-23T08:15:00.000Z' }))),
      ).toBe('ordering.slot_not_offered')
      expect(
        await outcomeOf(placeOrders(deps(), checkout(a, { [shop.id]: '2026-11-23T09:05:00.000Z' }))),
      ).toBe('ordering.slot_not_offered')
      const [first, second] = await Promise.all([
        outcomeOf(placeOrders(deps(), checkout(a, { [shop.id]: FIRST_SLOT }))),
        outcomeOf(placeOrders(deps(), checkout(b, { [shop.id]: FIRST_SLOT }))),
      ])
      expect([first, second].sort()).toEqual(['ok', 'ordering.slot_full'])
      const slots = await listPickupSlots(db(), await getShop(db(), shop.id), clock.now())
      expect(slots.find((s) => s.startsAt.toISOString() === FIRST_SLOT)?.remaining).toBe(0)
      expect(await stockOf(product)).toEqual({ on_hand: 10, reserved: 1 })
    })

    it('gives everything back when the card is declined', async () => {
      const shop = await aPickupShop()
      const product = await aStockedProduct(shop.id, 5)
      const owner = await aVisitorWith([[product, 2]])
      const result = await placeOrders(
        deps(),
        checkout(
          owner,
          { [shop.id]: FIRST_SLOT },
          { payment: { method: 'test_card', token: TEST_CARD_TOKENS.declined } },
        ),
      )
      expect(result.outcome).toBe('payment_declined')
      expect(await stockOf(product)).toEqual({ on_hand: 5, reserved: 0 })
      const order = await getShopOrder(db(), shop.id, result.orders[0]!.id)
      expect([order.status, order.cancelReason]).toEqual(['cancelled', 'payment_declined'])
      expect(
        await db()
          .selectFrom('outbox')
          .select('id')
          .where('topic', '=', 'checkout.confirmed')
          .where('key', '=', result.id)
          .execute(),
      ).toEqual([])
    })
  })

  describe('the order lifecycle', () => {
    async function aPlacedOrder(quantity = 2, method: 'counter' | 'test_card' = 'counter') {
      const shop = await aPickupShop()
      const product = await aStockedProduct(shop.id, 10)
      const owner = await aVisitorWith([[product, quantity]])
      const result = await placeOrders(
        deps(),
        checkout(owner, { [shop.id]: FIRST_SLOT }, { payment: { method, token: TEST_CARD_TOKENS.accepted } }),
      )
      return { shop, product, orderId: result.orders[0]!.id, checkoutId: result.id }
    }
    const staff = (shopId: ShopId) => ({ by: 'shop' as const, shopId, userId: platform })

    it('goes placed → accepted → preparing → ready → collected, and the units leave the shop', async () => {
      const { shop, product, orderId } = await aPlacedOrder(2)
      for (const to of ['accepted', 'preparing', 'ready'] as const)
        await moveOrder(deps(), staff(shop.id), orderId, to)
      const order = await getShopOrder(db(), shop.id, orderId)
      expect(order.status).toBe('ready')
      await collectByCode(deps(), { shopId: shop.id, userId: platform }, order.pickupCode.toLowerCase())
      expect((await getShopOrder(db(), shop.id, orderId)).status).toBe('collected')
      expect(await stockOf(product)).toEqual({ on_hand: 8, reserved: 0 })
      const topics = await db()
        .selectFrom('outbox')
        .select('topic')
        .where('key', '=', orderId)
        .orderBy('topic')
        .execute()
      expect(topics.map((t) => t.topic)).toEqual(['order.no_show_due', 'order.ready', 'payment.capture'])
    })

    it('lets only one of two staff mark the same order collected', async () => {
      const { shop, orderId } = await aPlacedOrder(1, 'test_card')
      for (const to of ['accepted', 'preparing', 'ready'] as const)
        await moveOrder(deps(), staff(shop.id), orderId, to)
      const outcomes = await Promise.all(
        [0, 1].map(() => outcomeOf(moveOrder(deps(), staff(shop.id), orderId, 'collected'))),
      )
      expect(outcomes.sort()).toEqual(['ok', 'ordering.transition_refused'])
      expect(
        await db()
          .selectFrom('outbox')
          .select('id')
          .where('topic', '=', 'payment.capture')
          .where('key', '=', orderId)
          .execute(),
      ).toHaveLength(1)
    })

    it('lets the resident cancel until preparation starts, and gives the units back', async () => {
      const first = await aPlacedOrder(3)
      await moveOrder(
        deps(),
        { by: 'resident', userId: undefined, checkoutId: first.checkoutId },
        first.orderId,
        'cancelled',
      )
      expect(await stockOf(first.product)).toEqual({ on_hand: 10, reserved: 0 })

      const second = await aPlacedOrder(1)
      await moveOrder(deps(), staff(second.shop.id), second.orderId, 'preparing')
      expect(
        await outcomeOf(
          moveOrder(
            deps(),
            { by: 'resident', userId: undefined, checkoutId: second.checkoutId },
            second.orderId,
            'cancelled',
          ),
        ),
      ).toBe('ordering.transition_refused')
      // Someone else's checkout id is not theirs to cancel.
      expect(
        await outcomeOf(
          moveOrder(
            deps(),
            { by: 'resident', userId: undefined, checkoutId: first.checkoutId },
            second.orderId,
            'cancelled',
          ),
        ),
      ).toBe('ordering.order_not_found')
    })

    it('measures the wait at the counter between "ready" and "collected" (median and 90th percentile)', async () => {
      const shop = await aPickupShop()
      const product = await aStockedProduct(shop.id, 10)
      const orderIds: string[] = []
      for (let i = 0; i < 3; i++) {
        const owner = await aVisitorWith([[product, 1]])
        orderIds.push((await placeOrders(deps(), checkout(owner, { [shop.id]: FIRST_SLOT }))).orders[0]!.id)
      }
      try {
        for (const [i, waited] of [2, 5, 20].entries()) {
          clock.set('2026-11-23T09:00:00Z')
          await moveOrder(deps(), staff(shop.id), orderIds[i]!, 'preparing')
          await moveOrder(deps(), staff(shop.id), orderIds[i]!, 'ready')
          clock.set(new Date(Date.parse('2026-11-23T09:00:00Z') + waited * 60_000))
          await moveOrder(deps(), staff(shop.id), orderIds[i]!, 'collected')
        }
        expect(await measurePickupWait(db(), shop.id, '2026-11-01T00:00:00Z')).toEqual({
          collected: 3,
          medianMinutes: 5,
          p90Minutes: 20,
        })
        expect(await measurePickupWait(db(), shop.id, '2026-11-24T00:00:00Z')).toEqual({
          collected: 0,
          medianMinutes: undefined,
          p90Minutes: undefined,
        })
      } finally {
        clock.set(NOW)
      }
    })

    it('lists a product as in stock again when a cancellation gives its last units back', async () => {
      const shop = await aPickupShop()
      const product = await aStockedProduct(shop.id, 2)
      const owner = await aVisitorWith([[product, 2]])
      const result = await placeOrders(deps(), checkout(owner, { [shop.id]: FIRST_SLOT }))
      expect(await hasStock(product)).toBe(0)
      await moveOrder(deps(), staff(shop.id), result.orders[0]!.id, 'cancelled', 'Rupture de farine')
      expect(await hasStock(product)).toBe(1)
    })

    it('makes the shop say why it cancels, and keeps other shops out', async () => {
      const { shop, orderId, product } = await aPlacedOrder(2)
      expect(await outcomeOf(moveOrder(deps(), staff(shop.id), orderId, 'cancelled'))).toBe(
        'ordering.reason_required',
      )
      const other = await aPickupShop()
      expect(await outcomeOf(moveOrder(deps(), staff(other.id), orderId, 'cancelled', 'rupture'))).toBe(
        'ordering.order_not_found',
      )
      await moveOrder(deps(), staff(shop.id), orderId, 'cancelled', 'Four en panne')
      const order = await getShopOrder(db(), shop.id, orderId)
      expect([order.status, order.cancelReason, order.cancelNote]).toEqual([
        'cancelled',
        'shop',
        'Four en panne',
      ])
      expect(await stockOf(product)).toEqual({ on_hand: 10, reserved: 0 })
    })

    it('refuses a wrong pickup code and another shop’s code alike', async () => {
      const { shop, orderId } = await aPlacedOrder(1)
      await moveOrder(deps(), staff(shop.id), orderId, 'preparing')
      await moveOrder(deps(), staff(shop.id), orderId, 'ready')
      const code = (await getShopOrder(db(), shop.id, orderId)).pickupCode
      const other = await aPickupShop()
      expect(await outcomeOf(collectByCode(deps(), { shopId: other.id, userId: platform }, code))).toBe(
        'ordering.unknown_pickup_code',
      )
      expect(await outcomeOf(collectByCode(deps(), { shopId: shop.id, userId: platform }, 'ABC'))).toBe(
        'ordering.invalid_pickup_code',
      )
      expect((await getShopOrder(db(), shop.id, orderId)).status).toBe('ready')
    })
  })
})
