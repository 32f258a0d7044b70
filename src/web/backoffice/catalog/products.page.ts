import type { FastifyInstance } from 'fastify'
import { html } from 'ghtml'
import { requireStaffOf } from '../../../http/auth.js'
import type { AppDeps } from '../../../http/deps.js'
import { formatEuros } from '../../../lib/french-format.js'
import {
  listShopProducts,
  stockState,
  type Product,
  type ProductStatus,
  type Variant,
} from '../../../modules/catalog/index.js'
import { getShop, type Shop } from '../../../modules/shops/index.js'
import { stockBadge } from '../../views/components.js'
import { sendHtml } from '../../views/send-html.js'
import { noticeOf, shopPage } from '../admin-shell.js'
import { stockUpdatedText, thumbnail } from './product-views.js'

const PER_PAGE = 25
const STATUSES: Record<string, ProductStatus> = { publies: 'published', masques: 'hidden' }

type Query = { q?: unknown; statut?: unknown; apres?: unknown }

/** /admin/:shopId/produits: every product of the shop, published or not, with its stock per variant (UX-01). */
export function registerProductsPage(admin: FastifyInstance, deps: AppDeps): void {
  admin.get<{ Params: { shopId: string }; Querystring: Query }>(
    '/admin/:shopId/produits',
    async (req, reply) => {
      const membership = requireStaffOf(req, req.params.shopId)
      const q = typeof req.query.q === 'string' ? req.query.q.slice(0, 100) : ''
      const statut =
        typeof req.query.statut === 'string' && Object.hasOwn(STATUSES, req.query.statut)
          ? req.query.statut
          : ''
      const cursor = typeof req.query.apres === 'string' ? req.query.apres : undefined
      const shop = await getShop(deps.db, membership.shopId)
      const page = await listShopProducts(deps.db, shop.id, {
        q,
        status: STATUSES[statut],
        limit: PER_PAGE,
        cursor,
      })
      const base = `/admin/${shop.id}/produits`
      const filtered = q !== '' || statut !== '' || cursor !== undefined
      const now = deps.clock.now()

      const list =
        page.items.length > 0
          ? html`<ul class="product-list">!${page.items.map((p) => productRow(base, shop, p, now)).join('')}</ul>`
          : filtered
            ? html`<p>Aucun produit ne correspond à cette recherche. <a href="${base}">Voir tous les produits</a></p>`
            : html`<div class="empty admin-empty">
              <p>Votre catalogue est vide. Une photo, un nom, un prix : votre premier produit est en ligne en une minute.</p>
              <a class="button primary big" href="${base}/nouveau">Ajouter un produit</a>
            </div>`
      const params = new URLSearchParams({ ...(q ? { q } : {}), ...(statut ? { statut } : {}) })
      const next = page.nextCursor
        ? `${base}?${new URLSearchParams([...params, ['apres', page.nextCursor]])}`
        : undefined
      const first = cursor ? `${base}${params.size ? `?${params}` : ''}` : undefined

      const content = html`!${noticeOf(req)}
      <div class="page-head">
        <h1>Produits</h1>
        <a class="button primary" href="${base}/nouveau">Ajouter un produit</a>
      </div>
      <form method="get" action="${base}" class="admin-filters" role="search">
        <div class="field">
          <label for="f-q">Nom du produit</label>
          <input id="f-q" name="q" type="search" value="${q}" maxlength="100" />
        </div>
        <div class="field">
          <label for="f-statut">Statut</label>
          <select id="f-statut" name="statut">
            <option value="">Tous</option>
            <option value="publies"!${statut === 'publies' ? ' selected' : ''}>Publiés</option>
            <option value="masques"!${statut === 'masques' ? ' selected' : ''}>Masqués</option>
          </select>
        </div>
        <button type="submit" class="button">Filtrer</button>
      </form>
      !${list}
      !${
        next || first
          ? html`<nav class="pagination" aria-label="Pagination">
            !${first ? html`<a href="${first}">← Retour au début</a>` : '<span></span>'}
            !${next ? html`<a rel="next" href="${next}">Produits suivants →</a>` : '<span></span>'}
          </nav>`
          : ''
      }`
      return sendHtml(reply, shopPage(req, membership, 'Produits', 'products', content))
    },
  )
}

function productRow(base: string, shop: Shop, product: Product, now: Date): string {
  const status =
    product.status === 'published'
      ? html`<span class="badge badge-ok">Publié</span>`
      : html`<span class="badge badge-muted">Masqué</span>`
  return html`<li class="product-row">
    !${thumbnail(product.photos[0])}
    <div class="product-row-body">
      <h2 class="product-name"><a href="${base}/${product.id}">${product.name}</a></h2>
      <p class="product-meta">!${status} · ${product.kind === 'service' ? 'Prestation' : 'Produit'}</p>
      <ul class="variant-lines">!${product.variants.map((v) => variantLine(shop, v, now)).join('')}</ul>
    </div>
  </li>`
}

function variantLine(shop: Shop, variant: Variant, now: Date): string {
  const state = stockState(variant.stock, now, shop.stockFreshnessHours)
  const stock = variant.stock
    ? html` · ${variant.stock.available} disponible${variant.stock.available > 1 ? 's' : ''}!${variant.stock.reserved > 0 ? html`, ${variant.stock.reserved} réservé${variant.stock.reserved > 1 ? 's' : ''}` : ''}
        <span class="muted">· ${stockUpdatedText(variant.stock.updatedAt, now, shop.timeZone)}</span>`
    : ''
  return html`<li><span class="variant-name">${variant.name}</span> · <strong>${formatEuros(variant.priceCents)}</strong> · !${stockBadge(state)}!${stock}</li>`
}
