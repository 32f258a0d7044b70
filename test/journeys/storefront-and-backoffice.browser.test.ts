import sharp from 'sharp'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { aStaffMember } from '../factories/shops.js'
import { horizontalOverflow, seriousAxeFindings } from '../harness/accessibility.js'
import { browserAvailable } from '../harness/browser.js'
import { startJourney, type Journey } from '../harness/journey.js'
import { systemClock } from '../../src/lib/clock.js'
import { createShop, setWeeklyHours, type Shop } from '../../src/modules/shops/index.js'
import { createCategory, createProduct } from '../../src/modules/catalog/index.js'

const PASSWORD = 'mot de passe du patron'

/**
 * Browser journeys in the Debian Chromium: a resident browses, searches and opens a product; an owner adds
 * a product with a photo from the phone form; axe-core finds no serious or critical violation on the main
 * pages. They exercise the UI, so they run on SQLite only (the engines are covered by the HTTP suites).
 */
describe.runIf(browserAvailable())('browser journeys', () => {
  let journey: Journey
  let context: BrowserContext
  let shop: Shop
  let croissantPath: string

  beforeAll(async () => {
    journey = await startJourney('sqlite', { mail: false })
    const { db } = journey
    const deps = { db, clock: systemClock, mediaDir: journey.server.deps.mediaDir }
    shop = await createShop(deps, {
      name: 'Boulangerie du Marché',
      kind: 'boulangerie',
      tagline: 'Pains au levain cuits au feu de bois',
      description: 'Boulangerie artisanale depuis 1952.',
      street: '3 place du Marché',
      postalCode: '45100',
      city: 'Orléans',
      phone: '02 38 00 00 00',
      email: 'bonjour@boulangerie.example',
      pickupInstructions: 'Au comptoir, à droite en entrant.',
    })
    await setWeeklyHours(
      deps,
      undefined as never,
      shop.id,
      [1, 2, 3, 4, 5, 6].flatMap((weekday) => [
        { weekday, opensMinute: 7 * 60, closesMinute: 13 * 60 },
        { weekday, opensMinute: 15 * 60 + 30, closesMinute: 19 * 60 + 30 },
      ]),
    )
    const breads = await createCategory(db, { name: 'Pains et viennoiseries' })
    const croissant = await createProduct(deps, undefined, shop.id, {
      name: 'Croissant au beurre',
      description: 'Pur beurre AOP Charentes-Poitou, feuilleté à la main.',
      kind: 'product',
      categoryId: breads.id,
      vatRateBp: 550,
      status: 'published',
      variants: [{ name: 'À l’unité', priceCents: 120, onHand: 40 }],
    })
    croissantPath = `/commerces/${shop.slug}/${croissant.slug}`
    await createProduct(deps, undefined, shop.id, {
      name: 'Crème brûlée',
      description: 'À la vanille de Madagascar.',
      kind: 'product',
      vatRateBp: 550,
      status: 'published',
      variants: [{ name: 'Pot de 120 g', priceCents: 350, onHand: 2 }],
    })
    await aStaffMember(
      db,
      shop.id,
      'owner',
      { email: 'patron@boulangerie.example', password: PASSWORD, displayName: 'Jeanne' },
      systemClock,
    )
    context = await journey.browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'fr-FR' })
  })

  afterAll(async () => {
    await context?.close()
    await journey?.stop()
  })

  async function open(path: string): Promise<Page> {
    const page = await context.newPage()
    const response = await page.goto(journey.baseUrl + path)
    expect(response?.status()).toBe(200)
    return page
  }

  async function expectNoSeriousViolations(page: Page) {
    expect(await seriousAxeFindings(page)).toEqual([])
  }

  async function expectNoHorizontalScroll(page: Page) {
    expect(await horizontalOverflow(page)).toBe(0)
  }

  it('a resident browses to a shop, searches with a typo and opens the product', async () => {
    const page = await open('/')
    await page
      .getByRole('link', { name: /Boulangerie du Marché/ })
      .first()
      .click()
    await expect.poll(() => page.url()).toContain(`/commerces/${shop.slug}`)
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toContain('Boulangerie du Marché')

    await page.getByRole('searchbox', { name: /Rechercher/ }).fill('croisant')
    await page.getByRole('button', { name: 'Rechercher' }).first().click()
    await expect.poll(() => page.url()).toContain('/recherche?q=croisant')
    await page
      .getByRole('link', { name: /Croissant au beurre/ })
      .first()
      .click()
    await expect.poll(() => page.url()).toContain(croissantPath)
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('Croissant au beurre')
    expect(await page.locator('main').textContent()).toMatch(/1,20\s€/)
    await expectNoHorizontalScroll(page)
    await page.close()
  })

  const signInAsOwner = () => journey.signInAsStaff(context, 'patron@boulangerie.example', PASSWORD)

  it('an owner adds a product with a photo from the phone form, and it shows on the storefront', async () => {
    const page = await signInAsOwner()

    await page.goto(`${journey.baseUrl}/admin/${shop.id}/produits/nouveau`)
    const photo = join(mkdtempSync(join(tmpdir(), 'comptoir-photo-')), 'fougasse.jpg')
    writeFileSync(
      photo,
      await sharp({ create: { width: 1600, height: 1200, channels: 3, background: '#c8894a' } })
        .jpeg()
        .toBuffer(),
    )
    await page.locator('#f-photo').setInputFiles(photo)
    await page.locator('#f-name').fill('Fougasse aux olives')
    await page.locator('#f-price').fill('3,80')
    await page.locator('#f-stock').fill('6')
    await page.locator('form button[type=submit]').last().click()
    await page.waitForURL(/\/admin\/[^/]+\/produits\/[0-9A-Z]{26}/)

    const product = await open(`/commerces/${shop.slug}/fougasse-aux-olives`)
    const image = product.locator('main img').first()
    expect(await image.getAttribute('srcset')).toMatch(/-320\.webp 320w/)
    expect(await product.locator('main').textContent()).toMatch(/3,80\s€/)
    await page.close()
    await product.close()
  })

  it('has no serious or critical accessibility violation on the main pages', async () => {
    for (const path of ['/', `/commerces/${shop.slug}`, croissantPath, '/recherche?q=pain', '/connexion']) {
      const page = await open(path)
      await expectNoSeriousViolations(page)
      await expectNoHorizontalScroll(page)
      await page.close()
    }
    const signedIn = await signInAsOwner()
    await signedIn.close()
    const form = await open(`/admin/${shop.id}/produits/nouveau`)
    expect(await form.locator('#f-name').count()).toBe(1)
    await expectNoSeriousViolations(form)
    await form.close()
  })
})
