import type { Db } from '../../src/db/index.js'
import { findCategoryBySlug, type CatalogQuery } from '../../src/modules/catalog/index.js'
import { findShopBySlug } from '../../src/modules/shops/index.js'
import { slugify } from '../../src/lib/slug.js'
import type { MixQuery } from './search-mix.js'
import { BENCH_CATEGORIES } from './vocabulary.js'

/** The mix as searchCatalog takes it, with shop and category slugs turned into this database's ids. */
export async function resolveMix(db: Db, mix: readonly MixQuery[]): Promise<CatalogQuery[]> {
  const resolved: CatalogQuery[] = []
  for (const m of mix) {
    const query: CatalogQuery = { q: m.q, inStock: m.inStock, sort: m.sort, page: m.page }
    if (m.categoryKey) {
      const category = await findCategoryBySlug(db, slugify(BENCH_CATEGORIES[m.categoryKey]))
      if (!category) throw new Error(`category ${m.categoryKey} is missing from the benchmark database`)
      query.categoryId = category.id
    }
    if (m.shopSlug) {
      const shop = await findShopBySlug(db, m.shopSlug)
      if (!shop) throw new Error(`shop ${m.shopSlug} is missing from the benchmark database`)
      query.shopId = shop.id
    }
    resolved.push(query)
  }
  return resolved
}
