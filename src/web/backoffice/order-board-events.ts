import { createHash } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import { requireStaffOf } from '../../http/auth.js'
import type { AppDeps } from '../../http/deps.js'
import { addDays, fromZoned, toZoned, type LocalDate } from '../../lib/zoned-time.js'
import { listShopOrders, type Order } from '../../modules/ordering/index.js'
import { getShop, type Shop } from '../../modules/shops/index.js'
import { OPEN_STATUSES } from './order-views.js'

/** The board shows a week from today's midnight in the shop's zone, as the API's board does by default. */
const BOARD_DAYS = 7
/** Orders of the previous days still waiting (a customer who comes the day after) stay on the board. */
const LOOK_BACK_DAYS = 7
const POLL_MS = 2_000
const KEEP_ALIVE_MS = 25_000
/** A stream ends after a while and the browser reconnects: a closed session or a lost role then applies. */
const STREAM_MS = 10 * 60_000

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
    listShopOrders(deps.db, shop.id, { from: at(addDays(today, -LOOK_BACK_DAYS)), to: at(today), statuses: OPEN_STATUSES }),
    listShopOrders(deps.db, shop.id, { from: at(today), to: at(addDays(today, BOARD_DAYS)) }),
  ])
  return { today, earlier, week, version: versionOf(today, [...earlier, ...week]) }
}

/** Orders only move by changing state, and lines never change once placed: ids and states say it all. */
function versionOf(today: LocalDate, orders: readonly Order[]): string {
  const hash = createHash('sha256').update(today)
  for (const order of orders) hash.update(`|${order.id}:${order.status}`)
  return hash.digest('base64url').slice(0, 16)
}

/**
 * GET /admin/:shopId/commandes/flux: server-sent events for the order board (UX-13, within 5 s). Every 2 s the
 * board is read again; an event `board` goes out at once, then whenever its version changes. The browser's
 * EventSource reconnects by itself, so a stream may end at any time (server shutdown, STREAM_MS).
 */
export function registerOrderBoardEvents(admin: FastifyInstance, deps: AppDeps): void {
  const streams = new Set<() => void>()
  // An open stream would keep the server from closing: end them all first, the browsers reconnect elsewhere.
  admin.addHook('preClose', async () => {
    for (const end of [...streams]) end()
  })

  admin.get<{ Params: { shopId: string } }>('/admin/:shopId/commandes/flux', async (req, reply) => {
    const membership = requireStaffOf(req, req.params.shopId)
    const shop = await getShop(deps.db, membership.shopId)
    let board = await loadBoard(deps, shop)

    reply.hijack()
    const res = reply.raw
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      // Proxies that buffer responses (nginx) would hold the events back.
      'x-accel-buffering': 'no',
    })
    const send = (b: Board) => res.write(`event: board\ndata: ${JSON.stringify({ version: b.version, count: b.week.length + b.earlier.length })}\n\n`)
    res.write('retry: 3000\n\n')
    send(board)

    let reading = false
    const poll = setInterval(() => {
      if (reading) return
      reading = true
      loadBoard(deps, shop)
        .then((next) => {
          if (next.version !== board.version && !res.writableEnded) send(next)
          board = next
        })
        .catch((error: unknown) => {
          req.log.error({ err: error, reqId: req.id }, 'order board stream failed')
          end()
        })
        .finally(() => {
          reading = false
        })
    }, POLL_MS)
    const keepAlive = setInterval(() => res.write(': \n\n'), KEEP_ALIVE_MS)
    const lifetime = setTimeout(() => end(), STREAM_MS)
    function end() {
      clearInterval(poll)
      clearInterval(keepAlive)
      clearTimeout(lifetime)
      streams.delete(end)
      if (!res.writableEnded) res.end()
    }
    streams.add(end)
    // The response's 'close' fires when the client goes away (the request's fires once its body is read).
    res.on('close', end)
  })
}
