import { afterAll, beforeAll } from 'vitest'
import type { Db } from '../../src/db/index.js'
import type { JobDeps } from '../../src/jobs/handlers.js'
import { startWorker, type Worker } from '../../src/jobs/worker.js'
import { ChangeFeed } from '../../src/lib/change-feed.js'
import type { Clock } from '../../src/lib/clock.js'
import { smtpTransport } from '../../src/modules/notifications/index.js'
import { builtInPaymentProviders } from '../../src/modules/payments/index.js'
import type { TestApp } from './app.js'
import { startSmtpServer, type TestSmtpServer } from './smtp.js'

/**
 * The outbox worker a journey needs (the test app runs none): it sends the app's mail as `comptoir serve` would,
 * polling often, and pushes every failure to `errors` for the journey to check at the end.
 */
export function startJourneyWorker(
  db: Db,
  server: TestApp,
  errors: string[],
  publicUrl = server.deps.publicUrl,
): Worker {
  const { deps } = server
  return startWorker(
    {
      db,
      clock: deps.clock,
      changes: deps.changes,
      payments: deps.payments,
      mailTransport: deps.mailTransport,
      mailFrom: deps.mailFrom,
      publicUrl,
    },
    {
      pollMs: 100,
      onError: (topic, error) =>
        errors.push(`${topic}: ${error instanceof Error ? error.message : String(error)}`),
    },
  )
}

/** What the outbox handlers need to send mail to the test SMTP server, for tests that drive the worker themselves. */
function smtpJobDeps(db: Db, clock: Clock, smtp: TestSmtpServer): JobDeps {
  return {
    db,
    clock,
    changes: new ChangeFeed(),
    payments: builtInPaymentProviders(db),
    mailTransport: smtpTransport(smtp.url),
    mailFrom: 'Comptoir <contact@comptoir.test>',
    publicUrl: 'http://localhost',
  }
}

/**
 * For a suite that drives the outbox itself: a test SMTP server started before its tests and closed after, and the
 * job dependencies that send to it. Read `smtp` and `deps` inside tests, once the suite has started.
 */
export function mailJobsForSuite(
  db: () => Db,
  clock: Clock,
): { readonly smtp: TestSmtpServer; readonly deps: JobDeps } {
  let smtp: TestSmtpServer | undefined
  let deps: JobDeps | undefined
  beforeAll(async () => {
    smtp = await startSmtpServer()
    deps = smtpJobDeps(db(), clock, smtp)
  })
  afterAll(async () => smtp?.close())
  return {
    get smtp() {
      return smtp!
    },
    get deps() {
      return deps!
    },
  }
}
