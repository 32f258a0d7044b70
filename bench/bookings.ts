import { parseArgs } from 'node:util'
import { fileURLToPath } from 'node:url'
import { openDatabase, type Engine } from '../src/db/index.js'
import { migrateToLatest } from '../src/db/migrations/index.js'
import { systemClock } from '../src/lib/clock.js'
import type { UserId } from '../src/lib/ids.js'
import {
  bookAppointment,
  createResource,
  listFreeTimes,
  setBookableService,
} from '../src/modules/bookings/index.js'
import { createProduct } from '../src/modules/catalog/index.js'
import { createShop, setWeeklyHours } from '../src/modules/shops/index.js'
import { forEachConcurrently } from '../src/lib/concurrency.js'
import { measureBarePost } from './lib/bare-post.js'
import { startChildServer, type ChildServer } from './lib/child-server.js'
import { benchLog, freshBenchDatabase } from './lib/fresh-database.js'
import { percentile } from './lib/stats.js'
import type { Json } from '../test/harness/json.js'

/**
 * `npm run bench:bookings [-- --engine sqlite|postgres] [-- --residents 200]` (issue #5). A salon with 6 staff
 * open 9:00–19:00 Monday to Saturday, a 45-minute service bookable 60 days ahead, a third of its times already
 * booked. Measures the free times of the whole 60 days (computed in this process, then over HTTP against the
 * server started here, one at a time), then bookings/s over HTTP with `residents` booking at once (each a time drawn from the free ones,
 * "anyone"), next to a bare Fastify POST in the same run; then counts overlapping bookings of one staff member
 * in the database (must be 0). One JSON object per engine on stdout; progress on stderr.
 */
const SERVER_SCRIPT = fileURLToPath(new URL('./server.ts', import.meta.url))
const BASELINE_SCRIPT = fileURLToPath(new URL('./baseline-server.ts', import.meta.url))
const STAFF = 6
const HORIZON_DAYS = 60
const FREE_TIME_SAMPLES = 100
const platform = undefined as unknown as UserId

const { values } = parseArgs({ options: { engine: { type: 'string' }, residents: { type: 'string' } } })
const engines: Engine[] =
  values.engine === 'sqlite' || values.engine === 'postgres' ? [values.engine] : ['sqlite', 'postgres']
const residents = Number(values.residents ?? 200)
const contact = (i: number) => ({ name: `Résident ${i}`, email: `resident-${i}@example.fr`, phone: '' })

async function seed(url: string) {
  const opened = openDatabase(url)
  await migrateToLatest(opened.db)
  const deps = { db: opened.db, clock: systemClock, mediaDir: '' }
  const shop = await createShop(deps, {
    name: 'Salon des Halles',
    kind: 'coiffure',
    tagline: '',
    description: '',
    street: '2 place du Marché',
    postalCode: '49000',
    city: 'Angers',
    phone: '',
    email: '',
    pickupInstructions: '',
  })
  await setWeeklyHours(
    deps,
    platform,
    shop.id,
    [1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, opensMinute: 540, closesMinute: 1140 })),
  )
  const staff = []
  for (let i = 0; i < STAFF; i++)
    staff.push(await createResource(deps, shop.id, { name: `Coiffeur ${i + 1}`, kind: 'staff' }))
  const product = await createProduct(deps, undefined, shop.id, {
    name: 'Coupe',
    description: '',
    kind: 'service',
    vatRateBp: 2000,
    status: 'published',
    variants: [{ name: 'Classique', priceCents: 3000, durationMinutes: 45 }],
  })
  const service = await setBookableService(deps, shop.id, product.variants[0]!.id, {
    bufferBeforeMinutes: 0,
    bufferAfterMinutes: 15,
    stepMinutes: 15,
    noticeMinutes: 0,
    horizonDays: HORIZON_DAYS,
    cancelHoursBefore: 24,
    resourceIds: staff.map((s) => s.id),
  })
  // A third of the times already taken, spread over the 60 days.
  const free = await listFreeTimes(
    opened.db,
    shop.id,
    service.variantId,
    { days: HORIZON_DAYS },
    systemClock.now(),
  )
  let booked = 0
  for (let i = 0; i < free.length; i += 3) {
    const outcome = await bookAppointment(deps, shop.id, {
      variantId: service.variantId,
      startsAt: free[i]!.startsAt,
      resourceId: undefined,
      contact: contact(i),
      userId: undefined,
    }).then(
      () => 'ok',
      () => 'taken',
    )
    if (outcome === 'ok') booked++
  }
  return { opened, shopId: shop.id, variantId: service.variantId, booked }
}

async function timed(url: string, init?: RequestInit): Promise<{ ms: number; status: number; json: Json }> {
  const t0 = performance.now()
  const res = await fetch(url, init)
  const json = await res.json()
  return { ms: performance.now() - t0, status: res.status, json }
}

for (const engine of engines) {
  benchLog(`=== ${engine}: ${STAFF} staff, ${HORIZON_DAYS} days, ${residents} residents booking at once`)
  const database = await freshBenchDatabase(engine, 'bookings')
  let server: ChildServer | undefined
  let baseline: ChildServer | undefined
  let seeded: Awaited<ReturnType<typeof seed>> | undefined
  try {
    seeded = await seed(database.url)
    benchLog(`  seeded, ${seeded.booked} bookings already there`)
    process.env.CHECKOUT_RATE_LIMIT = String(100 * residents)
    server = await startChildServer(SERVER_SCRIPT, [database.url])
    baseline = await startChildServer(BASELINE_SCRIPT, [])
    const freeTimesUrl = `${server.baseUrl}/api/v1/shops/${seeded.shopId}/bookable-services/${seeded.variantId}/free-times?days=${HORIZON_DAYS}`

    // The computation itself, in this process on the same database; then the same over HTTP (a 60-day answer
    // is a few hundred kilobytes of JSON: serializing and sending it is part of what a client waits for).
    const computed: number[] = []
    for (let i = 0; i < FREE_TIME_SAMPLES + 10; i++) {
      const t0 = performance.now()
      await listFreeTimes(
        seeded.opened.db,
        seeded.shopId,
        seeded.variantId,
        { days: HORIZON_DAYS },
        systemClock.now(),
      )
      if (i >= 10) computed.push(performance.now() - t0) // the first ten warm up
    }
    const overHttp: number[] = []
    let offered: Array<{ startsAt: string }> = []
    for (let i = 0; i < FREE_TIME_SAMPLES + 10; i++) {
      const answer = await timed(freeTimesUrl)
      if (answer.status !== 200) throw new Error(`free times answered ${answer.status}`)
      if (i >= 10) overHttp.push(answer.ms)
      offered = answer.json.items
    }

    const baselineRps = await measureBarePost(baseline.baseUrl, 32, 3)
    const outcomes = { booked: 0, taken: 0, other: 0 }
    const started = performance.now()
    await forEachConcurrently(
      Array.from({ length: residents }, (_, i) => i),
      residents,
      async (i) => {
        // Residents pick among the first times offered: many want the same ones.
        const startsAt = offered[(i * 7) % Math.min(offered.length, 60)]!.startsAt
        const answer = await timed(`${server!.baseUrl}/api/v1/shops/${seeded!.shopId}/bookings`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ variantId: seeded!.variantId, startsAt, contact: contact(100_000 + i) }),
        })
        if (answer.status === 201) outcomes.booked++
        else if (answer.status === 409 && answer.json.code === 'bookings.time_taken') outcomes.taken++
        else outcomes.other++
      },
    )
    const seconds = (performance.now() - started) / 1000

    // No staff member has two confirmed bookings whose times (tidy-up included) overlap.
    const rows = await seeded.opened.db
      .selectFrom('bookings')
      .select(['resource_id', 'starts_at', 'ends_at'])
      .where('status', '=', 'confirmed')
      .orderBy('resource_id')
      .orderBy('starts_at')
      .execute()
    let doubleBooked = 0
    for (let i = 1; i < rows.length; i++) {
      const [before, after] = [rows[i - 1]!, rows[i]!]
      if (
        before.resource_id === after.resource_id &&
        Date.parse(after.starts_at) < Date.parse(before.ends_at) + 15 * 60_000
      )
        doubleBooked++
    }
    const result = {
      engine,
      staff: STAFF,
      days: HORIZON_DAYS,
      freeTimesOffered: offered.length,
      freeTimesP50Ms: Math.round(percentile(computed, 50) * 10) / 10,
      freeTimesP99Ms: Math.round(percentile(computed, 99) * 10) / 10,
      httpFreeTimesP50Ms: Math.round(percentile(overHttp, 50) * 10) / 10,
      httpFreeTimesP99Ms: Math.round(percentile(overHttp, 99) * 10) / 10,
      residents,
      booked: outcomes.booked,
      timeTaken: outcomes.taken,
      otherAnswers: outcomes.other,
      bookingsPerSecond: Math.round(residents / seconds),
      baselineRps: Math.round(baselineRps),
      ratio: Math.round((residents / seconds / baselineRps) * 1000) / 1000,
      doubleBooked,
      peakRssMb: Math.round(server.peakRssMb()),
      node: process.version,
    }
    process.stdout.write(`${JSON.stringify(result)}\n`)
    benchLog(
      `  free times p50 ${result.freeTimesP50Ms} ms, p99 ${result.freeTimesP99Ms} ms (over HTTP ${result.httpFreeTimesP50Ms} / ${result.httpFreeTimesP99Ms} ms); ${result.bookingsPerSecond} booking requests/s (${outcomes.booked} booked, ${outcomes.taken} taken), bare ${result.baselineRps}/s; double-booked ${doubleBooked}`,
    )
  } finally {
    await seeded?.opened.close()
    await server?.stop()
    await baseline?.stop()
    await database.close()
  }
}
