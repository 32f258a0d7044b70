import { rmSync } from 'node:fs'
import { Agent, request } from 'node:http'
import { parseArgs } from 'node:util'
import { fileURLToPath } from 'node:url'
import SqliteDatabase from 'better-sqlite3'
import pg from 'pg'
import { sql } from 'kysely'
import { engineOf, openDatabase, type Engine } from '../src/db/index.js'
import { migrateToLatest } from '../src/db/migrations/index.js'
import { systemClock } from '../src/lib/clock.js'
import { newId, type UserId } from '../src/lib/ids.js'
import { createProduct } from '../src/modules/catalog/index.js'
import { joinDrop, scheduleDrop } from '../src/modules/drops/index.js'
import { openSession } from '../src/modules/identity/index.js'
import { listPickupSlots } from '../src/modules/ordering/index.js'
import { createShop, getShop, setWeeklyHours, updatePickupSettings } from '../src/modules/shops/index.js'
import { startChildServer, type ChildServer } from './lib/child-server.js'
import { measureBarePost } from './lib/bare-post.js'
import { benchLog, freshBenchDatabase } from './lib/fresh-database.js'
import { percentile } from './lib/stats.js'
import type { Json } from '../test/harness/json.js'

/**
 * `npm run bench:drop [-- --engine sqlite|postgres] [-- --processes 1|2] [-- --durability durable|relaxed]
 *  [-- --units 500] [-- --residents 5000]`
 * Starts the server itself and runs a drop: U units, N residents who joined before the start, all asking at the
 * start (queue → hold → checkout, honouring 503 + Retry-After), while other visitors browse another shop. One
 * JSON object per configuration on stdout (issue #4's fields); progress on stderr.
 */
const SERVER_SCRIPT = fileURLToPath(new URL('./server.ts', import.meta.url))
const BASELINE_SCRIPT = fileURLToPath(new URL('./baseline-server.ts', import.meta.url))
const ADMISSION_SECRET = 'bench-cookie-secret-bench-cookie-secret'
const platform = undefined as unknown as UserId

const { values } = parseArgs({
  options: {
    engine: { type: 'string' },
    processes: { type: 'string' },
    durability: { type: 'string' },
    units: { type: 'string' },
    residents: { type: 'string' },
    help: { type: 'boolean' },
  },
})
if (values.help) {
  console.error(
    'usage: tsx bench/drop.ts [--engine sqlite|postgres] [--processes 1|2] [--durability durable|relaxed] [--units 500] [--residents 5000]',
  )
  process.exit(0)
}
const engines: Engine[] =
  values.engine === 'sqlite' || values.engine === 'postgres' ? [values.engine] : ['sqlite', 'postgres']
const processCounts = values.processes ? [Number(values.processes)] : [1, 2]
const durabilities =
  values.durability === 'durable' || values.durability === 'relaxed'
    ? [values.durability]
    : ['durable', 'relaxed']
const units = Number(values.units ?? 500)
const residentCount = Number(values.residents ?? 5000)
/** The load is bounded in time as well as in count. */
const DEADLINE_MS = 60_000
const IN_FLIGHT = 256
/** Other visitors browse another shop at a steady pace during the drop (open loop: a page every BROWSE_EVERY_MS). */
const BROWSE_EVERY_MS = 20

interface Config {
  engine: Engine
  processes: number
  durable: boolean
}

/** A drop shop with the product, a second shop to browse, residents signed in and already in the queue. */
async function seed(url: string) {
  const opened = openDatabase(url)
  const db = opened.db
  await migrateToLatest(db)
  const deps = { db, clock: systemClock, mediaDir: '', admissionSecret: ADMISSION_SECRET }
  const allWeek = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, opensMinute: 0, closesMinute: 1440 }))
  const shops = []
  for (const name of ['Pâtisserie du Pont', 'Librairie des Quais']) {
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
    shops.push(shop)
  }
  const [dropShop, browseShop] = shops as [(typeof shops)[number], (typeof shops)[number]]
  const product = await createProduct(deps, undefined, dropShop.id, {
    name: 'Galette des rois',
    description: '',
    kind: 'product',
    vatRateBp: 550,
    status: 'published',
    variants: [{ name: '6 parts', priceCents: 2400, onHand: units }],
  })
  const browsePaths: string[] = []
  for (let i = 0; i < 20; i++) {
    const p = await createProduct(deps, undefined, browseShop.id, {
      name: `Livre ${i + 1}`,
      description: '',
      kind: 'product',
      vatRateBp: 550,
      status: 'published',
      variants: [{ name: 'Broché', priceCents: 1500 + i, onHand: 50 }],
    })
    browsePaths.push(`/commerces/${browseShop.slug}/${p.slug}`)
  }
  browsePaths.push(`/commerces/${browseShop.slug}`)
  const drop = await scheduleDrop(deps, undefined, dropShop.id, {
    variantId: product.variants[0]!.id,
    title: 'Galettes du dimanche',
    startsAt: new Date(Date.now() + 3_600_000).toISOString(),
    units,
    perResidentLimit: 1,
    holdMinutes: 10,
  })

  const users = Array.from({ length: residentCount }, () => newId<UserId>())
  for (let i = 0; i < users.length; i += 500) {
    await db
      .insertInto('users')
      .values(
        users.slice(i, i + 500).map((id) => ({
          id,
          email: `r-${id.toLowerCase()}@example.fr`,
          display_name: 'Résident',
          password_hash: 'x',
          role: 'resident',
          created_at: new Date().toISOString(),
        })),
      )
      .execute()
  }
  const cookies = await db.transaction().execute(async (trx) => {
    const list: string[] = []
    for (const id of users)
      list.push(`comptoir_session=${(await openSession({ db: trx, clock: systemClock }, id)).token}`)
    return list
  })
  // Each resident's page, loaded before the start, says when to ask: at the start, or a few seconds after it
  // for those far back in the shuffled queue (the bench moves the start, so it keeps the delay, not the date).
  const firstAskDelays: number[] = []
  for (const id of users) {
    const standing = await joinDrop(deps, drop.id, id)
    firstAskDelays.push(standing.state === 'not_started' ? standing.refreshSeconds - standing.startsIn : 0)
  }
  // The seeding's log is written back into the database file now, as it would be long before a real start.
  if (engineOf(db) === 'sqlite') await sql`pragma wal_checkpoint(TRUNCATE)`.execute(db)
  const slots = (
    await listPickupSlots(db, await getShop(db, dropShop.id), new Date(Date.now() + 120_000))
  ).flatMap((s) => Array.from({ length: s.remaining }, () => s.startsAt.toISOString()))
  return { opened, drop, dropShopId: dropShop.id, cookies, firstAskDelays, slots, browsePaths }
}

/** The database's durable single-row decrements per second, one transaction each: what a naive hot counter gets. */
async function hotRowRate(engine: Engine, url: string): Promise<number> {
  const until = Date.now() + 2_000
  let done = 0
  if (engine === 'sqlite') {
    // A file of its own beside the drop's (same disk): its thousands of commits stay out of the drop's log.
    const sqlite = new SqliteDatabase(`${url}.hot-row`)
    sqlite.pragma('journal_mode = WAL')
    sqlite.pragma('synchronous = FULL')
    sqlite.exec('create table if not exists bench_counter (id integer primary key, n integer)')
    sqlite.prepare('insert or replace into bench_counter values (1, 1000000000)').run()
    const decrement = sqlite.prepare('update bench_counter set n = n - 1 where id = 1 and n > 0')
    while (Date.now() < until) {
      decrement.run()
      done++
    }
    sqlite.close()
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${url}.hot-row${suffix}`, { force: true })
    return done / 2
  }
  const pool = new pg.Pool({ connectionString: url, max: 16 })
  await pool.query('create table if not exists bench_counter (id integer primary key, n bigint)')
  await pool.query(
    'insert into bench_counter values (1, 1000000000) on conflict (id) do update set n = excluded.n',
  )
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (Date.now() < until) {
        await pool.query('update bench_counter set n = n - 1 where id = 1 and n > 0')
        done++
      }
    }),
  )
  await pool.end()
  return done / 2
}

interface Tally {
  /** When each request was answered, shed ones (503) excepted. */
  answeredAt: number[]
  errors5xx: number
  shed: number
  steps: Record<'queue' | 'hold' | 'checkout', number[]>
  orderTimes: number[]
  /** When each resident first heard back from the queue, and when each admitted one first saw their turn. */
  firstAnswerTimes: number[]
  admittedTimes: number[]
}

/**
 * One HTTP exchange on a keep-alive agent: node:http costs the load generator several times less CPU per
 * request than fetch, and the generator shares the machine with the server it measures.
 */
const agent = new Agent({ keepAlive: true, maxSockets: IN_FLIGHT })
function exchange(
  base: string,
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: string,
): Promise<{ status: number; retryAfter: string | undefined; text: string }> {
  const url = new URL(path, base)
  return new Promise((resolve, reject) => {
    const req = request(
      {
        agent,
        host: url.hostname,
        port: url.port,
        method,
        path: url.pathname + url.search,
        headers: body ? { ...headers, 'content-length': Buffer.byteLength(body) } : headers,
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (chunk: Buffer) => chunks.push(chunk))
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            retryAfter: res.headers['retry-after'] as string | undefined,
            text: Buffer.concat(chunks).toString('utf8'),
          }),
        )
        res.on('error', reject)
      },
    )
    req.on('error', reject)
    req.end(body)
  })
}

/** Every resident's visit at the start: poll the queue until admitted (or sold out), hold one unit, check out. */
async function rush(
  bases: readonly string[],
  dropId: string,
  shopId: string,
  cookies: readonly string[],
  firstAskDelays: readonly number[],
  slots: readonly string[],
  startsAt: number,
): Promise<Tally> {
  const tally: Tally = {
    answeredAt: [],
    errors5xx: 0,
    shed: 0,
    steps: { queue: [], hold: [], checkout: [] },
    orderTimes: [],
    firstAnswerTimes: [],
    admittedTimes: [],
  }
  const deadline = startsAt + DEADLINE_MS
  let slot = 0
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
  // Every resident is on the page at once; at most IN_FLIGHT requests are on the wire (the generator's sockets).
  // A hold or a checkout comes from a browser of its own, not from behind other residents' polls: those steps
  // take the next free socket before any waiting poll, so the generator does not delay the sale itself.
  let inFlight = 0
  const waitingSale: Array<() => void> = []
  const waitingPolls: Array<() => void> = []
  const acquire = async (sale: boolean) => {
    if (inFlight >= IN_FLIGHT)
      await new Promise<void>((resolve) => (sale ? waitingSale : waitingPolls).push(resolve))
    inFlight++
  }
  const release = () => {
    inFlight--
    ;(waitingSale.shift() ?? waitingPolls.shift())?.()
  }
  async function call(
    base: string,
    step: keyof Tally['steps'],
    cookie: string,
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) {
    for (;;) {
      await acquire(step !== 'queue')
      const t0 = performance.now()
      let res: { status: number; retryAfter: string | undefined; text: string }
      try {
        res = await exchange(
          base,
          method,
          path,
          { cookie, ...(body ? { 'content-type': 'application/json' } : {}), ...headers },
          body ? JSON.stringify(body) : undefined,
        )
      } finally {
        release()
      }
      const text = res.text
      tally.steps[step].push(performance.now() - t0)
      if (res.status === 503 && res.retryAfter) {
        tally.shed++
        if (Date.now() > deadline) return { status: 503, json: {} as Json }
        await sleep(200 + Math.random() * 800)
        continue
      }
      if (res.status >= 500) tally.errors5xx++
      tally.answeredAt.push(Date.now())
      return { status: res.status, json: text ? (JSON.parse(text) as Json) : {} }
    }
  }
  async function visit(i: number) {
    const base = bases[i % bases.length]!
    const cookie = cookies[i]!
    let answered = false
    // Up to half a second of jitter, as the page adds, so not every browser asks in the same instant.
    await sleep(firstAskDelays[i]! * 1_000 + Math.random() * 500)
    while (Date.now() < deadline) {
      const standing = await call(base, 'queue', cookie, 'GET', `/api/v1/drops/${dropId}/queue`)
      const state = standing.json.state as string | undefined
      if (!answered) {
        answered = true
        tally.firstAnswerTimes.push(Date.now())
      }
      if (state === 'admitted') tally.admittedTimes.push(Date.now())
      if (state === 'sold_out' || state === 'ended' || state === 'ordered' || standing.status >= 400) return
      if (state !== 'admitted') {
        // As the server says (soon near the front, rarely far back), with some jitter, as a waiting page does.
        const seconds = typeof standing.json.refreshSeconds === 'number' ? standing.json.refreshSeconds : 2
        await sleep(seconds * 1_000 * (0.8 + Math.random() * 0.4))
        continue
      }
      const held = await call(
        base,
        'hold',
        cookie,
        'POST',
        `/api/v1/drops/${dropId}/holds`,
        { quantity: 1 },
        { 'drop-admission': standing.json.token },
      )
      if (held.status !== 200) continue
      const placed = await call(
        base,
        'checkout',
        cookie,
        'POST',
        '/api/v1/checkouts',
        {
          contact: { name: 'Résident', email: 'resident@example.fr' },
          slots: { [shopId]: slots[slot++ % slots.length] },
          payment: { method: 'counter' },
        },
        { 'idempotency-key': `drop-${newId()}` },
      )
      if (placed.status === 201) tally.orderTimes.push(Date.now())
      return
    }
  }
  await Promise.all(cookies.map((_, i) => visit(i)))
  return tally
}

async function runConfig(config: Config) {
  benchLog(
    `=== ${config.engine}, ${config.processes} process(es), ${config.durable ? 'durable' : 'relaxed'}: ${units} units, ${residentCount} residents`,
  )
  const database = await freshBenchDatabase(config.engine, 'drops')
  const servers: ChildServer[] = []
  let baseline: ChildServer | undefined
  let seeded: Awaited<ReturnType<typeof seed>> | undefined
  try {
    seeded = await seed(database.url)
    const hotRowDurablePerSecond = Math.round(await hotRowRate(config.engine, database.url))
    process.env.CHECKOUT_RATE_LIMIT = String(10 * residentCount)
    process.env.DURABILITY = config.durable ? 'durable' : 'relaxed'
    for (let p = 0; p < config.processes; p++)
      servers.push(await startChildServer(SERVER_SCRIPT, [database.url]))
    baseline = await startChildServer(BASELINE_SCRIPT, [])
    const baselineRps = Math.round(await measureBarePost(baseline.baseUrl, 32, 3))
    await baseline.stop()
    baseline = undefined

    // The start: a second from now, every resident already in the queue.
    // Residents have the drop's page open before the start: their connections are open too.
    await Promise.all(
      Array.from({ length: IN_FLIGHT }, (_, i) =>
        exchange(servers[i % servers.length]!.baseUrl, 'GET', `/api/v1/drops/${seeded!.drop.id}`, {}),
      ),
    )
    const startsAt = Date.now() + 1_000
    await seeded.opened.db
      .updateTable('drops')
      .set({ starts_at: new Date(startsAt).toISOString() })
      .where('id', '=', seeded.drop.id)
      .execute()
    await new Promise((resolve) => setTimeout(resolve, startsAt - Date.now()))
    const browse: Array<{ ms: number; at: number }> = []
    const browsing: Array<Promise<void>> = []
    let page = 0
    const browser = setInterval(() => {
      const i = page++
      const t0 = performance.now()
      browsing.push(
        exchange(
          servers[i % servers.length]!.baseUrl,
          'GET',
          seeded!.browsePaths[i % seeded!.browsePaths.length]!,
          { accept: 'text/html' },
        ).then(() => void browse.push({ ms: performance.now() - t0, at: Date.now() })),
      )
    }, BROWSE_EVERY_MS)
    const t0 = Date.now()
    const tally = await rush(
      servers.map((s) => s.baseUrl),
      seeded.drop.id,
      seeded.dropShopId,
      seeded.cookies,
      seeded.firstAskDelays,
      seeded.slots,
      startsAt,
    )
    const seconds = (Date.now() - t0) / 1000
    clearInterval(browser)
    await Promise.all(browsing)

    const db = seeded.opened.db
    const dropRow = await db
      .selectFrom('drops')
      .select(['units', 'units_left'])
      .where('id', '=', seeded.drop.id)
      .executeTakeFirstOrThrow()
    const ordered = await db
      .selectFrom('order_lines')
      .innerJoin('orders', 'orders.id', 'order_lines.order_id')
      .select((eb) => [eb.fn.sum<number>('order_lines.quantity').as('q'), eb.fn.countAll<number>().as('n')])
      .where('order_lines.variant_id', '=', seeded.drop.variantId)
      .executeTakeFirstOrThrow()
    const cancelled = await db
      .selectFrom('orders')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('status', '=', 'cancelled')
      .executeTakeFirstOrThrow()
    const sold = Number(ordered.q ?? 0)
    const lastOrder = Math.max(...tally.orderTimes)
    const sellOutSeconds = sold >= units ? (lastOrder - startsAt) / 1000 : null
    // The server's throughput while the sale is on (start to sell-out): afterwards, residents far back only
    // learn at their next poll that it is over, and the server idles.
    const saleEnds = sellOutSeconds === null ? Date.now() : lastOrder
    const saleSeconds = (saleEnds - startsAt) / 1000
    const answeredInSale =
      tally.answeredAt.filter((at) => at <= saleEnds).length + browse.filter((b) => b.at <= saleEnds).length
    const all = [...tally.steps.queue, ...tally.steps.hold, ...tally.steps.checkout]
    const result = {
      engine: config.engine,
      processes: config.processes,
      durable: config.durable,
      units,
      residents: residentCount,
      sold,
      oversold: Math.max(0, sold - units),
      unitsLeft: dropRow.units_left,
      cancelledAfterPayment: Number(cancelled.n),
      errors5xx: tally.errors5xx,
      shed503: tally.shed,
      ordersPerSecond: sellOutSeconds ? Math.round(sold / sellOutSeconds) : Math.round(sold / seconds),
      sellOutSeconds: sellOutSeconds === null ? null : Math.round(sellOutSeconds * 100) / 100,
      // When the orders came, from the start: half of them by p50, nine in ten by p90.
      orderP50Seconds: round(
        percentile(
          tally.orderTimes.map((t) => (t - startsAt) / 1000),
          50,
        ),
      ),
      orderP90Seconds: round(
        percentile(
          tally.orderTimes.map((t) => (t - startsAt) / 1000),
          90,
        ),
      ),
      firstAnswerP50Seconds: round(
        percentile(
          tally.firstAnswerTimes.map((t) => (t - startsAt) / 1000),
          50,
        ),
      ),
      firstAnswerP90Seconds: round(
        percentile(
          tally.firstAnswerTimes.map((t) => (t - startsAt) / 1000),
          90,
        ),
      ),
      admittedSeenP50Seconds: round(
        percentile(
          tally.admittedTimes.map((t) => (t - startsAt) / 1000),
          50,
        ),
      ),
      requestsPerSecond: Math.round(answeredInSale / saleSeconds),
      baselineRps,
      requestRatio: Math.round((answeredInSale / saleSeconds / baselineRps) * 1000) / 1000,
      requestsAnswered: tally.answeredAt.length + browse.length,
      runSeconds: round(seconds),
      hotRowDurablePerSecond,
      steps: Object.fromEntries(
        Object.entries(tally.steps).map(([step, ms]) => [
          step,
          { p50Ms: round(percentile(ms, 50)), p99Ms: round(percentile(ms, 99)), count: ms.length },
        ]),
      ),
      latencyP99Ms: round(percentile(all, 99)),
      browseP99Ms: round(
        percentile(
          browse.map((b) => b.ms),
          99,
        ),
      ),
      browseRequests: browse.length,
      peakRssMb: Math.round(Math.max(...servers.map((s) => s.peakRssMb()))),
      node: process.version,
    }
    process.stdout.write(`${JSON.stringify(result)}\n`)
    benchLog(
      `  sold ${sold}/${units} in ${result.sellOutSeconds ?? `(not sold out, ${seconds.toFixed(1)} s)`} s, ${result.requestsPerSecond} req/s (${result.requestRatio} of bare ${baselineRps}), ${tally.shed} shed, browse p99 ${result.browseP99Ms} ms`,
    )
  } finally {
    await seeded?.opened.close()
    for (const server of servers) await server.stop()
    await baseline?.stop()
    await database.close()
  }
}

const round = (ms: number) => Math.round(ms * 10) / 10

for (const engine of engines)
  for (const processes of processCounts)
    for (const durability of durabilities)
      await runConfig({ engine, processes, durable: durability === 'durable' })
