import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { buildApp } from '../src/app.js'
import { openDatabase } from '../src/db/index.js'
import { ChangeFeed } from '../src/lib/change-feed.js'
import { systemClock } from '../src/lib/clock.js'
import { builtInPaymentProviders } from '../src/modules/payments/index.js'

/**
 * The server under test: the real app (buildApp) over the benchmark database, silent, on a random loopback
 * port, printed as {"port":N} on stdout. Usage: tsx bench/server.ts <database url>
 */
const url = process.argv[2]
if (!url) throw new Error('usage: bench/server.ts <database url>')
// DURABILITY=relaxed: bench:drop measures the same drop without waiting for the disk, to compare.
const { db, engine, close } = openDatabase(url, { relaxedDurability: process.env.DURABILITY === 'relaxed' })
const app = await buildApp({
  db,
  engine,
  clock: systemClock,
  changes: new ChangeFeed(),
  payments: builtInPaymentProviders(db),
  mailTransport: undefined,
  mailFrom: 'Comptoir <contact@bench.example.fr>',
  pageCacheMb: Number(process.env.PAGE_CACHE_MB ?? 32),
  // bench:checkout sends thousands of checkouts from one address; the limit per IP would refuse them.
  ...(process.env.CHECKOUT_RATE_LIMIT ? { checkoutRateLimit: Number(process.env.CHECKOUT_RATE_LIMIT) } : {}),
  mediaDir: mkdtempSync(join(tmpdir(), 'comptoir-bench-media-')),
  publicUrl: 'http://127.0.0.1',
  contactEmail: 'contact@bench.example.fr',
  cookieSecret: 'bench-cookie-secret-bench-cookie-secret',
  secureCookies: false,
  trustProxy: false,
  logLevel: 'silent',
})
await app.listen({ host: '127.0.0.1', port: 0 })
const address = app.server.address()
console.log(JSON.stringify({ port: typeof address === 'object' && address ? address.port : 0 }))
process.once('SIGTERM', () => {
  void app
    .close()
    .then(close)
    .finally(() => process.exit(0))
})
