import type { Db } from '../../db/index.js'
import type { ChangeFeed } from '../../lib/change-feed.js'
import type { Clock } from '../../lib/clock.js'

// What the catalog's commands ask of the composition root (app.ts).

export interface CatalogDeps {
  db: Db
  clock: Clock
  /** Where product photos are written (WebP files named by photo id and width). */
  mediaDir: string
  /** Told after each commit which product changed, so copies of its page are dropped. */
  changes?: ChangeFeed
}
