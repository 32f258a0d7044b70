import type { FastifyInstance } from 'fastify'
import { html } from 'ghtml'
import type { Db } from '../../db/index.js'
import type { AppDeps } from '../../http/deps.js'
import { frenchDateTime, plural } from '../../lib/french-format.js'
import { listTownEvents, TOWN_ORGANISER, type BookingEvent } from '../../modules/events/index.js'
import { listCategoriesWithCounts, searchCatalog } from '../../modules/catalog/index.js'
import { getOpeningStatuses, listShops, type OpeningStatus, type Shop } from '../../modules/shops/index.js'
import { t } from '../i18n/index.js'
import { productGrid } from '../views/storefront-listing.js'
import { absoluteUrl, categoryPath, sendStorefront, shopPath } from '../views/storefront-shell.js'
import { closureNotice, statusBadge } from '../views/storefront-shop.js'

/** A town has tens of shops, not thousands; the bound keeps a runaway loop from reading forever. */
const MAX_SHOPS = 2000

/** Every shop of the town, by name (the module pages by cursor; the storefront wants them all). */
export async function listAllShops(db: Db): Promise<Shop[]> {
  const shops: Shop[] = []
  let cursor: string | undefined
  do {
    const page = await listShops(db, { limit: 200, cursor })
    shops.push(...page.items)
    cursor = page.nextCursor
  } while (cursor && shops.length < MAX_SHOPS)
  return shops
}

/** "Saumur" when every shop is in the same town, for headings; undefined otherwise. */
function townName(shops: readonly Shop[]): string | undefined {
  const cities = new Set(shops.map((s) => s.address.city.trim()).filter(Boolean))
  return cities.size === 1 ? [...cities][0] : undefined
}

const RECENT_PRODUCTS = 8
/** The home page announces the next few town events; each one's page has the rest. */
const TOWN_EVENTS = 3

/** « Événements en ville »: the coordinator's coming events; nothing at all when there is none. */
function townEventsSection(events: readonly BookingEvent[]): string {
  if (events.length === 0) return ''
  return html`<section aria-labelledby="town-events-heading">
    <h2 id="town-events-heading">Événements en ville</h2>
    <ul class="service-list" role="list">
      !${events.map((e) => html`<li><a href="/evenements/${e.id}"><strong>${e.title}</strong></a> · ${frenchDateTime(e.startsAt, TOWN_ORGANISER.timeZone)} · ${e.place}</li>`).join('')}
    </ul>
  </section>`
}

export function registerHomePage(app: FastifyInstance, deps: AppDeps): void {
  app.get('/', async (req, reply) => {
    const now = deps.clock.now()
    const [shops, statuses, categories, recent, townEvents] = await Promise.all([
      listAllShops(deps.db),
      getOpeningStatuses(deps.db, now),
      listCategoriesWithCounts(deps.db),
      searchCatalog({ db: deps.db, now }, { sort: 'newest', perPage: RECENT_PRODUCTS }),
      // Events not yet started: one under way can no longer be joined.
      listTownEvents(deps.db, now, { notStarted: true, limit: TOWN_EVENTS }),
    ])
    const town = townName(shops)
    const title = town ? `Les commerces de ${town}` : 'Les commerces de la ville'
    const filled = categories.filter((c) => c.productCount > 0)
    const content = html`<section class="hero">
        <h1>${title}</h1>
        <p>Voyez le stock réel et les horaires, commandez en ligne et retirez en boutique. Chaque commerce garde le lien avec ses clients.</p>
      </section>
      !${shops.length === 0 ? emptyTown() : shopsSection(shops, statuses, now)}
      !${townEventsSection(townEvents)}
      !${
        filled.length > 0
          ? html`<section aria-labelledby="rayons-heading">
            <h2 id="rayons-heading">Les rayons</h2>
            <ul class="category-list" role="list">
              !${filled.map((c) => html`<li><a href="${categoryPath(c.slug)}">${c.name} <span class="count">${plural(c.productCount, 'article')}</span></a></li>`).join('')}
            </ul>
          </section>`
          : ''
      }
      !${
        recent.items.length > 0
          ? html`<section aria-labelledby="recent-heading">
            <h2 id="recent-heading">Nouveautés dans les commerces</h2>
            !${productGrid(recent.items)}
            <p><a href="/recherche?tri=newest">Voir tous les articles</a></p>
          </section>`
          : ''
      }`
    return sendStorefront(
      req,
      reply,
      {
        title: `${title} — Comptoir`,
        description:
          shops.length > 0
            ? `${plural(shops.length, 'commerce')} ${town ? `de ${town} ` : ''}en ligne : produits, horaires, stock réel et retrait en boutique.`
            : 'Comptoir, la plateforme des commerces de la ville : produits, horaires et retrait en boutique.',
        canonical: absoluteUrl(deps.publicUrl, '/'),
      },
      content,
    )
  })
}

function shopsSection(
  shops: readonly Shop[],
  statuses: ReadonlyMap<string, OpeningStatus>,
  now: Date,
): string {
  return html`<section aria-labelledby="shops-heading">
    <h2 id="shops-heading">Les commerces</h2>
    <ul class="shop-list" role="list">
      !${shops
        .map((shop) => {
          const status = statuses.get(shop.id)
          return html`<li class="shop-card">
            <h3><a href="${shopPath(shop.slug)}">${shop.name}</a></h3>
            <p class="kind">${t(`kind.${shop.kind}`)}</p>
            !${shop.tagline ? html`<p class="tagline">${shop.tagline}</p>` : ''}
            !${statusBadge(status, now, shop.timeZone)}
            !${closureNotice(status)}
          </li>`
        })
        .join('')}
    </ul>
  </section>`
}

function emptyTown(): string {
  return html`<section class="empty" aria-labelledby="empty-heading">
    <h2 id="empty-heading">Aucun commerce n’est encore en ligne</h2>
    <p>Les premiers commerces de la ville arrivent bientôt. Vous tenez une boutique ? Parlez-en à l’association des commerçants pour rejoindre Comptoir.</p>
  </section>`
}
