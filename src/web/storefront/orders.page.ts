import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { html } from 'ghtml'
import QRCode from 'qrcode'
import { basketOwner } from '../../http/basket-owner.js'
import type { AppDeps } from '../../http/deps.js'
import { httpStatusOf } from '../../http/problem-details.js'
import { AppError } from '../../lib/app-error.js'
import { frenchLongDay, frenchTime } from '../../lib/french-format.js'
import { toZoned } from '../../lib/zoned-time.js'
import {
  canMove,
  checkoutOrdersOf,
  checkoutOutcome,
  listCheckoutOrders,
  listResidentOrders,
  moveOrder,
  withdrawalDeadline,
  type Order,
  listLineChanges,
  type LineChange,
} from '../../modules/ordering/index.js'
import { describeLineChange } from '../../modules/notifications/index.js'
import { getShop, type Shop } from '../../modules/shops/index.js'
import { cancelReasonText, t } from '../i18n/index.js'
import { csrfInput, formAlert, price } from '../views/components.js'
import { storefrontPage } from '../views/layout.js'
import { sendHtml } from '../views/send-html.js'
import { shopPath } from '../views/storefront-shell.js'
import { complaintsAndGuarantees, withdrawalForm } from '../views/consumer-information.js'
import { withdrawalNotice } from '../views/withdrawal-notice.js'

/** How the resident reads an order's state (the staff's shorter words are `order.status.*`). */
const residentStatus = (status: string) => t(`order.resident_status.${status}`, status)

const longDay = (instant: string, timeZone: string) => frenchLongDay(new Date(instant), timeZone)

/** The resident's side after checkout: the checkout's orders with their codes, cancellation, and their history. */
export function registerOrderPages(app: FastifyInstance, deps: AppDeps): void {
  const ordersOf = (req: FastifyRequest, reply: FastifyReply, checkoutId: string): Promise<Order[]> =>
    checkoutOrdersOf(
      deps.db,
      checkoutId,
      basketOwner(req, reply, { create: false, secure: deps.secureCookies }),
    )

  app.get('/commandes/:checkoutId', async (req, reply) => {
    const { checkoutId } = req.params as { checkoutId: string }
    return sendCheckoutPage(req, reply, checkoutId, await ordersOf(req, reply, checkoutId))
  })

  app.post(
    '/commandes/:checkoutId/:orderId/annuler',
    { preHandler: app.csrfProtection },
    async (req, reply) => {
      const { checkoutId, orderId } = req.params as { checkoutId: string; orderId: string }
      const orders = await ordersOf(req, reply, checkoutId)
      if (!orders.some((o) => o.id === orderId))
        throw new AppError('not_found', 'ordering.order_not_found', 'order not found')
      try {
        await moveOrder(
          deps.modules.ordering,
          { by: 'resident', userId: req.viewer.user?.id, checkoutId },
          orderId,
          'cancelled',
        )
      } catch (error) {
        if (!(error instanceof AppError) || error.code !== 'ordering.transition_refused') throw error
        return sendCheckoutPage(
          req,
          reply.code(httpStatusOf(error)),
          checkoutId,
          await listCheckoutOrders(deps.db, checkoutId),
          'Le commerce a commencé à préparer cette commande : appelez-le pour l’annuler.',
        )
      }
      return reply.redirect(`/commandes/${checkoutId}`, 303)
    },
  )

  app.get('/mes-commandes', async (req, reply) => {
    const user = req.viewer.user
    if (!user) return reply.redirect(`/connexion?retour=${encodeURIComponent('/mes-commandes')}`, 303)
    const orders = await listResidentOrders(deps.db, user.id)
    const shops = await shopsOf(orders)
    const content = html`<h1>Mes commandes</h1>
      !${
        orders.length === 0
          ? html`<p>Vous n’avez pas encore passé de commande.</p>`
          : html`<ul class="order-list" role="list">!${orders
              .map((o) => {
                const shop = shops.get(o.shopId)!
                return html`<li><a href="/commandes/${o.checkoutId}">${shop.name}</a> — retrait ${longDay(o.slotStartsAt, shop.timeZone)} à ${frenchTime(new Date(o.slotStartsAt), shop.timeZone)}
                — ${price(o.totalCents)} — <strong>${residentStatus(o.status)}</strong></li>`
              })
              .join('')}</ul>`
      }`
    return sendHtml(
      reply.header('cache-control', 'private, no-store'),
      storefrontPage({ title: 'Mes commandes — Comptoir', noindex: true }, req.viewer, content),
    )
  })

  async function shopsOf(orders: readonly Order[]): Promise<Map<string, Shop>> {
    return new Map(
      await Promise.all(
        [...new Set(orders.map((o) => o.shopId))].map(
          async (id) => [id, await getShop(deps.db, id)] as const,
        ),
      ),
    )
  }

  async function sendCheckoutPage(
    req: FastifyRequest,
    reply: FastifyReply,
    checkoutId: string,
    orders: Order[],
    alert?: string,
  ) {
    const shops = await shopsOf(orders)
    const outcome = checkoutOutcome(orders)
    const token = reply.generateCsrf()
    const cards = await Promise.all(
      orders.map(async (order) =>
        orderCard(
          order,
          shops.get(order.shopId)!,
          checkoutId,
          token,
          await listLineChanges(deps.db, order.id),
        ),
      ),
    )
    const content = html`<h1>!${outcome === 'payment_declined' ? 'Paiement refusé' : orders.length > 1 ? 'Vos commandes' : 'Votre commande'}</h1>
      !${formAlert(alert)}
      !${
        outcome === 'payment_declined'
          ? html`<p class="alert" role="alert">La carte a été refusée : rien n’a été commandé ni débité. <a href="/panier">Retour au panier</a></p>`
          : html`<p>Pas encore prête : nous vous écrirons quand elle le sera. Présentez le code de retrait au comptoir.</p>`
      }
      !${cards.join('')}`
    return sendHtml(
      reply.header('cache-control', 'private, no-store'),
      storefrontPage({ title: 'Commande — Comptoir', noindex: true }, req.viewer, content),
    )
  }
}

async function orderCard(
  order: Order,
  shop: Shop,
  checkoutId: string,
  csrfToken: string,
  changes: readonly LineChange[],
): Promise<string> {
  const open = !['cancelled', 'no_show', 'collected', 'pending_payment'].includes(order.status)
  // The code as a QR image drawn in SVG: staff scan it at the counter (UX-12); the text stays readable aloud.
  const qr = open
    ? await QRCode.toString(order.pickupCode, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' })
    : ''
  // LAW F2: the period runs from the day after pickup, a local date in the shop's zone.
  const collectedOn =
    order.status === 'collected' && order.closedAt
      ? toZoned(new Date(order.closedAt), shop.timeZone).date
      : undefined
  // A cancelled or missed order made no sale to withdraw from.
  const sold = !['cancelled', 'no_show', 'pending_payment'].includes(order.status)
  const why = cancelReasonText(order)
  return html`<section class="order-card" aria-labelledby="order-${order.id}">
    <h2 id="order-${order.id}"><a href="${shopPath(shop.slug)}">${shop.name}</a> — ${residentStatus(order.status)}</h2>
    <p>Retrait ${longDay(order.slotStartsAt, shop.timeZone)}, ${frenchTime(new Date(order.slotStartsAt), shop.timeZone)} – ${frenchTime(new Date(order.slotEndsAt), shop.timeZone)},
      ${shop.address.street}, ${shop.address.postalCode} ${shop.address.city}</p>
    !${
      open
        ? html`<p class="pickup-code">Code de retrait : <strong>${order.pickupCode.slice(0, 3)} ${order.pickupCode.slice(3)}</strong></p>
        <div class="pickup-qr" role="img" aria-label="QR code du retrait ${order.pickupCode}">!${qr}</div>`
        : ''
    }
    !${why ? html`<p>Motif : ${why}</p>` : ''}
    <ul>!${order.lines.map((l) => html`<li>${l.quantity} × ${l.productName} (${l.variantName}) — ${price(l.totalCents)}</li>`).join('')}</ul>
    !${
      changes.length > 0
        ? html`<div class="order-changes"><p>Modifiée par le commerce :</p><ul>!${changes.map((c) => html`<li>${describeLineChange(c)}</li>`).join('')}</ul></div>`
        : ''
    }
    !${withdrawalNotice(order.lines, collectedOn && withdrawalDeadline(collectedOn))}
    !${sold ? withdrawalForm(shop, order.lines, { reference: order.id, orderedOn: toZoned(new Date(order.placedAt), shop.timeZone).date, collectedOn }) : ''}
    !${complaintsAndGuarantees(shop)}
    <p>Total : <strong>${price(order.totalCents)}</strong> TTC, ${order.paymentMethod === 'counter' ? 'à régler au comptoir' : 'carte autorisée, débitée au retrait'}</p>
    !${
      canMove(order.status, 'cancelled', 'resident')
        ? html`<form method="post" action="/commandes/${checkoutId}/${order.id}/annuler">!${csrfInput(csrfToken)}<button type="submit" class="button">Annuler cette commande</button></form>`
        : ''
    }
  </section>`
}
