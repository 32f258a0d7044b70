import type { FastifyInstance } from 'fastify'
import { html } from 'ghtml'
import type { AppDeps } from '../../http/deps.js'
import { AppError } from '../../lib/app-error.js'
import { formatVatRate, frenchDuration, frenchStamp } from '../../lib/french-format.js'
import { addDays, fromZoned, toZoned } from '../../lib/zoned-time.js'
import {
  findCategory,
  findPublishedProduct,
  stockState,
  type Product,
  type StockState,
  type Variant,
} from '../../modules/catalog/index.js'
import {
  findShopBySlug,
  getOpeningSchedule,
  type OpeningStatus,
  type Shop,
} from '../../modules/shops/index.js'
import type { PageCache } from '../page-cache.js'
import { storefrontPage } from '../views/layout.js'
import { picture, price, stockBadge } from '../views/components.js'
import { breadcrumbJsonLd, productJsonLd } from '../views/storefront-jsonld.js'
import {
  absoluteUrl,
  breadcrumbs,
  categoryPath,
  productPath,
  sendCachedPage,
  sendStorefront,
  shopPath,
} from '../views/storefront-shell.js'
import { statusBadge } from '../views/storefront-shop.js'
import { paragraphs, shorten } from './shop.page.js'

/** UX-01 per variant: a stocked variant without a stock row is "to confirm", never "in stock". */
function variantState(product: Product, variant: Variant, now: Date, freshnessHours: number): StockState {
  if (product.kind === 'service') return 'service'
  if (!variant.stock) return 'unknown'
  return stockState(variant.stock, now, freshnessHours)
}

const productNotFound = () => new AppError('not_found', 'catalog.product_not_found', 'product not found')

/** Product pages are the most visited; visitors who are not signed in get them from `cache` when it is on. */
export function registerProductPage(app: FastifyInstance, deps: AppDeps, cache: PageCache | undefined): void {
  app.get('/commerces/:shopSlug/:productSlug', async (req, reply) => {
    const { shopSlug, productSlug } = req.params as { shopSlug: string; productSlug: string }
    const now = deps.clock.now()
    const cacheable = cache !== undefined && !req.viewer?.user
    const key = `${shopSlug}/${productSlug}`
    const hit = cacheable ? cache.lookup(key, now) : undefined
    if (hit) return sendCachedPage(req, reply, hit)
    const startedAt = cache?.begin() ?? 0

    const shop = await findShopBySlug(deps.db, shopSlug)
    // A hidden product answers exactly like one that never existed.
    const product = shop && (await findPublishedProduct(deps.db, shop.id, productSlug))
    if (!shop || !product) throw productNotFound()
    const [category, schedule] = await Promise.all([
      product.categoryId ? findCategory(deps.db, product.categoryId) : undefined,
      getOpeningSchedule(deps.db, shop, now),
    ])
    const states = product.variants.map((v) => variantState(product, v, now, shop.stockFreshnessHours))
    const crumbs = [
      { label: 'Accueil', href: '/' },
      { label: shop.name, href: shopPath(shop.slug) },
      { label: product.name, href: productPath(shop.slug, product.slug) },
    ]
    const [main, ...others] = product.photos
    const content = html`!${breadcrumbs(crumbs)}
      <article class="product">
        <div class="product-photos">
          !${picture(main, '(min-width: 48rem) 28rem, 100vw', product.name, 'eager')}
          !${others.length > 0 ? html`<ul class="thumbs" role="list">!${others.map((p) => html`<li>!${picture(p, '6rem', product.name)}</li>`).join('')}</ul>` : ''}
        </div>
        <div class="product-main">
          <h1>${product.name}</h1>
          <p class="product-shop">Chez <a href="${shopPath(shop.slug)}">${shop.name}</a>!${category ? html` · rayon <a href="${categoryPath(category.slug)}">${category.name}</a>` : ''}</p>
          !${statusBadge(schedule.status, now, shop.timeZone)}
          <section aria-labelledby="offers-heading">
            <h2 id="offers-heading">!${product.variants.length > 1 ? 'Choix, prix et disponibilité' : 'Prix et disponibilité'}</h2>
            <ul class="variants" role="list">!${product.variants.map((v, i) => variantLine(v, states[i] ?? 'unknown', shop)).join('')}</ul>
            <p class="vat">Prix TTC, ${vatText(product.vatRateBp)}.</p>
            !${product.kind === 'product' && shop.pickup.enabled ? basketForm(product) : ''}
          </section>
          !${product.description ? html`<section aria-labelledby="about-heading"><h2 id="about-heading">Description</h2><div class="prose">!${paragraphs(product.description)}</div></section>` : ''}
          !${shop.pickupInstructions ? html`<section aria-labelledby="pickup-heading"><h2 id="pickup-heading">Retrait</h2>!${paragraphs(shop.pickupInstructions)}</section>` : ''}
        </div>
      </article>`
    const lowest = Math.min(...product.variants.map((v) => v.priceCents))
    const meta = {
      title: `${product.name} — ${shop.name} — Comptoir`,
      description: shorten(
        product.description ||
          `${product.name} chez ${shop.name} à ${shop.address.city}, ${Number.isFinite(lowest) ? price(lowest) : ''}.`,
      ),
      canonical: absoluteUrl(deps.publicUrl, productPath(shop.slug, product.slug)),
      jsonLd: [
        productJsonLd(product, shop, states, deps.publicUrl, category?.name),
        breadcrumbJsonLd(crumbs, deps.publicUrl),
      ],
    }
    if (!cacheable) return sendStorefront(req, reply, meta, content)
    const page = cache.store(key, startedAt, {
      html: storefrontPage(meta, req.viewer, content),
      shopId: shop.id,
      productId: product.id,
      expiresAt: productPageExpiry(now, schedule.status, shop, product),
    })
    return sendCachedPage(req, reply, page)
  })
}

/**
 * When a product page rendered at `now` would read differently without any write: the shop opens or closes,
 * the day turns (the page says "demain", "aujourd’hui"), or a stock count grows too old to be trusted (UX-01).
 */
export function productPageExpiry(now: Date, status: OpeningStatus, shop: Shop, product: Product): Date {
  const moments = [fromZoned(addDays(toZoned(now, shop.timeZone).date, 1), 0, shop.timeZone).getTime()]
  const change = status.state === 'open' ? status.closesAt : status.nextOpensAt
  if (change) moments.push(change.getTime())
  for (const variant of product.variants) {
    // A count turns stale just after its limit (stockState compares with >), so the page expires 1 ms later.
    if (variant.stock)
      moments.push(Date.parse(variant.stock.updatedAt) + shop.stockFreshnessHours * 3_600_000 + 1)
  }
  return new Date(Math.min(...moments.filter((m) => m > now.getTime())))
}

function vatText(rateBp: number): string {
  return rateBp === 0 ? 'sans TVA' : `TVA ${formatVatRate(rateBp)} incluse`
}

function variantLine(v: Variant, state: StockState, shop: Shop): string {
  const updated =
    v.stock && state !== 'service'
      ? html`<span class="stock-time">stock mis à jour ${frenchStamp(new Date(v.stock.updatedAt), shop.timeZone)}</span>`
      : ''
  return html`<li class="variant">
    <span class="variant-name">${v.name}</span>
    <span class="variant-price">${price(v.priceCents)}</span>
    !${v.durationMinutes ? html`<span class="variant-duration">Durée : ${frenchDuration(v.durationMinutes)}</span>` : ''}
    <span class="variant-stock">!${stockBadge(state, v.stock?.available)} !${updated}</span>
  </li>`
}

/**
 * "Ajouter au panier": the same for every visitor (the page may come from the page cache), so no CSRF
 * token; the basket route checks the Origin header instead. Variants with no unit left are not offered.
 */
function basketForm(product: Product): string {
  const orderable = product.variants.filter((v) => (v.stock?.available ?? 0) > 0)
  if (orderable.length === 0) return html`<p class="sold-out">Épuisé pour le moment : revenez plus tard.</p>`
  const max = Math.min(99, Math.max(...orderable.map((v) => v.stock?.available ?? 0)))
  return html`<form method="post" action="/panier/ajouter" class="basket-form">
    !${
      orderable.length > 1
        ? html`<label for="basket-variant">Choix</label>
        <select id="basket-variant" name="variantId">!${orderable.map((v) => html`<option value="${v.id}">${v.name} — ${price(v.priceCents)}</option>`).join('')}</select>`
        : html`<input type="hidden" name="variantId" value="${orderable[0]!.id}" />`
    }
    <label for="basket-quantity">Quantité</label>
    <input id="basket-quantity" name="quantity" type="number" inputmode="numeric" min="1" max="${max}" value="1" />
    <button type="submit" class="button primary">Ajouter au panier</button>
  </form>`
}
