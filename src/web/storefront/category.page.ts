import type { FastifyInstance } from 'fastify'
import { html } from 'ghtml'
import type { AppDeps } from '../../http/deps.js'
import { AppError } from '../../lib/app-error.js'
import { findCategoryBySlug } from '../../modules/catalog/index.js'
import { filterForm, resultsSection } from '../views/storefront-listing.js'
import { absoluteUrl, breadcrumbs, categoryPath, sendStorefront } from '../views/storefront-shell.js'
import { breadcrumbJsonLd } from '../views/storefront-jsonld.js'
import { listAllShops } from './home.page.js'
import { parseListingQuery, runListing } from './search.page.js'

/** A town-wide "rayon": every shop's products of that category, with the same filters as search. */
export function registerCategoryPage(app: FastifyInstance, deps: AppDeps): void {
  app.get('/rayons/:categorySlug', async (req, reply) => {
    const { categorySlug } = req.params as { categorySlug: string }
    const category = await findCategoryBySlug(deps.db, categorySlug)
    if (!category) throw new AppError('not_found', 'catalog.category_not_found', 'category not found')
    const now = deps.clock.now()
    const filters = { ...parseListingQuery(req.query), category: category.slug }
    const shops = await listAllShops(deps.db)
    // An unknown shop filter is dropped, as on the search page.
    const shop = filters.shop ? shops.find((s) => s.slug === filters.shop) : undefined
    const applied = { ...filters, shop: shop?.slug }
    const results = await runListing(deps, now, applied, { shopId: shop?.id, categoryId: category.id })
    applied.page = results.page
    // The category is in the path, so the pagination and filter links must not repeat it as rayon=.
    const listing = { ...applied, category: undefined }
    const crumbs = [{ label: 'Accueil', href: '/' }, { label: category.name }]
    const content = html`!${breadcrumbs(crumbs)}
      <h1>${category.name}</h1>
      !${category.description ? html`<p class="lead">${category.description}</p>` : ''}
      !${filterForm({ action: categoryPath(category.slug), filters: listing, shops })}
      !${resultsSection({
        basePath: categoryPath(category.slug),
        filters: listing,
        results,
        heading: `Articles du rayon ${category.name}`,
        empty: html`<p>Aucun article ne correspond pour le moment. <a href="${categoryPath(category.slug)}">Voir tout le rayon</a> ou <a href="/">revenir à l’accueil</a>.</p>`,
      })}`
    const pageSuffix = results.page > 1 ? ` — page ${results.page}` : ''
    const path = `${categoryPath(category.slug)}${results.page > 1 ? `?page=${results.page}` : ''}`
    return sendStorefront(
      req,
      reply,
      {
        title: `${category.name}${pageSuffix} — rayon des commerces de la ville — Comptoir`,
        description:
          category.description ||
          `${category.name} : les articles des commerces de la ville, avec le stock réel et le retrait en boutique.`,
        canonical: absoluteUrl(deps.publicUrl, path),
        jsonLd: [
          breadcrumbJsonLd(
            [
              { label: 'Accueil', href: '/' },
              { label: category.name, href: categoryPath(category.slug) },
            ],
            deps.publicUrl,
          ),
        ],
      },
      content,
    )
  })
}
