import { html } from 'ghtml'
import type { WithdrawalException } from '../../modules/catalog/index.js'
import type { LocalDate } from '../../lib/zoned-time.js'
import { frenchDate } from './storefront-format.js'

/** LAW F3: the short French reason a product is outside the withdrawal right. */
export const WITHDRAWAL_EXCEPTION_FR: Record<WithdrawalException, string> = {
  perishable: 'produit périssable',
  personalised: 'fabriqué sur mesure',
  sealed_hygiene: 'produit d’hygiène descellé',
  newspaper: 'presse',
  dated_service: 'prestation à date fixe',
}

/** A line as the consumer information reads it: an order line or a basket line's variant. */
export interface RightsLine {
  productName: string
  withdrawalException: WithdrawalException | undefined
}

export const hasWithdrawalRight = (lines: readonly RightsLine[]): boolean => lines.some((l) => l.withdrawalException === undefined)

/**
 * LAW F1/F2/F3: one sentence for the lines that carry the 14-day withdrawal right and one for those that
 * do not, with the reason, so the resident knows before ordering (checkout) and keeps it (order page).
 * `deadline` is the last day (ordering's `withdrawalDeadline`), known once the order is collected.
 */
export function withdrawalNotice(lines: readonly RightsLine[], deadline?: LocalDate): string {
  const names = (of: ReadonlyArray<{ productName: string }>) => [...new Set(of.map((l) => l.productName))].join(', ')
  const withRight = lines.filter((l) => l.withdrawalException === undefined)
  const byReason = new Map<WithdrawalException, Array<{ productName: string }>>()
  for (const l of lines) if (l.withdrawalException) byReason.set(l.withdrawalException, [...(byReason.get(l.withdrawalException) ?? []), l])
  const exceptions = [...byReason].map(([reason, of]) => `${names(of)} (${WITHDRAWAL_EXCEPTION_FR[reason] ?? reason})`).join(' ; ')
  const period = deadline ? `jusqu’au ${frenchDate(deadline, true)} inclus` : '14 jours à compter du lendemain du retrait'
  return html`<div class="withdrawal">!${withRight.length > 0
    ? html`<p>Droit de rétractation : ${period} (articles : ${names(withRight)}).</p>`
    : ''}!${exceptions ? html`<p>Pas de droit de rétractation pour : ${exceptions}.</p>` : ''}</div>`
}
