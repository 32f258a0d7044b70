import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { aProduct } from '../factories/catalog.js'
import { aShop, aStaffMember } from '../factories/shops.js'
import { horizontalOverflow, seriousAxeFindings } from '../harness/accessibility.js'
import { browserAvailable } from '../harness/browser.js'
import { ALL_WEEK, startJourney, type Journey } from '../harness/journey.js'
import { systemClock } from '../../src/lib/clock.js'
import type { UserId } from '../../src/lib/ids.js'
import type { Product } from '../../src/modules/catalog/index.js'
import { setWeeklyHours, updatePickupSettings, type Shop } from '../../src/modules/shops/index.js'

const PASSWORD = 'mot de passe du comptoir'
const RESIDENT = { name: 'Camille Martin', email: 'camille.martin@example.fr' }
const platform = undefined as unknown as UserId
const PICKUP = {
  enabled: true,
  slotMinutes: 15,
  slotCapacity: 50,
  preparationMinutes: 0,
  handoverMarginMinutes: 0,
  horizonDays: 7,
  noShowAfterHours: 24,
}
const SLOT_MS = PICKUP.slotMinutes * 60_000

/**
 * The click & collect journey in the Debian Chromium, with the real clock and a real SMTP server on loopback:
 * a resident orders from two shops in one checkout, gets one confirmation, shop A's staff take the order to
 * "Prête" on the board (the "ready" email leaves with the QR code), then hand it over by typing the pickup
 * code; shop B's staff see only their own order. Like the other browser journeys it runs on SQLite (the
 * engines are covered by the HTTP suites). Steps share state and run in order.
 */
describe.runIf(browserAvailable())('click & collect journey in the browser', () => {
  let journey: Journey
  let resident: BrowserContext
  let staffA: BrowserContext
  let staffB: BrowserContext
  let shopA: Shop
  let shopB: Shop
  let bread: Product
  let cheese: Product

  /** axe findings and horizontal overflow per page, gathered along the journey and checked at the end. */
  const a11y = new Map<string, string[]>()
  const overflow = new Map<string, number>()

  // Filled in as the journey goes.
  let checkoutId = ''
  let residentPage: Page
  let codes: { a: string; b: string }
  let boardA: Page

  beforeAll(async () => {
    journey = await startJourney('sqlite')
    const { db } = journey

    const shopDeps = { db, clock: systemClock }
    shopA = await aShop(
      db,
      { name: 'Boulangerie des Halles', pickupInstructions: 'Au comptoir, à droite en entrant.' },
      systemClock,
    )
    shopB = await aShop(db, { name: 'Fromagerie Lucas', kind: 'fromagerie' }, systemClock)
    for (const shop of [shopA, shopB]) {
      await setWeeklyHours(shopDeps, platform, shop.id, ALL_WEEK)
      await updatePickupSettings(shopDeps, platform, shop.id, PICKUP)
    }
    const options = { clock: systemClock, mediaDir: journey.server.deps.mediaDir }
    bread = await aProduct(
      db,
      shopA.id,
      { name: 'Pain de campagne', variants: [{ name: '800 g', priceCents: 420, onHand: 12 }] },
      options,
    )
    cheese = await aProduct(
      db,
      shopB.id,
      { name: 'Comté 18 mois', variants: [{ name: '250 g', priceCents: 690, onHand: 8 }] },
      options,
    )

    for (const [shop, email, name] of [
      [shopA, 'vendeuse@boulangerie.example', 'Inès'],
      [shopB, 'vendeur@fromagerie.example', 'Hugo'],
    ] as const) {
      await aStaffMember(db, shop.id, 'staff', { email, password: PASSWORD, displayName: name }, systemClock)
    }

    resident = await journey.phoneContext()
    staffA = await journey.phoneContext()
    staffB = await journey.phoneContext()
  })

  afterAll(async () => journey?.stop())

  const spaced = (code: string) => `${code.slice(0, 3)} ${code.slice(3)}`
  const ordersOfCheckout = () =>
    journey.db
      .selectFrom('orders')
      .select(['id', 'shop_id', 'status', 'pickup_code', 'slot_starts_at'])
      .where('checkout_id', '=', checkoutId)
      .execute()

  /** The outbox message that settles shop A's payment once the order is handed over. */
  async function captureMessage() {
    const orderA = (await ordersOfCheckout()).find((o) => o.shop_id === shopA.id)
    if (!orderA) return undefined
    return journey.db
      .selectFrom('outbox')
      .select(['attempts', 'done_at', 'last_error', 'locked_until'])
      .where('topic', '=', 'payment.capture')
      .where('key', '=', orderA.id)
      .executeTakeFirst()
  }

  async function audit(name: string, page: Page) {
    a11y.set(name, await seriousAxeFindings(page))
    overflow.set(name, await horizontalOverflow(page))
  }

  /**
   * Slots start on the quarter hour (Paris is a whole number of hours from UTC) and the first one offered
   * starts at or after now: a checkout sent just after that start would be refused. Never render the form
   * less than 30 s before a quarter (the form is audited, then filled, before it is sent).
   */
  async function keepAwayFromSlotStart() {
    const left = SLOT_MS - (Date.now() % SLOT_MS)
    if (left < 30_000) await new Promise((r) => setTimeout(r, left + 500))
  }

  it(
    'a resident fills a basket from two shops and orders with one checkout',
    { timeout: 90_000 },
    async () => {
      const page = await resident.newPage()
      for (const product of [bread, cheese]) {
        const shop = product === bread ? shopA : shopB
        const response = await page.goto(`${journey.baseUrl}/commerces/${shop.slug}/${product.slug}`)
        expect(response?.status()).toBe(200)
        await page.getByRole('button', { name: 'Ajouter au panier' }).click()
        await page.waitForURL(/\/panier\?ajoute=1$/)
        await expect
          .poll(() => page.getByRole('status').first().textContent())
          .toContain('Produit ajouté au panier.')
      }

      // The basket: both shops, each with its line.
      await page.goto(`${journey.baseUrl}/panier`)
      for (const [shop, product] of [
        [shopA, bread],
        [shopB, cheese],
      ] as const) {
        const part = page.getByRole('region', { name: shop.name })
        expect(await part.count()).toBe(1)
        expect(await part.textContent()).toContain(product.name)
      }
      expect(await page.locator('.basket-total').textContent()).toMatch(/11,10\s€/)
      await audit('panier', page)

      await keepAwayFromSlotStart()
      await page.getByRole('link', { name: 'Choisir les créneaux et commander' }).click()
      await page.waitForURL(/\/commande$/)
      await audit('commande', page)

      const chosen: Record<string, string> = {}
      for (const shop of [shopA, shopB]) {
        const select = page.locator(`select[name="slot.${shop.id}"]`)
        const first = await select
          .locator('option:not([value=""]):not([disabled])')
          .first()
          .getAttribute('value')
        expect(first).toBeTruthy()
        // The first slot offered is the next quarter of an hour (no preparation time, open all day).
        expect(Date.parse(first!)).toBeGreaterThanOrEqual(Date.now() - SLOT_MS)
        expect(Date.parse(first!)).toBeLessThanOrEqual(Date.now() + SLOT_MS)
        await select.selectOption(first!)
        chosen[shop.id] = first!
      }
      await page.getByRole('textbox', { name: 'Nom', exact: true }).fill(RESIDENT.name)
      await page.getByRole('textbox', { name: 'Adresse e-mail' }).fill(RESIDENT.email)
      expect(await page.getByRole('radio', { name: /Payer au comptoir/ }).isChecked()).toBe(true)
      await page.getByRole('button', { name: 'Commander avec obligation de paiement' }).click()
      await page.waitForURL(/\/commandes\/[0-9A-Z]{26}$/)
      checkoutId = new URL(page.url()).pathname.split('/').pop()!

      // The order page: one card per shop, each with its pickup code and its QR code.
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Vos commandes')
      const codeOf = async (shop: Shop) => {
        const card = page
          .locator('section.order-card')
          .filter({ has: page.getByRole('heading', { name: new RegExp(shop.name) }) })
        expect(await card.count()).toBe(1)
        expect(await card.locator('.pickup-qr svg').count()).toBe(1)
        const code = (await card.locator('.pickup-code strong').textContent())!.trim()
        expect(code).toMatch(/^[A-Z0-9]{3} [A-Z0-9]{3}$/)
        return code
      }
      codes = { a: await codeOf(shopA), b: await codeOf(shopB) }
      expect(await page.locator('.pickup-code').count()).toBe(2)
      await audit('commandes', page)
      residentPage = page

      const orders = await ordersOfCheckout()
      expect(orders).toHaveLength(2)
      for (const order of orders) {
        expect(order.status).toBe('placed')
        expect(order.slot_starts_at).toBe(chosen[order.shop_id])
        expect(spaced(order.pickup_code)).toBe(order.shop_id === shopA.id ? codes.a : codes.b)
      }
    },
  )

  it('sends exactly one confirmation email for the two-shop checkout', async () => {
    expect(checkoutId).not.toBe('')
    const [confirmation] = await journey.waitForMails(RESIDENT.email, 1)
    await journey.worker.drain()
    expect(journey.smtp.to(RESIDENT.email)).toHaveLength(1)
    expect(confirmation!.subject).toBe('Commande enregistrée dans 2 commerces')
    expect(confirmation!.text).toContain(`Code de retrait : ${codes.a}`)
    expect(confirmation!.text).toContain(`Code de retrait : ${codes.b}`)
    expect(confirmation!.text).toContain(`/commandes/${checkoutId}`)
    expect(journey.workerErrors).toEqual([])
  })

  it(
    'shop A staff take the order to "Prête" from the board, one tap per move',
    { timeout: 60_000 },
    async () => {
      expect(checkoutId).not.toBe('')
      const page = await journey.signInAsStaff(staffA, 'vendeuse@boulangerie.example', PASSWORD)
      await page.goto(`${journey.baseUrl}/admin/${shopA.id}/commandes`)
      const card = page.getByRole('article', { name: RESIDENT.name })
      expect(await card.count()).toBe(1)
      expect(await card.textContent()).toContain('Pain de campagne')
      expect(await card.locator('.order-state').textContent()).toBe('Reçue')

      const notices: Record<string, string> = {
        Accepter: 'commande-acceptee',
        Préparer: 'commande-en-preparation',
        'Marquer prête': 'commande-prete',
      }
      const taps: string[] = []
      for (let i = 0; i < 3 && (await card.locator('.order-state').textContent()) !== 'Prête'; i++) {
        // The first button of the card is the next move forward (the board shows one button per allowed move).
        const button = card.locator('form.move button').first()
        const label = (await button.textContent())!.replace(/—.*$/s, '').trim()
        expect(Object.keys(notices)).toContain(label)
        taps.push(label)
        await button.click()
        await page.waitForURL((url) => url.searchParams.get('ok') === notices[label])
      }
      expect(taps.at(-1)).toBe('Marquer prête')
      expect(await card.locator('.order-state').textContent()).toBe('Prête')
      expect(await page.getByRole('status').filter({ hasText: 'Commande prête' }).count()).toBe(1)
      await audit('tableau (commerce A)', page)
      boardA = page

      const orders = await ordersOfCheckout()
      expect(orders.find((o) => o.shop_id === shopA.id)?.status).toBe('ready')
      expect(orders.find((o) => o.shop_id === shopB.id)?.status).toBe('placed')
    },
  )

  it('sends the "ready" email with the pickup code and its QR code', async () => {
    expect(boardA).toBeDefined()
    const mails = await journey.waitForMails(RESIDENT.email, 2)
    const ready = mails[1]!
    expect(ready.subject).toContain('est prête')
    expect(ready.subject).toContain(codes.a)
    expect(ready.subject).toContain(shopA.name)
    const qr = ready.attachments.find((a) => a.cid === 'pickup-code')
    expect(qr?.contentType).toBe('image/png')
    expect(qr?.content.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
    expect(ready.html).toContain(`alt="QR code du retrait ${codes.a.replace(' ', '')}"`)
    await journey.worker.drain()
    expect(journey.smtp.to(RESIDENT.email)).toHaveLength(2)
    expect(journey.workerErrors).toEqual([])
  })

  it('shop A staff hand the order over by typing the code the resident shows', async () => {
    expect(boardA).toBeDefined()
    const page = boardA
    await page.getByLabel('Code de retrait').fill(codes.a)
    await page.getByRole('button', { name: 'Remettre' }).click()
    await page.waitForURL((url) => url.searchParams.get('ok') === 'commande-remise')
    const notice = page.getByRole('status').filter({ hasText: 'remise' })
    expect(await notice.textContent()).toMatch(
      new RegExp(`Commande de ${RESIDENT.name} remise\\.\\s*À encaisser : 4,20\\s€`),
    )

    // A collected order leaves the open orders; it is under "Terminées", as "Retirée".
    expect(await page.getByRole('article', { name: RESIDENT.name }).count()).toBe(0)
    await page.getByRole('link', { name: /Terminées/ }).click()
    await page.waitForURL(/etat=terminees/)
    const card = page.getByRole('article', { name: RESIDENT.name })
    expect(await card.locator('.order-state').textContent()).toBe('Retirée')

    const orders = await ordersOfCheckout()
    expect(orders.find((o) => o.shop_id === shopA.id)?.status).toBe('collected')
    expect(orders.find((o) => o.shop_id === shopB.id)?.status).toBe('placed')
    // The hand-over asks the worker to settle the payment: wait until it has tried once (checked below).
    await expect
      .poll(async () => (await captureMessage())?.attempts ?? 0, { timeout: 10_000 })
      .toBeGreaterThanOrEqual(1)
    await expect
      .poll(async () => (await captureMessage())?.locked_until ?? null, { timeout: 10_000 })
      .toBeNull()

    // The resident's page follows: shop A's order is collected (no code any more), shop B's still has one.
    await residentPage.reload()
    expect(
      await residentPage.getByRole('heading', { name: new RegExp(`${shopA.name} — Retirée`) }).count(),
    ).toBe(1)
    expect(await residentPage.locator('.pickup-code strong').allTextContents()).toEqual([codes.b])
  })

  it('shop B staff see only their own order, and not shop A’s board', async () => {
    expect(checkoutId).not.toBe('')
    const page = await journey.signInAsStaff(staffB, 'vendeur@fromagerie.example', PASSWORD)
    const response = await page.goto(`${journey.baseUrl}/admin/${shopB.id}/commandes`)
    expect(response?.status()).toBe(200)
    expect(await page.locator('article.order-card').count()).toBe(1)
    const card = page.getByRole('article', { name: RESIDENT.name })
    expect(await card.textContent()).toContain('Comté 18 mois')
    expect(await card.locator('.order-state').textContent()).toBe('Reçue')
    expect(await page.locator('main').textContent()).not.toContain('Pain de campagne')
    await audit('tableau (commerce B)', page)

    const other = await page.goto(`${journey.baseUrl}/admin/${shopA.id}/commandes`)
    expect(other?.status()).toBe(404)
    expect(await page.content()).not.toContain('Pain de campagne')
  })

  it('has no serious or critical accessibility violation on the basket, checkout, order page and boards', () => {
    expect([...a11y.keys()]).toEqual([
      'panier',
      'commande',
      'commandes',
      'tableau (commerce A)',
      'tableau (commerce B)',
    ])
    expect(Object.fromEntries(a11y)).toEqual(Object.fromEntries([...a11y.keys()].map((k) => [k, []])))
  })

  it('does not scroll sideways at 360 px on the checkout page and the board', () => {
    for (const name of ['commande', 'tableau (commerce A)', 'tableau (commerce B)'])
      expect({ name, overflow: overflow.get(name) }).toEqual({ name, overflow: 0 })
  })

  it('met no script error and no server error on the way', () => {
    expect(journey.pageErrors).toEqual([])
    expect(journey.workerErrors).toEqual([])
  })

  it('settles the counter payment quietly when the order is handed over', async () => {
    const message = await captureMessage()
    expect(journey.workerErrors.filter((e) => e.startsWith('payment.capture:'))).toEqual([])
    expect(message?.last_error ?? null).toBeNull()
    expect(message?.done_at).toBeTruthy()
  })
})
