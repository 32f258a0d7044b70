/** Nearest-rank percentile of samples (any order), in the samples' unit. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN
  const sorted = [...samples].sort((a, b) => a - b)
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)))
  return sorted[rank - 1]!
}

export const median = (samples: readonly number[]) => percentile(samples, 50)

/** Two decimals: sub-millisecond figures stay readable without pretending to nanosecond precision. */
export const round2 = (value: number) => Math.round(value * 100) / 100
