import type { FastifyRequest } from 'fastify'
import { html } from 'ghtml'
import {
  formatEuros,
  formatVatRate,
  frenchDate,
  frenchDateTime,
  frenchSlotTime,
  NBSP,
} from '../../../lib/french-format.js'
import { addDays, toZoned, type LocalDate } from '../../../lib/zoned-time.js'
import { ORDER_TRANSITIONS, type Order, type OrderStatus } from '../../../modules/ordering/index.js'
import type { Membership, Shop } from '../../../modules/shops/index.js'
import { shopPage } from '../admin-shell.js'
import { cancelReasonText, t } from '../../i18n/index.js'

/** An order's state as staff say it at the counter (UX-10; fr.ts `order.status.*`). */
export const statusText = (status: OrderStatus) => t(`order.status.${status}`)

/** The moves staff make, as the button says them; any other target is refused before the module is asked. */
const MOVE_LABELS = {
  accepted: 'Accepter',
  preparing: 'Préparer',
  ready: 'Marquer prête',
  collected: 'Remise au client',
  cancelled: 'Annuler',
} as const
export type ShopTarget = keyof typeof MOVE_LABELS
export const isShopTarget = (value: string): value is ShopTarget => Object.hasOwn(MOVE_LABELS, value)

/** One button per move the lifecycle table allows the shop from this state; cancelling comes last. */
function shopMovesFrom(status: OrderStatus): ShopTarget[] {
  const moves = ORDER_TRANSITIONS.filter(
    (t) => t.by === 'shop' && t.from === status && isShopTarget(t.to),
  ).map((t) => t.to as ShopTarget)
  return [...moves.filter((m) => m !== 'cancelled'), ...moves.filter((m) => m === 'cancelled')]
}

export const OPEN_STATUSES: readonly OrderStatus[] = ['placed', 'accepted', 'preparing', 'ready']

/** "10 h 00 – 10 h 15", on the shop's wall clock. */
export function slotText(order: Pick<Order, 'slotStartsAt' | 'slotEndsAt'>, timeZone: string): string {
  const start = toZoned(new Date(order.slotStartsAt), timeZone).minuteOfDay
  const end = toZoned(new Date(order.slotEndsAt), timeZone).minuteOfDay
  return `${frenchSlotTime(start)} – ${frenchSlotTime(end)}`
}

/** "Aujourd’hui · lundi 23 novembre", "Demain · mardi 24 novembre", "Hier · …", "Jeudi 26 novembre". */
export function dayText(date: LocalDate, today: LocalDate): string {
  const day = frenchDate(date)
  if (date === today) return `Aujourd’hui · ${day}`
  if (date === addDays(today, 1)) return `Demain · ${day}`
  if (date === addDays(today, -1)) return `Hier · ${day}`
  return day.charAt(0).toUpperCase() + day.slice(1)
}

/** "23 novembre 2026 à 09:00", on the shop's wall clock. */
const instantText = (iso: string, timeZone: string) =>
  frenchDateTime(iso, timeZone, { weekday: false, year: true })

/** How the order is paid, as the person at the counter needs to know it. */
export function paymentText(order: Order): string {
  if (order.paymentMethod === 'counter') {
    if (order.status === 'collected') return 'réglée au comptoir'
    return OPEN_STATUSES.includes(order.status) ? 'à régler au comptoir' : 'paiement au comptoir'
  }
  switch (order.paymentStatus) {
    case 'authorized':
      return 'carte autorisée'
    case 'captured':
      return 'carte débitée'
    case 'voided':
      return 'autorisation de carte annulée'
    case 'pending':
      return 'carte en cours d’autorisation'
    case 'declined':
      return 'carte refusée'
    case 'refunded':
      return 'carte remboursée'
    case undefined: // no payment recorded yet
    default:
      return 'carte'
  }
}

const lineText = (line: Order['lines'][number]) =>
  `${line.quantity} × ${line.productName}${line.variantName ? ` (${line.variantName})` : ''}`

export const stateBadge = (status: OrderStatus) =>
  html`<span class="order-state state-${status}">${statusText(status)}</span>`

/** Where a move form sends the person back: the board (with its filter) or the order's own page. */
type MoveReturn = { to: 'board'; filter: string } | { to: 'order' }

export interface MoveContext {
  base: string
  csrf: string
  back: MoveReturn
  /** The cancel form that came back without a reason: opened, with the message next to the field. */
  cancelError?: { orderId: string; message: string; reason: string } | undefined
}

/** One form per allowed move (no JavaScript needed); "Annuler" opens a small form that asks why. */
export function moveForms(ctx: MoveContext, order: Order): string {
  const moves = shopMovesFrom(order.status)
  if (moves.length === 0) return ''
  const action = `${ctx.base}/commandes/${order.id}/etat`
  const hidden = html`!${ctx.csrf}<input type="hidden" name="de" value="${order.status}" />
    <input type="hidden" name="retour" value="${ctx.back.to === 'order' ? 'fiche' : 'tableau'}" />
    !${ctx.back.to === 'board' && ctx.back.filter ? html`<input type="hidden" name="etat" value="${ctx.back.filter}" />` : ''}`
  const who = html`<span class="visually-hidden"> — commande de ${order.contact.name}</span>`
  const forward = moves.filter((m) => m !== 'cancelled')
  const buttons = forward
    .map(
      (to, i) => html`<form method="post" action="${action}" class="move">
        !${hidden}<input type="hidden" name="to" value="${to}" />
        <button type="submit" class="button!${i === 0 ? ' primary' : ''}">${MOVE_LABELS[to]}!${who}</button>
      </form>`,
    )
    .join('')
  return html`<div class="order-moves">!${buttons}!${moves.includes('cancelled') ? cancelForm(ctx, order, action, hidden, who) : ''}</div>`
}

function cancelForm(ctx: MoveContext, order: Order, action: string, hidden: string, who: string): string {
  const error = ctx.cancelError?.orderId === order.id ? ctx.cancelError : undefined
  const id = `raison-${order.id}`
  return html`<details class="cancel-order"!${error ? ' open' : ''}>
    <summary class="button">Annuler!${who}</summary>
    <form method="post" action="${action}" class="cancel-form">
      !${hidden}<input type="hidden" name="to" value="cancelled" />
      <div class="field!${error ? ' has-error' : ''}">
        <label for="${id}">Raison de l’annulation</label>
        <p class="hint" id="${id}-hint">Elle est envoyée au client. Par exemple : produit épuisé.</p>
        <input id="${id}" name="reason" type="text" maxlength="300" required value="${error?.reason ?? ''}" aria-describedby="${id}-hint!${error ? html` ${id}-error` : ''}"!${error ? ' aria-invalid="true"' : ''} />
        !${error ? html`<p class="error" id="${id}-error">${error.message}</p>` : ''}
      </div>
      <button type="submit" class="button danger">Confirmer l’annulation</button>
    </form>
  </details>`
}

/** A board card: state, customer, lines, total and payment, then the moves. */
export function orderCard(ctx: MoveContext, order: Order): string {
  const why = order.status === 'cancelled' ? cancelReasonText(order) : undefined
  return html`<article class="order-card order-card-${order.status}" id="commande-${order.id}" aria-labelledby="commande-${order.id}-nom">
    <header class="order-card-head">
      <h4 id="commande-${order.id}-nom"><a href="${ctx.base}/commandes/${order.id}">${order.contact.name}</a></h4>
      !${stateBadge(order.status)}
    </header>
    <ul class="order-lines">!${order.lines.map((l) => html`<li>${lineText(l)}</li>`).join('')}</ul>
    <p class="order-total"><strong>${formatEuros(order.totalCents)}</strong> · ${paymentText(order)}</p>
    !${why ? html`<p class="muted">Raison : ${why}</p>` : ''}
    !${moveForms(ctx, order)}
  </article>`
}

/** Lines with unit price, VAT rate and total, all taxes included; three columns, so it fits a phone. */
export function linesTable(order: Order, caption: string): string {
  return html`<table class="order-table">
    <caption>${caption}</caption>
    <thead><tr><th scope="col" class="num">Qté</th><th scope="col" class="item">Article</th><th scope="col" class="num">Total TTC</th></tr></thead>
    <tbody>!${order.lines
      .map(
        (l) => html`<tr><td class="num">${l.quantity}</td>
          <td class="item">${l.productName}!${l.variantName ? html` (${l.variantName})` : ''}<br /><span class="muted">${formatEuros(l.unitPriceCents)} l’unité · TVA ${formatVatRate(l.vatRateBp).replace(' ', NBSP)}</span></td>
          <td class="num">${formatEuros(l.totalCents)}</td></tr>`,
      )
      .join('')}</tbody>
  </table>`
}

/** VAT per rate with net and VAT amounts, then the totals: what a French receipt must show. */
export function vatTable(order: Order): string {
  const net = order.vat.reduce((sum, v) => sum + v.netCents, 0)
  const vat = order.vat.reduce((sum, v) => sum + v.vatCents, 0)
  return html`<table class="order-table vat-table">
    <caption>TVA par taux</caption>
    <thead><tr><th scope="col" class="item">Taux</th><th scope="col" class="num">HT</th><th scope="col" class="num">TVA</th><th scope="col" class="num">TTC</th></tr></thead>
    <tbody>!${order.vat
      .map(
        (v) =>
          html`<tr><th scope="row">${formatVatRate(v.rateBp)}</th><td class="num">${formatEuros(v.netCents)}</td><td class="num">${formatEuros(v.vatCents)}</td><td class="num">${formatEuros(v.grossCents)}</td></tr>`,
      )
      .join('')}</tbody>
    <tfoot>
      <tr><th scope="row">Total</th><td class="num">${formatEuros(net)}</td><td class="num">${formatEuros(vat)}</td><td class="num"><strong>${formatEuros(order.totalCents)}</strong></td></tr>
    </tfoot>
  </table>`
}

/** What the order has been through, from the dates it keeps (the event log is the module's own). */
export function historyList(order: Order, timeZone: string): string {
  const items = [html`<li>Passée le ${instantText(order.placedAt, timeZone)}</li>`]
  if (order.readyAt) items.push(html`<li>Prête le ${instantText(order.readyAt, timeZone)}</li>`)
  if (order.closedAt) {
    const what =
      order.status === 'collected'
        ? 'Retirée'
        : order.status === 'cancelled'
          ? 'Annulée'
          : order.status === 'no_show'
            ? 'Notée non retirée'
            : 'Close'
    const why = cancelReasonText(order)
    items.push(
      html`<li>${what} le ${instantText(order.closedAt, timeZone)}!${why ? html` — raison : ${why}` : ''}</li>`,
    )
  }
  return html`<ul class="order-history">!${items.join('')}</ul>`
}

/** The shop's legal identity at the top of a receipt. */
function legalHeader(shop: Shop): string {
  return html`<div class="receipt-shop">
    <p><strong>${shop.name}</strong><br />${shop.address.street}<br />${shop.address.postalCode} ${shop.address.city}</p>
    <p>!${shop.siret ? html`SIRET : ${shop.siret}` : 'SIRET : non renseigné'}!${shop.vatNumber ? html`<br />N° TVA intracommunautaire : ${shop.vatNumber}` : ''}</p>
  </div>`
}

/** Total quantities per product and variant, for the preparation list. */
function quantitiesOf(orders: readonly Order[]): Array<{ name: string; quantity: number }> {
  const totals = new Map<string, { name: string; quantity: number }>()
  for (const line of orders.flatMap((o) => o.lines)) {
    const known = totals.get(line.variantId)
    if (known) known.quantity += line.quantity
    else
      totals.set(line.variantId, {
        name: `${line.productName}${line.variantName ? ` (${line.variantName})` : ''}`,
        quantity: line.quantity,
      })
  }
  return [...totals.values()].sort((a, b) => a.name.localeCompare(b.name, 'fr'))
}

/** Orders grouped by the day of their slot, then by slot, in slot order (the module returns them so). */
export function bySlot(
  orders: readonly Order[],
  timeZone: string,
): Array<{ date: LocalDate; slots: Array<{ startsAt: string; orders: Order[] }> }> {
  const days: Array<{ date: LocalDate; slots: Array<{ startsAt: string; orders: Order[] }> }> = []
  for (const order of orders) {
    const date = toZoned(new Date(order.slotStartsAt), timeZone).date
    let day = days.at(-1)
    if (day?.date !== date) days.push((day = { date, slots: [] }))
    let slot = day.slots.at(-1)
    if (slot?.startsAt !== order.slotStartsAt)
      day.slots.push((slot = { startsAt: order.slotStartsAt, orders: [] }))
    slot.orders.push(order)
  }
  return days
}

/** Printing from a phone has no obvious menu: a button, shown only where a script can press it. */
const PRINT_SCRIPT = `<script>for (const b of document.querySelectorAll('[data-print]')) { b.hidden = false; b.addEventListener('click', () => window.print()) }</script>`

/** The day's open orders per slot, with what to prepare in total, to print or read at the bench. */
export function preparationPage(
  req: FastifyRequest,
  membership: Membership,
  shop: Shop,
  day: string,
  today: string,
  orders: readonly Order[],
): string {
  const base = `/admin/${shop.id}`
  const totals = quantitiesOf(orders)
  const slots = bySlot(orders, shop.timeZone).flatMap((d) => d.slots)
  const content = html`<p class="breadcrumb no-print"><a href="${base}/commandes">← Commandes</a></p>
    <h1>Préparation · ${dayText(day, today)}</h1>
    <p class="muted">${shop.name} — commandes en cours (reçues, acceptées, en préparation, prêtes) ; les commandes annulées ou retirées n’y figurent pas.</p>
    <form method="get" action="${base}/commandes/preparation" class="admin-filters no-print">
      <div class="field">
        <label for="f-jour">Jour</label>
        <input id="f-jour" name="jour" type="date" value="${day}" />
      </div>
      <button type="submit" class="button">Afficher</button>
      <button type="button" class="button primary" data-print hidden>Imprimer</button>
    </form>
    !${
      orders.length === 0
        ? html`<p class="empty admin-empty">Aucune commande à préparer ce jour-là.</p>`
        : html`<section aria-labelledby="total">
          <h2 id="total">À préparer en tout</h2>
          <table class="order-table prep-totals">
            <thead><tr><th scope="col" class="item">Article</th><th scope="col" class="num">Quantité</th></tr></thead>
            <tbody>!${totals.map((row) => html`<tr><td>${row.name}</td><td class="num">${row.quantity}</td></tr>`).join('')}</tbody>
          </table>
        </section>
        <section aria-labelledby="creneaux">
          <h2 id="creneaux">Par créneau</h2>
          !${slots
            .map(
              (slot) => html`<section class="prep-slot">
                <h3>${slotText(slot.orders[0]!, shop.timeZone)}</h3>
                <ul class="prep-orders">!${slot.orders
                  .map(
                    (
                      o,
                    ) => html`<li><strong>${o.contact.name}</strong> · ${statusText(o.status)} · ${formatEuros(o.totalCents)}, ${paymentText(o)}
                      <ul class="prep-lines">!${o.lines.map((l) => html`<li>${l.quantity} × ${l.productName}!${l.variantName ? html` (${l.variantName})` : ''}</li>`).join('')}</ul>
                    </li>`,
                  )
                  .join('')}</ul>
              </section>`,
            )
            .join('')}
        </section>`
    }
    !${PRINT_SCRIPT}`
  return shopPage(req, membership, 'Préparation', 'orders', content)
}

/** A receipt with what a French one must say: seller, SIRET, VAT number, date, lines, VAT per rate, total. */
export function receiptPage(req: FastifyRequest, membership: Membership, shop: Shop, order: Order): string {
  const base = `/admin/${shop.id}`
  const payment = order.paymentMethod === 'counter' ? 'au comptoir' : `carte bancaire (${paymentText(order)})`
  const why = cancelReasonText(order)
  const content = html`<article class="receipt">
      <h1>Reçu</h1>
      !${legalHeader(shop)}
      <p>Commande n° ${order.id}<br />Date de la commande : ${instantText(order.placedAt, shop.timeZone)}<br />Client : ${order.contact.name}</p>
      !${order.status === 'cancelled' ? html`<p class="receipt-cancelled">Commande annulée!${why ? html` — ${why}` : ''}</p>` : ''}
      !${linesTable(order, 'Articles')}
      !${vatTable(order)}
      <p class="receipt-total">Total TTC : <strong>${formatEuros(order.totalCents)}</strong></p>
      <p>Paiement : ${payment}</p>
      <p class="actions no-print">
        <button type="button" class="button primary" data-print hidden>Imprimer</button>
        <a class="button" href="${base}/commandes/${order.id}">Retour à la commande</a>
      </p>
    </article>
    !${PRINT_SCRIPT}`
  return shopPage(req, membership, `Reçu — commande de ${order.contact.name}`, 'orders', content)
}
