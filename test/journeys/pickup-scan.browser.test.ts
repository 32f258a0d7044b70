import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import QRCode from 'qrcode'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { aProduct } from '../factories/catalog.js'
import { aShop, aStaffMember } from '../factories/shops.js'
import { seriousAxeFindings } from '../harness/accessibility.js'
import { browserAvailable } from '../harness/browser.js'
import { ALL_WEEK, startJourney, type Journey } from '../harness/journey.js'
import { systemClock } from '../../src/lib/clock.js'
import type { UserId } from '../../src/lib/ids.js'
import { newSecretToken } from '../../src/lib/secret-token.js'
import {
  addToBasket,
  getShopOrder,
  moveOrder,
  placeOrders,
  type Order,
} from '../../src/modules/ordering/index.js'
import { setWeeklyHours, updatePickupSettings, type Shop } from '../../src/modules/shops/index.js'

const PASSWORD = 'mot de passe du comptoir'
const STAFF_EMAIL = 'vendeuse@boulangerie.example'
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
/** Tomorrow on a quarter hour: far from any slot boundary whenever the suite runs. */
const tomorrowSlot = () => new Date(Math.ceil((Date.now() + 86_400_000) / 900_000) * 900_000).toISOString()

const WIDTH = 640
const HEIGHT = 480

/**
 * A Y4M video (what Chromium's fake camera plays, in a loop) showing the QR code of `text` as the
 * resident's phone would: dark modules on white with a quiet zone, centred in a 640×480 grey-only frame.
 */
async function writeQrVideo(file: string, text: string): Promise<void> {
  const side = 400
  const png = await QRCode.toBuffer(text, { type: 'png', width: side, margin: 4, errorCorrectionLevel: 'M' })
  const { data, info } = await sharp(png)
    .flatten({ background: '#ffffff' })
    .resize(side, side, { kernel: 'nearest' })
    .extend({
      top: (HEIGHT - side) / 2,
      bottom: (HEIGHT - side) / 2,
      left: (WIDTH - side) / 2,
      right: (WIDTH - side) / 2,
      background: '#ffffff',
    })
    .toColourspace('b-w')
    .raw()
    .toBuffer({ resolveWithObject: true })
  expect(info).toMatchObject({ width: WIDTH, height: HEIGHT, channels: 1 })
  // C420jpeg: full-range luma is the grey level itself; neutral chroma (128) keeps the picture grey.
  const chroma = Buffer.alloc((WIDTH / 2) * (HEIGHT / 2) * 2, 128)
  const frame = Buffer.concat([Buffer.from('FRAME\n'), data, chroma])
  const header = Buffer.from(`YUV4MPEG2 W${WIDTH} H${HEIGHT} F10:1 Ip A1:1 C420jpeg\n`)
  writeFileSync(file, Buffer.concat([header, ...Array.from({ length: 10 }, () => frame)]))
}

/** Chromium's switches for a fake camera that films `video`; permission prompts are answered "yes". */
const cameraFilming = (video: string) => [
  '--use-fake-ui-for-media-stream',
  '--use-fake-device-for-media-stream',
  `--use-file-for-fake-video-capture=${video}`,
]

/**
 * UX-12 in the Debian Chromium: staff hand an order over by pointing the phone's camera at the resident's
 * QR code — one tap on "Scanner le QR code", no typing. The camera is Chromium's fake device playing a
 * video of that order's real QR code. Also: the French messages when the camera is refused or missing,
 * a QR code that is not a pickup code, "Annuler", and the board without JavaScript. The typed-code POST
 * itself is covered by src/web/backoffice/orders/orders-pages.test.ts. Runs on SQLite, like the other journeys.
 */
describe.runIf(browserAvailable())('pickup by scanning the QR code, in the browser', () => {
  let journey: Journey
  let videos: string
  let withOrderQr: Browser
  let withOtherQr: Browser
  let shop: Shop
  let staffId: UserId
  /** The ready order whose QR code the first camera films. */
  let filmed: Order

  beforeAll(async () => {
    journey = await startJourney('sqlite', { mail: false, browser: false, app: { loginRateLimit: 1_000 } })
    const { db } = journey
    shop = await aShop(db, { name: 'Boulangerie des Halles' }, systemClock)
    await setWeeklyHours({ db, clock: systemClock }, platform, shop.id, ALL_WEEK)
    await updatePickupSettings({ db, clock: systemClock }, platform, shop.id, PICKUP)
    staffId = (
      await aStaffMember(
        db,
        shop.id,
        'staff',
        { email: STAFF_EMAIL, password: PASSWORD, displayName: 'Inès' },
        systemClock,
      )
    ).id

    filmed = await aReadyOrder('Camille Martin')
    videos = mkdtempSync(join(tmpdir(), 'comptoir-camera-'))
    await writeQrVideo(join(videos, 'pickup-code.y4m'), filmed.pickupCode)
    await writeQrVideo(join(videos, 'not-a-code.y4m'), 'https://example.fr/pas-un-code')
    // Chromium's fake camera plays one file per browser process: one browser per video.
    withOrderQr = await journey.launchBrowser(cameraFilming(join(videos, 'pickup-code.y4m')))
    withOtherQr = await journey.launchBrowser(cameraFilming(join(videos, 'not-a-code.y4m')))
  })

  afterAll(async () => {
    await journey?.stop()
    if (videos) rmSync(videos, { recursive: true, force: true })
  })

  /** An order placed through the ordering module, as a checkout would, then taken to "Prête" by the shop. */
  async function aReadyOrder(name: string): Promise<Order> {
    const { db, server } = journey
    const product = await aProduct(
      db,
      shop.id,
      {
        name: `Pain ${newSecretToken().slice(0, 6)}`,
        variants: [{ name: '800 g', priceCents: 420, onHand: 5 }],
      },
      { clock: systemClock },
    )
    const owner = { token: newSecretToken() }
    await addToBasket(server.deps, owner, product.variants[0]!.id, 1)
    const checkout = await placeOrders(server.deps, {
      owner,
      userId: undefined,
      idempotencyKey: `key-${newSecretToken()}`,
      contact: { name, email: 'camille@example.fr', phone: '06 12 34 56 78' },
      slots: { [shop.id]: tomorrowSlot() },
      payment: { method: 'counter' },
    })
    expect(checkout.outcome).toBe('placed')
    const id = checkout.orders[0]!.id
    for (const to of ['preparing', 'ready'] as const)
      await moveOrder(server.deps, { by: 'shop', shopId: shop.id, userId: staffId }, id, to)
    return getShopOrder(db, shop.id, id)
  }

  const statusOf = async (order: Order) => (await getShopOrder(journey.db, shop.id, order.id)).status

  /** A phone-sized, signed-in staff context of `browser`. */
  async function staffContext(
    browser: Browser,
    options: { javaScriptEnabled?: boolean } = {},
  ): Promise<BrowserContext> {
    const context = await browser.newContext({
      viewport: { width: 360, height: 740 },
      locale: 'fr-FR',
      ...options,
    })
    context.setDefaultTimeout(10_000)
    context.on('page', (page) =>
      page.on('pageerror', (error) => journey.pageErrors.push(`${page.url()}: ${error.message}`)),
    )
    await (await journey.signInAsStaff(context, STAFF_EMAIL, PASSWORD)).close()
    return context
  }

  async function openBoard(context: BrowserContext): Promise<Page> {
    const page = await context.newPage()
    const response = await page.goto(`${journey.baseUrl}/admin/${shop.id}/commandes`)
    expect(response?.status()).toBe(200)
    return page
  }

  const scanStatus = (page: Page) => page.locator('[data-scan-status]')
  const activeElementId = (page: Page) =>
    page.evaluate<string>('document.activeElement ? document.activeElement.id : ""')

  it('serves the QR decoder from the installed jsqr package, and no other file of it', async () => {
    const decoder = await fetch(`${journey.baseUrl}/assets/vendor/jsqr/jsQR.js`)
    expect(decoder.status).toBe(200)
    expect(decoder.headers.get('content-type')).toMatch(/javascript/)
    expect(await decoder.text()).toContain('jsQR')
    for (const other of ['index.d.ts', 'decoder/decoder.d.ts', ''])
      expect((await fetch(`${journey.baseUrl}/assets/vendor/jsqr/${other}`)).status, other).toBe(404)
  })

  it(
    'hands a ready order over with one tap on "Scanner le QR code", without typing the code',
    { timeout: 60_000 },
    async () => {
      const order = filmed
      const context = await staffContext(withOrderQr)
      const page = await openBoard(context)
      const scanButton = page.getByRole('button', { name: 'Scanner le QR code' })
      expect(await scanButton.isVisible()).toBe(true)
      expect(await seriousAxeFindings(page)).toEqual([])

      const decoderFetched = page
        .waitForRequest(/\/assets\/vendor\/jsqr\/jsQR\.js$/, { timeout: 20_000 })
        .then(() => true)
      // Debian's Chromium has no BarcodeDetector, so this is the jsQR path (the native one is below).
      expect(await page.evaluate<boolean>("'BarcodeDetector' in window")).toBe(false)
      await scanButton.click()
      await page.waitForURL((url) => url.searchParams.get('ok') === 'commande-remise', { timeout: 20_000 })
      expect(await decoderFetched).toBe(true)
      expect(new URL(page.url()).searchParams.get('commande')).toBe(order.id)
      expect(await page.getByRole('status').filter({ hasText: 'remise' }).textContent()).toMatch(
        /Commande de Camille Martin remise\.\s*À encaisser : 4,20\s€/,
      )
      expect(await statusOf(order)).toBe('collected')
      await context.close()
    },
  )

  it(
    'prefers the browser’s own BarcodeDetector where it reads QR codes, and does not load jsQR then',
    { timeout: 60_000 },
    async () => {
      const order = await aReadyOrder('Lou Bernard')
      const context = await staffContext(withOtherQr)
      const page = await context.newPage()
      // Chrome on Android and macOS has this API; here a stand-in reads the code as a person might space it.
      const read = `${order.pickupCode.slice(0, 3).toLowerCase()} ${order.pickupCode.slice(3)}`
      await page.addInitScript({
        content: `window.BarcodeDetector = class {
        static async getSupportedFormats() { return ['qr_code', 'ean_13'] }
        async detect(video) { return video.videoWidth > 0 ? [{ rawValue: ${JSON.stringify(read)} }] : [] }
      }`,
      })
      const requests: string[] = []
      page.on('request', (request) => requests.push(new URL(request.url()).pathname))
      await page.goto(`${journey.baseUrl}/admin/${shop.id}/commandes`)
      await page.getByRole('button', { name: 'Scanner le QR code' }).click()
      await page.waitForURL((url) => url.searchParams.get('ok') === 'commande-remise', { timeout: 20_000 })
      expect(new URL(page.url()).searchParams.get('commande')).toBe(order.id)
      expect(await statusOf(order)).toBe('collected')
      expect(requests).not.toContain('/assets/vendor/jsqr/jsQR.js')
      await context.close()
    },
  )

  it('says in French that the camera was refused or is missing, and puts the person back on the typed code', async () => {
    const context = await staffContext(withOrderQr)
    const cases = [
      {
        error: 'NotAllowedError',
        text: 'Accès à la caméra refusé : autorisez-le dans les réglages du navigateur, ou tapez le code.',
      },
      { error: 'NotFoundError', text: 'Aucune caméra trouvée sur cet appareil : tapez le code.' },
    ]
    for (const { error, text } of cases) {
      const page = await context.newPage()
      // What the browser answers when the person says no, or when the device has no camera.
      await page.addInitScript({
        content: `navigator.mediaDevices.getUserMedia = () => Promise.reject(new DOMException('test', '${error}'))`,
      })
      await page.goto(`${journey.baseUrl}/admin/${shop.id}/commandes`)
      await page.getByRole('button', { name: 'Scanner le QR code' }).click()
      await expect.poll(() => scanStatus(page).textContent()).toBe(text)
      expect(await activeElementId(page)).toBe('f-code')
      expect(await page.locator('[data-scan-view]').isHidden()).toBe(true)
      expect(await page.getByRole('button', { name: 'Scanner le QR code' }).isVisible()).toBe(true)
      await page.close()
    }
    const page = await context.newPage()
    await page.addInitScript({
      content: `Object.defineProperty(navigator, 'mediaDevices', { value: undefined })`,
    })
    await page.goto(`${journey.baseUrl}/admin/${shop.id}/commandes`)
    await page.getByRole('button', { name: 'Scanner le QR code' }).click()
    await expect
      .poll(() => scanStatus(page).textContent())
      .toBe('Aucune caméra n’est disponible ici : tapez le code.')
    await context.close()
  })

  it(
    'does not send a QR code that is not a pickup code, and "Annuler" turns the camera off',
    { timeout: 60_000 },
    async () => {
      const order = await aReadyOrder('Eva Morel')
      const context = await staffContext(withOtherQr)
      const page = await openBoard(context)
      await page.getByRole('button', { name: 'Scanner le QR code' }).click()
      await expect
        .poll(() => scanStatus(page).textContent(), { timeout: 20_000 })
        .toBe('Ce QR code n’est pas un code de retrait : visez celui du client, ou tapez le code.')
      expect(
        await page.evaluate<boolean>('!!document.querySelector("[data-scan-view] video").srcObject'),
      ).toBe(true)
      expect(await seriousAxeFindings(page)).toEqual([])

      await page.getByRole('button', { name: 'Annuler' }).click()
      expect(await scanStatus(page).textContent()).toBe('Caméra arrêtée.')
      expect(
        await page.evaluate<boolean>('document.querySelector("[data-scan-view] video").srcObject === null'),
      ).toBe(true)
      expect(await page.locator('[data-scan-view]').isHidden()).toBe(true)
      expect(await page.evaluate<string>('document.activeElement.textContent')).toBe('Scanner le QR code')
      expect(new URL(page.url()).searchParams.get('ok')).toBeNull()
      expect(await page.getByLabel('Code de retrait').inputValue()).toBe('')
      expect(await statusOf(order)).toBe('ready')
      await context.close()
    },
  )

  it('shows no scan button without JavaScript: the typed-code form is the whole pickup box', async () => {
    const context = await staffContext(withOrderQr, { javaScriptEnabled: false })
    const page = await openBoard(context)
    expect(await page.locator('[data-pickup-scanner]').isHidden()).toBe(true)
    expect(await page.getByRole('button', { name: 'Scanner le QR code' }).count()).toBe(0)
    expect(await page.getByLabel('Code de retrait').isVisible()).toBe(true)
    expect(await page.getByRole('button', { name: 'Remettre' }).isVisible()).toBe(true)
    await context.close()
  })

  it('met no script error on the way', () => {
    expect(journey.pageErrors).toEqual([])
  })
})
