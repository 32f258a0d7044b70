import { beforeAll, describe, expect, it } from 'vitest'
import { aProduct } from '../../../test/factories/catalog.js'
import { aPickupShop, FIRST_SLOT, MONDAY_MORNING } from '../../../test/factories/ordering.js'
import { forEachEngine } from '../../../test/harness/engines.js'
import { outcomeOf } from '../../../test/harness/outcome.js'
import { ChangeFeed } from '../../lib/change-feed.js'
import { fixedClock } from '../../lib/clock.js'
import type { ShopId, UserId } from '../../lib/ids.js'
import { newSecretToken } from '../../lib/secret-token.js'
import type { Product } from '../catalog/index.js'
import { sendOrderAdjusted } from '../notifications/index.js'
import {
  builtInPaymentProviders,
  findPaymentOfOrder,
  TEST_CARD_TOKENS,
  type PaymentProviders,
} from '../payments/index.js'
import {
  addToBasket,
  adjustOrderLine,
  getShopOrder,
  listLineChanges,
  moveOrder,
  placeOrders,
  type LineAdjustment,
} from './index.js'

const staffUser = undefined as unknown as UserId

forEachEngine('adjusting order lines (UX-03)', ({ db }) => {
  const clock = fixedClock(MONDAY_MORNING)
  let payments: PaymentProviders
  const deps = () => ({ db: db(), clock, changes: new ChangeFeed(), payments })
  const mailDeps = () => ({
    db: db(),
    clock,
    mailTransport: undefined,
    mailFrom: 'Comptoir <contact@example.fr>',
    publicUrl: 'http://comptoir.test',
  })
  beforeAll(() => {
    payments = builtInPaymentProviders(db())
  })

  const aStocked = (shopId: ShopId, name: string, priceCents: number, onHand = 10) =>
    aProduct(db(), shopId, { name, variants: [{ name: 'Pièce', priceCents, onHand }] })
  const stockOf = async (product: Product) =>
    db()
      .selectFrom('stock_levels')
      .select(['on_hand', 'reserved'])
      .where('variant_id', '=', product.variants[0]!.id)
      .executeTakeFirstOrThrow()
  const staffOf = (shopId: ShopId) => ({ shopId, userId: staffUser })
  const adjust = (shopId: ShopId, orderId: string, position: number, adjustment: LineAdjustment) =>
    adjustOrderLine(deps(), staffOf(shopId), orderId, position, adjustment)

  /** A card order at one shop: 3 loaves (2.50 €) and 2 jams (4.00 €). */
  async function anOrder() {
    const shop = await aPickupShop(db(), clock)
    const bread = await aStocked(shop.id, 'Pain de campagne', 250)
    const jam = await aStocked(shop.id, 'Confiture de fraises', 400)
    const owner = { token: newSecretToken() }
    await addToBasket(deps(), owner, bread.variants[0]!.id, 3)
    await addToBasket(deps(), owner, jam.variants[0]!.id, 2)
    const placed = await placeOrders(deps(), {
      owner,
      userId: undefined,
      idempotencyKey: `key-${newSecretToken()}`,
      contact: { name: 'Camille Martin', email: 'camille@example.fr', phone: '' },
      slots: { [shop.id]: FIRST_SLOT },
      payment: { method: 'test_card', token: TEST_CARD_TOKENS.accepted },
    })
    const order = placed.orders[0]!
    const position = (product: Product) => order.lines.findIndex((l) => l.productId === product.id)
    return { shop, bread, jam, orderId: order.id, breadLine: position(bread), jamLine: position(jam) }
  }

  const adjustedMails = () =>
    db()
      .selectFrom('mail_messages')
      .select(['subject', 'text_body'])
      .where('source_key', 'like', 'order.adjusted:%')
      .orderBy('created_at')
      .execute()
  const pendingNotices = (orderId: string) =>
    db()
      .selectFrom('outbox')
      .select(['key', 'not_before'])
      .where('topic', '=', 'order.adjusted')
      .where('key', 'like', `${orderId}:%`)
      .where('done_at', 'is', null)
      .execute()

  describe('what staff can change', () => {
    it('serves fewer units: the rest goes back on the shelf, the total and the amount to capture go down', async () => {
      const { shop, bread, orderId, breadLine } = await anOrder()
      const order = await adjust(shop.id, orderId, breadLine, { kind: 'partial', quantity: 1 })
      expect(order.lines.find((l) => l.productId === bread.id)?.quantity).toBe(1)
      expect(order.totalCents).toBe(250 + 800)
      expect(await stockOf(bread)).toEqual({ on_hand: 10, reserved: 1 })
      expect((await findPaymentOfOrder(db(), orderId))?.amountCents).toBe(1050)
      expect(
        (await listLineChanges(db(), orderId)).map((c) => [c.kind, c.quantityBefore, c.quantityAfter]),
      ).toEqual([['partial', 3, 1]])
    })

    it('replaces a line by another product of the shop, holding its units and charging the lower price', async () => {
      const { shop, bread, orderId, breadLine } = await anOrder()
      const rye = await aStocked(shop.id, 'Pain de seigle', 320, 5)
      const order = await adjust(shop.id, orderId, breadLine, {
        kind: 'substitute',
        variantId: rye.variants[0]!.id,
        quantity: 3,
      })
      const line = order.lines.find((l) => l.productId === rye.id)
      expect([line?.productName, line?.quantity, line?.unitPriceCents]).toEqual(['Pain de seigle', 3, 250])
      expect(await stockOf(bread)).toEqual({ on_hand: 10, reserved: 0 })
      expect(await stockOf(rye)).toEqual({ on_hand: 5, reserved: 3 })
      expect(order.totalCents).toBe(750 + 800)
    })

    it('refuses a substitute it cannot hold, and changes nothing', async () => {
      const { shop, bread, orderId, breadLine } = await anOrder()
      const scarce = await aStocked(shop.id, 'Pain aux noix', 300, 1)
      expect(
        await outcomeOf(
          adjust(shop.id, orderId, breadLine, {
            kind: 'substitute',
            variantId: scarce.variants[0]!.id,
            quantity: 3,
          }),
        ),
      ).toBe('inventory.insufficient_stock')
      expect(await stockOf(bread)).toEqual({ on_hand: 10, reserved: 3 })
      expect(await stockOf(scarce)).toEqual({ on_hand: 1, reserved: 0 })
      expect(await listLineChanges(db(), orderId)).toEqual([])
    })

    it('withdraws a line, but not the last one (the order is cancelled with a reason instead)', async () => {
      const { shop, jam, orderId, breadLine, jamLine } = await anOrder()
      const order = await adjust(shop.id, orderId, jamLine, { kind: 'withdraw' })
      expect(order.lines.map((l) => l.productName)).toEqual(['Pain de campagne'])
      expect(order.totalCents).toBe(750)
      expect(await stockOf(jam)).toEqual({ on_hand: 10, reserved: 0 })
      expect(await outcomeOf(adjust(shop.id, orderId, breadLine, { kind: 'withdraw' }))).toBe(
        'ordering.last_line',
      )
    })

    it('refuses bad input, other shops and orders already handed over, with nothing half-written', async () => {
      const { shop, bread, orderId, breadLine } = await anOrder()
      const other = await aPickupShop(db(), clock)
      const foreign = await aStocked(other.id, 'Pain d’ailleurs', 100)
      for (const quantity of [0, 3, 4, 1.5, -1])
        expect(await outcomeOf(adjust(shop.id, orderId, breadLine, { kind: 'partial', quantity }))).toBe(
          'ordering.invalid_adjustment',
        )
      expect(
        await outcomeOf(
          adjust(shop.id, orderId, breadLine, {
            kind: 'substitute',
            variantId: foreign.variants[0]!.id,
            quantity: 1,
          }),
        ),
      ).toBe('ordering.invalid_adjustment')
      expect(
        await outcomeOf(
          adjust(shop.id, orderId, breadLine, {
            kind: 'substitute',
            variantId: bread.variants[0]!.id,
            quantity: 1,
          }),
        ),
      ).toBe('ordering.invalid_adjustment')
      // More units of a substitute than ordered would raise what the resident pays.
      const cheaper = await aStocked(shop.id, 'Pain bis', 200)
      expect(
        await outcomeOf(
          adjust(shop.id, orderId, breadLine, {
            kind: 'substitute',
            variantId: cheaper.variants[0]!.id,
            quantity: 4,
          }),
        ),
      ).toBe('ordering.invalid_adjustment')
      expect(await outcomeOf(adjust(other.id, orderId, breadLine, { kind: 'partial', quantity: 1 }))).toBe(
        'ordering.order_not_found',
      )
      expect(await outcomeOf(adjust(shop.id, orderId, 42, { kind: 'partial', quantity: 1 }))).toBe(
        'ordering.order_line_not_found',
      )
      for (const to of ['preparing', 'ready', 'collected'] as const)
        await moveOrder(deps(), { by: 'shop', ...staffOf(shop.id) }, orderId, to)
      expect(await outcomeOf(adjust(shop.id, orderId, breadLine, { kind: 'partial', quantity: 1 }))).toBe(
        'ordering.adjustment_refused',
      )
      expect(await stockOf(bread)).toEqual({ on_hand: 7, reserved: 0 })
      expect(await listLineChanges(db(), orderId)).toEqual([])
    })

    it('gives one of two staff reducing the same line at once the change, and tells the other', async () => {
      const { shop, bread, orderId, breadLine } = await anOrder()
      const outcomes = await Promise.all(
        [1, 2].map(() => outcomeOf(adjust(shop.id, orderId, breadLine, { kind: 'partial', quantity: 2 }))),
      )
      expect(outcomes.filter((o) => o === 'ok')).toHaveLength(1)
      expect(outcomes.filter((o) => o !== 'ok')[0]).toMatch(/^ordering\.(line_changed|invalid_adjustment)$/)
      expect(await stockOf(bread)).toEqual({ on_hand: 10, reserved: 2 })
      expect(await listLineChanges(db(), orderId)).toHaveLength(1)
      expect((await getShopOrder(db(), shop.id, orderId)).totalCents).toBe(500 + 800)
    })
  })

  describe('telling the resident once', () => {
    it('sends one message for changes made close together, a few minutes after the first, then one for a later change', async () => {
      const before = (await adjustedMails()).length
      const { shop, orderId, breadLine, jamLine } = await anOrder()
      await adjust(shop.id, orderId, breadLine, { kind: 'partial', quantity: 2 })
      await adjust(shop.id, orderId, jamLine, { kind: 'partial', quantity: 1 })
      const notices = await pendingNotices(orderId)
      expect(notices).toEqual([
        { key: `${orderId}:0`, not_before: new Date(Date.parse(MONDAY_MORNING) + 5 * 60_000).toISOString() },
      ])

      await sendOrderAdjusted(mailDeps(), notices[0]!.key)
      await sendOrderAdjusted(mailDeps(), notices[0]!.key) // delivered twice (at least once): still one message
      const mails = (await adjustedMails()).slice(before)
      expect(mails).toHaveLength(1)
      expect(mails[0]!.subject).toBe(`Votre commande chez ${shop.name} a été modifiée`)
      expect(mails[0]!.text_body).toContain('Pain de campagne (Pièce) : 2 au lieu de 3.')
      expect(mails[0]!.text_body).toContain('Confiture de fraises (Pièce) : 1 au lieu de 2.')
      expect(mails[0]!.text_body).toContain('Nouveau total : 9,00')

      await db()
        .updateTable('outbox')
        .set({ done_at: MONDAY_MORNING })
        .where('key', '=', notices[0]!.key)
        .execute()
      await adjust(shop.id, orderId, breadLine, { kind: 'partial', quantity: 1 })
      const next = await pendingNotices(orderId)
      expect(next.map((n) => n.key)).toEqual([`${orderId}:2`])
      await sendOrderAdjusted(mailDeps(), next[0]!.key)
      expect((await adjustedMails()).slice(before)).toHaveLength(2)
    })

    it('sends nothing about changes to an order cancelled meanwhile: the cancellation says it', async () => {
      const before = (await adjustedMails()).length
      const { shop, orderId, breadLine } = await anOrder()
      await adjust(shop.id, orderId, breadLine, { kind: 'partial', quantity: 1 })
      await moveOrder(deps(), { by: 'shop', ...staffOf(shop.id) }, orderId, 'cancelled', 'Four en panne')
      await sendOrderAdjusted(mailDeps(), `${orderId}:0`)
      expect((await adjustedMails()).slice(before)).toHaveLength(0)
      expect((await listLineChanges(db(), orderId)).every((c) => c.notifiedAt !== undefined)).toBe(true)
    })
  })
})
