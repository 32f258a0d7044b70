import type { Db } from '../../db/index.js'
import type { ChangeFeed } from '../../lib/change-feed.js'
import type { Clock } from '../../lib/clock.js'
import type { PaymentProviders } from '../payments/index.js'

// What ordering's commands ask of the composition root (app.ts): the basket's, the lifecycle's, and the checkout's, which asks the most.

export interface OrderingDeps {
  db: Db
  clock: Clock
}

export interface LifecycleDeps {
  db: Db
  clock: Clock
  changes?: ChangeFeed | undefined
}

export interface PlaceDeps extends OrderingDeps {
  payments: PaymentProviders
  changes?: ChangeFeed | undefined
}
