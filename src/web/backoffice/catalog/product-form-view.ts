import { html } from 'ghtml'
import type { Category, Product, Variant } from '../../../modules/catalog/index.js'
import { field, selectField, type FormErrors } from '../../views/components.js'
import { categoryOptions, kindOptions, statusOptions, stockUpdatedText, vatOptions } from './product-views.js'
import { rowKey, type ProductValues, type VariantRow } from './product-form.js'

export interface FormContext {
  action: string
  csrf: string
  categories: readonly Category[]
  /** The product as saved: its stock counts and dates are shown beside the typed values. */
  product: Product
  timeZone: string
  now: Date
}

/** LAW F2/F3: whether the 14-day withdrawal right applies, else why not; shown to residents per order line. */
const WITHDRAWAL_OPTIONS = [
  { value: '', label: 'S’applique (14 jours)' },
  { value: 'perishable', label: 'Non : denrée périssable' },
  { value: 'personalised', label: 'Non : fabriqué sur mesure' },
  { value: 'sealed_hygiene', label: 'Non : produit d’hygiène descellé' },
  { value: 'newspaper', label: 'Non : presse' },
  { value: 'dated_service', label: 'Non : prestation à date' },
] as const

/** The full product form: details, then one block per variant (a table does not fit a 360 px screen). */
export function productForm(ctx: FormContext, v: ProductValues, errors: FormErrors): string {
  return html`<form method="post" action="${ctx.action}" class="stack admin-form product-form" novalidate>
    !${ctx.csrf}
    !${field({ name: 'name', label: 'Nom', value: v.name, errors, required: true, attrs: { maxlength: 120 } })}
    !${field({ name: 'description', label: 'Description', type: 'textarea', value: v.description, errors, attrs: { rows: 5, maxlength: 5000 } })}
    <div class="row-2">
      !${selectField({ name: 'status', label: 'Statut', value: v.status, errors, options: statusOptions() })}
      !${selectField({ name: 'kind', label: 'Type', value: v.kind, errors, options: kindOptions() })}
    </div>
    <div class="row-2">
      !${selectField({ name: 'categoryId', label: 'Rayon', value: v.categoryId, errors, options: categoryOptions(ctx.categories) })}
      !${selectField({ name: 'vatRateBp', label: 'TVA', value: v.vatRateBp, errors, options: vatOptions() })}
    </div>
    !${selectField({ name: 'withdrawalException', label: 'Droit de rétractation', value: v.withdrawalException, errors, options: WITHDRAWAL_OPTIONS })}
    <section class="variants" aria-labelledby="declinaisons">
      <h2 id="declinaisons">Déclinaisons, prix et stock</h2>
      !${errors.variants ? html`<p class="error" role="alert">${errors.variants}</p>` : ''}
      !${v.rows.map((row, i) => variantBlock(ctx, v.kind, row, i, errors)).join('')}
    </section>
    <button type="submit" class="button primary">Enregistrer le produit</button>
  </form>`
}

function variantBlock(
  ctx: FormContext,
  kind: string,
  row: VariantRow,
  i: number,
  errors: FormErrors,
): string {
  const saved = row.id ? ctx.product.variants.find((variant) => variant.id === row.id) : undefined
  const legend = row.id
    ? `Déclinaison ${i + 1}${saved ? ` : ${saved.name}` : ''}`
    : 'Nouvelle déclinaison (facultatif)'
  const k = (f: keyof VariantRow) => rowKey(i, f)
  return html`<fieldset class="variant-block!${row.id ? '' : ' variant-new'}">
    <legend>${legend}</legend>
    !${row.id ? html`<input type="hidden" name="${k('id')}" value="${row.id}" />` : ''}
    <div class="row-2">
      !${field({ name: k('name'), label: 'Nom de la déclinaison', value: row.name, errors, hint: row.id ? undefined : 'Par exemple : 500 g, taille M, à l’unité.', attrs: { maxlength: 60 } })}
      !${field({ name: k('price'), label: 'Prix (€ TTC)', value: row.price, errors, attrs: { inputmode: 'decimal', maxlength: 12, autocomplete: 'off' } })}
    </div>
    <div class="row-2">
      !${kind === 'service' ? durationField(row, i, errors) : stockField(ctx, saved, row, i, errors)}
      !${field({ name: k('sku'), label: 'Référence (facultatif)', value: row.sku, errors, attrs: { maxlength: 40, autocomplete: 'off' } })}
    </div>
    !${
      row.id
        ? html`<label class="check"><input type="checkbox" name="${k('remove')}" value="1"!${row.remove ? ' checked' : ''} /> Supprimer cette déclinaison</label>`
        : ''
    }
  </fieldset>`
}

function stockField(
  ctx: FormContext,
  saved: Variant | undefined,
  row: VariantRow,
  i: number,
  errors: FormErrors,
): string {
  const stock = saved?.stock
  const hint = stock
    ? `Stock ${stockUpdatedText(stock.updatedAt, ctx.now, ctx.timeZone)}.${stock.reserved > 0 ? ` ${stock.reserved} réservé${stock.reserved > 1 ? 's' : ''} par des clients.` : ''}`
    : 'Unités en vente.'
  return html`<div class="stock-group">
    !${field({ name: rowKey(i, 'onHand'), label: 'Stock (unités en magasin)', type: 'number', value: row.onHand, errors, hint, attrs: { min: 0, inputmode: 'numeric' } })}
    !${row.id ? html`<input type="hidden" name="${rowKey(i, 'onHandWas')}" value="${row.onHandWas}" />` : ''}
    !${
      row.id
        ? html`<label class="check"><input type="checkbox" name="${rowKey(i, 'confirm')}" value="1"!${row.confirm ? ' checked' : ''} /> J’ai compté : confirmer ce stock</label>`
        : ''
    }
  </div>`
}

function durationField(row: VariantRow, i: number, errors: FormErrors): string {
  return field({
    name: rowKey(i, 'duration'),
    label: 'Durée (minutes)',
    type: 'number',
    value: row.duration,
    errors,
    hint: 'De 5 minutes à 24 heures.',
    attrs: { min: 5, max: 1440, inputmode: 'numeric' },
  })
}
