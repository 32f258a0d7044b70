import { Kysely, PostgresAdapter, PostgresDialect, SqliteDialect, type Transaction } from 'kysely'
import SqliteDatabase from 'better-sqlite3'
import pg from 'pg'
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import type { Database } from './schema/index.js'

export type { Database } from './schema/index.js'
/** Any executor: a connection or a transaction. */
export type Db = Kysely<Database>
/** "Run me inside my caller's transaction." */
export type Trx = Transaction<Database>
export type Engine = 'sqlite' | 'postgres'

export interface OpenedDatabase {
  db: Db
  engine: Engine
  close(): Promise<void>
}

/**
 * Opens SQLite (a file path or ':memory:') or PostgreSQL (a postgres:// URL).
 * Committed means durable on both: SQLite WAL + synchronous=FULL, PostgreSQL synchronous_commit=on.
 */
export function openDatabase(url: string, options: { poolSize?: number } = {}): OpenedDatabase {
  if (/^postgres(ql)?:\/\//.test(url)) {
    // Counts come back as numbers, not strings: bigint sums in this app stay far below 2^53.
    pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value))
    pg.types.setTypeParser(pg.types.builtins.NUMERIC, (value) => Number(value))
    const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 10 })
    // An idle connection closed by the server (a restart, a failover) is dropped by the pool and replaced
    // on the next checkout; without a listener the 'error' event would crash the process.
    pool.on('error', () => undefined)
    pool.on('connect', (client) => {
      client.query("set synchronous_commit = on; set timezone = 'UTC'").catch(() => undefined)
    })
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
    return { db, engine: 'postgres', close: () => db.destroy() }
  }
  const file = url.replace(/^sqlite:(\/\/)?/, '')
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true })
  const sqlite = new SqliteDatabase(file)
  sqlite.pragma('journal_mode = WAL')
  sqlite.pragma('synchronous = FULL')
  sqlite.pragma('foreign_keys = ON')
  sqlite.pragma('busy_timeout = 5000')
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) })
  return { db, engine: 'sqlite', close: () => db.destroy() }
}

export function engineOf(db: Db): Engine {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite'
}

export const nowIso = (now: Date) => now.toISOString()
