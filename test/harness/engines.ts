import { afterAll, beforeAll, describe, inject } from 'vitest'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { openDatabase, type Db, type Engine, type OpenedDatabase } from '../../src/db/index.js'
import { migrateToLatest } from '../../src/db/migrations/index.js'
import { wantedEngines } from './engine-list.js'

export interface EngineContext {
  engine: Engine
  /** The database of this test file on this engine, migrated; call inside tests (it is set in beforeAll). */
  db: () => Db
  /** The URL it was opened with, for servers started by the test in another process. */
  url: () => string
}

/** A fresh, migrated database on the given engine; `drop` removes every trace. */
export async function freshDatabase(
  engine: Engine,
): Promise<{ opened: OpenedDatabase; url: string; drop(): Promise<void> }> {
  if (engine === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'comptoir-sqlite-'))
    const url = join(dir, 'test.db')
    const opened = openDatabase(url)
    await migrateToLatest(opened.db)
    return { opened, url, drop: async () => rmSync(dir, { recursive: true, force: true }) }
  }
  const adminUrl = inject('postgresUrl')
  const name = `t_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`
  const admin = new pg.Client({ connectionString: adminUrl })
  await admin.connect()
  await admin.query(`create database ${name}`)
  await admin.end()
  const url = adminUrl.replace(/\/postgres$/, `/${name}`)
  const opened = openDatabase(url)
  await migrateToLatest(opened.db)
  return {
    opened,
    url,
    drop: async () => {
      const client = new pg.Client({ connectionString: adminUrl })
      await client.connect()
      await client.query(`drop database if exists ${name} with (force)`)
      await client.end()
    },
  }
}

/** Runs the same suite on every engine (SQLite and PostgreSQL), each with its own fresh database. */
export function forEachEngine(name: string, suite: (ctx: EngineContext) => void): void {
  for (const engine of wantedEngines()) {
    describe(`${name} [${engine}]`, () => {
      let database: Awaited<ReturnType<typeof freshDatabase>> | undefined
      beforeAll(async () => {
        database = await freshDatabase(engine)
      })
      afterAll(async () => {
        await database?.opened.close()
        await database?.drop()
      })
      suite({
        engine,
        db: () => {
          if (!database) throw new Error('the database is opened in beforeAll')
          return database.opened.db
        },
        url: () => database?.url ?? '',
      })
    })
  }
}
