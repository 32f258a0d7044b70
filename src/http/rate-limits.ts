import type { AppDeps } from './deps.js'

/**
 * The route config of what a resident sends without signing in (a checkout, a booking, a registration) and of the
 * pages a secret link opens: per client address, so one script cannot flood the shops nor try links at speed.
 */
export const residentRateLimit = (deps: Pick<AppDeps, 'checkoutRateLimit'>) => ({
  rateLimit: { max: deps.checkoutRateLimit ?? 60, timeWindow: '1 minute' },
})
