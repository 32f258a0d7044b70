import { sql } from 'kysely'
import type { OutboxTopic, OutboxTopics } from '../db/outbox-topics.js'
import { handlers, type JobDeps, type JobHandler } from './handlers.js'

/** After this many failed attempts a message stays in the outbox, with its last error, for a person to look at. */
export const MAX_ATTEMPTS = 12
/** A claimed message not finished within this time (a crashed worker) is claimed again. */
const LEASE_MS = 60_000
const BATCH = 20

export interface Worker {
  /** Runs every message due now, until none is left; resolves when done (tests, shutdown). */
  drain(): Promise<number>
  /** Asks for a run soon (after a commit that wrote to the outbox). */
  wake(): void
  stop(): Promise<void>
}

export interface WorkerOptions {
  pollMs?: number
  /** Where failures are reported; never with personal data (only the topic and the error message). */
  onError?: (topic: string, error: unknown) => void
}

/**
 * The outbox worker: claims due messages one by one with a conditional update (a lease on `locked_until`,
 * so two workers, in one process or several, never run the same message at once), runs the topic's
 * handler, marks it done, or plans a retry with exponential backoff (5 s, 10 s, 20 s … capped at 1 h).
 */
export function startWorker(deps: JobDeps, options: WorkerOptions = {}): Worker {
  const pollMs = options.pollMs ?? 500
  let timer: NodeJS.Timeout | undefined
  let running: Promise<number> | undefined
  let stopped = false

  async function runOnce(): Promise<number> {
    let handled = 0
    for (;;) {
      const now = deps.clock.now()
      const at = now.toISOString()
      const due = await deps.db
        .selectFrom('outbox')
        .select(['id', 'topic', 'key', 'shop_id', 'payload', 'attempts'])
        .where('done_at', 'is', null)
        .where('not_before', '<=', at)
        .where('attempts', '<', MAX_ATTEMPTS)
        .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', at)]))
        .orderBy('not_before')
        .orderBy('id')
        .limit(BATCH)
        .execute()
      if (due.length === 0 || stopped) return handled
      for (const message of due) {
        const claimed = await deps.db
          .updateTable('outbox')
          .set({
            locked_until: new Date(now.getTime() + LEASE_MS).toISOString(),
            attempts: sql`attempts + 1`,
          })
          .where('id', '=', message.id)
          .where('done_at', 'is', null)
          .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', at)]))
          .executeTakeFirst()
        if (claimed.numUpdatedRows === 0n) continue
        // The one place a stored message meets its topic's type: only enqueue, which checks the payload, writes here.
        const handler = (handlers as Record<string, JobHandler<OutboxTopic>>)[message.topic]
        try {
          if (!handler) throw new Error(`no handler for topic ${message.topic}`)
          await handler(deps, {
            topic: message.topic as OutboxTopic,
            key: message.key,
            shopId: message.shop_id,
            payload: JSON.parse(message.payload) as OutboxTopics[OutboxTopic],
          })
          // A payload may carry a secret (a booking's cancel link): it is not kept once the message is handled.
          await deps.db
            .updateTable('outbox')
            .set({
              done_at: deps.clock.now().toISOString(),
              locked_until: null,
              last_error: null,
              payload: 'null',
            })
            .where('id', '=', message.id)
            .execute()
          handled++
        } catch (error) {
          options.onError?.(message.topic, error)
          const backoff = Math.min(3_600_000, 5_000 * 2 ** message.attempts)
          // Given up, the message stays for a person to read its topic, key and error; a secret in its payload goes.
          const givenUp = message.attempts + 1 >= MAX_ATTEMPTS ? { payload: 'null' } : {}
          await deps.db
            .updateTable('outbox')
            .set({
              locked_until: null,
              last_error: String(error instanceof Error ? error.message : error).slice(0, 500),
              not_before: new Date(deps.clock.now().getTime() + backoff).toISOString(),
              ...givenUp,
            })
            .where('id', '=', message.id)
            .execute()
        }
      }
    }
  }

  function run(): Promise<number> {
    running ??= runOnce().finally(() => {
      running = undefined
    })
    return running
  }

  function schedule(delay: number) {
    if (stopped) return
    clearTimeout(timer)
    timer = setTimeout(() => {
      run()
        .catch((error: unknown) => options.onError?.('worker', error))
        .finally(() => schedule(pollMs))
    }, delay)
    timer.unref()
  }
  schedule(0)

  return {
    async drain() {
      let total = 0
      for (;;) {
        await running
        const handled = await run()
        total += handled
        if (handled === 0) return total
      }
    },
    wake: () => schedule(0),
    async stop() {
      stopped = true
      clearTimeout(timer)
      await running
    },
  }
}
