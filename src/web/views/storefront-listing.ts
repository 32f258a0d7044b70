import { html } from 'ghtml'
import { frenchNumber, plural } from '../../lib/french-format.js'
import type { CatalogResults, CatalogSort, ProductCard, ProductKind } from '../../modules/catalog/index.js'
import { pagination, picture, price, selectField, stockBadge } from './components.js'
import { productPath } from './storefront-shell.js'

/** The filters of a listing as they travel in the URL: a plain GET form, so it works without script. */
export interface ListingFilters {
  q: string
  /** Shop slug (commerce=) and category slug (rayon=), kept only when they name something that exists. */
  shop: string | undefined
  category: string | undefined
  kind: ProductKind | undefined
  inStock: boolean
  openNow: boolean
  sort: CatalogSort | undefined
  page: number
}

export const SORT_LABELS: Record<CatalogSort, string> = {
  relevance: 'Pertinence',
  price_asc: 'Prix croissant',
  price_desc: 'Prix décroissant',
  name: 'Nom (A → Z)',
  newest: 'Nouveautés',
}

/** The URL parameters of the filters (French names), without the page: what pagination links carry. */
function filterParams(f: ListingFilters): Record<string, string | undefined> {
  return {
    q: f.q || undefined,
    commerce: f.shop,
    rayon: f.category,
    type: f.kind,
    stock: f.inStock ? '1' : undefined,
    ouvert: f.openNow ? '1' : undefined,
    tri: f.sort,
  }
}

function productCard(card: ProductCard): string {
  const href = productPath(card.shopSlug, card.slug)
  const amount =
    card.variantCount > 1 ? `à partir de ${price(card.fromPriceCents)}` : price(card.fromPriceCents)
  return html`<li class="card">
    <div class="card-photo">!${picture(card.photo, '(min-width: 40rem) 15rem, 50vw', card.name)}</div>
    <div class="card-body">
      <h3 class="card-title"><a href="${href}">${card.name}</a></h3>
      <p class="card-shop">${card.shopName}</p>
      <p class="card-price">${amount}</p>
      !${stockBadge(card.stockState, card.available)}
    </div>
  </li>`
}

export function productGrid(cards: readonly ProductCard[]): string {
  return cards.length === 0
    ? ''
    : html`<ul class="card-grid" role="list">!${cards.map(productCard).join('')}</ul>`
}

interface FilterFormOptions {
  action: string
  filters: ListingFilters
  /** Omitted when the page already fixes it (a shop page has no shop select, a category page no category). */
  shops?: ReadonlyArray<{ slug: string; name: string }>
  categories?: ReadonlyArray<{ slug: string; name: string }>
  sorts?: readonly CatalogSort[]
}

/** Filters and sort in a disclosure (closed on phones until used), submitted as GET: no script needed. */
export function filterForm(o: FilterFormOptions): string {
  const f = o.filters
  const active = Boolean(f.shop || f.category || f.kind || f.inStock || f.openNow || f.sort)
  const sorts =
    o.sorts ??
    (f.q
      ? (Object.keys(SORT_LABELS) as CatalogSort[])
      : (Object.keys(SORT_LABELS) as CatalogSort[]).filter((s) => s !== 'relevance'))
  const all = { value: '', label: 'Tous' }
  return html`<details class="filters"!${active ? ' open' : ''}>
    <summary>Filtres et tri</summary>
    <form method="get" action="${o.action}" class="filter-form">
      !${f.q ? html`<input type="hidden" name="q" value="${f.q}" />` : ''}
      !${o.shops ? selectField({ name: 'commerce', label: 'Commerce', value: f.shop ?? '', options: [{ value: '', label: 'Tous les commerces' }, ...o.shops.map((s) => ({ value: s.slug, label: s.name }))] }) : ''}
      !${o.categories ? selectField({ name: 'rayon', label: 'Rayon', value: f.category ?? '', options: [{ value: '', label: 'Tous les rayons' }, ...o.categories.map((c) => ({ value: c.slug, label: c.name }))] }) : ''}
      !${selectField({ name: 'type', label: 'Type', value: f.kind ?? '', options: [all, { value: 'product', label: 'Produits' }, { value: 'service', label: 'Prestations et services' }] })}
      !${selectField({ name: 'tri', label: 'Trier par', value: f.sort ?? '', options: [{ value: '', label: 'Par défaut' }, ...sorts.map((s) => ({ value: s, label: SORT_LABELS[s] }))] })}
      <div class="checks">
        <label class="check"><input type="checkbox" name="stock" value="1"!${f.inStock ? ' checked' : ''} /> En stock seulement</label>
        <label class="check"><input type="checkbox" name="ouvert" value="1"!${f.openNow ? ' checked' : ''} /> Commerces ouverts maintenant</label>
      </div>
      <button type="submit" class="button">Appliquer</button>
    </form>
  </details>`
}

/** Result count, the cards and the page links: shared by search, category and shop pages. */
export function resultsSection(o: {
  basePath: string
  filters: ListingFilters
  results: CatalogResults
  heading: string
  empty: string
  /** Controls shown between the count and the cards (the shop page's sort form). */
  tools?: string
}): string {
  const r = o.results
  const from = (r.page - 1) * r.perPage + 1
  const to = from + r.items.length - 1
  const range = r.pageCount > 1 && r.items.length > 0 ? ` (${from}–${to})` : ''
  return html`<section class="results" aria-labelledby="results-heading">
    <h2 id="results-heading">${o.heading}</h2>
    <p class="result-count">${r.totalIsCapped ? `plus de ${frenchNumber(r.total)} résultats` : plural(r.total, 'résultat')}${range}</p>
    !${o.tools ?? ''}
    !${r.items.length > 0 ? productGrid(r.items) : html`<div class="empty">!${o.empty}</div>`}
    !${pagination(o.basePath, filterParams(o.filters), r.page, r.pageCount)}
  </section>`
}
