import { sql, type Expression, type SqlBool } from 'kysely'
import type { Db } from '../../db/index.js'
import { productMatches } from '../../db/dialects/index.js'
import type { CategoryId, ShopId } from '../../lib/ids.js'
import { getOpeningStatuses } from '../shops/index.js'
import { loadCards } from './product-cards.js'
import { parseQuery, spellingVariants, withinOneEdit, type QueryWord } from './search-text.js'
import type { ProductCard, ProductKind } from './types.js'

export const CATALOG_SORTS = ['relevance', 'price_asc', 'price_desc', 'name', 'newest'] as const
export type CatalogSort = (typeof CATALOG_SORTS)[number]
export const MAX_PER_PAGE = 48
/** Beyond this page nobody reads on; it also bounds the OFFSET the database has to skip. */
export const MAX_PAGE = 200
const COUNT_CAP = 1000

export interface CatalogQuery {
  q?: string | undefined
  shopId?: ShopId | undefined
  categoryId?: CategoryId | undefined
  kind?: ProductKind | undefined
  inStock?: boolean | undefined
  openNow?: boolean | undefined
  sort?: CatalogSort | undefined
  page?: number | undefined
  perPage?: number | undefined
}

export interface CatalogResults {
  items: ProductCard[]
  /** Matches counted, up to COUNT_CAP. */
  total: number
  /** True when there are more than COUNT_CAP matches ("plus de 1 000"). */
  totalIsCapped: boolean
  page: number
  perPage: number
  pageCount: number
  /** Query words that matched only through typo tolerance, with what they matched: "croisant" → ["croiss"]. */
  corrections: Array<{ word: string; matched: string[] }>
}

/**
 * The storefront's one listing query: full-text search across every shop (French stemming, accents and
 * one typo forgiven), filters, sort and pagination. Only published products of the town are listed.
 */
export async function searchCatalog(
  deps: { db: Db; now: Date },
  query: CatalogQuery,
): Promise<CatalogResults> {
  const perPage = clamp(query.perPage ?? 24, 1, MAX_PER_PAGE)
  const page = clamp(query.page ?? 1, 1, MAX_PAGE)
  const words = parseQuery(query.q ?? '')
  const { groups, corrections } = await expandTypos(deps.db, words)
  const sort: CatalogSort = query.sort ?? (words.length > 0 ? 'relevance' : 'name')

  let openShopIds: ShopId[] | undefined
  if (query.openNow) {
    const statuses = await getOpeningStatuses(deps.db, deps.now)
    openShopIds = [...statuses].filter(([, status]) => status.state === 'open').map(([id]) => id)
  }

  let base = deps.db.selectFrom('products').where('products.status', '=', 'published')
  if (words.length > 0) base = base.where(productMatches(deps.db, groups))
  if (query.shopId) base = base.where('products.shop_id', '=', query.shopId)
  if (query.categoryId) base = base.where('products.category_id', '=', query.categoryId)
  if (query.kind) base = base.where('products.kind', '=', query.kind)
  if (openShopIds)
    base =
      openShopIds.length > 0
        ? base.where('products.shop_id', 'in', openShopIds)
        : base.where(sql<SqlBool>`1 = 0`)
  if (query.inStock) base = base.where('products.has_stock', '=', 1)

  // Counting stops past COUNT_CAP: "plus de 1 000 résultats" is as useful as 10 214, and counting every
  // match of a common word was the slowest part of a search (measured 16-55 ms for "maison").
  const counted = await deps.db
    .selectFrom(
      base
        .select(sql<number>`1`.as('one'))
        .limit(COUNT_CAP + 1)
        .as('matches'),
    )
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst()
  const total = Math.min(Number(counted?.n ?? 0), COUNT_CAP)
  const totalIsCapped = Number(counted?.n ?? 0) > COUNT_CAP

  let rows = base
    .selectAll('products')
    .limit(perPage)
    .offset((page - 1) * perPage)
  switch (sort) {
    case 'relevance':
      rows = rows.orderBy(relevance(groups), 'desc').orderBy('products.name').orderBy('products.id')
      break
    case 'price_asc':
      rows = rows.orderBy('products.from_price_cents').orderBy('products.id')
      break
    case 'price_desc':
      rows = rows.orderBy('products.from_price_cents', 'desc').orderBy('products.id')
      break
    case 'name':
      rows = rows.orderBy('products.name').orderBy('products.id')
      break
    case 'newest':
      rows = rows.orderBy('products.created_at', 'desc').orderBy('products.id', 'desc')
      break
  }
  const items = await loadCards(deps.db, await rows.execute(), deps.now)
  return {
    items,
    total,
    totalIsCapped,
    page,
    perPage,
    pageCount: Math.max(1, Math.ceil(total / perPage)),
    corrections,
  }
}

/**
 * For each query word, the indexed words it may match: itself, plus (for words of 5+ letters that the
 * town's catalog does not contain) every indexed word within one edit. One query for all words.
 */
async function expandTypos(db: Db, words: readonly QueryWord[]) {
  const tolerant = words.filter((w) => w.typoTolerant)
  const variants = [...new Set(tolerant.flatMap((w) => spellingVariants(w.stem)))]
  const known =
    variants.length > 0
      ? await db
          .selectFrom('search_terms')
          .select(['variant', 'term'])
          .where('variant', 'in', variants)
          .execute()
      : []
  const corrections: CatalogResults['corrections'] = []
  const groups = words.map((word) => {
    if (!word.typoTolerant) return [word.stem]
    const mine = new Set(spellingVariants(word.stem))
    const candidates = new Set(known.filter((k) => mine.has(k.variant)).map((k) => k.term))
    if (candidates.has(word.stem)) return [word.stem]
    const near = [...candidates].filter((term) => withinOneEdit(term, word.stem)).sort()
    if (near.length > 0) corrections.push({ word: word.plain, matched: near })
    return [word.stem, ...near]
  })
  return { groups, corrections }
}

/** Two points per query word found in the name, so name matches outrank description matches. */
function relevance(groups: ReadonlyArray<ReadonlyArray<string>>): Expression<number> {
  const parts = groups.map((group) => {
    const anyInName = sql.join(
      group.map((term) => sql`products.search_name like ${`% ${term} %`}`),
      sql` or `,
    )
    return sql<number>`(case when ${anyInName} then 2 else 0 end)`
  })
  return parts.length > 0 ? sql<number>`(${sql.join(parts, sql` + `)})` : sql<number>`0`
}

const clamp = (value: number, min: number, max: number) =>
  Number.isFinite(value) ? Math.min(max, Math.max(min, Math.trunc(value))) : min
