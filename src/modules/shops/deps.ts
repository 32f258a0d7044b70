import type { Db } from '../../db/index.js'
import type { ChangeFeed } from '../../lib/change-feed.js'
import type { Clock } from '../../lib/clock.js'

// What the shops' commands ask of the composition root (app.ts).

export interface ShopsDeps {
  db: Db
  clock: Clock
  /** Told after each commit which shop changed, so copies of its pages are dropped. */
  changes?: ChangeFeed
}
