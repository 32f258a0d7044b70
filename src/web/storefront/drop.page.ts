import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { html } from 'ghtml'
import type { AppDeps } from '../../http/deps.js'
import {
  frenchDuration,
  frenchLongDay,
  frenchNumber,
  frenchTime,
  NBSP,
  plural,
} from '../../lib/french-format.js'
import { holdIntoBasket, takeBundleOffer } from '../../modules/ordering/index.js'
import { httpStatusOf } from '../../http/problem-details.js'
import { AppError } from '../../lib/app-error.js'
import { isWellFormedId } from '../../lib/ids.js'
import { findSellableVariants, type SellableVariant } from '../../modules/catalog/index.js'
import {
  ADMISSION_MINUTES,
  admitNext,
  dropOffersOf,
  getDrop,
  joinDrop,
  standingOf,
  type Drop,
  type DropOffer,
  type DropsDeps,
  type QueueStanding,
} from '../../modules/drops/index.js'
import { getShop, type Shop } from '../../modules/shops/index.js'
import { EventStreams } from '../event-stream.js'
import { t } from '../i18n/index.js'
import { csrfInput, formAlert, price } from '../views/components.js'
import { storefrontPage } from '../views/layout.js'
import { sendHtml } from '../views/send-html.js'
import { productPath, shopPath } from '../views/storefront-shell.js'

type Params = { Params: { dropId: string } }

/** Without JavaScript a waiting resident's page reloads this often; with it, the stream updates the place. */
const WAITING_REFRESH_SECONDS = 5
/** Before the start the page reloads at most this long apart, and at the start itself when it is nearer. */
const COUNTDOWN_REFRESH_SECONDS = 30
const TICK_MS = 2_000
/** Recompute a resident's standing at least this often even when the drop did not move (the estimate ages). */
const RECOMPUTE_MS = 10_000

interface DropView {
  drop: Drop
  shop: Shop
  /** Undefined only if the variant was deleted since: the page still shows the drop. */
  variant: SellableVariant | undefined
  /** Bundles offered beside the single item, never instead of it. */
  offers: DropOffer[]
}

interface PageState {
  /** Just joined before the start: say so instead of offering the form again. */
  joined?: boolean
  alert?: string | undefined
}

/**
 * /ventes/:dropId (issue #4, decision 005): the resident's side of a drop. The page reads where the resident
 * stands and shows that one step: countdown and joining, place in the queue, their turn with the hold form,
 * the hold to check out, ordered, sold out. Every step works without JavaScript (forms, meta refresh); with it,
 * the countdown ticks and the place in the queue follows /ventes/:dropId/flux.
 */
export function registerDropPages(app: FastifyInstance, deps: AppDeps): void {
  const drops = deps.modules.drops

  async function loadView(dropId: string): Promise<DropView> {
    if (!isWellFormedId(dropId)) throw new AppError('not_found', 'drops.drop_not_found', 'drop not found')
    const drop = await getDrop(deps.db, dropId)
    const [shop, variants, offers] = await Promise.all([
      getShop(deps.db, drop.shopId),
      findSellableVariants(deps.db, [drop.variantId]),
      dropOffersOf(deps.db, drop),
    ])
    return { drop, shop, variant: variants.get(drop.variantId), offers }
  }

  async function send(req: FastifyRequest, reply: FastifyReply, view: DropView, state: PageState) {
    const user = req.viewer.user
    const standing = user ? await standingOf(drops, view.drop.id, user.id) : undefined
    const now = deps.clock.now()
    const page = storefrontPage(
      { title: `${view.drop.title} — ${view.shop.name} — Comptoir`, noindex: true },
      req.viewer,
      dropContent(reply, view, standing, state, now),
    )
    return sendHtml(
      reply.header('cache-control', 'private, no-store'),
      withRefresh(page, refreshSeconds(view.drop, standing, now)),
    )
  }

  /** An expected refusal becomes the page again with the French message; a missing drop stays a 404 page. */
  async function sendRefusal(req: FastifyRequest, reply: FastifyReply, view: DropView, error: unknown) {
    if (!(error instanceof AppError) || error.kind === 'not_found' || error.kind === 'unauthenticated')
      throw error
    const status = httpStatusOf(error)
    if (status === 503)
      void reply.header(
        'retry-after',
        String(typeof error.details.retryAfter === 'number' ? error.details.retryAfter : 1),
      )
    return send(req, reply.code(status), view, { alert: t(error.code) })
  }

  const signInFirst = (reply: FastifyReply, dropId: string) => reply.redirect(signInPath(dropId), 303)

  app.get<Params>('/ventes/:dropId', async (req, reply) => {
    const view = await loadView(req.params.dropId)
    return send(req, reply, view, { joined: (req.query as Record<string, unknown>).inscrit === '1' })
  })

  app.post<Params>('/ventes/:dropId/file', { preHandler: app.csrfProtection }, async (req, reply) => {
    const view = await loadView(req.params.dropId)
    const user = req.viewer.user
    if (!user) return signInFirst(reply, view.drop.id)
    let standing: QueueStanding
    try {
      standing = await joinDrop(drops, view.drop.id, user.id)
    } catch (error) {
      return sendRefusal(req, reply, view, error)
    }
    return reply.redirect(
      `/ventes/${view.drop.id}${standing.state === 'not_started' ? '?inscrit=1' : ''}`,
      303,
    )
  })

  app.post<Params>('/ventes/:dropId/reservation', { preHandler: app.csrfProtection }, async (req, reply) => {
    const view = await loadView(req.params.dropId)
    const user = req.viewer.user
    if (!user) return signInFirst(reply, view.drop.id)
    const body = (req.body ?? {}) as Record<string, unknown>
    const token = typeof body.token === 'string' ? body.token.slice(0, 200) : ''
    const quantity =
      typeof body.quantity === 'string' && /^\d{1,2}$/.test(body.quantity)
        ? Number(body.quantity)
        : Number.NaN
    try {
      // As the API does: the hold and, in its transaction, the basket line that the checkout converts.
      await holdIntoBasket(drops, view.drop.id, user.id, token, quantity)
    } catch (error) {
      return sendRefusal(req, reply, view, error)
    }
    return reply.redirect(`/ventes/${view.drop.id}`, 303)
  })

  app.post<Params>('/ventes/:dropId/lot', { preHandler: app.csrfProtection }, async (req, reply) => {
    const view = await loadView(req.params.dropId)
    const user = req.viewer.user
    if (!user) return signInFirst(reply, view.drop.id)
    const body = (req.body ?? {}) as Record<string, unknown>
    const offerId = typeof body.offerId === 'string' ? body.offerId.slice(0, 40) : ''
    try {
      await takeBundleOffer(deps.modules.ordering, drops, view.drop.id, user.id, offerId)
    } catch (error) {
      // An offer that is not this drop's, or whose product just went off sale, is told on the page like any other
      // refusal, not as a missing page.
      const refusal =
        error instanceof AppError && error.kind === 'not_found' && error.code !== 'drops.drop_not_found'
          ? new AppError('conflict', error.code, error.message)
          : error
      return sendRefusal(req, reply, view, refusal)
    }
    return reply.redirect(`/ventes/${view.drop.id}`, 303)
  })

  registerStandingStream(app, drops)
}

const signInPath = (dropId: string) => `/connexion?retour=${encodeURIComponent(`/ventes/${dropId}`)}`

/**
 * The page's head has no slot for it, so the refresh goes in before </head>, inside <noscript>: browsers with
 * JavaScript follow the stream and the ticking countdown instead of reloading the whole page.
 */
function withRefresh(page: string, seconds: number | undefined): string {
  if (seconds === undefined) return page
  return page.replace(
    '</head>',
    `<noscript><meta http-equiv="refresh" content="${seconds}" /></noscript></head>`,
  )
}

function refreshSeconds(drop: Drop, standing: QueueStanding | undefined, now: Date): number | undefined {
  if (drop.endedAt) return undefined
  const startsIn = Math.ceil((Date.parse(drop.startsAt) - now.getTime()) / 1000)
  // A resident far back in the shuffled queue is asked to come a few seconds after the start (firstAskDelaySeconds).
  if (startsIn > 0)
    return Math.max(
      1,
      Math.min(
        COUNTDOWN_REFRESH_SECONDS,
        standing?.state === 'not_started' ? standing.refreshSeconds : startsIn,
      ),
    )
  return standing?.state === 'waiting' && standing.position > 0 ? WAITING_REFRESH_SECONDS : undefined
}

/** 8 040 s → "Début dans 2 h 14 min"; the page's script writes the same words as it ticks (COUNTDOWN_SCRIPT). */
export function countdownText(seconds: number): string {
  if (seconds < 60) return `Début dans ${Math.max(0, seconds)}${NBSP}s`
  const minutes = Math.floor(seconds / 60)
  const days = Math.floor(minutes / 1440)
  const hours = Math.floor((minutes % 1440) / 60)
  const rest = minutes % 60
  if (days > 0) return `Début dans ${days}${NBSP}j ${hours}${NBSP}h`
  if (hours > 0)
    return rest > 0 ? `Début dans ${hours}${NBSP}h ${rest}${NBSP}min` : `Début dans ${hours}${NBSP}h`
  return `Début dans ${rest}${NBSP}min`
}

/** "Votre place : 37 (36 personnes devant vous), attente estimée : 2 min". */
export function waitingText(standing: {
  position: number
  ahead: number
  estimatedWaitSeconds: number | undefined
}): string {
  const ahead =
    standing.ahead === 0 ? 'personne devant vous' : `${plural(standing.ahead, 'personne')} devant vous`
  const seconds = standing.estimatedWaitSeconds
  const wait =
    seconds === undefined
      ? ''
      : `, attente estimée : ${seconds < 60 ? 'moins d’une minute' : frenchDuration(Math.ceil(seconds / 60))}`
  return `Votre place : ${frenchNumber(standing.position)} (${ahead})${wait}`
}

const minutesLeft = (until: string, now: Date) =>
  Math.max(1, Math.ceil((Date.parse(until) - now.getTime()) / 60_000))

function dropContent(
  reply: FastifyReply,
  view: DropView,
  standing: QueueStanding | undefined,
  state: PageState,
  now: Date,
): string {
  const { drop, shop, variant } = view
  const startsAt = new Date(drop.startsAt)
  const left = drop.endedAt
    ? html`<span class="stock stock-out_of_stock">Vente terminée</span>`
    : drop.unitsLeft === 0
      ? html`<span class="stock stock-out_of_stock">Épuisé</span>`
      : html`<span class="stock stock-limited">${plural(drop.unitsLeft, 'restant')} sur ${frenchNumber(drop.units)}</span>`
  return html`<article class="drop">
    <p class="drop-shop">Vente limitée chez <a href="${shopPath(shop.slug)}">${shop.name}</a></p>
    <h1>${drop.title}</h1>
    !${
      variant
        ? html`<p class="drop-product"><a href="${productPath(shop.slug, variant.productSlug)}">${variant.productName}</a> — ${variant.variantName} · <strong>${price(variant.priceCents)}</strong> TTC</p>`
        : ''
    }
    <p class="drop-left">!${left}</p>
    <dl class="drop-facts">
      <div><dt>Début</dt><dd>${frenchLongDay(startsAt, shop.timeZone)} à ${frenchTime(startsAt, shop.timeZone)}</dd></div>
      <div><dt>Par personne</dt><dd>${drop.perResidentLimit} au plus, tous vos appareils compris</dd></div>
      <div><dt>Votre tour venu</dt><dd>${ADMISSION_MINUTES}${NBSP}min pour réserver, puis ${frenchDuration(drop.holdMinutes)} pour commander ; ensuite, les unités passent aux suivants.</dd></div>
    </dl>
    <section class="drop-turn" aria-labelledby="drop-turn-title">
      !${formAlert(state.alert)}
      !${turnSection(reply, view, standing, state, now)}
    </section>
    !${offersSection(reply, view, standing)}
  </article>`
}

/**
 * Bundles beside the single item (LAW F11, F6): each shows the bundle's price and each item's own price, and
 * says the item is sold alone; while the resident holds units, each can be added at the bundle's part.
 */
function offersSection(reply: FastifyReply, view: DropView, standing: QueueStanding | undefined): string {
  if (view.offers.length === 0) return ''
  const itemName = view.variant?.productName ?? view.drop.title
  const holding = standing?.state === 'holding' ? standing.quantity : 0
  const csrf = holding > 0 ? csrfInput(reply.generateCsrf()) : ''
  return html`<section class="drop-offers" aria-labelledby="drop-offers-title">
    <h2 id="drop-offers-title">Aussi en lot, si vous le souhaitez</h2>
    <p class="hint">${itemName} se réserve et se commande seul, au prix affiché. Un lot y ajoute un autre produit de la boutique, pour moins cher que séparément.</p>
    <ul class="drop-offer-list" role="list">
      !${view.offers
        .map(
          (offer) => html`<li class="drop-offer">
            <p><strong>${itemName} + ${offer.productName}</strong>!${offer.variantName ? html` (${offer.variantName})` : ''} : <strong>${price(offer.bundlePriceCents)}</strong> le lot</p>
            <p class="hint">Séparément : ${itemName} ${price(offer.itemPriceCents)} + ${offer.productName} ${price(offer.productPriceCents)} = ${price(offer.itemPriceCents + offer.productPriceCents)}</p>
            !${
              !offer.available
                ? html`<p class="hint">${offer.productName} est indisponible pour le moment.</p>`
                : holding > 0
                  ? html`<form method="post" action="/ventes/${view.drop.id}/lot" class="inline-form">
                    !${csrf}
                    <input type="hidden" name="offerId" value="${offer.id}" />
                    <button type="submit" class="button">Ajouter ${holding} × ${offer.productName} au prix du lot (+${price(offer.partPriceCents)} chacun)</button>
                  </form>`
                  : ''
            }
          </li>`,
        )
        .join('')}
    </ul>
  </section>`
}

function turnSection(
  reply: FastifyReply,
  view: DropView,
  standing: QueueStanding | undefined,
  state: PageState,
  now: Date,
): string {
  const { drop } = view
  const startsIn = Math.ceil((Date.parse(drop.startsAt) - now.getTime()) / 1000)
  const heading = (text: string) => html`<h2 id="drop-turn-title">${text}</h2>`
  if (drop.endedAt) return html`!${heading('Vente terminée')}<p>${t('drops.drop_ended')}</p>`
  const askDelay =
    standing?.state === 'not_started' ? Math.max(0, standing.refreshSeconds - standing.startsIn) : 0
  const countdown =
    startsIn > 0
      ? html`<p class="drop-countdown" id="drop-countdown" role="timer" data-seconds="${startsIn}" data-ask-delay="${askDelay}">${countdownText(startsIn)}</p>!${COUNTDOWN_SCRIPT}`
      : ''
  if (!standing) {
    return html`!${heading(startsIn > 0 ? 'Avant le début' : 'Participer')}!${countdown}
      <p>Connectez-vous pour rejoindre la file : la limite par personne suit votre compte.</p>
      <p><a class="button primary" href="${signInPath(drop.id)}">Se connecter pour participer</a> <a href="/inscription">Créer un compte</a></p>`
  }
  const joinForm = (
    label: string,
  ) => html`<form method="post" action="/ventes/${drop.id}/file" class="drop-form">
      !${csrfInput(reply.generateCsrf())}
      <button type="submit" class="button primary">${label}</button>
    </form>`
  switch (standing.state) {
    case 'not_started':
      return html`!${heading('Avant le début')}!${countdown}
        <p>Toutes les personnes inscrites avant le début passent dans un ordre tiré au sort au moment du début : arriver tôt ne donne pas d’avance. Après le début, premier arrivé, premier servi.</p>
        !${
          state.joined || standing.joined
            ? html`<p class="notice" role="status">Vous êtes dans la file. Votre place sera tirée au sort au début de la vente : revenez sur cette page à ${frenchTime(new Date(drop.startsAt), view.shop.timeZone)}.</p>`
            : joinForm('Rejoindre la file')
        }`
    case 'not_joined':
      return html`!${heading('La vente est ouverte')}
        <p>Premier arrivé, premier servi : rejoignez la file pour avoir votre place.</p>
        !${joinForm('Rejoindre la file')}`
    case 'turn_passed':
      return html`!${heading('Votre tour est passé')}
        <p>Votre tour est passé sans réservation, ou votre réservation a expiré sans commande : ces unités sont revenues aux personnes suivantes de la file.</p>
        !${joinForm('Reprendre une place, à la fin de la file')}`
    case 'waiting':
      return html`!${heading('Dans la file')}
        <p class="drop-place" id="drop-live" aria-live="polite" data-stream="/ventes/${drop.id}/flux" data-state="waiting">${waitingText(standing)}</p>
        <p class="hint">Gardez cette page ouverte : elle se met à jour seule. Votre place est la même sur tous vos appareils.</p>
        !${STANDING_SCRIPT}`
    case 'admitted': {
      const max = Math.max(1, Math.min(drop.perResidentLimit, drop.unitsLeft))
      const until = new Date(standing.admissionExpiresAt)
      return html`!${heading('C’est votre tour')}
        <p>Réservez avant ${frenchTime(until, view.shop.timeZone)} (il vous reste ${minutesLeft(standing.admissionExpiresAt, now)}${NBSP}min) : ensuite, votre tour passe à la personne suivante.</p>
        <form method="post" action="/ventes/${drop.id}/reservation" class="drop-form">
          !${csrfInput(reply.generateCsrf())}
          <input type="hidden" name="token" value="${standing.token}" />
          <div class="field">
            <label for="drop-quantity">Quantité</label>
            <select id="drop-quantity" name="quantity">!${Array.from({ length: max }, (_, i) => html`<option value="${i + 1}">${i + 1}</option>`).join('')}</select>
          </div>
          <button type="submit" class="button primary">Réserver</button>
        </form>`
    }
    case 'holding':
      return html`!${heading('Réservé')}
        <p class="drop-held">Réservé : ${standing.quantity}, à commander avant ${frenchTime(new Date(standing.expiresAt), view.shop.timeZone)} — <a class="button primary" href="/commande">Commander</a></p>
        <p class="hint">C’est dans votre <a href="/panier">panier</a>. Sans commande à temps, ces unités reviennent aux personnes suivantes.</p>`
    case 'ordered':
      return html`!${heading('Commandé')}
        <p>Commandé : ${standing.quantity}. Suivez le retrait dans <a href="/mes-commandes">Mes commandes</a>.</p>`
    case 'sold_out':
      return html`!${heading('Épuisé')}<p>${t('drops.sold_out')}</p>`
    case 'ended':
      return html`!${heading('Vente terminée')}<p>${t('drops.drop_ended')}</p>`
  }
}

/**
 * Mirrors countdownText; at zero the page reloads, after the delay the server gave this resident (far back in the
 * queue: a few seconds) and a random half second, so not every browser asks in the same instant.
 */
const COUNTDOWN_SCRIPT = `<script>
(() => {
  const el = document.getElementById('drop-countdown')
  if (!el) return
  const end = performance.now() + Number(el.dataset.seconds) * 1000
  const nb = '\\u00a0'
  const text = (s) => {
    if (s < 60) return 'Début dans ' + s + nb + 's'
    const m = Math.floor(s / 60), d = Math.floor(m / 1440), h = Math.floor((m % 1440) / 60), r = m % 60
    if (d > 0) return 'Début dans ' + d + nb + 'j ' + h + nb + 'h'
    if (h > 0) return 'Début dans ' + h + nb + 'h' + (r > 0 ? ' ' + r + nb + 'min' : '')
    return 'Début dans ' + r + nb + 'min'
  }
  const tick = () => {
    const left = Math.ceil((end - performance.now()) / 1000)
    if (left <= 0) { el.textContent = 'La vente commence…'; setTimeout(() => location.reload(), Number(el.dataset.askDelay || 0) * 1000 + Math.random() * 500); return }
    el.textContent = text(left)
    setTimeout(tick, 1000)
  }
  tick()
})()
</script>`

/** Follows the stream: the place's words change in place; any other state (their turn, sold out) reloads the page. */
const STANDING_SCRIPT = `<script>
(() => {
  const box = document.getElementById('drop-live')
  if (!box || !window.EventSource) return
  const source = new EventSource(box.dataset.stream)
  source.addEventListener('standing', (event) => {
    const standing = JSON.parse(event.data)
    if (standing.state !== box.dataset.state) { source.close(); location.reload(); return }
    if (standing.text && box.textContent !== standing.text) box.textContent = standing.text
  })
  source.addEventListener('error', () => { if (source.readyState === EventSource.CLOSED) setTimeout(() => location.reload(), ${WAITING_REFRESH_SECONDS * 1000}) })
})()
</script>`

/** What the stream says: the standing without the admission token (the page shows the form), with the words to show. */
function streamedStanding(standing: QueueStanding): Record<string, unknown> {
  if (standing.state === 'admitted')
    return { state: standing.state, admissionExpiresAt: standing.admissionExpiresAt }
  if (standing.state === 'waiting') return { ...standing, text: waitingText(standing) }
  return standing
}

type DropListener = (version: string) => void

/**
 * One reader per drop, however many residents watch it: every TICK_MS it moves the admission frontier (lapsed
 * turns free their units only when someone asks) and reads the drop's counters once. A resident's own standing is
 * read again only when those counters moved, or every RECOMPUTE_MS, not every tick for every resident.
 */
class DropWatches {
  readonly #watches = new Map<
    string,
    { listeners: Set<DropListener>; timer: NodeJS.Timeout; busy: boolean }
  >()

  constructor(
    private readonly drops: DropsDeps,
    private readonly onError: (error: unknown) => void,
  ) {}

  watch(dropId: string, listener: DropListener): () => void {
    let watch = this.#watches.get(dropId)
    if (!watch) {
      const fresh = {
        listeners: new Set<DropListener>(),
        timer: setInterval(() => void this.#tick(dropId, fresh), TICK_MS),
        busy: false,
      }
      this.#watches.set(dropId, (watch = fresh))
    }
    const current = watch
    current.listeners.add(listener)
    return () => {
      current.listeners.delete(listener)
      if (current.listeners.size > 0) return
      clearInterval(current.timer)
      if (this.#watches.get(dropId) === current) this.#watches.delete(dropId)
    }
  }

  async #tick(dropId: string, watch: { listeners: Set<DropListener>; busy: boolean }): Promise<void> {
    // A slow read is not stacked under the next tick.
    if (watch.busy) return
    watch.busy = true
    try {
      await admitNext(this.drops, dropId)
      const drop = await getDrop(this.drops.db, dropId)
      const now = this.drops.clock.now()
      const version = [
        drop.admitted,
        drop.unitsLeft,
        drop.endedAt ?? '',
        now.toISOString() >= drop.startsAt,
        Math.floor(now.getTime() / RECOMPUTE_MS),
      ].join(':')
      for (const listener of watch.listeners) listener(version)
    } catch (error) {
      this.onError(error)
    } finally {
      watch.busy = false
    }
  }
}

/**
 * GET /ventes/:dropId/flux: server-sent events for one resident (event `standing`, JSON), sent at once and then
 * whenever it changes (the stream's life: web/event-stream.ts).
 */
function registerStandingStream(app: FastifyInstance, drops: DropsDeps): void {
  const streams = new EventStreams(app)
  const watches = new DropWatches(drops, (error) =>
    app.log.error({ err: error }, 'drop standing read failed'),
  )

  app.get<Params>('/ventes/:dropId/flux', async (req, reply) => {
    const user = req.viewer.user
    if (!user) throw new AppError('unauthenticated', 'identity.unauthenticated', 'sign in first')
    if (!isWellFormedId(req.params.dropId))
      throw new AppError('not_found', 'drops.drop_not_found', 'drop not found')
    const dropId = req.params.dropId
    const first = await standingOf(drops, dropId, user.id)

    let seen = ''
    let reading = false
    const stop = watches.watch(dropId, (version) => {
      if (version === seen || reading) return
      reading = true
      seen = version
      standingOf(drops, dropId, user.id)
        .then(send, (error: unknown) => app.log.error({ err: error }, 'drop standing read failed'))
        .finally(() => {
          reading = false
        })
    })
    const stream = streams.open(reply, stop)
    let sent = ''
    function send(standing: QueueStanding) {
      const data = streamedStanding(standing)
      const json = JSON.stringify(data)
      if (json === sent) return
      sent = json
      stream.send('standing', data)
    }
    send(first)
  })
}
