import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { aSalon } from '../../test/factories/bookings.js'
import { aProduct } from '../../test/factories/catalog.js'
import { aPickupShop, FIRST_SLOT, MONDAY_MORNING } from '../../test/factories/ordering.js'
import { forEachEngine } from '../../test/harness/engines.js'
import { startSmtpServer, type TestSmtpServer } from '../../test/harness/smtp.js'
import { ChangeFeed } from '../lib/change-feed.js'
import { fixedClock } from '../lib/clock.js'
import type { ShopId, UserId } from '../lib/ids.js'
import { newSecretToken } from '../lib/secret-token.js'
import { smtpTransport, type MailTransport } from '../modules/notifications/index.js'
import { bookAppointment } from '../modules/bookings/index.js'
import { addToBasket, getShopOrder, moveOrder, placeOrders } from '../modules/ordering/index.js'
import { builtInPaymentProviders, TEST_CARD_TOKENS } from '../modules/payments/index.js'
import type { JobDeps } from './handlers.js'
import { MAX_ATTEMPTS, startWorker } from './worker.js'

const NOW = MONDAY_MORNING
const SLOT = FIRST_SLOT
const platform = undefined as unknown as UserId

forEachEngine('outbox worker and order emails', ({ db }) => {
  const clock = fixedClock(NOW)
  let smtp: TestSmtpServer
  let deps: JobDeps

  beforeAll(async () => {
    smtp = await startSmtpServer()
    deps = {
      db: db(),
      clock,
      changes: new ChangeFeed(),
      payments: builtInPaymentProviders(db()),
      mailTransport: smtpTransport(smtp.url),
      mailFrom: 'Comptoir <contact@comptoir.test>',
      publicUrl: 'http://localhost',
    }
  })
  afterAll(async () => smtp.close())

  /** Each test reads only the messages sent to its own resident. */
  const mailsTo = (email: string) => smtp.to(email)

  async function aShopWithBread(name?: string) {
    const shop = await aPickupShop(db(), clock, { profile: name ? { name } : {} })
    const bread = await aProduct(db(), shop.id, {
      name: 'Pain au levain',
      variants: [{ name: '500 g', priceCents: 420, onHand: 20 }],
    })
    return { shop, bread }
  }

  async function anOrder(
    shops: Array<{ shop: { id: ShopId }; bread: { variants: Array<{ id: string }> } }>,
    method: 'counter' | 'test_card' = 'counter',
  ) {
    const email = `client-${newSecretToken().slice(0, 8).toLowerCase()}@example.fr`
    const owner = { token: newSecretToken() }
    for (const { bread } of shops) await addToBasket(deps, owner, bread.variants[0]!.id, 2)
    const checkout = await placeOrders(deps, {
      owner,
      userId: undefined,
      idempotencyKey: `cle-${newSecretToken()}`,
      contact: { name: 'Lou Bernard', email, phone: '' },
      slots: Object.fromEntries(shops.map(({ shop }) => [shop.id, SLOT])),
      payment: { method, token: TEST_CARD_TOKENS.accepted },
    })
    return { email, checkout }
  }

  const staff = (shopId: ShopId) => ({ by: 'shop' as const, shopId, userId: platform })

  it('sends exactly two emails for a normal order: one confirmation for the whole checkout, one "ready"', async () => {
    const bakery = await aShopWithBread('Au Fournil')
    const grocer = await aShopWithBread('Épicerie du Port')
    const { email, checkout } = await anOrder([bakery, grocer])
    const worker = startWorker(deps, { pollMs: 60_000 })
    try {
      await worker.drain()
      await smtp.waitFor(1)
      const confirmation = mailsTo(email)
      expect(confirmation).toHaveLength(1)
      expect(confirmation[0]!.subject).toBe('Commande enregistrée dans 2 commerces')
      const orders = await Promise.all(
        checkout.orders.map(({ id }) =>
          db()
            .selectFrom('orders')
            .select(['id', 'shop_id', 'pickup_code'])
            .where('id', '=', id)
            .executeTakeFirstOrThrow(),
        ),
      )
      for (const order of orders)
        expect(confirmation[0]!.text).toContain(
          `${order.pickup_code.slice(0, 3)} ${order.pickup_code.slice(3)}`,
        )
      expect(confirmation[0]!.text).toContain('Au Fournil')
      expect(confirmation[0]!.text).toContain('Épicerie du Port')
      expect(confirmation[0]!.text).toContain('pas encore prête')
      expect(confirmation[0]!.text).toContain('lundi 23 novembre à 10:00 – 10:15')

      const bakeryOrderId = orders.find((o) => o.shop_id === bakery.shop.id)!.id
      for (const to of ['accepted', 'preparing', 'ready'] as const)
        await moveOrder(deps, staff(bakery.shop.id), bakeryOrderId, to)
      await worker.drain()
      const code = orders.find((o) => o.shop_id === bakery.shop.id)!.pickup_code
      await moveOrder(deps, staff(bakery.shop.id), bakeryOrderId, 'collected')
      await worker.drain()
      const all = mailsTo(email)
      expect(all.map((m) => m.subject)).toEqual([
        'Commande enregistrée dans 2 commerces',
        `Votre commande chez Au Fournil est prête — code ${code.slice(0, 3)} ${code.slice(3)}`,
      ])
      // Paid at the counter: the capture at pickup is recorded, and nothing in the outbox failed.
      expect((await getShopOrder(db(), bakery.shop.id, bakeryOrderId)).paymentStatus).toBe('captured')
      expect(
        await db()
          .selectFrom('outbox')
          .select('topic')
          .where('last_error', 'is not', null)
          .where('key', 'in', [checkout.id, ...checkout.orders.map((o) => o.id)])
          .execute(),
      ).toEqual([])
      const qr = all[1]!.attachments.find((a) => a.cid === 'pickup-code')
      expect(qr?.contentType).toBe('image/png')
      expect(all[1]!.html).toContain(`alt="QR code du retrait ${code}"`)
    } finally {
      await worker.stop()
    }
  })

  it('sends one message when the shop cancels, and releases the card authorization', async () => {
    const setup = await aShopWithBread()
    const { shop } = setup
    const { email, checkout } = await anOrder([setup], 'test_card')
    const orderId = checkout.orders[0]!.id
    await moveOrder(deps, staff(shop.id), orderId, 'cancelled', 'Four en panne')
    const worker = startWorker(deps, { pollMs: 60_000 })
    try {
      await worker.drain()
      const mails = mailsTo(email)
      expect(mails.map((m) => m.subject)).toEqual([`Commande annulée chez ${shop.name}`])
      expect(mails[0]!.text).toContain('est annulée (Four en panne).')
      expect((await getShopOrder(db(), shop.id, orderId)).paymentStatus).toBe('voided')
    } finally {
      await worker.stop()
    }
  })

  it('tells the resident who cancelled that the order is cancelled, in the words of the order page', async () => {
    const setup = await aShopWithBread()
    const { email, checkout } = await anOrder([setup])
    await moveOrder(
      deps,
      { by: 'resident', userId: undefined, checkoutId: checkout.id },
      checkout.orders[0]!.id,
      'cancelled',
    )
    const worker = startWorker(deps, { pollMs: 60_000 })
    try {
      await worker.drain()
      expect(mailsTo(email).map((m) => m.text)).toEqual([
        expect.stringContaining('est annulée (annulée par le client).'),
      ])
    } finally {
      await worker.stop()
    }
  })

  it('captures a card payment once at pickup, however many workers run', async () => {
    const setup = await aShopWithBread()
    const { checkout } = await anOrder([setup], 'test_card')
    const orderId = checkout.orders[0]!.id
    for (const to of ['preparing', 'ready', 'collected'] as const)
      await moveOrder(deps, staff(setup.shop.id), orderId, to)
    const workers = [startWorker(deps, { pollMs: 60_000 }), startWorker(deps, { pollMs: 60_000 })]
    try {
      await Promise.all(workers.map((w) => w.drain()))
      const order = await getShopOrder(db(), setup.shop.id, orderId)
      expect(order.paymentStatus).toBe('captured')
      const payment = await db()
        .selectFrom('payments')
        .select('provider_reference')
        .where('order_id', '=', orderId)
        .executeTakeFirstOrThrow()
      const charge = await db()
        .selectFrom('test_card_charges')
        .selectAll()
        .where('id', '=', payment.provider_reference!)
        .executeTakeFirstOrThrow()
      expect([charge.status, charge.captured_cents]).toEqual(['captured', order.totalCents])
      const captures = await db()
        .selectFrom('payment_operations')
        .innerJoin('payments', 'payments.id', 'payment_operations.payment_id')
        .select('kind')
        .where('payments.order_id', '=', orderId)
        .execute()
      expect(captures.map((c) => c.kind).sort()).toEqual(['authorize', 'capture'])
    } finally {
      await Promise.all(workers.map((w) => w.stop()))
    }
  })

  it('loses nothing when the mail server is down or the worker stops mid-queue', async () => {
    const setup = await aShopWithBread()
    const placed = [await anOrder([setup]), await anOrder([setup]), await anOrder([setup])]
    // The first attempt meets a mail server that refuses everything: each message is kept and retried.
    const down: MailTransport = {
      name: 'smtp',
      send: async () => Promise.reject(new Error('connection refused')),
    }
    const failing = startWorker({ ...deps, mailTransport: down }, { pollMs: 60_000 })
    await failing.drain()
    await failing.stop()
    for (const { email } of placed) expect(mailsTo(email)).toHaveLength(0)
    const pending = await db()
      .selectFrom('outbox')
      .select(['attempts', 'last_error'])
      .where('topic', '=', 'checkout.confirmed')
      .where(
        'key',
        'in',
        placed.map((p) => p.checkout.id),
      )
      .execute()
    expect(pending.map((p) => [p.attempts, p.last_error])).toEqual([
      [1, 'connection refused'],
      [1, 'connection refused'],
      [1, 'connection refused'],
    ])
    // A worker started later, once the retry is due, delivers each message exactly once.
    clock.set('2026-11-23T08:01:00Z')
    const restarted = startWorker(deps, { pollMs: 60_000 })
    try {
      await restarted.drain()
      await restarted.drain()
      for (const { email } of placed) expect(mailsTo(email)).toHaveLength(1)
    } finally {
      await restarted.stop()
      clock.set(NOW)
    }
  })

  it('gives a message up after its last attempt, keeping its topic, key and error but not the link secret of its payload', async () => {
    const { shopId, lea, haircut } = await aSalon(db(), clock)
    const { booking } = await bookAppointment(deps, shopId, {
      variantId: haircut.variantId,
      startsAt: '2026-11-26T10:00:00.000Z',
      resourceId: lea.id,
      contact: { name: 'Lou', email: 'lou.down@example.fr', phone: '' },
      userId: undefined,
    })
    const down: MailTransport = {
      name: 'smtp',
      send: async () => Promise.reject(new Error('connection refused')),
    }
    const failing = startWorker({ ...deps, mailTransport: down }, { pollMs: 60_000 })
    const confirmation = () =>
      db()
        .selectFrom('outbox')
        .select(['attempts', 'payload', 'last_error'])
        .where('topic', '=', 'booking.confirmed')
        .where('key', '=', booking.id)
        .executeTakeFirstOrThrow()
    try {
      for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
        await failing.drain()
        const row = await confirmation()
        expect(row.attempts).toBe(attempt)
        // Until the last attempt the secret waits for a retry; after it, nothing would send it.
        expect(row.payload.includes('cancelToken')).toBe(attempt < MAX_ATTEMPTS)
        clock.set(new Date(clock.now().getTime() + 2 * 3_600_000))
      }
      await failing.drain()
      expect(await confirmation()).toEqual({
        attempts: MAX_ATTEMPTS,
        payload: 'null',
        last_error: 'connection refused',
      })
    } finally {
      await failing.stop()
      clock.set(NOW)
    }
  })

  describe('no-shows', () => {
    it('turns a ready order not collected in time into a no-show: units back, one message', async () => {
      const setup = await aShopWithBread()
      const { email, checkout } = await anOrder([setup])
      const orderId = checkout.orders[0]!.id
      for (const to of ['preparing', 'ready'] as const)
        await moveOrder(deps, staff(setup.shop.id), orderId, to)
      const worker = startWorker(deps, { pollMs: 60_000 })
      try {
        await worker.drain()
        clock.set('2026-11-24T09:14:00Z') // slot ended 09:15Z the day before: 24 h not yet over
        await worker.drain()
        expect((await getShopOrder(db(), setup.shop.id, orderId)).status).toBe('ready')
        clock.set('2026-11-24T09:16:00Z')
        await worker.drain()
        expect((await getShopOrder(db(), setup.shop.id, orderId)).status).toBe('no_show')
        const stock = await db()
          .selectFrom('stock_levels')
          .select(['on_hand', 'reserved'])
          .where('variant_id', '=', setup.bread.variants[0]!.id)
          .executeTakeFirstOrThrow()
        expect(stock).toEqual({ on_hand: 20, reserved: 0 })
        expect(mailsTo(email).map((m) => m.subject)).toEqual([
          `Commande enregistrée chez ${setup.shop.name} — code ${(await getShopOrder(db(), setup.shop.id, orderId)).pickupCode.replace(/^(.{3})/, '$1 ')}`,
          expect.stringContaining('est prête'),
          `Commande non retirée chez ${setup.shop.name}`,
        ])
      } finally {
        await worker.stop()
        clock.set(NOW)
      }
    })
  })
})
