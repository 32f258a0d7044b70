import type { fixedClock } from '../../src/lib/clock.js'
import type { JobDeps } from '../../src/jobs/handlers.js'
import { startWorker, type Worker } from '../../src/jobs/worker.js'
import type { TestSmtpServer } from './smtp.js'

/** Runs `run` with an outbox worker that moves only when told (`drain`), stopped afterwards whatever happens. */
export async function withManualWorker(deps: JobDeps, run: (worker: Worker) => Promise<void>): Promise<void> {
  const worker = startWorker(deps, { pollMs: 60_000 })
  try {
    await run(worker)
  } finally {
    await worker.stop()
  }
}

/**
 * Moves the test clock a quarter of an hour at a time up to `until`, running the worker at each step as a real one
 * would, and notes when each mail whose subject starts with `subject` reached one of `emails` (reminders, mostly).
 */
export async function runWorkerUntil(
  { worker, clock, smtp }: { worker: Worker; clock: ReturnType<typeof fixedClock>; smtp: TestSmtpServer },
  until: string,
  emails: readonly string[],
  subject = 'Rappel',
): Promise<Array<{ to: string; at: string }>> {
  const arrived: Array<{ to: string; at: string }> = []
  const seen = new Set(smtp.received)
  for (let t = clock.now().getTime(); t <= Date.parse(until); t += 15 * 60_000) {
    clock.set(new Date(t))
    await worker.drain()
    for (const mail of smtp.received.filter((m) => !seen.has(m))) {
      seen.add(mail)
      const to = !Array.isArray(mail.to) ? mail.to?.value[0]?.address : undefined
      if (to && emails.includes(to) && mail.subject?.startsWith(subject))
        arrived.push({ to, at: clock.now().toISOString() })
    }
  }
  return arrived
}
