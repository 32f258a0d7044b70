import { parseArgs } from 'node:util'
import { fileURLToPath } from 'node:url'
import type { Engine } from '../src/db/index.js'
import { prepareSqlite, preparePostgres, type BenchDatabase } from './lib/bench-database.js'
import { startChildServer } from './lib/child-server.js'
import { findRoutes } from './lib/http-routes.js'
import type { LoadOptions } from './lib/load.js'
import { measureHttpLatency, measureInProcessSearch } from './lib/measure-latency.js'
import { sampleProductPaths, townCounts } from './lib/product-paths.js'
import { resolveMix } from './lib/resolve-mix.js'
import { searchMix, searchPagePath } from './lib/search-mix.js'
import { round2 } from './lib/stats.js'
import { measureThroughput, type Throughput } from './lib/throughput.js'
import { FULL_TOWN, QUICK_TOWN, type TownSize } from './lib/town.js'

/**
 * `npm run bench:catalog [-- --quick] [-- --engine sqlite|postgres]`
 * Search latency, page throughput against a bare Fastify endpoint measured in the same run, and the
 * server's peak memory, on a generated town. One JSON object per engine on stdout; progress on stderr.
 */
const USAGE = `usage: tsx bench/catalog.ts [--engine sqlite|postgres] [--quick] [--connections N] [--duration SECONDS]
  [--rounds N] [--http-rounds N] [--load-rounds N] [--regenerate] [--allow-missing-routes]`

const TARGETS = { searchP99Ms: 25, productPageRatio: 0.4, peakRssMb: 300 }
const SERVER_SCRIPT = fileURLToPath(new URL('./server.ts', import.meta.url))
const BASELINE_SCRIPT = fileURLToPath(new URL('./baseline-server.ts', import.meta.url))
const PRODUCT_SAMPLE = 5_000

interface Settings {
  engines: Engine[]
  quick: boolean
  size: TownSize
  load: LoadOptions
  rounds: number
  httpRounds: number
  /** Interleaved rounds of baseline, product pages and search pages under load. */
  loadRounds: number
  regenerate: boolean
  allowMissingRoutes: boolean
}

const log = (line: string) =>
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}\n`)

function readSettings(): Settings {
  const { values } = parseArgs({
    options: {
      engine: { type: 'string' },
      quick: { type: 'boolean', default: false },
      connections: { type: 'string' },
      duration: { type: 'string' },
      rounds: { type: 'string' },
      'http-rounds': { type: 'string' },
      'load-rounds': { type: 'string' },
      regenerate: { type: 'boolean', default: false },
      'allow-missing-routes': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  })
  if (values.help) {
    console.error(USAGE)
    process.exit(0)
  }
  if (values.engine !== undefined && values.engine !== 'sqlite' && values.engine !== 'postgres')
    throw new Error(USAGE)
  const quick = values.quick === true
  const number = (value: string | undefined, fallback: number) => {
    const n = value === undefined ? fallback : Number(value)
    if (!Number.isFinite(n) || n <= 0) throw new Error(`not a positive number: ${value}\n${USAGE}`)
    return n
  }
  return {
    engines: values.engine ? [values.engine as Engine] : ['sqlite', 'postgres'],
    quick,
    size: quick ? QUICK_TOWN : FULL_TOWN,
    load: {
      connections: number(values.connections, 32),
      durationSeconds: number(values.duration, quick ? 2 : 5),
    },
    rounds: number(values.rounds, quick ? 3 : 5),
    httpRounds: number(values['http-rounds'], quick ? 2 : 3),
    loadRounds: number(values['load-rounds'], 3),
    regenerate: values.regenerate === true,
    allowMissingRoutes: values['allow-missing-routes'] === true,
  }
}

async function benchEngine(engine: Engine, settings: Settings): Promise<Record<string, unknown>> {
  log(`=== ${engine}${settings.quick ? ' (quick)' : ''}`)
  const database: BenchDatabase =
    engine === 'sqlite'
      ? await prepareSqlite(settings.size, { regenerate: settings.regenerate, log })
      : await preparePostgres(settings.size, { log })
  if (database.generationSeconds !== undefined)
    log(`${engine}: generation took ${database.generationSeconds.toFixed(1)} s`)
  try {
    const counts = await townCounts(database.db)
    const mix = searchMix(settings.size)
    const queries = await resolveMix(database.db, mix)

    log(`${engine}: in-process search, ${queries.length} queries × ${settings.rounds} rounds`)
    const inProcess = await measureInProcessSearch(database.db, queries, settings.rounds)
    log(
      `${engine}: in-process p50 ${inProcess.p50Ms.toFixed(2)} ms, p99 ${inProcess.p99Ms.toFixed(2)} ms; slowest medians:`,
    )
    for (const s of inProcess.slowest) log(`    ${s.medianMs.toFixed(2)} ms  ${JSON.stringify(mix[s.index])}`)
    const productPaths = await sampleProductPaths(database.db, PRODUCT_SAMPLE)

    // Both servers run side by side; only the one under load uses CPU.
    const baseline = await startChildServer(BASELINE_SCRIPT, [])
    const server = await startChildServer(SERVER_SCRIPT, [database.url])
    let http: Record<string, unknown>
    let throughput: Throughput
    let peakRssMb: number
    try {
      const routes = await findRoutes(server.baseUrl, productPaths[0]!)
      if (routes.problems.length > 0 && !settings.allowMissingRoutes) {
        throw new Error(
          `the storefront routes this benchmark measures are missing:\n  ${routes.problems.join('\n  ')}\n(--allow-missing-routes reports null for them instead)`,
        )
      }
      const searchPaths = routes.search ? mix.map((m) => searchPagePath(routes.search!, m)) : []
      const httpSearch = routes.search
        ? await measureHttpLatency(server.baseUrl, searchPaths, settings.httpRounds)
        : undefined
      if (httpSearch) {
        log(
          `${engine}: ${routes.search} one at a time: p50 ${httpSearch.p50Ms.toFixed(2)} ms, p99 ${httpSearch.p99Ms.toFixed(2)} ms; slowest medians:`,
        )
        for (const s of httpSearch.slowest.slice(0, 5))
          log(`    ${s.medianMs.toFixed(2)} ms  ${searchPaths[s.index]}`)
      }
      log(
        `${engine}: throughput, ${settings.loadRounds} rounds of ${settings.load.connections} connections × ${settings.load.durationSeconds} s per page kind`,
      )
      throughput = await measureThroughput(
        baseline.baseUrl,
        server.baseUrl,
        routes.productPages ? productPaths : [],
        searchPaths,
        { ...settings, log },
      )
      peakRssMb = server.peakRssMb()
      http = {
        searchRoute: routes.search ?? null,
        httpSearchP50Ms: httpSearch ? round2(httpSearch.p50Ms) : null,
        httpSearchP99Ms: httpSearch ? round2(httpSearch.p99Ms) : null,
      }
    } finally {
      await server.stop()
      await baseline.stop()
    }
    const { productPageRatio } = throughput
    return {
      engine,
      shops: counts.shops,
      products: counts.products,
      publishedProducts: counts.published,
      queries: queries.length,
      searchP50Ms: round2(inProcess.p50Ms),
      searchP99Ms: round2(inProcess.p99Ms),
      ...http,
      searchPageRps: throughput.searchPageRps,
      productPageRps: throughput.productPageRps,
      productPageFirstVisitRps: throughput.productPageFirstVisitRps,
      baselineRps: throughput.baselineRps,
      productPageRatio,
      searchPageRatio: throughput.searchPageRatio,
      peakRssMb: Math.round(peakRssMb),
      targets: {
        searchP99Under25ms: inProcess.p99Ms < TARGETS.searchP99Ms,
        productPageAtLeast40pct: productPageRatio !== null && productPageRatio >= TARGETS.productPageRatio,
        peakRssUnder300Mb: peakRssMb < TARGETS.peakRssMb,
      },
      productPageLoadP99Ms: throughput.productPageLoadP99Ms,
      searchPageLoadP99Ms: throughput.searchPageLoadP99Ms,
      baselineRpsRounds: throughput.baselineRpsRounds,
      connections: settings.load.connections,
      durationSeconds: settings.load.durationSeconds,
      loadRounds: settings.loadRounds,
      generationSeconds: database.generationSeconds === undefined ? null : round2(database.generationSeconds),
      node: process.version,
    }
  } finally {
    await database.close()
  }
}

const settings = readSettings()
for (const engine of settings.engines) {
  const result = await benchEngine(engine, settings)
  process.stdout.write(`${JSON.stringify(result)}\n`)
}
