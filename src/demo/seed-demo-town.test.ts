import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { forEachEngine } from '../../test/harness/engines.js'
import { fixedClock } from '../lib/clock.js'
import { isValidFrenchVat, isValidSiret } from '../lib/siret.js'
import { getProduct, listShopProducts, photoFileName, searchCatalog, type Product } from '../modules/catalog/index.js'
import { authenticate } from '../modules/identity/index.js'
import { listResidentOrders } from '../modules/ordering/index.js'
import { getOpeningStatuses, listShops, type Shop } from '../modules/shops/index.js'
import { isDemoTownSeeded, seedDemoTown, type DemoSeedResult } from './seed-demo-town.js'

// A Tuesday morning in Paris: every shop but the florist (closed for stocktaking today) is open.
const NOW = new Date('2026-11-24T09:30:00Z')
const REQUIRED_KINDS = ['boulangerie', 'fromagerie', 'librairie', 'caviste', 'fleuriste', 'cycles', 'restaurant', 'coiffure']

forEachEngine('demo town seed', ({ db }) => {
  const mediaDir = mkdtempSync(join(tmpdir(), 'comptoir-demo-media-'))
  let result: DemoSeedResult
  let shops: Shop[]
  let progress: Array<[number, number]>

  // Seeded once per engine: drawing and resizing 330 pictures is the slow part.
  beforeAll(async () => {
    expect(await isDemoTownSeeded(db())).toBe(false)
    progress = []
    result = await seedDemoTown({ db: db(), clock: fixedClock(NOW), mediaDir }, { onProgress: (done, total) => progress.push([done, total]) })
    shops = (await listShops(db(), { limit: 50 })).items
  }, 120_000)
  afterAll(() => rmSync(mediaDir, { recursive: true, force: true }))

  it('opens ten shops of different kinds, with valid SIRET and VAT numbers', async () => {
    expect(await isDemoTownSeeded(db())).toBe(true)
    expect(result.shops).toBe(shops.length)
    expect(shops.length).toBeGreaterThanOrEqual(8)
    expect(shops.map((s) => s.kind)).toEqual(expect.arrayContaining(REQUIRED_KINDS))
    for (const shop of shops) {
      expect(isValidSiret(shop.siret ?? ''), `${shop.name} SIRET ${shop.siret}`).toBe(true)
      expect(isValidFrenchVat(shop.vatNumber ?? ''), `${shop.name} VAT ${shop.vatNumber}`).toBe(true)
      expect(shop.vatNumber?.slice(4)).toBe(shop.siret?.slice(0, 9))
    }
  })

  it('publishes over 300 products and services, and reports progress up to the total', async () => {
    const published = await searchCatalog({ db: db(), now: NOW }, {})
    expect(published.total).toBeGreaterThanOrEqual(300)
    expect(result.products).toBe(published.total)
    expect(progress.at(-1)).toEqual([result.products, result.products])
  })

  it('sells services with a duration and no stock', async () => {
    const services = await searchCatalog({ db: db(), now: NOW }, { kind: 'service', q: 'crevaison' })
    const repair = services.items.find((card) => card.name === 'Réparation de crevaison')
    expect(repair).toBeDefined()
    const product = await getProduct(db(), repair!.shopId, repair!.id)
    expect(product.variants.every((v) => (v.durationMinutes ?? 0) > 0 && v.stock === undefined)).toBe(true)
  })

  it('gives every product a photo whose files are on disk', async () => {
    let checked = 0
    for (const shop of shops) {
      for (const product of await allProductsOf(shop)) {
        expect(product.photos.length, product.name).toBeGreaterThanOrEqual(1)
        for (const photo of product.photos) {
          for (const width of photo.widths) expect(existsSync(join(mediaDir, photoFileName(photo.id, width))), product.name).toBe(true)
        }
        checked += 1
      }
    }
    expect(checked).toBe(result.products)
  })

  it('closes exactly one shop today, the florist', async () => {
    const statuses = await getOpeningStatuses(db(), NOW)
    const closedToday = shops.filter((shop) => {
      const status = statuses.get(shop.id)
      return status?.state === 'closed' && status.closure !== undefined
    })
    expect(closedToday.map((s) => s.kind)).toEqual(['fleuriste'])
    expect(statuses.get(shops.find((s) => s.kind === 'boulangerie')!.id)?.state).toBe('open')
  })

  it('is found by French search, accents, plurals and typos included', async () => {
    const names = async (q: string) => (await searchCatalog({ db: db(), now: NOW }, { q })).items.map((card) => card.name)
    expect(await names('creme brulee')).toContain('Crème brûlée')
    expect(await names('baguettes')).toContain('Baguette tradition')
    expect(await names('croisant')).toContain('Croissant au beurre')
    expect(await names('boeuf bourguignon')).toContain('Bœuf bourguignon')
  })

  it('creates accounts that sign in with the demo password', async () => {
    expect(result.users.map((u) => u.role)).toEqual(expect.arrayContaining(['coordinator', 'owner', 'staff', 'resident']))
    expect(result.users.filter((u) => u.role === 'owner')).toHaveLength(shops.length)
    const coordinator = result.users.find((u) => u.role === 'coordinator')!
    expect((await authenticate(db(), coordinator.email, coordinator.password))?.role).toBe('coordinator')
  })

  it('gives the demo resident a first click & collect checkout: the bakery’s part ready, the cheese shop’s placed', async () => {
    expect(result.orders).toBe(2)
    const resident = result.users.find((u) => u.role === 'resident')!
    const user = (await authenticate(db(), resident.email, resident.password))!
    const orders = await listResidentOrders(db(), user.id)
    const kindOf = new Map(shops.map((s) => [s.id, s.kind]))
    expect(orders.map((o) => [kindOf.get(o.shopId), o.status]).sort()).toEqual([
      ['boulangerie', 'ready'],
      ['fromagerie', 'placed'],
    ])
    // The units are held, and the confirmation and "ready" messages wait in the outbox for the worker.
    expect(orders.every((o) => o.lines.every((l) => l.quantity === 2))).toBe(true)
    const topics = await db().selectFrom('outbox').select('topic').where('topic', 'in', ['checkout.confirmed', 'order.ready']).execute()
    expect(topics.map((t) => t.topic).sort()).toEqual(['checkout.confirmed', 'order.ready'])
  })

  async function allProductsOf(shop: Shop): Promise<Product[]> {
    const products: Product[] = []
    let cursor: string | undefined
    do {
      const page = await listShopProducts(db(), shop.id, { limit: 100, cursor })
      products.push(...page.items)
      cursor = page.nextCursor
    } while (cursor)
    return products
  }
})
