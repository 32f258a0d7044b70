import { html } from 'ghtml'
import { frenchDate } from '../../lib/french-format.js'
import { withdrawalTerms, type WithdrawalException } from '../../modules/catalog/index.js'
import type { LocalDate } from '../../lib/zoned-time.js'

/** A line as the consumer information reads it: an order line or a basket line's variant. */
export interface RightsLine {
  productName: string
  withdrawalException: WithdrawalException | undefined
}

export const hasWithdrawalRight = (lines: readonly RightsLine[]): boolean =>
  lines.some((l) => l.withdrawalException === undefined)

/**
 * LAW F1/F2/F3: one sentence for the lines that carry the 14-day withdrawal right and one for those that
 * do not, with the reason, so the resident knows before ordering (checkout) and keeps it (order page).
 * `deadline` is the last day (ordering's `withdrawalDeadline`), known once the order is collected.
 */
export function withdrawalNotice(lines: readonly RightsLine[], deadline?: LocalDate): string {
  const { withRight, exceptions } = withdrawalTerms(lines)
  const period = deadline
    ? `jusqu’au ${frenchDate(deadline, true)} inclus`
    : '14 jours à compter du lendemain du retrait'
  return html`<div class="withdrawal">!${
    withRight ? html`<p>Droit de rétractation : ${period} (articles : ${withRight}).</p>` : ''
  }!${exceptions ? html`<p>Pas de droit de rétractation pour : ${exceptions}.</p>` : ''}</div>`
}
