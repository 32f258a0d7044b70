import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { forEachEngine } from '../../test/harness/engines.js'
import { fixedClock } from '../lib/clock.js'
import { isValidFrenchVat, isValidSiret } from '../lib/siret.js'
import { addDays, fromZoned, toZoned } from '../lib/zoned-time.js'
import {
  listAbsences,
  listBookableServices,
  listFreeTimes,
  listResources,
  listShopBookings,
} from '../modules/bookings/index.js'
import { listEventRegistrations, listShopEvents, listTownEvents, seatsLeft } from '../modules/events/index.js'
import {
  getProduct,
  listShopProducts,
  photoFileName,
  searchCatalog,
  type Product,
} from '../modules/catalog/index.js'
import { authenticate } from '../modules/identity/index.js'
import { listResidentOrders } from '../modules/ordering/index.js'
import { getOpeningStatuses, listMemberships, listShops, type Shop } from '../modules/shops/index.js'
import { seedDemoBookings } from './demo-bookings.js'
import { isDemoTownSeeded, seedDemoTown, type DemoSeedResult } from './seed-demo-town.js'
import type { DemoShopKind } from './shops.js'

// A Tuesday morning in Paris: every shop but the florist (closed for stocktaking today) is open.
const NOW = new Date('2026-11-24T09:30:00Z')
const REQUIRED_KINDS = [
  'boulangerie',
  'fromagerie',
  'librairie',
  'caviste',
  'fleuriste',
  'cycles',
  'restaurant',
  'coiffure',
]
const DAY_MS = 86_400_000
/** Demo clients write from example.org or example.com only, or were booked by phone without an email. */
const DEMO_CLIENT_EMAIL = /^$|@example\.(org|com)$/

forEachEngine('demo town seed', ({ db }) => {
  const mediaDir = mkdtempSync(join(tmpdir(), 'comptoir-demo-media-'))
  let result: DemoSeedResult
  let shops: Shop[]
  let progress: Array<[number, number]>

  // Seeded once per engine: drawing and resizing 330 pictures is the slow part.
  beforeAll(async () => {
    expect(await isDemoTownSeeded(db())).toBe(false)
    progress = []
    result = await seedDemoTown(
      { db: db(), clock: fixedClock(NOW), mediaDir },
      { onProgress: (done, total) => progress.push([done, total]) },
    )
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
          for (const width of photo.widths)
            expect(existsSync(join(mediaDir, photoFileName(photo.id, width))), product.name).toBe(true)
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
    const names = async (q: string) =>
      (await searchCatalog({ db: db(), now: NOW }, { q })).items.map((card) => card.name)
    expect(await names('creme brulee')).toContain('Crème brûlée')
    expect(await names('baguettes')).toContain('Baguette tradition')
    expect(await names('croisant')).toContain('Croissant au beurre')
    expect(await names('boeuf bourguignon')).toContain('Bœuf bourguignon')
  })

  it('creates accounts that sign in with the demo password', async () => {
    expect(result.users.map((u) => u.role)).toEqual(
      expect.arrayContaining(['coordinator', 'owner', 'staff', 'resident']),
    )
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
    const topics = await db()
      .selectFrom('outbox')
      .select('topic')
      .where('topic', 'in', ['checkout.confirmed', 'order.ready'])
      .execute()
    expect(topics.map((t) => t.topic).sort()).toEqual(['checkout.confirmed', 'order.ready'])
  })

  it('lets residents book every hair service of the salon in the coming week, with Camille, Léa or Hugo', async () => {
    const salon = shopOfKind('coiffure')
    expect((await listResources(db(), salon.id)).map((r) => [r.name, r.kind])).toEqual([
      ['Camille', 'staff'],
      ['Hugo', 'staff'],
      ['Léa', 'staff'],
    ])
    const services = await listBookableServices(db(), salon.id)
    const catalogServices = (await allProductsOf(salon))
      .filter((p) => p.kind === 'service')
      .flatMap((p) => p.variants)
    expect(services.map((s) => s.variantId).sort()).toEqual(catalogServices.map((v) => v.id).sort())
    for (const service of services) {
      const name = `${service.productName} (${service.variantName})`
      expect(service, name).toMatchObject({
        stepMinutes: 15,
        noticeMinutes: 120,
        horizonDays: 60,
        cancelHoursBefore: 24,
        onSale: true,
      })
      expect(
        (await listFreeTimes(db(), salon.id, service.variantId, { days: 7 }, NOW)).length,
        name,
      ).toBeGreaterThan(0)
    }
  })

  it('keeps Léa off the agenda on her training day next week, while Camille still takes clients', async () => {
    const salon = shopOfKind('coiffure')
    const lea = (await listResources(db(), salon.id)).find((r) => r.name === 'Léa')!
    const absences = await listAbsences(db(), salon.id, lea.id, { endingAfter: NOW.toISOString() })
    expect(absences).toHaveLength(1)
    const day = toZoned(new Date(absences[0]!.startsAt), salon.timeZone).date
    expect(day >= addDays(toZoned(NOW, salon.timeZone).date, 7)).toBe(true)
    const cut = (await listBookableServices(db(), salon.id)).find(
      (s) => s.productName === 'Coupe femme' && s.variantName === 'Cheveux courts',
    )!
    expect(
      await listFreeTimes(db(), salon.id, cut.variantId, { from: day, days: 1, resourceId: lea.id }, NOW),
    ).toEqual([])
    expect(
      (await listFreeTimes(db(), salon.id, cut.variantId, { from: day, days: 1 }, NOW)).length,
    ).toBeGreaterThan(0)
  })

  it('books bike repairs at the workshop in the coming week, but not the rentals', async () => {
    const bikes = shopOfKind('cycles')
    expect((await listResources(db(), bikes.id)).map((r) => [r.name, r.kind])).toEqual([
      ['Atelier', 'resource'],
    ])
    const services = await listBookableServices(db(), bikes.id)
    expect(services.map((s) => s.productName)).toEqual(
      expect.arrayContaining(['Réparation de crevaison', 'Révision complète']),
    )
    expect(services.map((s) => s.productName)).not.toContain('Location de vélo')
    for (const service of services)
      expect(
        (await listFreeTimes(db(), bikes.id, service.variantId, { days: 7 }, NOW)).length,
        service.productName,
      ).toBeGreaterThan(0)
  })

  it('fills the salon owner’s day view with today’s appointments for more than one hairdresser', async () => {
    const salon = shopOfKind('coiffure')
    const account = result.users.find((u) => u.email === 'patron@camille-coiffure.demo')!
    const owner = (await authenticate(db(), account.email, account.password))!
    expect((await listMemberships(db(), owner.id)).map((m) => [m.shopId, m.role])).toEqual([
      [salon.id, 'owner'],
    ])
    // The period the back-office day view asks for: today, midnight to midnight in the salon's zone.
    const today = toZoned(NOW, salon.timeZone).date
    const day = await listShopBookings(db(), salon.id, {
      from: fromZoned(today, 0, salon.timeZone).toISOString(),
      to: fromZoned(addDays(today, 1), 0, salon.timeZone).toISOString(),
    })
    expect(day.length).toBeGreaterThanOrEqual(3)
    expect(new Set(day.map((b) => b.resourceName)).size).toBeGreaterThanOrEqual(2)
    const week = await listShopBookings(db(), salon.id, {
      from: NOW.toISOString(),
      to: new Date(NOW.getTime() + 7 * DAY_MS).toISOString(),
    })
    expect(week.length).toBeGreaterThan(day.length)
    expect(
      week.every(
        (b) =>
          b.status === 'confirmed' &&
          DEMO_CLIENT_EMAIL.test(b.contact.email) &&
          (b.contact.email || b.contact.phone),
      ),
    ).toBe(true)
  })

  it('seats parties at the restaurant’s tables, with a few booked and one large group waiting for the bistrot’s answer', async () => {
    const bistrot = shopOfKind('restaurant')
    const tables = await listResources(db(), bistrot.id)
    expect(tables.map((t) => [t.name, t.seats?.min, t.seats?.max])).toContainEqual(['Grande table', 4, 8])
    expect(tables).toHaveLength(7)
    const [service, ...others] = await listBookableServices(db(), bistrot.id)
    expect(others).toEqual([])
    expect([
      service!.productName,
      service!.priceCents,
      service!.party?.maxParty,
      service!.party?.onRequestFrom,
    ]).toEqual(['Réserver une table', 0, 8, 7])
    for (const partySize of [2, 4, 8])
      expect(
        (await listFreeTimes(db(), bistrot.id, service!.variantId, { days: 7, partySize }, NOW)).length,
        String(partySize),
      ).toBeGreaterThan(0)
    const coming = await listShopBookings(db(), bistrot.id, {
      from: NOW.toISOString(),
      to: new Date(NOW.getTime() + 14 * DAY_MS).toISOString(),
    })
    expect(coming.length).toBeGreaterThanOrEqual(5)
    expect(coming.filter((b) => b.status === 'requested').map((b) => b.partySize)).toEqual([8])
    expect(coming.every((b) => tables.find((t) => t.id === b.resourceId)!.seats!.max >= b.partySize)).toBe(
      true,
    )
  })

  it('opens a tasting at the wine shop and a workshop at the bookshop, 10 to 20 days ahead, some seats taken and some left', async () => {
    for (const kind of ['caviste', 'librairie'] as const) {
      const shop = shopOfKind(kind)
      const events = await listShopEvents(db(), shop.id, NOW)
      expect(events, kind).toHaveLength(1)
      const event = events[0]!
      const daysAhead = (Date.parse(event.startsAt) - NOW.getTime()) / DAY_MS
      expect(daysAhead, kind).toBeGreaterThanOrEqual(10)
      expect(daysAhead, kind).toBeLessThanOrEqual(20)
      expect(event.priceCents).toBeGreaterThan(0)
      expect(event.seatsPerPerson).toBeGreaterThan(1)
      expect(event.seatsTaken).toBeGreaterThan(0)
      expect(seatsLeft(event)).toBeGreaterThan(0)
      const { registrations } = await listEventRegistrations(db(), shop.id, event.id)
      expect(
        registrations.every((r) => r.status === 'seated' && DEMO_CLIENT_EMAIL.test(r.contact.email)),
      ).toBe(true)
    }
  })

  it('asks a card hold for the salon’s longest services, and announces a free walk run by the town, some places taken', async () => {
    const salon = shopOfKind('coiffure')
    const services = await listBookableServices(db(), salon.id)
    const held = services.filter((s) => s.deposit.kind === 'card_hold').map((s) => s.productName)
    expect(new Set(held)).toEqual(new Set(['Permanente', 'Lissage brésilien']))
    const [walk, ...others] = await listTownEvents(db(), NOW)
    expect(others).toEqual([])
    expect(walk).toMatchObject({
      shopId: undefined,
      title: 'Balade gourmande chez les commerçants',
      priceCents: 0,
      seatsTaken: 5,
    })
    expect(seatsLeft(walk!)).toBe(35)
  })

  it('adds no booking, resource nor event when the bookings are seeded again', async () => {
    const counts = async () =>
      Promise.all(
        [
          'booking_resources',
          'bookable_services',
          'resource_absences',
          'bookings',
          'booking_events',
          'event_registrations',
        ].map(async (table) =>
          Number(
            (
              await db()
                .selectFrom(table as 'bookings')
                .select((eb) => eb.fn.countAll<number>().as('n'))
                .executeTakeFirstOrThrow()
            ).n,
          ),
        ),
      )
    const before = await counts()
    await seedDemoBookings(
      { db: db(), clock: fixedClock(NOW) },
      new Map(shops.map((s) => [s.kind as DemoShopKind, s])),
    )
    expect(await counts()).toEqual(before)
  })

  function shopOfKind(kind: DemoShopKind): Shop {
    return shops.find((s) => s.kind === kind)!
  }

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
