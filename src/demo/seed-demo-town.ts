import type { Db } from '../db/index.js'
import type { Clock } from '../lib/clock.js'
import type { CategoryId, UserId } from '../lib/ids.js'
import { toZoned } from '../lib/zoned-time.js'
import {
  addProductPhoto,
  createCategory,
  createProduct,
  type ProductInput,
} from '../modules/catalog/index.js'
import { createUser, type AccountRole } from '../modules/identity/index.js'
import { builtInPaymentProviders } from '../modules/payments/index.js'
import {
  addClosure,
  addStaffMember,
  createShop,
  listShops,
  setWeeklyHours,
  type Shop,
} from '../modules/shops/index.js'
import { BOUCHERIE_ITEMS } from './catalog-boucherie.js'
import { BOULANGERIE_ITEMS } from './catalog-boulangerie.js'
import { CAVISTE_ITEMS } from './catalog-caviste.js'
import { COIFFURE_ITEMS } from './catalog-coiffure.js'
import { CYCLES_ITEMS } from './catalog-cycles.js'
import { EPICERIE_ITEMS } from './catalog-epicerie.js'
import { FLEURISTE_ITEMS } from './catalog-fleuriste.js'
import { FROMAGERIE_ITEMS } from './catalog-fromagerie.js'
import { stockFor, type DemoItem } from './catalog-item.js'
import { LIBRAIRIE_ITEMS } from './catalog-librairie.js'
import { RESTAURANT_ITEMS } from './catalog-restaurant.js'
import { DEMO_CATEGORIES, type CategoryKey } from './categories.js'
import { forEachConcurrently, oneAtATime } from '../lib/concurrency.js'
import { seedDemoBookings } from './demo-bookings.js'
import { placeDemoOrders } from './demo-orders.js'
import { DEMO_WEEKLY_HOURS, demoClosures } from './opening-hours.js'
import { renderProductPicture } from './pictures.js'
import { DEMO_SHOPS, type DemoShop, type DemoShopKind } from './shops.js'
import { DEMO_PASSWORD, DEMO_TOWN } from './town.js'

export interface DemoSeedDeps {
  db: Db
  clock: Clock
  /** Where the product photos are written, as in the running app. */
  mediaDir: string
}

interface DemoAccount {
  email: string
  password: string
  role: 'coordinator' | 'owner' | 'staff' | 'resident'
  /** The shop's name, for owners and staff. */
  shop?: string
}

export interface DemoSeedResult {
  shops: number
  products: number
  /** Click & collect orders of the demo resident (0 when no slot was offered). */
  orders: number
  users: DemoAccount[]
}

const CATALOGS: Record<DemoShopKind, DemoItem[]> = {
  boulangerie: BOULANGERIE_ITEMS,
  fromagerie: FROMAGERIE_ITEMS,
  librairie: LIBRAIRIE_ITEMS,
  caviste: CAVISTE_ITEMS,
  fleuriste: FLEURISTE_ITEMS,
  cycles: CYCLES_ITEMS,
  restaurant: RESTAURANT_ITEMS,
  coiffure: COIFFURE_ITEMS,
  epicerie: EPICERIE_ITEMS,
  boucherie: BOUCHERIE_ITEMS,
}

/** Products whose picture is drawn and resized at the same time; measured fastest on two cores. */
const PICTURE_CONCURRENCY = 3

interface SeededShop {
  demo: DemoShop
  shop: Shop
  ownerId: UserId
}

/** True as soon as the database has any shop: the demo town is only ever seeded into an empty town. */
export async function isDemoTownSeeded(db: Db): Promise<boolean> {
  const page = await listShops(db, { limit: 1 })
  return page.items.length > 0
}

/**
 * Seeds the demo town into an empty, migrated database: ten shops with hours, closures, staff, town-wide
 * categories and about 330 products and services, each with a picture drawn locally and stored through
 * the real photo pipeline. Goes through the modules' commands only, so every invariant and audit entry
 * is the same as for data entered by hand. Returns the accounts so the CLI can print them.
 */
export async function seedDemoTown(
  deps: DemoSeedDeps,
  options: { onProgress?: (done: number, total: number) => void } = {},
): Promise<DemoSeedResult> {
  if (await isDemoTownSeeded(deps.db))
    throw new Error('the demo town is seeded into an empty town only, and this one has shops')
  const users: DemoAccount[] = []
  await addAccount(
    deps,
    users,
    { email: `coordination@${DEMO_TOWN.domain}`, displayName: 'Claire Dubois', role: 'coordinator' },
    'coordinator',
  )
  const categoryIds = await createDemoCategories(deps.db)

  const shops: SeededShop[] = []
  for (const demo of DEMO_SHOPS) {
    const shop = await createShop(deps, { ...demo.profile, slug: demo.slug })
    const ownerId = await addAccount(
      deps,
      users,
      { email: `patron@${demo.slug}.demo`, displayName: demo.ownerName },
      'owner',
      shop.name,
    )
    await addStaffMember(deps.db, shop.id, ownerId, 'owner')
    await setWeeklyHours(deps, ownerId, shop.id, DEMO_WEEKLY_HOURS[demo.kind])
    shops.push({ demo, shop, ownerId })
  }

  const bakery = shopOfKind(shops, 'boulangerie')
  const bakeryStaffId = await addAccount(
    deps,
    users,
    { email: `vente@${bakery.demo.slug}.demo`, displayName: 'Julie Mercier' },
    'staff',
    bakery.shop.name,
  )
  await addStaffMember(deps.db, bakery.shop.id, bakeryStaffId, 'staff')
  const residentEmail = `resident@${DEMO_TOWN.domain}`
  const residentId = await addAccount(
    deps,
    users,
    { email: residentEmail, displayName: 'Paul Renard' },
    'resident',
  )

  const today = toZoned(deps.clock.now(), 'Europe/Paris').date
  for (const closure of demoClosures(today)) {
    const { shop, ownerId } = shopOfKind(shops, closure.kind)
    await addClosure(deps, ownerId, shop.id, {
      startsOn: closure.startsOn,
      endsOn: closure.endsOn,
      reason: closure.reason,
    })
  }

  const jobs = shops.flatMap((seeded) => CATALOGS[seeded.demo.kind].map((item) => ({ seeded, item })))
  let done = 0
  options.onProgress?.(done, jobs.length)
  // Product rows are written one at a time: concurrent saves on PostgreSQL can deadlock on the shared
  // search_terms rows. Only the picture work (drawing and resizing, most of the time) runs side by side.
  const writeOneAtATime = oneAtATime()
  await forEachConcurrently(jobs, PICTURE_CONCURRENCY, async ({ seeded, item }) => {
    const picture = await renderProductPicture({
      name: item.name,
      shopName: seeded.shop.name,
      category: item.category,
    })
    const input = productInput(seeded.demo, item, categoryIds[item.category])
    const product = await writeOneAtATime(() => createProduct(deps, seeded.ownerId, seeded.shop.id, input))
    await addProductPhoto(
      deps,
      seeded.ownerId,
      seeded.shop.id,
      product.id,
      picture,
      `Illustration : ${item.name}`,
    )
    done += 1
    options.onProgress?.(done, jobs.length)
  })

  const cheese = shopOfKind(shops, 'fromagerie')
  const orders = await placeDemoOrders(
    { ...deps, payments: builtInPaymentProviders(deps.db) },
    { id: residentId, name: 'Paul Renard', email: residentEmail },
    [
      { shop: bakery.shop, staffId: bakeryStaffId },
      { shop: cheese.shop, staffId: cheese.ownerId },
    ],
  )
  // Appointments and events: the salon's team and agenda, the bike workshop, a tasting and a workshop with seats.
  await seedDemoBookings(deps, new Map(shops.map((s) => [s.demo.kind, s.shop])))
  return { shops: shops.length, products: jobs.length, orders, users }
}

async function addAccount(
  deps: DemoSeedDeps,
  users: DemoAccount[],
  input: { email: string; displayName: string; role?: AccountRole },
  role: DemoAccount['role'],
  shop?: string,
): Promise<UserId> {
  const user = await createUser(deps, { ...input, password: DEMO_PASSWORD })
  users.push({ email: user.email, password: DEMO_PASSWORD, role, ...(shop ? { shop } : {}) })
  return user.id
}

async function createDemoCategories(db: Db): Promise<Record<CategoryKey, CategoryId>> {
  const ids: Partial<Record<CategoryKey, CategoryId>> = {}
  for (const [position, [key, category]] of Object.entries(DEMO_CATEGORIES).entries()) {
    ids[key as CategoryKey] = (await createCategory(db, { ...category, position })).id
  }
  return ids as Record<CategoryKey, CategoryId>
}

/** LAW F3: the shops whose goods deteriorate quickly; their products carry no 14-day withdrawal right. */
const PERISHABLE_SHOP_KINDS: ReadonlySet<DemoShopKind> = new Set<DemoShopKind>([
  'boulangerie',
  'fromagerie',
  'boucherie',
  'fleuriste',
])

function productInput(shop: DemoShop, item: DemoItem, categoryId: CategoryId): ProductInput {
  const perishable =
    item.kind === 'product' &&
    (PERISHABLE_SHOP_KINDS.has(shop.kind) || (shop.kind === 'epicerie' && item.category === 'fruits'))
  return {
    name: item.name,
    description: item.description,
    kind: item.kind,
    categoryId,
    vatRateBp: item.vatRateBp,
    status: 'published',
    withdrawalException: perishable ? 'perishable' : undefined,
    variants: item.variants.map((variant) => ({
      name: variant.name,
      priceCents: variant.priceCents,
      durationMinutes: variant.durationMinutes,
      onHand: item.kind === 'product' ? stockFor(`${shop.slug}/${item.name}/${variant.name}`) : undefined,
    })),
  }
}

function shopOfKind(shops: readonly SeededShop[], kind: DemoShopKind): SeededShop {
  const found = shops.find((s) => s.demo.kind === kind)
  if (!found) throw new Error(`the demo town has no ${kind}`)
  return found
}
