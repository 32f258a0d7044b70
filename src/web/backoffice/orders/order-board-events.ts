import { createHash } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import { requireStaffOf } from '../../../http/auth.js'
import type { AppDeps } from '../../../http/deps.js'
import { addDays, fromZoned, toZoned, type LocalDate } from '../../../lib/zoned-time.js'
import { listShopOrders, type Order } from '../../../modules/ordering/index.js'
import { getShop, type Shop } from '../../../modules/shops/index.js'
import { EventStreams } from '../../event-stream.js'
import { OPEN_STATUSES } from './order-views.js'

/** The board shows a week from today's midnight in the shop's zone, as the API's board does by default. */
const BOARD_DAYS = 7
/** Orders of the previous days still waiting (a customer who comes the day after) stay on the board. */
const LOOK_BACK_DAYS = 7
const POLL_MS = 2_000

export interface Board {
  today: LocalDate
  /** Open orders whose slot was on an earlier day. */
  earlier: Order[]
  /** Every order (any state) whose slot falls within the week from today. */
  week: Order[]
  /** Changes whenever an order appears on the board or changes state; the page and the stream compare it. */
  version: string
}

export async function loadBoard(deps: Pick<AppDeps, 'db' | 'clock'>, shop: Shop): Promise<Board> {
  const today = toZoned(deps.clock.now(), shop.timeZone).date
  const at = (date: LocalDate) => fromZoned(date, 0, shop.timeZone).toISOString()
  const [earlier, week] = await Promise.all([
    listShopOrders(deps.db, shop.id, {
      from: at(addDays(today, -LOOK_BACK_DAYS)),
      to: at(today),
      statuses: OPEN_STATUSES,
    }),
    listShopOrders(deps.db, shop.id, { from: at(today), to: at(addDays(today, BOARD_DAYS)) }),
  ])
  return { today, earlier, week, version: versionOf(today, [...earlier, ...week]) }
}

/** An order changes by moving or by a line changed by the shop: both touch its updatedAt. */
function versionOf(today: LocalDate, orders: readonly Order[]): string {
  const hash = createHash('sha256').update(today)
  for (const order of orders) hash.update(`|${order.id}:${order.status}:${order.updatedAt}`)
  return hash.digest('base64url').slice(0, 16)
}

type BoardListener = (board: Board) => void

/**
 * One reader of the board per shop, however many phones and tabs of its staff watch it: the board is read
 * every POLL_MS while someone listens, and each change goes to every listener.
 */
class BoardWatches {
  readonly #watches = new Map<
    string,
    { board: Promise<Board>; listeners: Set<BoardListener>; timer: NodeJS.Timeout }
  >()

  constructor(
    private readonly deps: AppDeps,
    private readonly onError: (error: unknown) => void,
  ) {}

  /** The board now, and `listener` told of every later change until `stop`. */
  async watch(shop: Shop, listener: BoardListener): Promise<{ board: Board; stop: () => void }> {
    let watch = this.#watches.get(shop.id)
    if (!watch) {
      const fresh = {
        board: loadBoard(this.deps, shop),
        listeners: new Set<BoardListener>(),
        timer: setInterval(() => this.#poll(shop, fresh), POLL_MS),
      }
      this.#watches.set(shop.id, (watch = fresh))
      fresh.board.catch(() => this.#drop(shop.id, fresh))
    }
    const current = watch
    const board = await current.board
    current.listeners.add(listener)
    return {
      board,
      stop: () => {
        current.listeners.delete(listener)
        if (current.listeners.size === 0) this.#drop(shop.id, current)
      },
    }
  }

  #poll(shop: Shop, watch: { board: Promise<Board>; listeners: Set<BoardListener> }): void {
    // A slow read is not stacked under the next tick: the next read starts after this one.
    const previous = watch.board
    watch.board = previous.then(async (before) => {
      const next = await loadBoard(this.deps, shop)
      if (next.version !== before.version) for (const listener of watch.listeners) listener(next)
      return next
    })
    watch.board.catch((error: unknown) => {
      this.onError(error)
      watch.board = previous
    })
  }

  #drop(shopId: string, watch: { timer: NodeJS.Timeout }): void {
    clearInterval(watch.timer)
    if (this.#watches.get(shopId) === watch) this.#watches.delete(shopId)
  }
}

/**
 * GET /admin/:shopId/commandes/flux: server-sent events for the order board (UX-13, within 5 s). The shop's
 * board is read every 2 s, once for all its open streams; an event `board` goes out at once, then whenever its
 * version changes (the stream's life: web/event-stream.ts).
 */
export function registerOrderBoardEvents(admin: FastifyInstance, deps: AppDeps): void {
  const streams = new EventStreams(admin)
  const watches = new BoardWatches(deps, (error) =>
    admin.log.error({ err: error }, 'order board read failed'),
  )

  admin.get<{ Params: { shopId: string } }>('/admin/:shopId/commandes/flux', async (req, reply) => {
    const membership = requireStaffOf(req, req.params.shopId)
    const shop = await getShop(deps.db, membership.shopId)
    let deliver: BoardListener = () => undefined
    const { board, stop } = await watches.watch(shop, (next) => deliver(next))
    const stream = streams.open(reply, stop)
    const send = (b: Board) =>
      stream.send('board', { version: b.version, count: b.week.length + b.earlier.length })
    send(board)
    deliver = send
  })
}
