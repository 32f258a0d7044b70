import type { Selectable } from 'kysely'
import type { Db } from '../../db/index.js'
import type { DropsTable } from '../../db/schema/drops.js'
import { prepared, type Placeholder } from '../../db/prepared.js'
import { dropNotFound } from './errors.js'

const dropById = prepared((db, p: Placeholder<{ dropId: string }>) => db.selectFrom('drops').selectAll().where('id', '=', p('dropId')))

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

/** After this process changed a drop (holds, admissions): the next reader sees it at once. */
export function forgetSnapshot(db: Db, dropId: string): void {
  snapshots.get(db)?.delete(dropId)
}

