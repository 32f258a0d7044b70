import { runLoad, type LoadOptions, type LoadResult } from './load.js'
import { median } from './stats.js'

/** Seconds of load before the measured rounds: JIT, SQLite page cache and PostgreSQL buffers warm up. */
const WARM_UP_SECONDS = 2

export interface Throughput {
  baselineRps: number
  productPageRps: number | null
  /** Requests/s of the first visit to each sampled product page: none of them is in the page cache yet. */
  productPageFirstVisitRps: number | null
  searchPageRps: number | null
  productPageRatio: number | null
  searchPageRatio: number | null
  productPageLoadP99Ms: number | null
  searchPageLoadP99Ms: number | null
  baselineRpsRounds: number[]
}

/**
 * Requests/s of the bare endpoint, the product pages and the search pages, in interleaved rounds
 * (baseline, product, search, baseline, …) with the same connections and duration. The machine is shared:
 * a neighbour's test run can halve throughput for a minute, so each ratio is taken within a round, between
 * measurements seconds apart, and the medians of the rounds are reported.
 */
export async function measureThroughput(
  baseline: string,
  app: string,
  productPaths: readonly string[],
  searchPaths: readonly string[],
  settings: { load: LoadOptions; loadRounds: number; log: (line: string) => void },
): Promise<Throughput> {
  const warmUp = { ...settings.load, durationSeconds: WARM_UP_SECONDS }
  await runLoad(baseline, ['/'], warmUp)
  // One visit to every sampled page, each rendered from the database, before the measured rounds that the
  // page cache then mostly answers: a town's product pages are read far more often than they change.
  const firstVisits =
    productPaths.length > 0
      ? await runLoad(app, productPaths, { ...settings.load, requests: productPaths.length })
      : undefined
  if (firstVisits) settings.log(`  first visits: product pages ${Math.round(firstVisits.rps)}/s`)
  if (searchPaths.length > 0) await runLoad(app, searchPaths, warmUp)
  const rounds: Array<{ baseline: number; product?: LoadResult; search?: LoadResult }> = []
  for (let round = 1; round <= settings.loadRounds; round++) {
    const b = await runLoad(baseline, ['/'], settings.load)
    const product = productPaths.length > 0 ? await runLoad(app, productPaths, settings.load) : undefined
    const search = searchPaths.length > 0 ? await runLoad(app, searchPaths, settings.load) : undefined
    settings.log(
      `  round ${round}: baseline ${Math.round(b.rps)}/s, product pages ${product ? Math.round(product.rps) : '-'}/s, search pages ${search ? Math.round(search.rps) : '-'}/s`,
    )
    rounds.push({ baseline: b.rps, ...(product ? { product } : {}), ...(search ? { search } : {}) })
  }
  const of = (pick: (r: (typeof rounds)[number]) => number | undefined) => {
    const values = rounds.map(pick).filter((v): v is number => v !== undefined)
    return values.length > 0 ? median(values) : null
  }
  const rps = (v: number | null) => (v === null ? null : Math.round(v))
  const ratio = (v: number | null) => (v === null ? null : Math.round(v * 1000) / 1000)
  return {
    baselineRps: Math.round(of((r) => r.baseline)!),
    productPageRps: rps(of((r) => r.product?.rps)),
    productPageFirstVisitRps: firstVisits ? Math.round(firstVisits.rps) : null,
    searchPageRps: rps(of((r) => r.search?.rps)),
    productPageRatio: ratio(of((r) => r.product && r.product.rps / r.baseline)),
    searchPageRatio: ratio(of((r) => r.search && r.search.rps / r.baseline)),
    productPageLoadP99Ms: of((r) => r.product?.latencyP99Ms),
    searchPageLoadP99Ms: of((r) => r.search?.latencyP99Ms),
    baselineRpsRounds: rounds.map((r) => Math.round(r.baseline)),
  }
}
