import type { Db } from '../../src/db/index.js'
import type { JobDeps } from '../../src/jobs/handlers.js'
import { startWorker, type Worker } from '../../src/jobs/worker.js'
import { ChangeFeed } from '../../src/lib/change-feed.js'
import type { Clock } from '../../src/lib/clock.js'
import { smtpTransport } from '../../src/modules/notifications/index.js'
import { builtInPaymentProviders } from '../../src/modules/payments/index.js'
import type { TestApp } from './app.js'
import type { TestSmtpServer } from './smtp.js'

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

/** What the outbox handlers need to send mail to the test SMTP server, for tests that drive the worker themselves. */
export function smtpJobDeps(db: Db, clock: Clock, smtp: TestSmtpServer): JobDeps {
  return { db, clock, changes: new ChangeFeed(), payments: builtInPaymentProviders(db), mailTransport: smtpTransport(smtp.url), mailFrom: 'Comptoir <contact@comptoir.test>', publicUrl: 'http://localhost' }
}
