import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { fileURLToPath } from 'node:url'
import pg from 'pg'
import { openDatabase, type Engine, type OpenedDatabase } from '../src/db/index.js'
import { migrateToLatest } from '../src/db/migrations/index.js'
import { systemClock } from '../src/lib/clock.js'
import type { UserId } from '../src/lib/ids.js'
import { createProduct } from '../src/modules/catalog/index.js'
import { createShop, setWeeklyHours, updatePickupSettings, type Shop } from '../src/modules/shops/index.js'
import { forEachConcurrently } from '../src/lib/concurrency.js'
import { startThrowawayPostgres } from '../test/harness/postgres.js'
import type { Json } from '../test/harness/json.js'
import { startChildServer, type ChildServer } from './lib/child-server.js'
import { measureBarePost } from './lib/bare-post.js'
import { median, percentile } from './lib/stats.js'

/**
 * `npm run bench:checkout [-- --engine sqlite|postgres] [-- --residents N]`
 * Residents with a filled basket (2 shops, 3 lines) place their orders over HTTP on loopback, with full
 * durability, against ample stock; next to a bare Fastify POST endpoint measured in the same run. One JSON
 * object per engine on stdout; progress on stderr.
 */
const USAGE =
  'usage: tsx bench/checkout.ts [--engine sqlite|postgres] [--residents N] [--rounds N] [--connections N]'
const SERVER_SCRIPT = fileURLToPath(new URL('./server.ts', import.meta.url))
const BASELINE_SCRIPT = fileURLToPath(new URL('./baseline-server.ts', import.meta.url))
const TARGET_RATIO = 0.25
const platform = undefined as unknown as UserId

const log = (line: string) =>
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}\n`)

const { values } = parseArgs({
  options: {
    engine: { type: 'string' },
    residents: { type: 'string' },
    rounds: { type: 'string' },
    connections: { type: 'string' },
    help: { type: 'boolean' },
  },
})
if (values.help) {
  console.error(USAGE)
  process.exit(0)
}
const engines: Engine[] =
  values.engine === 'sqlite' || values.engine === 'postgres' ? [values.engine] : ['sqlite', 'postgres']
const residents = Number(values.residents ?? 1000)
const rounds = Number(values.rounds ?? 3)
const connections = Number(values.connections ?? 32)

/** A database with two shops open around the clock and three products each, stocked far beyond the run. */
async function prepare(engine: Engine): Promise<{
  url: string
  opened: OpenedDatabase
  shops: Shop[]
  variants: string[][]
  close(): Promise<void>
}> {
  let url: string
  let cleanup: () => Promise<void>
  if (engine === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'comptoir-bench-checkout-'))
    url = join(dir, 'checkout.db')
    cleanup = async () => rmSync(dir, { recursive: true, force: true })
  } else {
    const server = await startThrowawayPostgres()
    const admin = new pg.Client({ connectionString: server.url })
    await admin.connect()
    await admin.query('create database checkout')
    await admin.end()
    url = server.url.replace(/\/postgres$/, '/checkout')
    cleanup = () => server.stop()
  }
  const opened = openDatabase(url)
  await migrateToLatest(opened.db)
  const deps = { db: opened.db, clock: systemClock, mediaDir: '' }
  const allWeek = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, opensMinute: 0, closesMinute: 1440 }))
  const shops: Shop[] = []
  const variants: string[][] = []
  for (const name of ['Boulangerie du Banc', 'Épicerie du Port']) {
    const shop = await createShop(deps, {
      name,
      kind: 'boulangerie',
      tagline: '',
      description: '',
      street: '1 rue du Marché',
      postalCode: '49000',
      city: 'Angers',
      phone: '',
      email: '',
      pickupInstructions: '',
    })
    await setWeeklyHours(deps, platform, shop.id, allWeek)
    await updatePickupSettings(deps, platform, shop.id, {
      enabled: true,
      slotMinutes: 15,
      slotCapacity: 200,
      preparationMinutes: 0,
      handoverMarginMinutes: 0,
      horizonDays: 7,
      noShowAfterHours: 24,
    })
    const ids: string[] = []
    for (const [i, product] of ['Pain', 'Confiture', 'Café'].entries()) {
      const created = await createProduct(deps, undefined, shop.id, {
        name: `${product} ${name}`,
        description: '',
        kind: 'product',
        vatRateBp: 550,
        status: 'published',
        variants: [{ name: 'Pièce', priceCents: 150 + i * 100, onHand: 1_000_000 }],
      })
      ids.push(created.variants[0]!.id)
    }
    shops.push(shop)
    variants.push(ids)
  }
  return {
    url,
    opened,
    shops,
    variants,
    close: async () => {
      await opened.close()
      await cleanup()
    },
  }
}

interface Resident {
  cookie: string
  slots: Record<string, string>
}

async function call(
  base: string,
  method: string,
  path: string,
  body: unknown,
  cookie = '',
  headers: Record<string, string> = {},
) {
  const res = await fetch(base + path, {
    method,
    headers: { 'content-type': 'application/json', cookie, ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const setCookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ')
  return { status: res.status, json: (await res.json()) as Json, cookie: setCookie || cookie }
}

/** Fills `count` baskets: 2 lines at the first shop, 1 at the second; slots spread so none is full. */
async function fillBaskets(
  base: string,
  shops: Shop[],
  variants: string[][],
  count: number,
): Promise<Resident[]> {
  const slotsOf = await Promise.all(
    shops.map(
      async (s) =>
        (await call(base, 'GET', `/api/v1/shops/${s.id}/pickup-slots`, undefined)).json.items as Array<{
          startsAt: string
          remaining: number
        }>,
    ),
  )
  // One place per order each slot can still take, in time order: resident i takes place i, so no slot overflows.
  const places = slotsOf.map((slots) =>
    slots.flatMap((slot) => Array.from({ length: slot.remaining }, () => slot.startsAt)),
  )
  if (places.some((p) => p.length < count))
    throw new Error('not enough pickup places for this many residents')
  const filled: Resident[] = []
  await forEachConcurrently(
    Array.from({ length: count }, (_, i) => i),
    16,
    async (i) => {
      let cookie = ''
      for (const [shopIndex, variantIndex] of [
        [0, 0],
        [0, 1],
        [1, 2],
      ] as const) {
        const res = await call(
          base,
          'POST',
          '/api/v1/basket/lines',
          { variantId: variants[shopIndex]![variantIndex]!, quantity: 1 + (i % 3) },
          cookie,
        )
        if (res.status !== 200)
          throw new Error(`basket line refused: ${res.status} ${JSON.stringify(res.json)}`)
        cookie = res.cookie
      }
      filled.push({ cookie, slots: Object.fromEntries(shops.map((s, k) => [s.id, places[k]![i]!])) })
    },
  )
  return filled
}

/** Places every resident's checkout with `inFlight` requests at a time; latency of each placement. */
async function placeAll(
  base: string,
  people: Resident[],
  inFlight: number,
): Promise<{ seconds: number; latencies: number[]; placed: number }> {
  const latencies: number[] = []
  let placed = 0
  const started = performance.now()
  await forEachConcurrently(people, inFlight, async (r) => {
    const t0 = performance.now()
    const res = await call(
      base,
      'POST',
      '/api/v1/checkouts',
      {
        contact: { name: 'Résident', email: 'resident@example.fr' },
        slots: r.slots,
        payment: { method: 'counter' },
      },
      r.cookie,
      {
        'idempotency-key': `bench-${Math.random().toString(36).slice(2)}-${Date.now()}`,
      },
    )
    latencies.push(performance.now() - t0)
    if (res.status !== 201) throw new Error(`checkout refused: ${res.status} ${JSON.stringify(res.json)}`)
    placed += res.json.orders.length === 2 ? 1 : 0
  })
  return { seconds: (performance.now() - started) / 1000, latencies, placed }
}

for (const engine of engines) {
  log(`=== ${engine}: ${rounds} rounds of ${residents} residents, ${connections} checkouts in flight`)
  const database = await prepare(engine)
  let server: ChildServer | undefined
  let baseline: ChildServer | undefined
  try {
    process.env.CHECKOUT_RATE_LIMIT = String(10 * residents * rounds)
    server = await startChildServer(SERVER_SCRIPT, [database.url])
    baseline = await startChildServer(BASELINE_SCRIPT, [])
    const perRound: Array<{ ordersPerSecond: number; baselineRps: number; p50: number; p99: number }> = []
    for (let round = 1; round <= rounds; round++) {
      const people = await fillBaskets(server.baseUrl, database.shops, database.variants, residents)
      const baselineRps = await measureBarePost(baseline.baseUrl, connections, 5)
      const run = await placeAll(server.baseUrl, people, connections)
      if (run.placed !== residents) throw new Error(`${run.placed} of ${residents} checkouts made two orders`)
      const ordersPerSecond = residents / run.seconds
      const [p50, p99] = [percentile(run.latencies, 50), percentile(run.latencies, 99)]
      perRound.push({ ordersPerSecond, baselineRps, p50, p99 })
      log(
        `  round ${round}: ${Math.round(ordersPerSecond)} checkouts/s (p50 ${p50.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms), bare POST ${Math.round(baselineRps)}/s`,
      )
    }
    // Every checkout held its units: nothing sold twice, nothing lost.
    const orders = await database.opened.db
      .selectFrom('orders')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    const held = await database.opened.db
      .selectFrom('stock_levels')
      .select((eb) => eb.fn.sum<number>('reserved').as('reserved'))
      .executeTakeFirstOrThrow()
    const ordered = await database.opened.db
      .selectFrom('order_lines')
      .select((eb) => eb.fn.sum<number>('quantity').as('q'))
      .executeTakeFirstOrThrow()
    const ratio = median(perRound.map((r) => r.ordersPerSecond / r.baselineRps))
    process.stdout.write(
      `${JSON.stringify({
        engine,
        residents,
        rounds,
        connections,
        orders: Number(orders.n),
        ordersPerSecond: Math.round(median(perRound.map((r) => r.ordersPerSecond))),
        placeP50Ms: Math.round(median(perRound.map((r) => r.p50)) * 10) / 10,
        placeP99Ms: Math.round(median(perRound.map((r) => r.p99)) * 10) / 10,
        baselineRps: Math.round(median(perRound.map((r) => r.baselineRps))),
        ratio: Math.round(ratio * 1000) / 1000,
        unitsHeldEqualOrdered: Number(held.reserved) === Number(ordered.q),
        targets: engine === 'sqlite' ? { placementsAtLeast25pctOfBaseline: ratio >= TARGET_RATIO } : {},
        peakRssMb: Math.round(server.peakRssMb()),
        node: process.version,
      })}\n`,
    )
  } finally {
    await server?.stop()
    await baseline?.stop()
    await database.close()
  }
}
