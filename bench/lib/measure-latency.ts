import type { Db } from '../../src/db/index.js'
import { searchCatalog, type CatalogQuery } from '../../src/modules/catalog/index.js'
import { median, percentile } from './stats.js'

export interface LatencyResult {
  p50Ms: number
  p99Ms: number
  /** The queries with the highest median time, for the report's analysis. */
  slowest: Array<{ index: number; medianMs: number }>
}

/** Times each call of `run(i)` for i over `count`, after one warm-up pass; `rounds` passes in all. */
async function timeEach(
  count: number,
  rounds: number,
  run: (index: number) => Promise<void>,
): Promise<LatencyResult> {
  for (let i = 0; i < count; i++) await run(i)
  const perIndex: number[][] = Array.from({ length: count }, () => [])
  for (let round = 0; round < rounds; round++) {
    for (let i = 0; i < count; i++) {
      const started = performance.now()
      await run(i)
      perIndex[i]!.push(performance.now() - started)
    }
  }
  const all = perIndex.flat()
  const slowest = perIndex
    .map((samples, index) => ({ index, medianMs: median(samples) }))
    .sort((a, b) => b.medianMs - a.medianMs)
    .slice(0, 8)
  return { p50Ms: percentile(all, 50), p99Ms: percentile(all, 99), slowest }
}

/** searchCatalog called directly, one query at a time: the module's own latency, no HTTP, no rendering. */
export function measureInProcessSearch(
  db: Db,
  queries: readonly CatalogQuery[],
  rounds: number,
): Promise<LatencyResult> {
  const now = new Date()
  return timeEach(queries.length, rounds, async (i) => {
    await searchCatalog({ db, now }, queries[i]!)
  })
}

/**
 * One request at a time over a keep-alive connection, body read to the end: what one resident waits for
 * on an idle server. Any non-2xx answer fails the run.
 */
export function measureHttpLatency(
  baseUrl: string,
  paths: readonly string[],
  rounds: number,
): Promise<LatencyResult> {
  return timeEach(paths.length, rounds, async (i) => {
    const response = await fetch(baseUrl + paths[i]!, { headers: { accept: 'text/html,application/json' } })
    await response.arrayBuffer()
    if (!response.ok) throw new Error(`GET ${paths[i]} answered ${response.status}`)
  })
}
