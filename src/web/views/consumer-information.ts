import { html } from 'ghtml'
import { frenchDate, NBSP } from '../../lib/french-format.js'
import type { LocalDate } from '../../lib/zoned-time.js'
import { withdrawalTerms, type WithdrawalException } from '../../modules/catalog/index.js'
import { addressLine, type Shop } from '../../modules/shops/index.js'
import { hasWithdrawalRight, type RightsLine } from './withdrawal-notice.js'

/**
 * LAW F1/F2: what the Code de la consommation asks a distance seller to tell before the order and to
 * confirm after it (L221-5, L221-13): how to withdraw and the model form, whom to complain to, and the
 * legal guarantees. Pure views of a shop and its lines; the pages decide where they appear.
 */

interface FormLine extends RightsLine {
  variantName?: string
  quantity?: number
}

/** The order the model form is about; absent at checkout, where no order exists yet. */
interface FormOrder {
  reference: string
  orderedOn: LocalDate
  collectedOn: LocalDate | undefined
}

const postalAddress = (shop: Shop) => addressLine(shop.address)
const blank = '…'.repeat(3)

/** How to send the withdrawal: by email when the shop has one, always by post; goods then come back to the shop. */
function howToWithdraw(shop: Shop, goods: boolean): string {
  const byPost = html`par courrier à ${shop.name}, ${postalAddress(shop)}`
  const channels = shop.email
    ? html`par e-mail à <a href="mailto:${shop.email}">${shop.email}</a> ou !${byPost}`
    : byPost
  return html`<p>Pour vous rétracter, envoyez au commerce ce formulaire, ou toute autre déclaration dénuée d’ambiguïté, avant la fin du délai : !${channels}.
    !${goods ? html`Rapportez ensuite les articles au commerce au plus tard 14${NBSP}jours après lui avoir communiqué votre décision.` : ''}</p>`
}

/**
 * The model withdrawal form (annexe à l’article R221-1 du Code de la consommation), addressed to the shop
 * and, after the order, filled with its reference and dates. Nothing when no line carries the right.
 */
export function withdrawalForm(
  shop: Shop,
  lines: readonly FormLine[],
  order?: FormOrder,
  what: 'goods' | 'service' = 'goods',
): string {
  const goods = lines.filter((l) => l.withdrawalException === undefined)
  if (goods.length === 0) return ''
  const addressee = [shop.name, postalAddress(shop), shop.email ? `adresse e-mail : ${shop.email}` : '']
    .filter(Boolean)
    .join(', ')
  const good = (l: FormLine) =>
    `${l.quantity !== undefined ? `${l.quantity} × ` : ''}${l.productName}${l.variantName ? ` (${l.variantName})` : ''}`
  return html`<details class="withdrawal-form">
    <summary>Formulaire de rétractation</summary>
    !${howToWithdraw(shop, what === 'goods')}
    <div class="model-form">
      <p><strong>Modèle de formulaire de rétractation</strong><br />
      (Veuillez compléter et renvoyer le présent formulaire uniquement si vous souhaitez vous rétracter du contrat.)</p>
      <p>À l’attention de ${addressee} :</p>
      <p>Je/Nous (*) vous notifie/notifions (*) par la présente ma/notre (*) rétractation du contrat portant sur la vente du bien (*)/pour la prestation de services (*) ci-dessous :</p>
      <ul>!${goods.map((l) => html`<li>${good(l)}</li>`).join('')}</ul>
      <p>Référence de la commande : ${order?.reference ?? blank}</p>
      <p>Commandé le (*) : ${order ? frenchDate(order.orderedOn, true) : blank} / reçu le (*) : ${order?.collectedOn ? frenchDate(order.collectedOn, true) : blank}</p>
      <p>Nom du (des) consommateur(s) : ${blank}</p>
      <p>Adresse du (des) consommateur(s) : ${blank}</p>
      <p>Signature du (des) consommateur(s) (uniquement en cas de notification du présent formulaire sur papier) : ${blank}</p>
      <p>Date : ${blank}</p>
      <p>(*) Rayez la mention inutile.</p>
    </div>
  </details>`
}

/** Whom to ask or complain to, and the free consumer mediation when a complaint is not resolved. */
function complaintsInformation(shop: Shop): string {
  const contacts = [
    shop.phone ? html`au <a href="tel:${shop.phone.replace(/[^\d+]/g, '')}">${shop.phone}</a>` : '',
    shop.email ? html`à <a href="mailto:${shop.email}">${shop.email}</a>` : '',
  ].filter(Boolean)
  return html`<p class="complaints">Une question ou une réclamation : contactez ${shop.name}!${contacts.length > 0 ? ` ${contacts.join(' ou ')}` : html`, ${postalAddress(shop)}`}.
    Si votre réclamation écrite n’a pas abouti, vous pouvez recourir gratuitement à un médiateur de la consommation (articles L612-1 et suivants du Code de la consommation).</p>`
}

/** LAW F1/F9: the two legal guarantees, with the texts they come from. */
function legalGuarantees(): string {
  return html`<p class="guarantees">Garanties légales : garantie légale de conformité pendant 2${NBSP}ans à compter de la remise du bien (articles L217-3 et suivants du Code de la consommation) et garantie des vices cachés (articles 1641 et suivants du Code civil).</p>`
}

/**
 * LAW F1, before the order, per shop: the withdrawal conditions and period (or that the right does not
 * apply), the model form, complaints and guarantees, folded so the checkout stays short.
 */
export function consumerRightsBeforeOrder(shop: Shop, lines: readonly FormLine[]): string {
  const conditions = hasWithdrawalRight(lines)
    ? html`<p>Pour les articles qui y ouvrent droit, vous disposez de 14${NBSP}jours à compter du lendemain du retrait pour vous rétracter, sans avoir à vous justifier ; un délai qui finit un samedi, un dimanche ou un jour férié est prolongé jusqu’au premier jour ouvré suivant. Le modèle de formulaire de rétractation ci-dessous vous sera aussi remis avec la confirmation de commande.</p>`
    : html`<p>Aucun article commandé à ce commerce n’ouvre droit à rétractation (article L221-28 du Code de la consommation).</p>`
  return html`<details class="consumer-rights">
    <summary>Vos droits</summary>
    !${conditions}
    !${withdrawalForm(shop, lines)}
    !${complaintsInformation(shop)}
    !${legalGuarantees()}
  </details>`
}

/** LAW F1, on the order page: whom to complain to and the legal guarantees, folded. */
export function complaintsAndGuarantees(shop: Shop): string {
  return html`<details class="consumer-rights">
    <summary>Réclamations et garanties légales</summary>
    !${complaintsInformation(shop)}
    !${legalGuarantees()}
  </details>`
}

/** What a booking page says of the contract it makes (LAW F1/F3): a service booked, and whether money goes online. */
interface BookedService {
  productName: string
  withdrawalException: WithdrawalException | undefined
  /** A deposit or a prepayment is taken at booking (a card hold takes nothing unless the resident does not come). */
  paidOnline: boolean
}

/**
 * LAW F1/F3, before a booking or a registration: who the shop is, the 14-day withdrawal right counted from the
 * booking or why it does not apply (a table, an event, any service at a fixed date: L221-28), and whom to complain
 * to. A withdrawal is handled by the shop as a cancellation: the booking is cancelled and what was paid refunded.
 */
export function consumerRightsBeforeBooking(shop: Shop, service: BookedService): string {
  const reach = [postalAddress(shop), shop.phone ? `tél. ${shop.phone}` : '', shop.email]
    .filter(Boolean)
    .join(', ')
  const withdrawal = service.withdrawalException
    ? html`<p>Pas de droit de rétractation : ${withdrawalTerms([service]).exceptions} (article L221-28 du Code de la consommation). Annuler reste possible aux conditions ci-dessus.</p>`
    : html`<p>Droit de rétractation : 14${NBSP}jours à compter de la réservation, sans avoir à vous justifier, tant que la prestation n’a pas eu lieu${service.paidOnline ? ' ; ce qui a été payé en ligne vous est alors remboursé en entier, même passé le délai d’annulation en ligne' : ''}.</p>
      !${withdrawalForm(shop, [service], undefined, 'service')}`
  return html`<details class="consumer-rights">
    <summary>Vos droits</summary>
    <p>Le commerce : ${shop.name}, ${reach}.</p>
    !${withdrawal}
    !${complaintsInformation(shop)}
  </details>`
}
