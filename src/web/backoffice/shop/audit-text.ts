import { html } from 'ghtml'
import { timeAgo } from '../../../lib/french-format.js'
import type { ShopId } from '../../../lib/ids.js'

/** What each audited action means to a merchant. Unknown actions still show, as a plain "Modification". */
const ACTIONS: Record<string, string> = {
  'product.created': 'Produit ajouté',
  'product.updated': 'Produit modifié',
  'product.photo_added': 'Photo ajoutée',
  'product.photo_removed': 'Photo retirée',
  'shop.profile_updated': 'Profil du commerce modifié',
  'shop.hours_updated': 'Horaires modifiés',
  'shop.pickup_updated': 'Réglages du retrait modifiés',
  'shop.closure_added': 'Fermeture exceptionnelle ajoutée',
  'shop.closure_removed': 'Fermeture exceptionnelle retirée',
}

export interface AuditRow {
  at: string
  action: string
  subject: string
}

/** The recent changes as French sentences: "Produit modifié · il y a 5 min", linked to the product. */
export function auditList(shopId: ShopId, rows: readonly AuditRow[], now: Date): string {
  if (rows.length === 0) return html`<p class="muted">Aucune modification pour l’instant.</p>`
  return html`<ol class="audit-list">
    !${rows
      .map((row) => {
        const label = ACTIONS[row.action] ?? 'Modification'
        const what = row.action.startsWith('product.')
          ? html`<a href="/admin/${shopId}/produits/${row.subject}">${label}</a>`
          : html`${label}`
        return html`<li>!${what} · <time datetime="${row.at}">${timeAgo(row.at, now)}</time></li>`
      })
      .join('')}
  </ol>`
}
