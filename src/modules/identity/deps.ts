import type { Db } from '../../db/index.js'
import type { Clock } from '../../lib/clock.js'

// What identity's commands ask of the composition root (app.ts).

export interface IdentityDeps {
  db: Db
  clock: Clock
}
