import { expect, it } from 'vitest'
import { sql } from 'kysely'
import { forEachEngine } from '../../../test/harness/engines.js'
import { migrateToLatest } from './index.js'

forEachEngine('migrations', ({ db, engine }) => {
  it('creates the schema once and is a no-op the second time', async () => {
    expect(await migrateToLatest(db())).toEqual([])
    const tables = await db().introspection.getTables()
    expect(tables.map((t) => t.name)).toEqual(
      expect.arrayContaining(['shops', 'products', 'variants', 'stock_levels', 'users', 'sessions']),
    )
  })

  it('commits with full durability', async () => {
    if (engine === 'sqlite') {
      const { rows } = await sql<{ synchronous: number }>`pragma synchronous`.execute(db())
      expect(rows[0]?.synchronous).toBe(2) // FULL
    } else {
      const { rows } = await sql<{ synchronous_commit: string }>`show synchronous_commit`.execute(db())
      expect(rows[0]?.synchronous_commit).toBe('on')
    }
  })
})
