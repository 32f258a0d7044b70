import { html } from 'ghtml'
import { formatEuros } from '../../lib/french-format.js'
import type { Photo, StockState } from '../../modules/catalog/index.js'
import { t } from '../i18n/index.js'

/** Messages by input name, each shown next to its input (web/forms.ts turns a refused form's AppError into them). */
export type FormErrors = Readonly<Record<string, string>>

interface FieldOptions {
  name: string
  label: string
  value?: string | number | undefined
  type?: string
  errors?: FormErrors
  /** The key in `errors` when it differs from the input name (e.g. variants[0].priceCents). */
  errorKey?: string
  hint?: string
  required?: boolean
  attrs?: Record<string, string | number | boolean | undefined>
}

/** A labelled input with its hint and its error tied by aria-describedby (WCAG 1.3.1, 3.3.1). */
export function field(o: FieldOptions): string {
  const id = `f-${o.name.replace(/[^a-zA-Z0-9]+/g, '-')}`
  const error = o.errors?.[o.errorKey ?? o.name]
  const describedBy = [o.hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ')
  const extra = Object.entries(o.attrs ?? {})
    .filter(([, v]) => v !== undefined && v !== false)
    .map(([k, v]) => (v === true ? ` ${k}` : html` ${k}="${String(v)}"`))
    .join('')
  const control =
    o.type === 'textarea'
      ? html`<textarea id="${id}" name="${o.name}"!${describedBy ? html` aria-describedby="${describedBy}"` : ''}!${error ? ' aria-invalid="true"' : ''}!${o.required ? ' required' : ''}!${extra}>${o.value ?? ''}</textarea>`
      : html`<input id="${id}" name="${o.name}" type="${o.type ?? 'text'}" value="${o.value ?? ''}"!${describedBy ? html` aria-describedby="${describedBy}"` : ''}!${error ? ' aria-invalid="true"' : ''}!${o.required ? ' required' : ''}!${extra} />`
  return html`<div class="field!${error ? ' has-error' : ''}">
    <label for="${id}">${o.label}!${o.required ? ' <span aria-hidden="true">*</span>' : ''}</label>
    !${o.hint ? html`<p class="hint" id="${id}-hint">${o.hint}</p>` : ''}
    !${control}
    !${error ? html`<p class="error" id="${id}-error">${error}</p>` : ''}
  </div>`
}

export function selectField(
  o: Omit<FieldOptions, 'type'> & { options: ReadonlyArray<{ value: string; label: string }> },
): string {
  const id = `f-${o.name.replace(/[^a-zA-Z0-9]+/g, '-')}`
  const error = o.errors?.[o.errorKey ?? o.name]
  return html`<div class="field!${error ? ' has-error' : ''}">
    <label for="${id}">${o.label}</label>
    <select id="${id}" name="${o.name}"!${error ? html` aria-invalid="true" aria-describedby="${id}-error"` : ''}>
      !${o.options.map((opt) => html`<option value="${opt.value}"!${String(o.value ?? '') === opt.value ? ' selected' : ''}>${opt.label}</option>`).join('')}
    </select>
    !${error ? html`<p class="error" id="${id}-error">${error}</p>` : ''}
  </div>`
}

/** The form-level message shown above a form that came back with problems. */
/** The « M’envoyer un rappel la veille » box of the booking and registration forms (UX-15), ticked by default. */
export function reminderBox(checked: boolean, hint: string): string {
  return html`<div class="field">
    <label class="check" for="f-rappel"><input type="checkbox" id="f-rappel" name="rappel" value="1" aria-describedby="f-rappel-hint"!${checked ? ' checked' : ''} /> M’envoyer un rappel la veille</label>
    <p class="hint" id="f-rappel-hint">${hint}</p>
  </div>`
}

export function formAlert(message: string | undefined): string {
  return message ? html`<div class="alert" role="alert">${message}</div>` : ''
}

export function csrfInput(token: string): string {
  return html`<input type="hidden" name="_csrf" value="${token}" />`
}

export const price = (cents: number) => formatEuros(cents)

export function stockBadge(state: StockState, available?: number): string {
  const label = t(`stock.${state}`)
  const detail =
    state === 'limited' && available !== undefined ? ` (${available} restant${available > 1 ? 's' : ''})` : ''
  return html`<span class="stock stock-${state}">${label}${detail}</span>`
}

/** A product photo with srcset over the generated widths; width/height reserve space (no layout shift). */
export function picture(
  photo: Photo | undefined,
  sizes: string,
  fallbackAlt: string,
  loading: 'lazy' | 'eager' = 'lazy',
): string {
  // Without a photo the name is already next to it: the placeholder is decoration, hidden from screen readers.
  if (!photo) return '<div class="photo-placeholder" aria-hidden="true"></div>'
  const srcset = photo.widths.map((w) => `/media/${photo.id}-${w}.webp ${w}w`).join(', ')
  const largest = photo.widths.at(-1) ?? 320
  const height = Math.round((photo.height / photo.width) * largest)
  return html`<img src="/media/${photo.id}-${photo.widths[0] ?? largest}.webp" srcset="${srcset}" sizes="${sizes}" width="${largest}" height="${height}" alt="${photo.alt || fallbackAlt}" loading="${loading}"!${loading === 'eager' ? ' fetchpriority="high"' : ''} decoding="async" />`
}

/** Previous/next links keeping the other query parameters; no script. */
export function pagination(
  basePath: string,
  params: Record<string, string | undefined>,
  page: number,
  pageCount: number,
): string {
  if (pageCount <= 1) return ''
  const link = (p: number) => {
    const query = new URLSearchParams()
    for (const [k, v] of Object.entries(params)) if (v) query.set(k, v)
    if (p > 1) query.set('page', String(p))
    const qs = query.toString()
    return `${basePath}${qs ? `?${qs}` : ''}`
  }
  return html`<nav class="pagination" aria-label="Pagination">
    !${page > 1 ? html`<a rel="prev" href="${link(page - 1)}">← Page précédente</a>` : '<span></span>'}
    <span>Page ${page} sur ${pageCount}</span>
    !${page < pageCount ? html`<a rel="next" href="${link(page + 1)}">Page suivante →</a>` : '<span></span>'}
  </nav>`
}
