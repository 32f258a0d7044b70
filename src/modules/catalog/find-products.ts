import { sql, type SqlBool } from 'kysely'
import type { Db } from '../../db/index.js'
import { containsText } from '../../db/dialects/index.js'
import { decodeCursor, encodeCursor, type Page } from '../../lib/cursor.js'
import type { ProductId, ShopId } from '../../lib/ids.js'
import { productNotFound } from './errors.js'
import { loadProducts, selectProduct } from './product.repo.js'
import type { Product, ProductStatus } from './types.js'

/** A product of the staff member's shop, published or not. Another shop's product is not_found. */
export async function getProduct(db: Db, shopId: ShopId, productId: ProductId): Promise<Product> {
  const product = await selectProduct(db, shopId, productId)
  if (!product) throw productNotFound()
  return product
}

/** A published product by its address on the storefront, or undefined. */
export async function findPublishedProduct(
  db: Db,
  shopId: ShopId,
  slug: string,
): Promise<Product | undefined> {
  if (slug.length > 80) return undefined
  const row = await db
    .selectFrom('products')
    .selectAll()
    .where('shop_id', '=', shopId)
    .where('slug', '=', slug)
    .where('status', '=', 'published')
    .executeTakeFirst()
  if (!row) return undefined
  const [product] = await loadProducts(db, [row])
  return product
}

/** The back-office list of one shop's products, by name, with an optional name filter; cursor-paginated. */
export async function listShopProducts(
  db: Db,
  shopId: ShopId,
  options: {
    q?: string | undefined
    status?: ProductStatus | undefined
    limit: number
    cursor?: string | undefined
  },
): Promise<Page<Product>> {
  const after = decodeCursor(options.cursor, 2)
  let query = db
    .selectFrom('products')
    .selectAll()
    .where('shop_id', '=', shopId)
    .orderBy('name')
    .orderBy('id')
    .limit(options.limit + 1)
  if (options.status) query = query.where('status', '=', options.status)
  const q = options.q?.trim().slice(0, 100)
  // An explicit escape character: SQLite's LIKE has none by default, so "50%" would match anything.
  if (q) query = query.where(sql<SqlBool>`lower(name) like ${containsText(q.toLowerCase())} escape '\\'`)
  if (after) {
    const [name, id] = after.map(String) as [string, string]
    query = query.where((eb) =>
      eb.or([eb('name', '>', name), eb.and([eb('name', '=', name), eb('id', '>', id)])]),
    )
  }
  const rows = await query.execute()
  const items = await loadProducts(db, rows.slice(0, options.limit))
  const last = items.at(-1)
  return {
    items,
    nextCursor: rows.length > options.limit && last ? encodeCursor([last.name, last.id]) : undefined,
  }
}

/** Every published product's address, for the sitemap: shop slug, product slug, last change. */
export async function listPublishedProductAddresses(db: Db, options: { limit: number; offset: number }) {
  return db
    .selectFrom('products')
    .innerJoin('shops', 'shops.id', 'products.shop_id')
    .select(['shops.slug as shopSlug', 'products.slug as productSlug', 'products.updated_at as updatedAt'])
    .where('products.status', '=', 'published')
    .orderBy('products.id')
    .limit(options.limit)
    .offset(options.offset)
    .execute()
}
