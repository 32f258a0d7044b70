import type { FastifyInstance } from 'fastify'
import { html } from 'ghtml'
import type { AppDeps } from '../../../http/deps.js'
import { requireStaffOf } from '../../../http/auth.js'
import { AppError } from '../../../lib/app-error.js'
import { formatEuros } from '../../../lib/french-format.js'
import { listShopProducts, type Product } from '../../../modules/catalog/index.js'
import {
  ADJUSTABLE_STATUSES,
  ADJUSTMENT_NOTICE_DELAY_MINUTES,
  adjustOrderLine,
  listLineChanges,
  type LineAdjustment,
  type LineChange,
  type Order,
} from '../../../modules/ordering/index.js'
import { describeLineChange } from '../../../modules/notifications/index.js'
import { bodyOf, text } from '../../forms.js'
import { t } from '../../i18n/index.js'
import { withNotice } from '../admin-shell.js'

/** Substitutes offered in the list: the shop's first products by name that can be ordered now. */
const SUBSTITUTE_LIMIT = 200

/** The errors a line change can meet, shown next to the lines (query `ligne-erreur`). */
const LINE_ERRORS = [
  'ordering.invalid_adjustment',
  'ordering.last_line',
  'ordering.line_changed',
  'ordering.adjustment_refused',
  'ordering.order_line_not_found',
  'inventory.insufficient_stock',
] as const

interface LineFormsContext {
  base: string
  csrf: string
}

/** What the order page needs to offer line changes: the shop's products that can replace a line, and the history. */
export async function loadLineForms(
  deps: AppDeps,
  order: Order,
): Promise<{ substitutes: Product[]; changes: LineChange[] }> {
  const adjustable = ADJUSTABLE_STATUSES.includes(order.status)
  const [products, changes] = await Promise.all([
    adjustable
      ? listShopProducts(deps.db, order.shopId, { status: 'published', limit: SUBSTITUTE_LIMIT })
      : undefined,
    listLineChanges(deps.db, order.id),
  ])
  return { substitutes: (products?.items ?? []).filter((p) => p.kind === 'product'), changes }
}

/**
 * UX-03 on the order page: for each line, "fewer units", "withdraw" or "replace by", in one small form each, usable
 * on a phone and without JavaScript; then what was changed and whether the customer was told.
 */
export function lineFormsSection(
  ctx: LineFormsContext,
  order: Order,
  loaded: { substitutes: Product[]; changes: LineChange[] },
  query: Record<string, unknown>,
): string {
  const error =
    typeof query['ligne-erreur'] === 'string' &&
    (LINE_ERRORS as readonly string[]).includes(query['ligne-erreur'])
      ? t(query['ligne-erreur'])
      : undefined
  const options = loaded.substitutes
    .flatMap((p) =>
      p.variants
        .filter((v) => !v.stock || v.stock.available > 0)
        .map((v) => ({
          id: v.id,
          label: `${p.name}${p.variants.length > 1 ? ` (${v.name})` : ''} — ${formatEuros(v.priceCents)}`,
        })),
    )
    .map((o) => html`<option value="${o.id}">${o.label}</option>`)
    .join('')
  const forms = ADJUSTABLE_STATUSES.includes(order.status)
    ? order.lines
        .map(
          (line) => html`<details class="line-change">
            <summary>Modifier : ${line.quantity} × ${line.productName}</summary>
            <form method="post" action="${ctx.base}/commandes/${order.id}/lignes/${line.position}" class="stack">
              !${ctx.csrf}
              <fieldset>
                <legend>Que faire de cet article ?</legend>
                !${line.quantity > 1 ? html`<label><input type="radio" name="kind" value="partial" required /> En servir moins</label>` : ''}
                <label><input type="radio" name="kind" value="substitute" required /> Le remplacer par</label>
                !${order.lines.length > 1 ? html`<label><input type="radio" name="kind" value="withdraw" required /> Le retirer de la commande</label>` : ''}
              </fieldset>
              <label>Quantité servie <input type="number" name="quantity" min="1" max="99" inputmode="numeric" value="${Math.max(1, line.quantity - 1)}" /></label>
              <label>Produit de remplacement <select name="variantId"><option value="">—</option>!${options}</select></label>
              <p class="muted">Un remplacement est facturé au plus bas des deux prix. Le client reçoit un seul message pour les changements faits dans les ${ADJUSTMENT_NOTICE_DELAY_MINUTES} minutes.</p>
              <button type="submit" class="button">Enregistrer</button>
            </form>
          </details>`,
        )
        .join('')
    : ''
  const history = loaded.changes.length
    ? html`<ul class="line-changes">!${loaded.changes
        .map(
          (c) =>
            html`<li>${describeLineChange(c)} <span class="muted">— ${c.notifiedAt ? 'client prévenu' : 'message au client en attente'}</span></li>`,
        )
        .join('')}</ul>`
    : ''
  if (!forms && !history) return ''
  return html`<section aria-labelledby="manque">
    <h2 id="manque">Un article manque ?</h2>
    !${error ? html`<p class="alert" role="alert">${error}</p>` : ''}
    !${forms}!${history}
  </section>`
}

/** POST …/commandes/:orderId/lignes/:position: the line change, then back to the order page with what happened. */
export function registerLineAdjustmentPages(admin: FastifyInstance, deps: AppDeps): void {
  admin.post<{ Params: { shopId: string; orderId: string; position: string } }>(
    '/admin/:shopId/commandes/:orderId/lignes/:position',
    { preHandler: admin.csrfProtection },
    async (req, reply) => {
      const membership = requireStaffOf(req, req.params.shopId)
      const orderPath = `/admin/${membership.shopId}/commandes/${req.params.orderId}`
      const position = /^\d{1,4}$/.test(req.params.position) ? Number(req.params.position) : -1
      const body = bodyOf(req.body)
      try {
        await adjustOrderLine(
          deps.modules.ordering,
          { shopId: membership.shopId, userId: req.viewer.user!.id },
          req.params.orderId,
          position,
          adjustmentOf(body),
        )
      } catch (error) {
        if (!(error instanceof AppError) || !(LINE_ERRORS as readonly string[]).includes(error.code))
          throw error
        return reply.redirect(`${orderPath}?ligne-erreur=${error.code}#manque`, 303)
      }
      return reply.redirect(`${withNotice(orderPath, 'ligne-modifiee')}#manque`, 303)
    },
  )
}

function adjustmentOf(body: Record<string, unknown>): LineAdjustment {
  const kind = text(body, 'kind', 20)
  const quantity = /^\d{1,3}$/.test(text(body, 'quantity', 10)) ? Number(text(body, 'quantity', 10)) : 0
  if (kind === 'partial') return { kind, quantity }
  if (kind === 'withdraw') return { kind }
  if (kind === 'substitute') return { kind, variantId: text(body, 'variantId', 40), quantity }
  throw new AppError('invalid', 'ordering.invalid_adjustment', 'choose what to do with the line', {
    field: 'kind',
  })
}
