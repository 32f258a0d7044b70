import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { html } from 'ghtml'
import { comesFromThisSite } from '../../http/auth.js'
import { basketOwner } from '../../http/basket-owner.js'
import type { AppDeps } from '../../http/deps.js'
import { httpStatusOf } from '../../http/problem-details.js'
import { AppError } from '../../lib/app-error.js'
import { formatVatRate } from '../../lib/french-format.js'
import {
  addToBasket,
  confirmBasketPrices,
  setBasketQuantity,
  viewBasket,
  type Basket,
  type BasketShopPart,
} from '../../modules/ordering/index.js'
import { getShop } from '../../modules/shops/index.js'
import { t } from '../i18n/index.js'
import { csrfInput, formAlert, price } from '../views/components.js'
import { storefrontPage } from '../views/layout.js'
import { sendHtml } from '../views/send-html.js'
import { productPath, shopPath } from '../views/storefront-shell.js'

type FormBody = Record<string, string | undefined>

/** The basket: lines by shop with current prices, quantities to change, totals TTC and VAT per rate. */
export function registerBasketPages(app: FastifyInstance, deps: AppDeps): void {
  const owner = (req: FastifyRequest, reply: FastifyReply, create: boolean) =>
    basketOwner(req, reply, { create, secure: deps.secureCookies })

  app.get('/panier', async (req, reply) => {
    const who = owner(req, reply, false)
    const basket = who ? await viewBasket(deps.db, who) : undefined
    return sendBasket(
      req,
      reply,
      basket,
      (req.query as FormBody).ajoute === '1' ? 'Produit ajouté au panier.' : undefined,
    )
  })

  // The product page's form: that page may come from the page cache, shared by every visitor, so it carries
  // no CSRF token; the browser's Origin header shows the form was sent from this site.
  app.post('/panier/ajouter', async (req, reply) => {
    if (!comesFromThisSite(req, deps.publicUrl, { requireOrigin: true }))
      throw new AppError('forbidden', 'http.cross_site', 'cross-site form refused')
    const body = (req.body ?? {}) as FormBody
    const who = owner(req, reply, true)!
    try {
      await addToBasket(deps.modules.ordering, who, String(body.variantId ?? ''), Number(body.quantity ?? 1))
    } catch (error) {
      if (!(error instanceof AppError) || error.kind === 'forbidden') throw error
      return sendBasket(
        req,
        reply.code(httpStatusOf(error)),
        await viewBasket(deps.db, who),
        undefined,
        t(error.code),
      )
    }
    return reply.redirect('/panier?ajoute=1', 303)
  })

  app.post('/panier/quantite', { preHandler: app.csrfProtection }, async (req, reply) => {
    const body = (req.body ?? {}) as FormBody
    const who = owner(req, reply, false)
    if (!who) return reply.redirect('/panier', 303)
    try {
      await setBasketQuantity(
        deps.modules.ordering,
        who,
        String(body.variantId ?? ''),
        body.retirer ? 0 : Number(body.quantity),
      )
    } catch (error) {
      if (!(error instanceof AppError)) throw error
      return sendBasket(
        req,
        reply.code(httpStatusOf(error)),
        await viewBasket(deps.db, who),
        undefined,
        t(error.code),
      )
    }
    return reply.redirect('/panier', 303)
  })

  app.post('/panier/prix', { preHandler: app.csrfProtection }, async (req, reply) => {
    const who = owner(req, reply, false)
    if (who) await confirmBasketPrices(deps.modules.ordering, who)
    return reply.redirect('/panier', 303)
  })

  async function sendBasket(
    req: FastifyRequest,
    reply: FastifyReply,
    basket: Basket | undefined,
    notice?: string,
    alert?: string,
  ) {
    const shops = new Map(
      await Promise.all(
        (basket?.parts ?? []).map(async (p) => [p.shopId, await getShop(deps.db, p.shopId)] as const),
      ),
    )
    const token = reply.generateCsrf()
    const empty = !basket || basket.lineCount === 0
    const changed = basket?.parts.some((p) => p.lines.some((l) => l.priceChanged)) ?? false
    const blocked = basket?.parts.some((p) => p.lines.some((l) => l.unavailable)) ?? false
    const content = html`<h1>Mon panier</h1>
      !${notice ? html`<p class="notice" role="status">${notice}</p>` : ''}
      !${formAlert(alert)}
      !${
        empty
          ? html`<section class="empty"><p>Votre panier est vide.</p><p><a href="/recherche">Parcourir les articles des commerces</a></p></section>`
          : html`!${
              changed
                ? html`<div class="alert" role="alert">
                <p>${t('ordering.price_changed')}</p>
                <form method="post" action="/panier/prix">!${csrfInput(token)}<button type="submit" class="button">Accepter les nouveaux prix</button></form>
              </div>`
                : ''
            }
            !${basket!.parts.map((part) => shopPart(part, shops.get(part.shopId)!, token)).join('')}
            <p class="basket-total">Total : <strong>${price(basket!.totalCents)}</strong> TTC, retrait en boutique.</p>
            !${
              changed || blocked
                ? html`<p>Confirmez les prix ou retirez les produits indisponibles pour commander.</p>`
                : html`<p><a class="button primary" href="/commande">Choisir les créneaux et commander</a></p>`
            }`
      }`
    return sendHtml(
      reply.header('cache-control', 'private, no-store'),
      storefrontPage({ title: 'Mon panier — Comptoir', noindex: true }, req.viewer, content),
    )
  }
}

function shopPart(part: BasketShopPart, shop: { name: string; slug: string }, token: string): string {
  return html`<section class="basket-shop" aria-labelledby="shop-${part.shopId}">
    <h2 id="shop-${part.shopId}"><a href="${shopPath(shop.slug)}">${shop.name}</a></h2>
    <ul class="basket-lines" role="list">
      !${part.lines
        .map(
          (line) => html`<li class="basket-line!${line.unavailable ? ' unavailable' : ''}">
            <p class="basket-product"><a href="${productPath(shop.slug, line.variant.productSlug)}">${line.variant.productName}</a> <span class="variant">${line.variant.variantName}</span></p>
            <p>${price(line.priceCents)} l’unité!${line.bundled ? html` <span class="hint">(prix du lot avec la vente flash ; seul : ${price(line.variant.priceCents)})</span>` : ''}!${line.priceChanged ? html` <strong class="changed">(au lieu de ${price(line.seenPriceCents)})</strong>` : ''}</p>
            !${line.unavailable ? html`<p class="error">${t('ordering.variant_not_found')}</p>` : ''}
            <form method="post" action="/panier/quantite" class="inline-form">
              !${csrfInput(token)}
              <input type="hidden" name="variantId" value="${line.variant.variantId}" />
              <label for="q-${line.variant.variantId}">Quantité</label>
              <input id="q-${line.variant.variantId}" name="quantity" type="number" inputmode="numeric" min="1" max="${Math.min(99, line.variant.available ?? 99)}" value="${line.quantity}" />
              <button type="submit" class="button">Mettre à jour</button>
              <button type="submit" name="retirer" value="1" class="link">Retirer</button>
            </form>
            <p class="line-total">${price(line.lineTotalCents)}</p>
          </li>`,
        )
        .join('')}
    </ul>
    <p>Sous-total ${shop.name} : <strong>${price(part.totalCents)}</strong> TTC
      (!${part.vat.map((v) => html`TVA ${formatVatRate(v.rateBp)} : ${price(v.vatCents)}`).join(', ')})</p>
  </section>`
}
