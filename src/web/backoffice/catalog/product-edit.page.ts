import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { html } from 'ghtml'
import { requireStaffOf } from '../../../http/auth.js'
import type { AppDeps } from '../../../http/deps.js'
import { httpStatusOf } from '../../../http/problem-details.js'
import type { ProductId } from '../../../lib/ids.js'
import { getProduct, listCategories, updateProduct, type Product } from '../../../modules/catalog/index.js'
import { getShop, type Membership } from '../../../modules/shops/index.js'
import { bodyOf, formErrorsOf, isFormError } from '../../forms.js'
import { t } from '../../i18n/index.js'
import { csrfInput, field, formAlert, type FormErrors } from '../../views/components.js'
import { sendHtml } from '../../views/send-html.js'
import { noticeOf, shopPage, withNotice } from '../admin-shell.js'
import {
  formFieldOf,
  productValuesOf,
  readProductValues,
  toProductInput,
  type ProductValues,
} from './product-form.js'
import { productForm } from './product-form-view.js'

type Params = { Params: { shopId: string; productId: string } }

export interface ProductPageState {
  values?: ProductValues
  errors?: FormErrors
  alert?: string | undefined
  photo?: { alt: string; errors: FormErrors; alert?: string | undefined }
}

/** /admin/:shopId/produits/:productId: every field of a product, its variants and stock, its photos. */
export function registerProductEditPage(admin: FastifyInstance, deps: AppDeps): void {
  const path = '/admin/:shopId/produits/:productId'

  admin.get<Params>(path, async (req, reply) => {
    const membership = requireStaffOf(req, req.params.shopId)
    return showProductPage(deps, req, reply, membership, req.params.productId as ProductId, {})
  })

  admin.post<Params>(path, { preHandler: admin.csrfProtection }, async (req, reply) => {
    const membership = requireStaffOf(req, req.params.shopId)
    const productId = req.params.productId as ProductId
    const values = readProductValues(bodyOf(req.body))
    const { input, rowOf } = toProductInput(values)
    try {
      await updateProduct(deps.modules.catalog, req.viewer.user!.id, membership.shopId, productId, input)
    } catch (error) {
      if (!isFormError(error)) throw error
      const errors = { ...formErrorsOf(error, formFieldOf(rowOf)) }
      // "Stock below reserved" says how many units customers hold, next to the count that was refused.
      const reserved = error.details.reserved
      const where =
        typeof error.details.field === 'string' ? formFieldOf(rowOf)(error.details.field) : undefined
      if (typeof reserved === 'number' && where)
        errors[where] =
          `${errors[where]} ${reserved} unité${reserved > 1 ? 's' : ''} réservée${reserved > 1 ? 's' : ''}.`
      return showProductPage(deps, req, reply.code(httpStatusOf(error)), membership, productId, {
        values,
        errors,
        alert: t(error.code),
      })
    }
    return reply.redirect(
      withNotice(`/admin/${membership.shopId}/produits/${productId}`, 'produit-enregistre'),
      303,
    )
  })
}

/** The product page, as saved or with a refused form's values and messages. Another shop's product is a 404. */
export async function showProductPage(
  deps: AppDeps,
  req: FastifyRequest,
  reply: FastifyReply,
  membership: Membership,
  productId: ProductId,
  state: ProductPageState,
) {
  const product = await getProduct(deps.db, membership.shopId, productId)
  const [shop, categories] = await Promise.all([getShop(deps.db, membership.shopId), listCategories(deps.db)])
  const base = `/admin/${membership.shopId}/produits/${product.id}`
  const csrf = csrfInput(reply.generateCsrf())
  const values = state.values ?? productValuesOf(product)
  const storefront =
    product.status === 'published'
      ? html` · <a href="/commerces/${shop.slug}/${product.slug}">Voir sur le site</a>`
      : ''
  const content = html`!${noticeOf(req)}
    <p class="breadcrumb"><a href="/admin/${membership.shopId}/produits">← Produits</a>!${storefront}</p>
    <h1>${product.name}</h1>
    !${formAlert(state.alert)}
    !${productForm({ action: base, csrf, categories, product, timeZone: shop.timeZone, now: deps.clock.now() }, values, state.errors ?? {})}
    !${photosSection(base, csrf, product, state.photo)}
    <p><a class="button" href="/admin/${membership.shopId}/produits/nouveau">Ajouter un autre produit</a></p>`
  return sendHtml(reply, shopPage(req, membership, product.name, 'products', content))
}

function photosSection(
  base: string,
  csrf: string,
  product: Product,
  state: ProductPageState['photo'],
): string {
  const errors = state?.errors ?? {}
  return html`<section class="photos" aria-labelledby="photos">
    <h2 id="photos">Photos</h2>
    !${
      product.photos.length === 0
        ? html`<p class="muted">Aucune photo : les produits avec photo se vendent mieux.</p>`
        : html`<ul class="photo-list">
          !${product.photos
            .map(
              (p, i) => html`<li>
                <img src="/media/${p.id}-${p.widths[0] ?? 320}.webp" width="160" height="${Math.round((p.height / p.width) * 160)}" alt="${p.alt || product.name}" loading="lazy" />
                <form method="post" action="${base}/photos/${p.id}/supprimer" class="inline">
                  !${csrf}
                  <button type="submit" class="button small danger" aria-label="Retirer la photo ${i + 1}">Retirer</button>
                </form>
              </li>`,
            )
            .join('')}
        </ul>`
    }
    <h3>Ajouter une photo</h3>
    !${formAlert(state?.alert)}
    <form method="post" action="${base}/photos" enctype="multipart/form-data" class="stack admin-form" novalidate>
      !${csrf}
      !${field({ name: 'photo', label: 'Photo', type: 'file', errors, required: true, hint: 'JPEG, PNG, WebP, HEIC ou GIF, 15 Mo au plus.', attrs: { accept: 'image/*' } })}
      !${field({ name: 'alt', label: 'Ce que montre la photo', value: state?.alt ?? '', errors, hint: 'Lu aux personnes aveugles ou malvoyantes. Par exemple : « pain de campagne tranché sur une planche ».', attrs: { maxlength: 200 } })}
      <button type="submit" class="button">Ajouter la photo</button>
    </form>
  </section>`
}
