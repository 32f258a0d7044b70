import { sql, type Selectable } from 'kysely'
import type { Db } from '../../db/index.js'
import type { DropsTable } from '../../db/schema/drops.js'
import { prepared, type Placeholder } from '../../db/prepared.js'
import { dropNotFound } from './errors.js'

const dropById = prepared((db, p: Placeholder<{ dropId: string }>) =>
  db.selectFrom('drops').selectAll().where('id', '=', p('dropId')),
)
const heldUnits = prepared((db, p: Placeholder<{ dropId: string }>) =>
  db
    .selectFrom('drop_holds')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('quantity'), sql<number>`0`).as('n'))
    .where('drop_id', '=', p('dropId'))
    .where('status', '=', 'held'),
)

/** A drop's row as this process last read it, kept briefly: every waiting resident asks every few seconds. */
const SNAPSHOT_MS = 100
const snapshots = new WeakMap<Db, Map<string, { row: Selectable<DropsTable>; until: number }>>()

/** The drop's row, read again when older than SNAPSHOT_MS (wall time: a cache, not the domain's clock). */
export async function snapshotOf(db: Db, dropId: string): Promise<Selectable<DropsTable>> {
  const now = Date.now()
  let forDb = snapshots.get(db)
  if (!forDb) snapshots.set(db, (forDb = new Map()))
  const cached = forDb.get(dropId)
  if (cached && cached.until > now) return cached.row
  const row = await dropById.first(db, { dropId })
  if (!row) throw dropNotFound()
  forDb.set(dropId, { row, until: now + SNAPSHOT_MS })
  return row
}

const heldSnapshots = new WeakMap<Db, Map<string, { units: number; until: number }>>()

/** Units of the drop's holds not yet ordered (they may come back), as this process last counted them. */
export async function heldUnitsOf(db: Db, dropId: string): Promise<number> {
  const now = Date.now()
  let forDb = heldSnapshots.get(db)
  if (!forDb) heldSnapshots.set(db, (forDb = new Map()))
  const cached = forDb.get(dropId)
  if (cached && cached.until > now) return cached.units
  const units = Number((await heldUnits.first(db, { dropId }))!.n)
  forDb.set(dropId, { units, until: now + SNAPSHOT_MS })
  return units
}

/** After this process changed a drop (holds, admissions): the next reader sees it at once. */
export function forgetSnapshot(db: Db, dropId: string): void {
  snapshots.get(db)?.delete(dropId)
  heldSnapshots.get(db)?.delete(dropId)
}
