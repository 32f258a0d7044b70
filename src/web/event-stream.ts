import type { FastifyInstance, FastifyReply } from 'fastify'

const KEEP_ALIVE_MS = 25_000
/** A stream ends after a while and the browser reconnects: a closed session or a lost role then applies. */
const STREAM_MS = 10 * 60_000

export interface EventStream {
  /** Sends one event; nothing once the stream has ended. */
  send(event: string, data: unknown): void
  end(): void
}

/**
 * Server-sent event streams of one route (the order board, a drop's waiting room): each is kept alive by a
 * comment every 25 s, lasts at most 10 minutes (the browser's EventSource reconnects by itself), and ends when
 * the client goes away or the server closes — an open stream would otherwise keep the server from closing.
 */
export class EventStreams {
  readonly #open = new Set<() => void>()

  constructor(app: FastifyInstance) {
    app.addHook('preClose', async () => {
      for (const end of [...this.#open]) end()
    })
  }

  /** Turns the reply into an event stream; `onEnd` runs once, however it ends. */
  open(reply: FastifyReply, onEnd: () => void): EventStream {
    reply.hijack()
    const res = reply.raw
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      // Proxies that buffer responses (nginx) would hold the events back.
      'x-accel-buffering': 'no',
    })
    res.write('retry: 3000\n\n')
    const keepAlive = setInterval(() => res.write(': \n\n'), KEEP_ALIVE_MS)
    const lifetime = setTimeout(() => end(), STREAM_MS)
    let ended = false
    const end = () => {
      if (ended) return
      ended = true
      clearInterval(keepAlive)
      clearTimeout(lifetime)
      this.#open.delete(end)
      onEnd()
      if (!res.writableEnded) res.end()
    }
    this.#open.add(end)
    // The response's 'close' fires when the client goes away (the request's fires once its body is read).
    res.on('close', end)
    return {
      send: (event, data) => {
        if (!ended && !res.writableEnded) res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`)
      },
      end,
    }
  }
}
