import autocannon from 'autocannon'

export interface LoadOptions {
  connections: number
  durationSeconds: number
  /** Stop after this many requests instead of after `durationSeconds`. */
  requests?: number
}

export interface LoadResult {
  rps: number
  latencyP50Ms: number
  latencyP99Ms: number
  requests: number
}

/**
 * Closed-loop load with autocannon: `connections` keep-alive connections each send the next path as soon as
 * the previous answer arrives, for a fixed time. Paths rotate through the list, shared by all connections,
 * so every page of the list is asked for in turn. Any error or non-2xx answer fails the run: a fast 404
 * must never pass for a fast page.
 */
export async function runLoad(
  baseUrl: string,
  paths: readonly string[],
  options: LoadOptions,
): Promise<LoadResult> {
  if (paths.length === 0) throw new Error('runLoad needs at least one path')
  let next = 0
  const result = await autocannon({
    url: baseUrl,
    connections: options.connections,
    ...(options.requests === undefined
      ? { duration: options.durationSeconds }
      : { amount: options.requests }),
    headers: { accept: 'text/html,application/json' },
    requests: [
      {
        method: 'GET',
        setupRequest: (request) => {
          const path = paths[next++ % paths.length]!
          return { ...request, path }
        },
      },
    ],
  })
  const failures = result.errors + result.timeouts + result.non2xx
  if (failures > 0) {
    throw new Error(
      `load on ${baseUrl} (${paths[0]} …) had ${result.non2xx} non-2xx answers, ${result.errors} errors and ${result.timeouts} timeouts ` +
        `out of ${result.requests.total}; status counts: ${JSON.stringify(statusCounts(result))}`,
    )
  }
  return {
    rps: result.requests.total / result.duration,
    latencyP50Ms: result.latency.p50,
    latencyP99Ms: result.latency.p99,
    requests: result.requests.total,
  }
}

function statusCounts(result: autocannon.Result): Record<string, number> {
  const r = result as unknown as Record<string, unknown>
  return Object.fromEntries(['1xx', '2xx', '3xx', '4xx', '5xx'].map((k) => [k, Number(r[k] ?? 0)]))
}
