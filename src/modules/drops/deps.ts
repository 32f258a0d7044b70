import type { Db } from '../../db/index.js'
import type { ChangeFeed } from '../../lib/change-feed.js'
import type { Clock } from '../../lib/clock.js'

// What the drops' commands ask of the composition root (app.ts).

export interface DropsDeps {
  db: Db
  clock: Clock
  changes?: ChangeFeed | undefined
  /** Signs admissions (decision 005); the server's cookie secret. */
  admissionSecret: string
}
