import type { Db } from '../../src/db/index.js'
import { seededPrng } from './prng.js'

/**
 * Storefront addresses of published products, a seeded random sample: product pages are read all over the
 * catalog, not the same few rows, so the sample is large enough to defeat a tiny hot cache.
 * Reads products and shops directly: the benchmark is a reader of the whole town, like the sitemap.
 */
export async function sampleProductPaths(db: Db, count: number): Promise<string[]> {
  const rows = await db
    .selectFrom('products')
    .innerJoin('shops', 'shops.id', 'products.shop_id')
    .select(['shops.slug as shopSlug', 'products.slug as productSlug'])
    .where('products.status', '=', 'published')
    .orderBy('shops.slug')
    .orderBy('products.slug')
    .execute()
  const prng = seededPrng(99)
  return Array.from({ length: Math.min(count, rows.length) }, () => {
    const row = prng.pick(rows)
    return `/commerces/${encodeURIComponent(row.shopSlug)}/${encodeURIComponent(row.productSlug)}`
  })
}

export async function townCounts(db: Db): Promise<{ shops: number; products: number; published: number }> {
  const shops = await db
    .selectFrom('shops')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  const products = await db
    .selectFrom('products')
    .select((eb) => [
      eb.fn.countAll<number>().as('n'),
      eb.fn.sum<number>(eb.case().when('status', '=', 'published').then(1).else(0).end()).as('published'),
    ])
    .executeTakeFirstOrThrow()
  return { shops: Number(shops.n), products: Number(products.n), published: Number(products.published) }
}
