import { html } from 'ghtml'
import type { WithdrawalException } from '../../modules/catalog/index.js'

/** LAW F3: the short French reason a product is outside the withdrawal right. */
export const WITHDRAWAL_EXCEPTION_FR: Record<WithdrawalException, string> = {
  perishable: 'produit périssable',
  personalised: 'fabriqué sur mesure',
  sealed_hygiene: 'produit d’hygiène descellé',
  newspaper: 'presse',
  dated_service: 'prestation à date fixe',
}

/**
 * LAW F1/F2/F3: one sentence for the lines that carry the 14-day withdrawal right and one for those that
 * do not, with the reason, so the resident knows before ordering (checkout) and keeps it (order page).
 */
export function withdrawalNotice(lines: ReadonlyArray<{ productName: string; withdrawalException: WithdrawalException | undefined }>): string {
  const names = (of: ReadonlyArray<{ productName: string }>) => [...new Set(of.map((l) => l.productName))].join(', ')
  const withRight = lines.filter((l) => l.withdrawalException === undefined)
  const byReason = new Map<WithdrawalException, Array<{ productName: string }>>()
  for (const l of lines) if (l.withdrawalException) byReason.set(l.withdrawalException, [...(byReason.get(l.withdrawalException) ?? []), l])
  const exceptions = [...byReason].map(([reason, of]) => `${names(of)} (${WITHDRAWAL_EXCEPTION_FR[reason] ?? reason})`).join(' ; ')
  return html`<div class="withdrawal">!${withRight.length > 0
    ? html`<p>Droit de rétractation : 14 jours à compter du lendemain du retrait (articles : ${names(withRight)}).</p>`
    : ''}!${exceptions ? html`<p>Pas de droit de rétractation pour : ${exceptions}.</p>` : ''}</div>`
}
