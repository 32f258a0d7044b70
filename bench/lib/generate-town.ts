import type { Db } from '../../src/db/index.js'
import { systemClock } from '../../src/lib/clock.js'
import type { CategoryId } from '../../src/lib/ids.js'
import { createCategory, importProducts } from '../../src/modules/catalog/index.js'
import { createUser } from '../../src/modules/identity/index.js'
import { createShop, setWeeklyHours } from '../../src/modules/shops/index.js'
import { openingHours, shopProducts, townShops, type TownSize } from './town.js'
import { BENCH_CATEGORIES } from './vocabulary.js'

/**
 * Fills a migrated, empty database with the benchmark town through the real commands (createShop,
 * createCategory, setWeeklyHours, importProducts), so the rows carry the same validation and search indexing as production.
 * One transaction per shop, as a merchant's bulk import would do.
 */
export async function generateTown(
  db: Db,
  size: TownSize,
  log: (line: string) => void,
): Promise<{ seconds: number }> {
  const started = performance.now()
  const categoryIds = new Map<string, CategoryId>()
  for (const [position, [key, name]] of Object.entries(BENCH_CATEGORIES).entries()) {
    categoryIds.set(key, (await createCategory(db, { name, position })).id)
  }
  // Weekly hours are set by someone: a coordinator account, as at a real town's onboarding.
  const coordinator = await createUser(
    { db, clock: systemClock },
    {
      email: 'coordination@bench.example.fr',
      password: 'bench-coordination-2026',
      displayName: 'Coordination',
      role: 'coordinator',
    },
  )
  const shops = townShops(size)
  for (const [index, { profile }] of shops.entries()) {
    const shop = await createShop({ db, clock: systemClock }, profile)
    await setWeeklyHours({ db, clock: systemClock }, coordinator.id, shop.id, openingHours(profile.kind))
    await importProducts(
      { db, clock: systemClock, mediaDir: '' },
      undefined,
      shop.id,
      shopProducts(index, size.productsPerShop, categoryIds),
    )
    if ((index + 1) % 20 === 0 || index + 1 === shops.length) {
      log(`  ${index + 1}/${shops.length} shops, ${((performance.now() - started) / 1000).toFixed(1)} s`)
    }
  }
  return { seconds: (performance.now() - started) / 1000 }
}
