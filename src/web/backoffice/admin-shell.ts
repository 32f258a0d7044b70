import type { FastifyRequest } from 'fastify'
import { html } from 'ghtml'
import type { Membership } from '../../modules/shops/index.js'
import { backofficePage } from '../views/layout.js'

export type Section =
  | 'overview'
  | 'orders'
  | 'products'
  | 'add'
  | 'hours'
  | 'pickup'
  | 'profile'
  | 'drops'
  | 'bookings'
  | 'events'

/** The shop's sections; owner-only ones are not offered to staff (they would only meet a 403). */
function adminNav(membership: Membership, active: Section | undefined, shopCount: number): string {
  const base = `/admin/${membership.shopId}`
  const link = (section: Section, href: string, label: string) =>
    html`<li><a href="${href}"!${section === active ? ' aria-current="page"' : ''}>${label}</a></li>`
  const isOwner = membership.role === 'owner'
  return html`<nav class="admin-nav" aria-label="Sections du back-office">
    <p class="admin-shop">
      <strong>${membership.shopName}</strong>
      !${shopCount > 1 ? html` <a href="/admin" class="switch">Changer de commerce</a>` : ''}
    </p>
    <ul>
      !${link('overview', base, 'Vue d’ensemble')}
      !${link('orders', `${base}/commandes`, 'Commandes')}
      !${link('products', `${base}/produits`, 'Produits')}
      !${link('add', `${base}/produits/nouveau`, 'Ajouter')}
      !${isOwner ? link('hours', `${base}/horaires`, 'Horaires') : ''}
      !${isOwner ? link('pickup', `${base}/retrait-parametres`, 'Retrait') : ''}
      !${isOwner ? link('profile', `${base}/profil`, 'Profil') : ''}
      !${link('drops', `${base}/ventes`, 'Ventes flash')}
      !${link('bookings', `${base}/rendez-vous`, 'Rendez-vous')}
      !${link('events', `${base}/evenements`, 'Événements')}
      <li><a href="/commerces/${membership.shopSlug}">Voir la boutique</a></li>
    </ul>
  </nav>`
}

/** A page of one shop's back-office: "<Page> — <Shop>" title, the section nav, then the content. */
export function shopPage(
  req: FastifyRequest,
  membership: Membership,
  title: string,
  active: Section | undefined,
  content: string,
): string {
  return backofficePage(
    { title: `${title} — ${membership.shopName} — Comptoir` },
    req.viewer,
    adminNav(membership, active, req.viewer.memberships.length),
    content,
  )
}

/**
 * Confirmations after a redirect (POST → 303 → GET) are named by a fixed code in the query string and
 * looked up here, so a crafted link can never make the page say something we did not write.
 */
const NOTICES = {
  'ligne-modifiee': {
    text: 'Article modifié. Le client recevra un seul message pour les changements faits dans les cinq minutes.',
    tone: 'ok',
  },
  'produit-ajoute': { text: 'Produit ajouté et mis en vente.', tone: 'ok' },
  'produit-ajoute-sans-photo': {
    text: 'Produit ajouté, mais la photo n’a pas pu être enregistrée : ajoutez-la ci-dessous.',
    tone: 'warn',
  },
  'produit-enregistre': { text: 'Produit enregistré.', tone: 'ok' },
  'photo-ajoutee': { text: 'Photo ajoutée.', tone: 'ok' },
  'photo-retiree': { text: 'Photo retirée : elle n’est plus visible sur le site.', tone: 'ok' },
  'profil-enregistre': { text: 'Profil du commerce enregistré.', tone: 'ok' },
  'horaires-enregistres': { text: 'Horaires enregistrés.', tone: 'ok' },
  'fermeture-ajoutee': { text: 'Fermeture exceptionnelle ajoutée.', tone: 'ok' },
  'fermeture-retiree': { text: 'Fermeture exceptionnelle retirée.', tone: 'ok' },
  'commande-acceptee': { text: 'Commande acceptée.', tone: 'ok' },
  'commande-en-preparation': { text: 'Commande en préparation.', tone: 'ok' },
  'commande-prete': { text: 'Commande prête : le client est prévenu.', tone: 'ok' },
  'commande-remise': { text: 'Commande remise au client.', tone: 'ok' },
  'commande-annulee': { text: 'Commande annulée : le client est prévenu.', tone: 'ok' },
  'retrait-enregistre': { text: 'Réglages du retrait enregistrés.', tone: 'ok' },
  'vente-programmee': { text: 'Vente programmée : ses unités sont mises de côté sur le stock.', tone: 'ok' },
  'vente-terminee': {
    text: 'Vente terminée : les unités que personne ne tient sont revenues en stock.',
    tone: 'ok',
  },
  'rendez-vous-annule': { text: 'Rendez-vous annulé : le client est prévenu par e-mail.', tone: 'ok' },
  'rendez-vous-ajoute': {
    text: 'Rendez-vous ajouté. Avec un e-mail, le client reçoit la confirmation et le lien d’annulation.',
    tone: 'ok',
  },
  'rendez-vous-venu': { text: 'Noté : le client est venu.', tone: 'ok' },
  'rendez-vous-absent': {
    text: 'Noté : le client n’est pas venu. Après 4 absences en 12 mois, il ne peut plus réserver en ligne chez vous.',
    tone: 'ok',
  },
  'rendez-vous-deplace': {
    text: 'Rendez-vous déplacé. Avec un e-mail, le client est prévenu une fois, avec le nouvel horaire.',
    tone: 'ok',
  },
  'demande-confirmee': {
    text: 'Demande confirmée : le client reçoit la confirmation par e-mail.',
    tone: 'ok',
  },
  'demande-refusee': {
    text: 'Demande refusée : la table est libérée et le client prévenu par e-mail.',
    tone: 'ok',
  },
  'evenement-programme': {
    text: 'Événement programmé : sa page publique prend les inscriptions.',
    tone: 'ok',
  },
  'evenement-annule': { text: 'Événement annulé : chaque inscrit est prévenu par e-mail.', tone: 'ok' },
  'inscription-annulee': {
    text: 'Inscription annulée : la personne est prévenue, et ses places vont à la suivante sur la liste.',
    tone: 'ok',
  },
  'agenda-revoque': {
    text: 'Lien d’agenda révoqué : les agendas abonnés ne reçoivent plus les rendez-vous.',
    tone: 'ok',
  },
  'ressource-ajoutee': {
    text: 'Ajoutée. Indiquez maintenant ses horaires, s’ils diffèrent de ceux du commerce, et ses absences.',
    tone: 'ok',
  },
  'ressource-enregistree': { text: 'Modifications enregistrées.', tone: 'ok' },
  'absences-repetees': {
    text: 'Règle enregistrée : elle vaut pour les prochaines réservations en ligne.',
    tone: 'ok',
  },
  'absence-ajoutee': { text: 'Absence ajoutée : aucun créneau n’est proposé pendant ce temps.', tone: 'ok' },
  'absence-retiree': { text: 'Absence retirée : ses créneaux sont de nouveau proposés.', tone: 'ok' },
  'prestation-enregistree': { text: 'Réglages enregistrés : la prestation se réserve en ligne.', tone: 'ok' },
  'prestation-retiree': {
    text: 'La prestation ne se réserve plus en ligne. Les rendez-vous déjà pris restent.',
    tone: 'ok',
  },
} satisfies Record<string, { text: string; tone: 'ok' | 'warn' }>

export type NoticeCode = keyof typeof NOTICES

export function noticeOf(req: FastifyRequest): string {
  const code = (req.query as Record<string, unknown> | undefined)?.ok
  const notice =
    typeof code === 'string' && Object.hasOwn(NOTICES, code) ? NOTICES[code as NoticeCode] : undefined
  if (!notice) return ''
  return html`<div class="notice notice-${notice.tone}" role="status">${notice.text}</div>`
}

/** Where to go after a successful POST: the page, with the confirmation to show there. */
export const withNotice = (path: string, code: NoticeCode) => `${path}?ok=${code}`
