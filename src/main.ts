import { buildApp } from './app.js'
import type { Config } from './config.js'
import { openDatabase, type Db } from './db/index.js'
import { refreshPlannerStatistics } from './db/dialects/index.js'
import { migrateToLatest } from './db/migrations/index.js'
import { ChangeFeed } from './lib/change-feed.js'
import { systemClock } from './lib/clock.js'
import { startWorker } from './jobs/worker.js'
import { smtpTransport } from './modules/notifications/index.js'
import { builtInPaymentProviders } from './modules/payments/index.js'
import { listShops } from './modules/shops/index.js'

/**
 * Opens the database, migrates it, seeds the demo town on a first start, and serves until stopped. The
 * outbox worker runs in the same process unless `withWorker` is false (a separate `comptoir worker`).
 */
export async function serve(
  config: Config,
  options: { withWorker: boolean } = { withWorker: true },
): Promise<void> {
  const { db, engine, close } = openDatabase(config.databaseUrl)
  const applied = await migrateToLatest(db)
  if (applied.length > 0) console.log(`Base de données à jour (${engine}) : ${applied.join(', ')}`)
  if (config.seedDemo && (await listShops(db, { limit: 1 })).items.length === 0) {
    // Loaded only for a first start: the demo's picture drawing pulls in the image library.
    const { seedDemoTown } = await import('./demo/seed-demo-town.js')
    console.log('Première ouverture : création de la ville de démonstration…')
    const result = await seedDemoTown(
      { db, clock: systemClock, mediaDir: config.mediaDir },
      { onProgress: progressBar('Catalogue') },
    )
    await refreshPlannerStatistics(db)
    console.log(
      `\n${result.shops} commerces, ${result.products} produits et ${result.orders} commandes de démonstration créés. Comptes :`,
    )
    for (const user of result.users)
      console.log(
        `  ${user.role.padEnd(12)} ${user.email}  /  ${user.password}${user.shop ? `  (${user.shop})` : ''}`,
      )
  }
  const deps = { ...config, ...sharedDeps(config, db), engine, changes: new ChangeFeed() }
  const app = await buildApp(deps)
  // Emails, payment captures and expiries leave through the outbox, run by this process's worker.
  const worker = options.withWorker
    ? startWorker(deps, { onError: reportFailure((line, fields) => app.log.warn(fields, line)) })
    : undefined
  const stop = async () => {
    await app.close()
    await worker?.stop()
    await close()
    process.exit(0)
  }
  // A close that fails ends as an unhandled rejection: Node prints it and exits non-zero, as wanted.
  process.once('SIGINT', () => void stop())
  process.once('SIGTERM', () => void stop())
  await app.listen({ host: config.host, port: config.port })
  console.log(`Comptoir est ouvert : ${config.publicUrl} (base ${engine})`)
}

/** Runs only the outbox worker (emails, payment captures, expiries), for a deployment that separates it. */
export async function runWorker(config: Config): Promise<void> {
  const { db, engine, close } = openDatabase(config.databaseUrl)
  await migrateToLatest(db)
  const worker = startWorker(
    { ...sharedDeps(config, db), publicUrl: config.publicUrl },
    { onError: reportFailure((line, fields) => console.error(line, JSON.stringify(fields))) },
  )
  const stop = async () => {
    await worker.stop()
    await close()
    process.exit(0)
  }
  process.once('SIGINT', () => void stop())
  process.once('SIGTERM', () => void stop())
  console.log(`Comptoir : le travail en arrière-plan tourne (base ${engine}).`)
}

/** What the site and the worker both need: the database, the clock, payment providers and mail. */
function sharedDeps(config: Config, db: Db) {
  return {
    db,
    clock: systemClock,
    payments: builtInPaymentProviders(db),
    mailTransport: config.smtpUrl ? smtpTransport(config.smtpUrl) : undefined,
    mailFrom: config.mailFrom,
  }
}

/** A failed outbox message is logged by topic and error message only: its payload may carry personal data. */
const reportFailure =
  (log: (line: string, fields: Record<string, string>) => void) => (topic: string, error: unknown) =>
    log('outbox message failed; it will be retried', {
      topic,
      error: error instanceof Error ? error.message : String(error),
    })

/** A one-line progress bar on a terminal, silent otherwise. */
export function progressBar(label: string): (done: number, total: number) => void {
  let last = -1
  return (done, total) => {
    if (!process.stdout.isTTY) return
    const percent = Math.floor((done / Math.max(total, 1)) * 100)
    if (percent === last) return
    last = percent
    const filled = Math.round(percent / 4)
    process.stdout.write(
      `\r${label} [${'#'.repeat(filled)}${'.'.repeat(25 - filled)}] ${percent} % (${done}/${total})`,
    )
  }
}
