import type { FastifyInstance } from 'fastify'
import { html } from 'ghtml'
import type { AppDeps } from '../../http/deps.js'
import type { CategoryId, ShopId } from '../../lib/ids.js'
import {
  CATALOG_SORTS,
  listCategories,
  MAX_PAGE,
  parseQuery,
  searchCatalog,
  type CatalogQuery,
  type CatalogResults,
  type CatalogSort,
} from '../../modules/catalog/index.js'
import { filterForm, resultsSection, type ListingFilters } from '../views/storefront-listing.js'
import { absoluteUrl, categoryPath, sendStorefront } from '../views/storefront-shell.js'
import { listAllShops } from './home.page.js'

const first = (value: unknown): string | undefined =>
  typeof value === 'string'
    ? value
    : Array.isArray(value) && typeof value[0] === 'string'
      ? value[0]
      : undefined
const SLUG = /^[a-z0-9-]{1,80}$/

/**
 * The listing filters from a query string. Anything malformed (page=abc, tri=drop, a 10 kB q, repeated
 * keys) is dropped or clamped, never an error: a shared or hand-edited link should still show results.
 */
export function parseListingQuery(raw: unknown): ListingFilters {
  const q = (raw ?? {}) as Record<string, unknown>
  const text = (first(q.q) ?? '').slice(0, 200).replace(/\s+/g, ' ').trim()
  const page = Number(first(q.page))
  const sort = first(q.tri)
  const kind = first(q.type)
  const shop = first(q.commerce)
  const category = first(q.rayon)
  return {
    q: text,
    shop: shop && SLUG.test(shop) ? shop : undefined,
    category: category && SLUG.test(category) ? category : undefined,
    kind: kind === 'product' || kind === 'service' ? kind : undefined,
    inStock: ['1', 'on', 'true'].includes(first(q.stock) ?? ''),
    openNow: ['1', 'on', 'true'].includes(first(q.ouvert) ?? ''),
    sort: (CATALOG_SORTS as readonly string[]).includes(sort ?? '') ? (sort as CatalogSort) : undefined,
    page: Number.isInteger(page) && page >= 1 ? Math.min(page, MAX_PAGE) : 1,
  }
}

/** Runs the search; a page past the last one shows the last page rather than an empty list. */
/** One page of a listing for the filters a person chose; the shop and category arrive resolved to ids. */
export async function runListing(
  deps: AppDeps,
  now: Date,
  filters: ListingFilters,
  scope: { shopId?: ShopId | undefined; categoryId?: CategoryId | undefined },
): Promise<CatalogResults> {
  const query: CatalogQuery = {
    ...scope,
    q: filters.q,
    kind: filters.kind,
    inStock: filters.inStock,
    openNow: filters.openNow,
    sort: filters.sort,
    page: filters.page,
  }
  const results = await searchCatalog({ db: deps.db, now }, query)
  if (results.items.length === 0 && results.total > 0 && results.page > results.pageCount) {
    return searchCatalog({ db: deps.db, now }, { ...query, page: results.pageCount })
  }
  return results
}

/**
 * The words the search also looked for, as they are written in the results ("croissant", accents kept):
 * the module reports stems ("croiss"), which a person cannot read.
 */
function correctionWords(results: CatalogResults): Array<{ word: string; alternatives: string[] }> {
  return results.corrections.map((c) => {
    const found = new Set<string>()
    for (const item of results.items) {
      for (const token of item.name.toLowerCase().split(/[^\p{L}\p{N}]+/u)) {
        const stem = parseQuery(token)[0]?.stem
        if (stem && c.matched.includes(stem)) found.add(token)
      }
    }
    return { word: c.word, alternatives: [...found].slice(0, 3) }
  })
}

export function registerSearchPage(app: FastifyInstance, deps: AppDeps): void {
  app.get('/recherche', async (req, reply) => {
    const now = deps.clock.now()
    const filters = parseListingQuery(req.query)
    const [shops, categories] = await Promise.all([listAllShops(deps.db), listCategories(deps.db)])
    // Unknown shop or category slugs are ignored (and said so), like any other stale filter: still a 200.
    const shop = filters.shop ? shops.find((s) => s.slug === filters.shop) : undefined
    const category = filters.category ? categories.find((c) => c.slug === filters.category) : undefined
    const ignored = [
      filters.shop && !shop ? 'commerce' : '',
      filters.category && !category ? 'rayon' : '',
    ].filter(Boolean)
    const applied: ListingFilters = { ...filters, shop: shop?.slug, category: category?.slug }
    const results = await runListing(deps, now, applied, { shopId: shop?.id, categoryId: category?.id })
    applied.page = results.page
    const heading = applied.q ? html`Résultats pour « ${applied.q} »` : 'Tous les articles des commerces'
    const corrections = correctionWords(results).filter((c) => c.alternatives.length > 0)
    const content = html`<h1>!${heading}</h1>
      !${corrections.map((c) => html`<p class="did-you-mean">Résultats pour « ${c.word} » : nous avons aussi cherché ${c.alternatives.map((a) => `« ${a} »`).join(', ')}.</p>`).join('')}
      !${ignored.length > 0 ? html`<p class="notice">Le ${ignored.join(' et le ')} demandé n’existe pas : ce filtre n’est pas appliqué.</p>` : ''}
      !${filterForm({ action: '/recherche', filters: applied, shops, categories })}
      !${resultsSection({
        basePath: '/recherche',
        filters: applied,
        results,
        heading: 'Articles trouvés',
        empty: emptyState(applied, categories.slice(0, 6)),
      })}`
    const pageSuffix = results.page > 1 ? ` — page ${results.page}` : ''
    return sendStorefront(
      req,
      reply,
      {
        title: applied.q
          ? `Recherche « ${applied.q} »${pageSuffix} — Comptoir`
          : `Rechercher dans les commerces${pageSuffix} — Comptoir`,
        description: applied.q
          ? `Résultats pour « ${applied.q} » dans les commerces de la ville.`
          : 'Cherchez un produit ou un service dans tous les commerces de la ville.',
        canonical: absoluteUrl(deps.publicUrl, '/recherche'),
        // Result pages are endless combinations of words and filters: not for search engines' index.
        noindex: true,
      },
      content,
      applied.q,
    )
  })
}

function emptyState(f: ListingFilters, categories: ReadonlyArray<{ slug: string; name: string }>): string {
  const filtered = Boolean(f.shop || f.category || f.kind || f.inStock || f.openNow)
  const withoutFilters = `/recherche${f.q ? `?${new URLSearchParams({ q: f.q }).toString()}` : ''}`
  return html`<p><strong>Aucun article ne correspond${f.q ? html` à « ${f.q} »` : ''}.</strong></p>
    <ul>
      <li>Vérifiez l’orthographe ou essayez un mot plus simple (« pain » plutôt que « pain de campagne au levain »).</li>
      !${filtered ? html`<li><a href="${withoutFilters}">Chercher sans les filtres</a></li>` : ''}
      !${categories.length > 0 ? html`<li>Parcourez un rayon : !${categories.map((c) => html`<a href="${categoryPath(c.slug)}">${c.name}</a>`).join(', ')}</li>` : ''}
    </ul>`
}
