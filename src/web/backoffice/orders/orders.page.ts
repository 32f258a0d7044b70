import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { html } from 'ghtml'
import { requireStaffOf } from '../../../http/auth.js'
import type { AppDeps } from '../../../http/deps.js'
import { httpStatusOf } from '../../../http/problem-details.js'
import { AppError } from '../../../lib/app-error.js'
import { formatEuros } from '../../../lib/french-format.js'
import { isWellFormedId } from '../../../lib/ids.js'
import { addDays, fromZoned, isValidLocalDate, toZoned } from '../../../lib/zoned-time.js'
import {
  collectByCode,
  getShopOrder,
  listShopOrders,
  measurePickupWait,
  moveOrder,
  type Order,
  type OrderStatus,
  type PickupWait,
} from '../../../modules/ordering/index.js'
import { getShop, type Membership, type Shop } from '../../../modules/shops/index.js'
import { bodyOf, text } from '../../forms.js'
import { t } from '../../i18n/index.js'
import { csrfInput, field, formAlert } from '../../views/components.js'
import { sendHtml } from '../../views/send-html.js'
import { noticeOf, shopPage, withNotice, type NoticeCode } from '../admin-shell.js'
import { loadBoard, registerOrderBoardEvents, type Board } from './order-board-events.js'
import { lineFormsSection, loadLineForms } from './order-line-forms.js'
import {
  bySlot,
  dayText,
  historyList,
  isShopTarget,
  linesTable,
  moveForms,
  OPEN_STATUSES,
  orderCard,
  paymentText,
  preparationPage,
  receiptPage,
  slotText,
  stateBadge,
  statusText,
  vatTable,
  type MoveContext,
  type ShopTarget,
} from './order-views.js'

type ShopParams = { Params: { shopId: string } }
type OrderParams = { Params: { shopId: string; orderId: string } }

/** The board's tabs; the default shows every open order (UX-13). */
const FILTERS: Record<string, { label: string; statuses: readonly OrderStatus[] }> = {
  '': { label: 'En cours', statuses: OPEN_STATUSES },
  'a-traiter': { label: 'À traiter', statuses: ['placed', 'accepted'] },
  'en-preparation': { label: 'En préparation', statuses: ['preparing'] },
  pretes: { label: 'Prêtes', statuses: ['ready'] },
  terminees: { label: 'Terminées', statuses: ['collected', 'cancelled', 'no_show'] },
}
const filterOf = (value: unknown) => (typeof value === 'string' && Object.hasOwn(FILTERS, value) ? value : '')

const MOVE_NOTICES: Record<ShopTarget, NoticeCode> = {
  accepted: 'commande-acceptee',
  preparing: 'commande-en-preparation',
  ready: 'commande-prete',
  collected: 'commande-remise',
  cancelled: 'commande-annulee',
}

interface BoardState {
  filter: string
  alert?: string | undefined
  pickup?: { code: string; error: string } | undefined
  cancelError?: MoveContext['cancelError']
}

/**
 * The shop's orders (UX-10 to UX-13): the live board with the pickup-code form, one order with its history,
 * the day's preparation list and a receipt, all usable on a phone at the counter and without JavaScript.
 */
export function registerOrdersPages(admin: FastifyInstance, deps: AppDeps): void {
  const boardPath = (shopId: string, filter = '') =>
    `/admin/${shopId}/commandes${filter ? `?etat=${filter}` : ''}`

  async function showBoard(
    req: FastifyRequest,
    reply: FastifyReply,
    membership: Membership,
    state: BoardState,
  ) {
    const shop = await getShop(deps.db, membership.shopId)
    const since = new Date(deps.clock.now().getTime() - WAIT_DAYS * 86_400_000).toISOString()
    const [board, wait] = await Promise.all([
      loadBoard(deps, shop),
      measurePickupWait(deps.db, shop.id, since),
    ])
    const notice = (await handedOverNotice(req, shop)) ?? noticeOf(req)
    return sendHtml(reply, boardPage(req, reply, membership, shop, board, state, notice, wait))
  }

  async function showOrder(
    req: FastifyRequest,
    reply: FastifyReply,
    membership: Membership,
    orderId: string,
    state: Omit<BoardState, 'filter' | 'pickup'>,
  ) {
    const [shop, order] = await Promise.all([
      getShop(deps.db, membership.shopId),
      getShopOrder(deps.db, membership.shopId, orderId),
    ])
    const today = toZoned(deps.clock.now(), shop.timeZone).date
    return sendHtml(
      reply,
      orderPage(req, reply, membership, shop, order, today, state, await loadLineForms(deps, order)),
    )
  }

  /** After a hand-over, the notice names the customer and what is left to cash, read from the order itself. */
  async function handedOverNotice(req: FastifyRequest, shop: Shop): Promise<string | undefined> {
    const query = (req.query ?? {}) as Record<string, unknown>
    if (
      query.ok !== 'commande-remise' ||
      typeof query.commande !== 'string' ||
      !isWellFormedId(query.commande)
    )
      return undefined
    const order = await getShopOrder(deps.db, shop.id, query.commande).catch(() => undefined)
    if (order?.status !== 'collected') return undefined
    const toCash =
      order.paymentMethod === 'counter'
        ? html` À encaisser : <strong>${formatEuros(order.totalCents)}</strong>.`
        : ''
    return html`<div class="notice notice-ok" role="status">Commande de ${order.contact.name} remise.!${toCash}</div>`
  }

  admin.get<ShopParams & { Querystring: { etat?: unknown } }>(
    '/admin/:shopId/commandes',
    async (req, reply) =>
      showBoard(req, reply, requireStaffOf(req, req.params.shopId), { filter: filterOf(req.query.etat) }),
  )

  admin.post<ShopParams>(
    '/admin/:shopId/commandes/retrait',
    { preHandler: admin.csrfProtection },
    async (req, reply) => {
      const membership = requireStaffOf(req, req.params.shopId)
      const body = bodyOf(req.body)
      const code = text(body, 'code', 40)
      const filter = filterOf(text(body, 'etat', 20))
      let orderId: string
      try {
        orderId = await collectByCode(
          deps.modules.ordering,
          { shopId: membership.shopId, userId: req.viewer.user!.id },
          code,
        )
      } catch (error) {
        const message = error instanceof AppError ? pickupErrorText(error) : undefined
        if (!message) throw error
        return showBoard(req, reply.code(httpStatusOf(error as AppError)), membership, {
          filter,
          pickup: { code, error: message },
        })
      }
      return reply.redirect(
        `${boardPath(membership.shopId, filter)}${filter ? '&' : '?'}ok=commande-remise&commande=${orderId}`,
        303,
      )
    },
  )

  admin.get<ShopParams & { Querystring: { jour?: unknown } }>(
    '/admin/:shopId/commandes/preparation',
    async (req, reply) => {
      const membership = requireStaffOf(req, req.params.shopId)
      const shop = await getShop(deps.db, membership.shopId)
      const today = toZoned(deps.clock.now(), shop.timeZone).date
      const day =
        typeof req.query.jour === 'string' && isValidLocalDate(req.query.jour) ? req.query.jour : today
      const orders = await listShopOrders(deps.db, shop.id, {
        from: fromZoned(day, 0, shop.timeZone).toISOString(),
        to: fromZoned(addDays(day, 1), 0, shop.timeZone).toISOString(),
        statuses: OPEN_STATUSES,
      })
      return sendHtml(reply, preparationPage(req, membership, shop, day, today, orders))
    },
  )

  admin.get<OrderParams>('/admin/:shopId/commandes/:orderId', async (req, reply) =>
    showOrder(req, reply, requireStaffOf(req, req.params.shopId), req.params.orderId, {}),
  )

  admin.get<OrderParams>('/admin/:shopId/commandes/:orderId/recu', async (req, reply) => {
    const membership = requireStaffOf(req, req.params.shopId)
    const [shop, order] = await Promise.all([
      getShop(deps.db, membership.shopId),
      getShopOrder(deps.db, membership.shopId, req.params.orderId),
    ])
    return sendHtml(reply, receiptPage(req, membership, shop, order))
  })

  admin.post<OrderParams>(
    '/admin/:shopId/commandes/:orderId/etat',
    { preHandler: admin.csrfProtection },
    async (req, reply) => {
      const membership = requireStaffOf(req, req.params.shopId)
      const body = bodyOf(req.body)
      const to = text(body, 'to', 20)
      if (!isShopTarget(to))
        throw new AppError('invalid', 'http.invalid_request', 'unknown move', { field: 'to' })
      const reason = text(body, 'reason', 300)
      const onOrderPage = text(body, 'retour', 10) === 'fiche'
      const filter = filterOf(text(body, 'etat', 20))
      const orderId = req.params.orderId
      const again = (code: number, state: Omit<BoardState, 'filter' | 'pickup'>) =>
        onOrderPage
          ? showOrder(req, reply.code(code), membership, orderId, state)
          : showBoard(req, reply.code(code), membership, { filter, ...state })
      try {
        await moveOrder(
          deps.modules.ordering,
          { by: 'shop', shopId: membership.shopId, userId: req.viewer.user!.id },
          orderId,
          to,
          reason,
        )
      } catch (error) {
        if (!(error instanceof AppError)) throw error
        if (error.code === 'ordering.reason_required')
          return again(400, { cancelError: { orderId, message: t(error.code), reason } })
        if (error.code !== 'ordering.transition_refused') throw error
        // Two people at the counter moved the same order: theirs stands, and this one is told what happened.
        const order = await getShopOrder(deps.db, membership.shopId, orderId)
        return again(409, { alert: refusedText(order, text(body, 'de', 20), to) })
      }
      const notice = MOVE_NOTICES[to]
      if (onOrderPage)
        return reply.redirect(withNotice(`/admin/${membership.shopId}/commandes/${orderId}`, notice), 303)
      const target = `${boardPath(membership.shopId, filter)}${filter ? '&' : '?'}ok=${notice}${to === 'collected' ? `&commande=${orderId}` : ''}`
      return reply.redirect(`${target}#commande-${orderId}`, 303)
    },
  )

  registerOrderBoardEvents(admin, deps)
}

function pickupErrorText(error: AppError): string | undefined {
  if (error.code === 'ordering.invalid_pickup_code' || error.code === 'ordering.unknown_pickup_code')
    return t(error.code)
  if (error.code !== 'ordering.transition_refused') return undefined
  switch (error.details.current) {
    case 'collected':
      return 'Cette commande a déjà été remise.'
    case 'cancelled':
      return 'Cette commande a été annulée : ne la remettez pas.'
    case 'no_show':
      return 'Cette commande a été notée non retirée : elle n’est plus réservée.'
    default:
      return 'Cette commande n’est pas prête.'
  }
}

function refusedText(order: Order, shownAs: string, to: ShopTarget): string {
  const now = statusText(order.status)
  if (shownAs !== order.status)
    return `La commande de ${order.contact.name} a été modifiée entre-temps par quelqu’un d’autre : elle est maintenant « ${now} ». Rien d’autre n’a changé.`
  return `La commande de ${order.contact.name} est « ${now} » : elle ne peut pas passer à « ${statusText(to)} ».`
}

/** Reloads the board region when the stream says it changed, but never under someone's fingers. */
const BOARD_SCRIPT = `<script>
(() => {
  const find = () => document.getElementById('board')
  const first = find()
  const status = document.getElementById('board-status')
  if (!first || !status || !window.EventSource || !window.DOMParser) return
  let version = first.dataset.version, wanted = false, busy = false
  const inUse = (board) => !!board.querySelector('details[open]') || board.contains(document.activeElement)
  async function refresh() {
    if (busy || !find()) return
    if (inUse(find())) { wanted = true; return }
    busy = true; wanted = false
    try {
      const res = await fetch(find().dataset.url, { headers: { accept: 'text/html' } })
      const next = new DOMParser().parseFromString(await res.text(), 'text/html').getElementById('board')
      if (!res.ok || !next) throw new Error('board ' + res.status)
      if (inUse(find())) wanted = true
      else { find().replaceWith(next); version = next.dataset.version; status.textContent = 'Tableau mis à jour.' }
    } catch { status.textContent = 'Mise à jour impossible : touchez « Actualiser ».' } finally { busy = false }
  }
  const source = new EventSource(first.dataset.stream)
  source.addEventListener('board', (event) => { if (JSON.parse(event.data).version !== version) void refresh() })
  source.addEventListener('error', () => { if (source.readyState === EventSource.CLOSED) status.textContent = 'Mises à jour automatiques interrompues : touchez « Actualiser ».' })
  document.addEventListener('focusout', () => setTimeout(() => { if (wanted) void refresh() }, 0))
  document.addEventListener('toggle', () => { if (wanted) void refresh() }, true)
})()
</script>`

/**
 * UX-12: "Scanner le QR code" opens the camera and sends the pickup form below with the code it reads.
 * Hidden until assets/pickup-scanner.js shows it, so without JavaScript the typed code is all there is.
 * The decoder URL is jsQR's browser build, served from node_modules by web/index.ts.
 */
const PICKUP_SCANNER = `<div class="pickup-scan" data-pickup-scanner data-decoder="/assets/vendor/jsqr/jsQR.js" hidden>
        <button type="button" class="button" data-scan-start>Scanner le QR code</button>
        <div class="scan-view" data-scan-view hidden>
          <video muted playsinline aria-label="Image de la caméra : visez le QR code du client"></video>
          <button type="button" class="button" data-scan-cancel>Annuler</button>
        </div>
        <p class="scan-status" role="status" aria-live="polite" data-scan-status></p>
      </div>
      <script src="/assets/pickup-scanner.js" defer></script>`

/** The counter's waiting time is measured over this many days (UX-14). */
const WAIT_DAYS = 30

/** UX-14: how long residents wait once told their order is ready, so the shop sees whether handover keeps up. */
function waitSection(wait: PickupWait): string {
  const minutes = (value: number | undefined) =>
    value === undefined ? '–' : value < 1 ? 'moins d’une minute' : `${Math.round(value)} min`
  return html`<section class="pickup-wait" aria-labelledby="attente">
    <h2 id="attente">Attente au retrait, ${WAIT_DAYS} derniers jours</h2>
    !${
      wait.collected === 0
        ? html`<p>Aucune commande remise sur cette période.</p>`
        : html`<p>Entre « prête » et « remise » : médiane <strong>${minutes(wait.medianMinutes)}</strong>, 9 commandes sur 10 en moins de <strong>${minutes(wait.p90Minutes)}</strong> (${wait.collected} remise${wait.collected > 1 ? 's' : ''}).</p>`
    }
  </section>`
}

function boardPage(
  req: FastifyRequest,
  reply: FastifyReply,
  membership: Membership,
  shop: Shop,
  board: Board,
  state: BoardState,
  notice: string,
  wait: PickupWait,
): string {
  const base = `/admin/${shop.id}`
  const csrf = csrfInput(reply.generateCsrf())
  const url = `${base}/commandes${state.filter ? `?etat=${state.filter}` : ''}`
  const all = [...board.earlier, ...board.week]
  const shown = all.filter((o) => FILTERS[state.filter]!.statuses.includes(o.status))
  const ctx: MoveContext = {
    base,
    csrf,
    back: { to: 'board', filter: state.filter },
    cancelError: state.cancelError,
  }
  const tabs = Object.entries(FILTERS)
    .map(([key, f]) => {
      const count = all.filter((o) => f.statuses.includes(o.status)).length
      return html`<li><a href="${base}/commandes${key ? `?etat=${key}` : ''}"!${key === state.filter ? ' aria-current="page"' : ''}>${f.label} <span class="count">${count}</span></a></li>`
    })
    .join('')
  const days = bySlot(shown, shop.timeZone)
    .map(
      (day) => html`<section class="board-day" aria-labelledby="jour-${day.date}">
        <h2 id="jour-${day.date}">${day.date < board.today ? `${dayText(day.date, board.today)} · en attente` : dayText(day.date, board.today)}</h2>
        !${day.slots
          .map(
            (slot) => html`<section class="board-slot">
              <h3>${slotText(slot.orders[0]!, shop.timeZone)} <span class="count">· ${slot.orders.length} commande${slot.orders.length > 1 ? 's' : ''}</span></h3>
              !${slot.orders.map((o) => orderCard(ctx, o)).join('')}
            </section>`,
          )
          .join('')}
      </section>`,
    )
    .join('')
  const empty = html`<div class="empty admin-empty"><p>Aucune commande pour ces jours-ci.</p>!${state.filter ? html`<p><a href="${base}/commandes">Voir toutes les commandes en cours</a></p>` : ''}</div>`
  const content = html`!${notice}!${formAlert(state.alert)}
    <div class="page-head">
      <h1>Commandes</h1>
      <a class="button" href="${base}/commandes/preparation">Liste de préparation</a>
    </div>
    <section class="pickup-box" aria-labelledby="remise">
      <h2 id="remise">Remettre une commande</h2>
      !${PICKUP_SCANNER}
      <form method="post" action="${base}/commandes/retrait" class="pickup-form" novalidate>
        !${csrf}!${state.filter ? html`<input type="hidden" name="etat" value="${state.filter}" />` : ''}
        !${field({
          name: 'code',
          label: 'Code de retrait',
          value: state.pickup?.code ?? '',
          errors: state.pickup ? { code: state.pickup.error } : {},
          hint: 'Les 6 caractères que le client vous montre ou vous dit.',
          attrs: {
            inputmode: 'text',
            autocapitalize: 'characters',
            autocomplete: 'off',
            autocorrect: 'off',
            spellcheck: 'false',
            maxlength: 20,
            enterkeyhint: 'done',
          },
        })}
        <button type="submit" class="button primary">Remettre</button>
      </form>
    </section>
    <p class="board-live"><span id="board-status" role="status"></span> <a href="${url}">Actualiser</a></p>
    <div id="board" data-version="${board.version}" data-url="${url}" data-stream="${base}/commandes/flux">
      <nav class="board-filters" aria-label="Filtrer par état"><ul>!${tabs}</ul></nav>
      !${shown.length > 0 ? days : empty}
    </div>
    !${waitSection(wait)}
    !${BOARD_SCRIPT}`
  return shopPage(req, membership, 'Commandes', 'orders', content)
}

function orderPage(
  req: FastifyRequest,
  reply: FastifyReply,
  membership: Membership,
  shop: Shop,
  order: Order,
  today: string,
  state: Omit<BoardState, 'filter' | 'pickup'>,
  lineForms: Awaited<ReturnType<typeof loadLineForms>>,
): string {
  const base = `/admin/${shop.id}`
  const ctx: MoveContext = {
    base,
    csrf: csrfInput(reply.generateCsrf()),
    back: { to: 'order' },
    cancelError: state.cancelError,
  }
  const day = toZoned(new Date(order.slotStartsAt), shop.timeZone).date
  const { name, email, phone } = order.contact
  const content = html`!${noticeOf(req)}!${formAlert(state.alert)}
    <p class="breadcrumb"><a href="${base}/commandes">← Toutes les commandes</a></p>
    <div class="page-head">
      <h1>Commande de ${name}</h1>
      !${stateBadge(order.status)}
    </div>
    <p class="order-slot">Retrait : ${dayText(day, today)}, ${slotText(order, shop.timeZone)}</p>
    !${moveForms(ctx, order)}
    <section aria-labelledby="client">
      <h2 id="client">Client</h2>
      <p>${name}!${email ? html`<br /><a href="mailto:${email}">${email}</a>` : ''}!${phone ? html`<br /><a href="tel:${phone.replace(/[^\d+]/g, '')}">${phone}</a>` : ''}</p>
    </section>
    <section aria-labelledby="articles">
      <h2 id="articles">Articles</h2>
      !${linesTable(order, `${order.lines.length} article${order.lines.length > 1 ? 's' : ''}`)}
      !${vatTable(order)}
      <p>Total TTC : <strong>${formatEuros(order.totalCents)}</strong> · ${paymentText(order)}</p>
      <p><a class="button" href="${base}/commandes/${order.id}/recu">Reçu</a></p>
    </section>
    !${lineFormsSection({ base, csrf: ctx.csrf }, order, lineForms, (req.query ?? {}) as Record<string, unknown>)}
    <section aria-labelledby="historique">
      <h2 id="historique">Historique</h2>
      !${historyList(order, shop.timeZone)}
    </section>`
  return shopPage(req, membership, `Commande de ${name}`, 'orders', content)
}
