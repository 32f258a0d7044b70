import type { Db } from '../../src/db/index.js'
import { fixedClock, type Clock } from '../../src/lib/clock.js'
import type { ShopId, UserId } from '../../src/lib/ids.js'
import {
  createCategory,
  createProduct,
  type Category,
  type Product,
  type ProductInput,
} from '../../src/modules/catalog/index.js'

const suffix = () => Math.random().toString(36).slice(2, 10)

/** A town-wide category with a unique name (and so a unique slug). */
export async function aCategory(
  db: Db,
  overrides: { name?: string; description?: string; position?: number } = {},
): Promise<Category> {
  return createCategory(db, { name: `Rayon ${suffix()}`, ...overrides })
}

/** A valid product form: one variant of 2,50 € with 10 units on hand, published. */
export function aProductInput(overrides: Partial<ProductInput> = {}): ProductInput {
  return {
    name: `Produit ${suffix()}`,
    description: '',
    kind: 'product',
    vatRateBp: 550,
    status: 'published',
    variants: [{ name: 'Pièce', priceCents: 250, onHand: 10 }],
    ...overrides,
  }
}

/** A product of the given shop, created through the catalog module. */
export async function aProduct(
  db: Db,
  shopId: ShopId,
  overrides: Partial<ProductInput> = {},
  options: { clock?: Clock; actor?: UserId; mediaDir?: string } = {},
): Promise<Product> {
  const deps = {
    db,
    clock: options.clock ?? fixedClock('2026-05-04T08:00:00Z'),
    mediaDir: options.mediaDir ?? '',
  }
  return createProduct(deps, options.actor, shopId, aProductInput(overrides))
}
