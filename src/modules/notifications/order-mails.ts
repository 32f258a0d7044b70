import { html } from 'ghtml'
import QRCode from 'qrcode'
import { clockTime, formatEuros, frenchDateTime, frenchDayWithYear, NBSP } from '../../lib/french-format.js'
import { withdrawalTerms } from '../catalog/index.js'
import { getShopOrderById, listCheckoutOrders, type Order } from '../ordering/index.js'
import { addressLine, getShop, type Shop } from '../shops/index.js'
import { deliverMail } from './mail.js'
import type { OutgoingMail } from './types.js'
import type { OrderMailDeps } from './deps.js'

const when = frenchDateTime
const address = (shop: Shop) => addressLine(shop.address)
const spaced = (code: string) => `${code.slice(0, 3)} ${code.slice(3)}`
const payment = (order: Order) =>
  order.paymentMethod === 'counter' ? 'à régler au comptoir' : 'carte autorisée, débitée au retrait seulement'

function linesText(order: Order): string {
  return order.lines
    .map((l) => `  ${l.quantity} × ${l.productName} (${l.variantName}) : ${formatEuros(l.totalCents)}`)
    .join('\n')
}

function linesHtml(order: Order): string {
  return html`<ul>!${order.lines.map((l) => html`<li>${l.quantity} × ${l.productName} (${l.variantName}) : ${formatEuros(l.totalCents)}</li>`).join('')}</ul>`
}

const rightLines = (order: Order) => order.lines.filter((l) => l.withdrawalException === undefined)

/** LAW F1/F2/F3, per shop: which lines carry the 14-day right, which do not and why, and how to withdraw. */
function withdrawalConditions(order: Order, shop: Shop, link: string): string[] {
  // The same words as the pages (catalog's withdrawalTerms): the confirmation says what the resident read.
  const { withRight, exceptions } = withdrawalTerms(order.lines)
  const byPost = `par courrier à ${shop.name}, ${address(shop)}`
  return [
    withRight
      ? `Droit de rétractation : 14${NBSP}jours à compter du lendemain du retrait (articles : ${withRight}).`
      : '',
    withRight
      ? `Pour vous rétracter, envoyez le formulaire ci-dessous (aussi sur ${link}) ou toute autre déclaration dénuée d’ambiguïté ${shop.email ? `par e-mail à ${shop.email} ou ${byPost}` : byPost}.`
      : '',
    exceptions ? `Pas de droit de rétractation pour : ${exceptions}.` : '',
  ].filter(Boolean)
}

function shopContact(shop: Shop): string {
  const contacts = [shop.phone, shop.email].filter(Boolean)
  return `Question ou réclamation : ${contacts.length > 0 ? contacts.join(' · ') : address(shop)}`
}

const MEDIATION =
  'Si une réclamation écrite n’aboutit pas, vous pouvez recourir gratuitement à un médiateur de la consommation (articles L612-1 et suivants du Code de la consommation).'
const GUARANTEES = `Garanties légales : garantie légale de conformité pendant 2${NBSP}ans à compter de la remise du bien (articles L217-3 et suivants du Code de la consommation) et garantie des vices cachés (articles 1641 et suivants du Code civil).`

/**
 * The model withdrawal form (annexe à l’article R221-1), filled for one order. The email is the durable
 * medium of L221-13, so the form travels in it as well as on the order page.
 */
function modelForm(order: Order, shop: Shop): string[] {
  const goods = rightLines(order)
  if (goods.length === 0) return []
  return [
    `Modèle de formulaire de rétractation — ${shop.name}`,
    '(Veuillez compléter et renvoyer le présent formulaire uniquement si vous souhaitez vous rétracter du contrat.)',
    `À l’attention de ${[shop.name, address(shop), shop.email ? `adresse e-mail : ${shop.email}` : ''].filter(Boolean).join(', ')} :`,
    'Je/Nous (*) vous notifie/notifions (*) par la présente ma/notre (*) rétractation du contrat portant sur la vente du bien (*)/pour la prestation de services (*) ci-dessous :',
    ...goods.map((l) => `  ${l.quantity} × ${l.productName} (${l.variantName})`),
    `Référence de la commande : ${order.id}`,
    `Commandé le (*) : ${frenchDayWithYear(order.placedAt, shop.timeZone)} / reçu le (*) : …`,
    'Nom du (des) consommateur(s) : …',
    'Adresse du (des) consommateur(s) : …',
    'Signature du (des) consommateur(s) (uniquement en cas de notification du présent formulaire sur papier) : …',
    'Date : …',
    '(*) Rayez la mention inutile.',
  ]
}

/**
 * The one confirmation of a checkout, whatever the number of shops (issue #3: one email per checkout):
 * for each shop, the slot, the address, the pickup code and the lines. It says the order is not ready yet.
 * It is also the durable medium of L221-13 (LAW F1/F2): the withdrawal conditions and the model form for
 * each shop, whom to complain to, and the legal guarantees.
 */
export async function sendCheckoutConfirmation(deps: OrderMailDeps, checkoutId: string): Promise<void> {
  const orders = (await listCheckoutOrders(deps.db, checkoutId)).filter(
    (o) => o.status !== 'cancelled' && o.status !== 'pending_payment',
  )
  if (orders.length === 0) return
  const shops = await Promise.all(orders.map((o) => getShop(deps.db, o.shopId)))
  const link = `${deps.publicUrl}/commandes/${checkoutId}`
  const parts = orders.map((order, i) => ({ order, shop: shops[i]! }))
  const subject =
    orders.length === 1
      ? `Commande enregistrée chez ${shops[0]!.name} — code ${spaced(orders[0]!.pickupCode)}`
      : `Commande enregistrée dans ${orders.length} commerces`
  const text = [
    `Bonjour ${orders[0]!.contact.name},`,
    '',
    'Votre commande est enregistrée. Elle n’est pas encore prête : nous vous écrirons quand elle le sera.',
    '',
    ...parts.flatMap(({ order, shop }) => [
      `${shop.name} — ${address(shop)}`,
      `Retrait : ${when(order.slotStartsAt, shop.timeZone)} – ${clockTime(order.slotEndsAt, shop.timeZone)}`,
      `Code de retrait : ${spaced(order.pickupCode)}`,
      linesText(order),
      `Total : ${formatEuros(order.totalCents)} TTC, ${payment(order)}`,
      shop.pickupInstructions ? `Sur place : ${shop.pickupInstructions}` : '',
      ...withdrawalConditions(order, shop, link),
      shopContact(shop),
      '',
    ]),
    `Suivre ou annuler (tant que la préparation n’a pas commencé) : ${link}`,
    '',
    MEDIATION,
    GUARANTEES,
    ...parts.flatMap(({ order, shop }) => {
      const form = modelForm(order, shop)
      return form.length > 0 ? ['', '---', ...form] : []
    }),
  ].join('\n')
  const body = html`<p>Bonjour ${orders[0]!.contact.name},</p>
    <p>Votre commande est enregistrée. <strong>Elle n’est pas encore prête</strong> : nous vous écrirons quand elle le sera.</p>
    !${parts
      .map(
        ({ order, shop }) => html`<h2>${shop.name}</h2>
          <p>${address(shop)}<br />Retrait : <strong>${when(order.slotStartsAt, shop.timeZone)} – ${clockTime(order.slotEndsAt, shop.timeZone)}</strong><br />
          Code de retrait : <strong>${spaced(order.pickupCode)}</strong></p>
          !${linesHtml(order)}
          <p>Total : ${formatEuros(order.totalCents)} TTC, ${payment(order)}</p>
          !${shop.pickupInstructions ? html`<p>Sur place : ${shop.pickupInstructions}</p>` : ''}
          !${withdrawalConditions(order, shop, link)
            .map((line) => html`<p>${line}</p>`)
            .join('')}
          <p>${shopContact(shop)}</p>`,
      )
      .join('')}
    <p><a href="${link}">Suivre ou annuler la commande</a> (tant que la préparation n’a pas commencé).</p>
    <p>${MEDIATION}</p>
    <p>${GUARANTEES}</p>
    !${parts
      .map(({ order, shop }) => {
        const [title, ...form] = modelForm(order, shop)
        return title ? html`<hr /><h3>${title}</h3>!${form.map((line) => html`<p>${line}</p>`).join('')}` : ''
      })
      .join('')}`
  await deliverMail(deps, `checkout.confirmed:${checkoutId}`, {
    to: orders[0]!.contact.email,
    subject,
    text,
    html: body,
  })
}

/** "Ready for pickup" (UX-11): the code, as text and as a QR code, and how long the order is kept. */
export async function sendOrderReady(deps: OrderMailDeps, orderId: string): Promise<void> {
  const order = await getShopOrderById(deps.db, orderId)
  if (!order || order.status !== 'ready') return
  const shop = await getShop(deps.db, order.shopId)
  const keptUntil = new Date(
    Date.parse(order.slotEndsAt) + shop.pickup.noShowAfterHours * 3_600_000,
  ).toISOString()
  const qr = await QRCode.toBuffer(order.pickupCode, {
    type: 'png',
    width: 240,
    margin: 2,
    errorCorrectionLevel: 'M',
  })
  const mail: OutgoingMail = {
    to: order.contact.email,
    subject: `Votre commande chez ${shop.name} est prête — code ${spaced(order.pickupCode)}`,
    text: [
      `Bonjour ${order.contact.name},`,
      '',
      `Votre commande chez ${shop.name} est prête.`,
      `Code de retrait : ${spaced(order.pickupCode)} (montrez-le ou dites-le au comptoir).`,
      `Adresse : ${address(shop)}`,
      `Créneau choisi : ${when(order.slotStartsAt, shop.timeZone)} – ${clockTime(order.slotEndsAt, shop.timeZone)}`,
      `Nous la gardons jusqu’au ${when(keptUntil, shop.timeZone)}.`,
      shop.pickupInstructions ? `Sur place : ${shop.pickupInstructions}` : '',
    ].join('\n'),
    html: html`<p>Bonjour ${order.contact.name},</p>
      <p>Votre commande chez <strong>${shop.name}</strong> est prête.</p>
      <p>Code de retrait : <strong style="font-size:1.5em;letter-spacing:.1em">${spaced(order.pickupCode)}</strong></p>
      <p><img src="cid:pickup-code" width="240" height="240" alt="QR code du retrait ${order.pickupCode}" /></p>
      <p>${address(shop)}<br />Créneau choisi : ${when(order.slotStartsAt, shop.timeZone)} – ${clockTime(order.slotEndsAt, shop.timeZone)}<br />
      Nous la gardons jusqu’au ${when(keptUntil, shop.timeZone)}.</p>
      !${shop.pickupInstructions ? html`<p>Sur place : ${shop.pickupInstructions}</p>` : ''}`,
    attachments: [
      {
        cid: 'pickup-code',
        filename: 'code-retrait.png',
        contentType: 'image/png',
        base64: qr.toString('base64'),
      },
    ],
  }
  await deliverMail(deps, `order.ready:${orderId}`, mail)
}

/**
 * One message when an order will not be collected: cancelled (by whom, why) or missed. `reasonText` says why in the
 * words of the pages (the web catalogue, which modules cannot import).
 */
export async function sendOrderClosed(
  deps: OrderMailDeps,
  orderId: string,
  kind: 'cancelled' | 'no_show',
  reasonText: (order: Order) => string | undefined,
): Promise<void> {
  const order = await getShopOrderById(deps.db, orderId)
  if (!order) return
  const shop = await getShop(deps.db, order.shopId)
  const money =
    order.paymentMethod === 'counter'
      ? 'Rien ne vous a été débité.'
      : 'L’autorisation sur votre carte est levée : rien n’est débité.'
  const subject =
    kind === 'cancelled' ? `Commande annulée chez ${shop.name}` : `Commande non retirée chez ${shop.name}`
  const why = reasonText(order)
  const what =
    kind === 'cancelled'
      ? `Votre commande du ${when(order.placedAt, shop.timeZone)} chez ${shop.name} est annulée${why ? ` (${why})` : ''}.`
      : `Votre commande chez ${shop.name} n’a pas été retirée à temps : elle est annulée et les articles sont remis en rayon.`
  await deliverMail(deps, `order.${kind}:${orderId}`, {
    to: order.contact.email,
    subject,
    text: [`Bonjour ${order.contact.name},`, '', what, money, '', linesText(order)].join('\n'),
    html: html`<p>Bonjour ${order.contact.name},</p><p>${what}</p><p>${money}</p>!${linesHtml(order)}`,
  })
}
