import type { Db } from '../../db/index.js'
import type { Clock } from '../../lib/clock.js'

/** What the events module asks of the composition root. */
export interface EventsDeps {
  db: Db
  clock: Clock
}
