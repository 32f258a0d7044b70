import type { FastifyInstance } from 'fastify'
import { html } from 'ghtml'
import type { AppDeps } from '../../http/deps.js'
import { listBookableServices } from '../../modules/bookings/index.js'
import { listShopEvents } from '../../modules/events/index.js'
import { toZoned } from '../../lib/zoned-time.js'
import { findShopBySlug, getOpeningSchedule, shopNotFound } from '../../modules/shops/index.js'
import { t } from '../i18n/index.js'
import { selectField } from '../views/components.js'
import { breadcrumbJsonLd, localBusinessJsonLd } from '../views/storefront-jsonld.js'
import { resultsSection, SORT_LABELS, type ListingFilters } from '../views/storefront-listing.js'
import { absoluteUrl, breadcrumbs, sendStorefront, shopPath } from '../views/storefront-shell.js'
import {
  closureNotice,
  closuresList,
  contactBlock,
  hoursTable,
  statusBadge,
} from '../views/storefront-shop.js'
import { parseListingQuery, runListing } from './search.page.js'

/** Meta descriptions are cut by search engines around 155 characters; cut on a word, not mid-word. */
export function shorten(text: string, max = 155): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  if (flat.length <= max) return flat
  const cut = flat.slice(0, max - 1)
  return `${cut.slice(0, cut.lastIndexOf(' ') > 80 ? cut.lastIndexOf(' ') : cut.length)}…`
}

export function registerShopPage(app: FastifyInstance, deps: AppDeps): void {
  app.get('/commerces/:shopSlug', async (req, reply) => {
    const { shopSlug } = req.params as { shopSlug: string }
    const shop = await findShopBySlug(deps.db, shopSlug)
    if (!shop) throw shopNotFound()
    const now = deps.clock.now()
    const parsed = parseListingQuery(req.query)
    // Only sort, type and page apply here; the shop is the page itself.
    const filters: ListingFilters = {
      ...parsed,
      q: '',
      shop: undefined,
      category: undefined,
      inStock: false,
      openNow: false,
    }
    const [schedule, results, bookable, events] = await Promise.all([
      getOpeningSchedule(deps.db, shop, now),
      runListing(deps, now, filters, { shopId: shop.id }),
      listBookableServices(deps.db, shop.id),
      listShopEvents(deps.db, shop.id, now),
    ])
    filters.page = results.page
    const kind = t(`kind.${shop.kind}`)
    const crumbs = [
      { label: 'Accueil', href: '/' },
      { label: shop.name, href: shopPath(shop.slug) },
    ]
    const content = html`!${breadcrumbs(crumbs)}
      <header class="shop-head">
        <h1>${shop.name}</h1>
        <p class="kind">${kind} · ${shop.address.city}</p>
        !${shop.tagline ? html`<p class="lead">${shop.tagline}</p>` : ''}
        !${statusBadge(schedule.status, now, schedule.timeZone)}
        !${closureNotice(schedule.status)}
        !${bookable.length > 0 ? html`<p><a class="button primary" href="${shopPath(shop.slug)}/rendez-vous">${bookable.every((s) => s.party) ? 'Réserver une table' : 'Prendre rendez-vous'}</a></p>` : ''}
        !${events.length > 0 ? html`<p><a class="button" href="${shopPath(shop.slug)}/evenements">Événements (${events.length})</a></p>` : ''}
      </header>
      !${shop.description ? html`<div class="prose">!${paragraphs(shop.description)}</div>` : ''}
      <div class="shop-info">
        <section aria-labelledby="hours-heading">
          <h2 id="hours-heading">Horaires</h2>
          !${hoursTable(schedule.hours, toZoned(now, schedule.timeZone).weekday)}
          !${closuresList(schedule.closures)}
        </section>
        <div>
          !${contactBlock(shop)}
          !${
            shop.pickupInstructions
              ? html`<section aria-labelledby="pickup-heading"><h2 id="pickup-heading">Retrait en boutique</h2>!${paragraphs(shop.pickupInstructions)}</section>`
              : ''
          }
        </div>
      </div>
      <div id="articles">
        !${resultsSection({
          basePath: shopPath(shop.slug),
          filters,
          results,
          heading: `Les articles de ${shop.name}`,
          tools: results.total > 1 || filters.kind ? sortForm(shopPath(shop.slug), filters) : '',
          empty: html`<p>Ce commerce n’a pas encore d’article en ligne. Passez le voir ou appelez-le.</p>`,
        })}
      </div>`
    const pageSuffix = results.page > 1 ? ` — page ${results.page}` : ''
    return sendStorefront(
      req,
      reply,
      {
        title: `${shop.name}${pageSuffix} — ${kind} à ${shop.address.city} — Comptoir`,
        description: shorten(
          `${shop.name}, ${kind.toLowerCase()} à ${shop.address.city}${shop.tagline ? ` : ${shop.tagline}` : ''}. Horaires, articles en stock et retrait en boutique.`,
        ),
        canonical: absoluteUrl(
          deps.publicUrl,
          `${shopPath(shop.slug)}${results.page > 1 ? `?page=${results.page}` : ''}`,
        ),
        jsonLd: [
          localBusinessJsonLd(shop, schedule.hours, schedule.closures, deps.publicUrl),
          breadcrumbJsonLd(crumbs, deps.publicUrl),
        ],
      },
      content,
    )
  })
}

/** Text typed by a merchant, blank lines as paragraph breaks; every piece escaped. */
export function paragraphs(text: string): string {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => html`<p>${p}</p>`)
    .join('')
}

function sortForm(action: string, f: ListingFilters): string {
  const sorts = (['name', 'price_asc', 'price_desc', 'newest'] as const).map((s) => ({
    value: s,
    label: SORT_LABELS[s],
  }))
  return html`<form method="get" action="${action}#articles" class="filter-form inline-filters">
    !${selectField({ name: 'tri', label: 'Trier par', value: f.sort ?? '', options: [{ value: '', label: 'Par défaut' }, ...sorts] })}
    !${selectField({
      name: 'type',
      label: 'Type',
      value: f.kind ?? '',
      options: [
        { value: '', label: 'Tous' },
        { value: 'product', label: 'Produits' },
        { value: 'service', label: 'Prestations' },
      ],
    })}
    <button type="submit" class="button">Trier</button>
  </form>`
}
