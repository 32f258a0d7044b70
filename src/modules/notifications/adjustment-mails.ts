import { html } from 'ghtml'
import { formatEuros } from '../../lib/french-format.js'
import {
  CLOSED_STATUSES,
  getShopOrderById,
  listLineChanges,
  markLineChangesTold,
  type LineChange,
} from '../ordering/index.js'
import { getShop } from '../shops/index.js'
import { deliverMail } from './mail.js'
import type { OrderMailDeps } from './deps.js'

/** One change, as the resident reads it. */
export function describeLineChange(change: LineChange): string {
  const ordered = `${change.productName} (${change.variantName})`
  if (change.kind === 'withdrawn')
    return `${ordered} × ${change.quantityBefore} : retiré de la commande, le commerce ne peut pas le fournir.`
  if (change.kind === 'partial')
    return `${ordered} : ${change.quantityAfter} au lieu de ${change.quantityBefore}.`
  return `${ordered} × ${change.quantityBefore} : remplacé par ${change.substituteProductName} (${change.substituteVariantName}) × ${change.quantityAfter}, au prix le plus bas des deux.`
}

/**
 * UX-03: the shop changed lines it could not serve; the resident is told once for the changes made close
 * together (the outbox message waits a few minutes after the first), with the new total. Nothing is sent for
 * an order that closed meanwhile: its cancellation message, or the counter, already told them.
 */
export async function sendOrderAdjusted(deps: OrderMailDeps, messageKey: string): Promise<void> {
  const orderId = messageKey.split(':')[0]!
  const order = await getShopOrderById(deps.db, orderId)
  if (!order) return
  const untold = (await listLineChanges(deps.db, orderId)).filter((c) => c.notifiedAt === undefined)
  if (untold.length > 0 && !CLOSED_STATUSES.includes(order.status)) {
    const shop = await getShop(deps.db, order.shopId)
    const link = `${deps.publicUrl}/commandes/${order.checkoutId}`
    const money =
      order.paymentMethod === 'counter' ? 'à régler au comptoir' : 'seul ce montant sera débité au retrait'
    await deliverMail(deps, `order.adjusted:${messageKey}`, {
      to: order.contact.email,
      subject: `Votre commande chez ${shop.name} a été modifiée`,
      text: [
        `Bonjour ${order.contact.name},`,
        '',
        `${shop.name} ne peut pas préparer votre commande exactement comme vous l’avez passée :`,
        ...untold.map((c) => `- ${describeLineChange(c)}`),
        '',
        `Nouveau total : ${formatEuros(order.totalCents)} TTC, ${money}.`,
        `Si cela ne vous convient plus, vous pouvez annuler tant que la préparation n’a pas commencé, ou appeler le commerce : ${link}`,
      ].join('\n'),
      html: html`<p>Bonjour ${order.contact.name},</p>
        <p>${shop.name} ne peut pas préparer votre commande exactement comme vous l’avez passée :</p>
        <ul>!${untold.map((c) => html`<li>${describeLineChange(c)}</li>`).join('')}</ul>
        <p>Nouveau total : <strong>${formatEuros(order.totalCents)} TTC</strong>, ${money}.</p>
        <p><a href="${link}">Voir la commande</a></p>`,
    })
  }
  await markLineChangesTold(
    deps,
    orderId,
    untold.map((c) => c.id),
  )
}
