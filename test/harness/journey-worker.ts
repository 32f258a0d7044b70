import type { Db } from '../../src/db/index.js'
import { startWorker, type Worker } from '../../src/jobs/worker.js'
import type { TestApp } from './app.js'

/**
 * The outbox worker a journey needs (the test app runs none): it sends the app's mail as `comptoir serve` would,
 * polling often, and pushes every failure to `errors` for the journey to check at the end.
 */
export function startJourneyWorker(db: Db, server: TestApp, errors: string[], publicUrl = server.deps.publicUrl): Worker {
  const { deps } = server
  return startWorker(
    { db, clock: deps.clock, changes: deps.changes, payments: deps.payments, mailTransport: deps.mailTransport, mailFrom: deps.mailFrom, publicUrl },
    { pollMs: 100, onError: (topic, error) => errors.push(`${topic}: ${error instanceof Error ? error.message : String(error)}`) },
  )
}
