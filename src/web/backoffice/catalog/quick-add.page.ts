import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { html } from 'ghtml'
import type { AppDeps } from '../../../http/deps.js'
import { requireStaffOf } from '../../../http/auth.js'
import { httpStatusOf } from '../../../http/problem-details.js'
import type { CategoryId } from '../../../lib/ids.js'
import { parseEuros } from '../../../lib/money.js'
import {
  addProductPhoto,
  checkProductInput,
  createProduct,
  listCategories,
  preparePhoto,
  type PreparedPhoto,
  type ProductInput,
} from '../../../modules/catalog/index.js'
import { getShop, type Membership } from '../../../modules/shops/index.js'
import { bodyOf, fieldErrors, fileOf, formErrorsOf, isFormError, text, wholeNumber } from '../../forms.js'
import { t } from '../../i18n/index.js'
import { csrfInput, field, formAlert, selectField, type FormErrors } from '../../views/components.js'
import { sendHtml } from '../../views/send-html.js'
import { shopPage, withNotice } from '../admin-shell.js'
import { AppError } from '../../../lib/app-error.js'
import { categoryOptions, defaultVatRateBp, vatOptions } from './product-views.js'

type Params = { Params: { shopId: string } }
interface QuickValues {
  name: string
  price: string
  stock: string
  categoryId: string
  kind: string
  vatRateBp: string
}

// The module names the first variant's fields; the quick form has one field for each.
const FIELD_NAMES: Record<string, string> = {
  'variants[0].priceCents': 'price',
  'variants[0].onHand': 'stock',
  'variants[0].name': 'name',
}
const renameField = (f: string) => FIELD_NAMES[f] ?? f

/**
 * UX-04: a sellable product in under a minute on a phone. One short form: photo from the camera, name,
 * price, stock; everything else is defaulted (published, one variant "À l'unité", the shop's usual VAT).
 */
export function registerQuickAddPage(admin: FastifyInstance, deps: AppDeps): void {
  const path = '/admin/:shopId/produits/nouveau'

  admin.get<Params>(path, async (req, reply) => {
    const membership = requireStaffOf(req, req.params.shopId)
    const shop = await getShop(deps.db, membership.shopId)
    const values: QuickValues = {
      name: '',
      price: '',
      stock: '1',
      categoryId: '',
      kind: 'product',
      vatRateBp: String(defaultVatRateBp(shop.kind)),
    }
    return sendHtml(reply, await quickAddPage(req, reply, deps, membership, values, {}))
  })

  admin.post<Params>(path, { preHandler: admin.csrfProtection }, async (req, reply) => {
    const membership = requireStaffOf(req, req.params.shopId)
    const body = bodyOf(req.body)
    const values: QuickValues = {
      name: text(body, 'name', 200),
      price: text(body, 'price', 30),
      stock: text(body, 'stock', 30),
      categoryId: text(body, 'categoryId', 40),
      kind: text(body, 'kind', 20),
      vatRateBp: text(body, 'vatRateBp', 10),
    }
    const input = toInput(values)
    const photo = fileOf(body, 'photo')
    const actor = req.viewer.user!.id
    const again = async (status: number, errors: FormErrors, alert: string) =>
      sendHtml(reply.code(status), await quickAddPage(req, reply, deps, membership, values, errors, alert))

    // Every problem at once, the photo's included, before anything is written.
    const problems = checkProductInput(input).map((p) => ({
      field: renameField(p.field),
      code: p.field === 'variants[0].priceCents' && !values.price.trim() ? 'required' : p.code,
    }))
    let prepared: PreparedPhoto | undefined
    let badPhoto: AppError | undefined
    if (photo) {
      try {
        prepared = await preparePhoto(photo)
      } catch (error) {
        if (!(error instanceof AppError)) throw error
        badPhoto = error
      }
    }
    if (problems.length > 0 || badPhoto) {
      const errors = { ...fieldErrors(problems), ...(badPhoto ? { photo: t(badPhoto.code) } : {}) }
      return again(badPhoto ? httpStatusOf(badPhoto) : 400, errors, t('catalog.invalid_product'))
    }
    let productId
    try {
      productId = (await createProduct(deps.modules.catalog, actor, membership.shopId, input)).id
    } catch (error) {
      if (!isFormError(error)) throw error
      return again(httpStatusOf(error), formErrorsOf(error, renameField), t(error.code))
    }
    const edit = `/admin/${membership.shopId}/produits/${productId}`
    if (prepared) {
      try {
        await addProductPhoto(deps.modules.catalog, actor, membership.shopId, productId, prepared, input.name)
      } catch (error) {
        // The image decoded above, so this is the disk or the like: the product stays, the merchant is told.
        req.log.error({ err: error, reqId: req.id }, 'photo of a new product not saved')
        return reply.redirect(withNotice(edit, 'produit-ajoute-sans-photo'), 303)
      }
    }
    return reply.redirect(withNotice(edit, 'produit-ajoute'), 303)
  })
}

function toInput(v: QuickValues): ProductInput {
  const kind = (v.kind || 'product') as ProductInput['kind']
  return {
    name: v.name,
    description: '',
    kind,
    categoryId: (v.categoryId || undefined) as CategoryId | undefined,
    vatRateBp: v.vatRateBp.trim() ? Number(v.vatRateBp) : Number.NaN,
    status: 'published',
    variants: [
      {
        name: 'À l’unité',
        // NaN for "abc": the catalog's own check then names the field and says why, in French.
        priceCents: v.price.trim() ? (parseEuros(v.price) ?? Number.NaN) : Number.NaN,
        onHand: kind === 'product' ? (wholeNumber(v.stock) ?? 0) : undefined,
      },
    ],
  }
}

async function quickAddPage(
  req: FastifyRequest,
  reply: FastifyReply,
  deps: AppDeps,
  membership: Membership,
  v: QuickValues,
  errors: FormErrors,
  alert?: string,
): Promise<string> {
  const categories = await listCategories(deps.db)
  const photoHint = errors.photo
    ? 'Choisissez la photo à nouveau.'
    : 'Facultative. Prise avec l’appareil photo du téléphone, 15 Mo au plus.'
  const content = html`<h1>Ajouter un produit</h1>
    !${formAlert(alert)}
    <form method="post" action="/admin/${membership.shopId}/produits/nouveau" enctype="multipart/form-data" class="stack admin-form quick-add" novalidate>
      !${csrfInput(reply.generateCsrf())}
      !${field({ name: 'photo', label: 'Photo', type: 'file', errors, hint: photoHint, attrs: { accept: 'image/*', capture: 'environment' } })}
      !${field({ name: 'name', label: 'Nom', value: v.name, errors, required: true, attrs: { maxlength: 120, autocomplete: 'off' } })}
      <div class="row-2">
        !${field({ name: 'price', label: 'Prix (€ TTC)', value: v.price, errors, required: true, hint: 'Par exemple 4,50', attrs: { inputmode: 'decimal', autocomplete: 'off', maxlength: 12 } })}
        !${field({ name: 'stock', label: 'Stock', type: 'number', value: v.stock, errors, hint: 'Unités en vente', attrs: { min: 0, inputmode: 'numeric' } })}
      </div>
      <fieldset class="choice!${errors.kind ? ' has-error' : ''}">
        <legend>Type</legend>
        <label><input type="radio" name="kind" value="product"!${v.kind !== 'service' ? ' checked' : ''} /> Produit</label>
        <label><input type="radio" name="kind" value="service"!${v.kind === 'service' ? ' checked' : ''} /> Prestation (sans stock)</label>
        !${errors.kind ? html`<p class="error">${errors.kind}</p>` : ''}
      </fieldset>
      !${selectField({ name: 'categoryId', label: 'Rayon (facultatif)', value: v.categoryId, errors, options: categoryOptions(categories) })}
      !${selectField({ name: 'vatRateBp', label: 'TVA', value: v.vatRateBp, errors, options: vatOptions() })}
      <button type="submit" class="button primary big">Mettre en vente</button>
    </form>
    <p class="hint">Description, déclinaisons (tailles, poids…) et autres photos : sur la page du produit, après l’ajout.</p>`
  return shopPage(req, membership, 'Ajouter un produit', 'add', content)
}
