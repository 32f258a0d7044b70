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
export function openDatabase(
  url: string,
  options: { poolSize?: number; relaxedDurability?: boolean } = {},
): OpenedDatabase {
  // relaxedDurability exists for bench:drop's comparison only (a commit may be lost on power failure): never in serve.
  const commitFlush = options.relaxedDurability ? 'off' : 'on'
  if (/^postgres(ql)?:\/\//.test(url)) {
    // Counts come back as numbers, not strings: bigint sums in this app stay far below 2^53.
    pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value))
    pg.types.setTypeParser(pg.types.builtins.NUMERIC, (value) => Number(value))
    const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 10 })
    // An idle connection closed by the server (a restart, a failover) is dropped by the pool and replaced
    // on the next checkout; without a listener the 'error' event would crash the process.
    pool.on('error', () => undefined)
    pool.on('connect', (client) => {
      // random_page_cost 1.1 (SSD): at default 4 the planner sometimes scans every product instead of
      // using the full-text index for common words (measured 54 ms against 12 ms).
      client
        .query(`set synchronous_commit = ${commitFlush}; set timezone = 'UTC'; set random_page_cost = 1.1`)
        .catch(() => undefined)
    })
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
    return { db, engine: 'postgres', close: () => db.destroy() }
  }
  const file = url.replace(/^sqlite:(\/\/)?/, '')
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true })
  const sqlite = new SqliteDatabase(file)
  sqlite.pragma('journal_mode = WAL')
  sqlite.pragma(options.relaxedDurability ? 'synchronous = OFF' : 'synchronous = FULL')
  sqlite.pragma('foreign_keys = ON')
  sqlite.pragma('busy_timeout = 5000')
  // Statement journals (kept while a statement inside a transaction may still fail) in memory, not in temporary
  // files: with them on disk an insert into orders cost twice as much (measured in the checkout).
  sqlite.pragma('temp_store = MEMORY')
  // A page cache of up to 32 MB instead of SQLite's 2 MB: a search for a common word reads a product row
  // on most table pages, and each page missing from the cache costs a read system call (measured: the
  // relevance sort for "maison" over 10,000 matches went from 30 to 16 ms).
  sqlite.pragma('cache_size = -32768')
  // Refreshes the planner's statistics where they are missing or stale, so a search is driven by the
  // full-text index rather than a scan of every product (measured: 11.5 ms → 0.03 ms for a rare word).
  sqlite.pragma('optimize = 0x10002')
  const connection = withStatementCache(sqlite)
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: connection }) })
  sqliteConnections.set(db, connection)
  return { db, engine: 'sqlite', close: () => db.destroy() }
}

/** better-sqlite3's connection with its statement cache: what Kysely's SQLite dialect runs queries on. */
export type SqliteConnection = ReturnType<typeof withStatementCache>

const sqliteConnections = new WeakMap<Db, SqliteConnection>()
const heldConnections = new WeakMap<Db, SqliteConnection>()

/** The one SQLite connection behind `db` (undefined on PostgreSQL). */
export const sqliteConnectionOf = (db: Db): SqliteConnection | undefined => sqliteConnections.get(db)

/**
 * Marks `trx` as holding the SQLite connection for as long as it runs: statements given `trx` may then
 * skip Kysely's queue and run on the connection directly (src/db/prepared.ts). Only a transaction that
 * holds the connection can do so safely; anything else waits its turn in Kysely's queue.
 */
export function holdConnection(trx: Trx, connection: SqliteConnection): () => void {
  heldConnections.set(trx, connection)
  return () => heldConnections.delete(trx)
}

export const heldConnectionOf = (db: Db): SqliteConnection | undefined => heldConnections.get(db)

/**
 * Kysely prepares every statement anew on SQLite; preparing is a sixth of a product page's CPU (measured).
 * The same SQL text reuses its prepared statement unless that one is still being iterated.
 */
function withStatementCache(sqlite: SqliteDatabase.Database, capacity = 500) {
  const cache = new Map<string, SqliteDatabase.Statement>()
  return {
    close: () => sqlite.close(),
    prepare(text: string) {
      const cached = cache.get(text)
      if (cached && !cached.busy) return cached
      const statement = sqlite.prepare(text)
      if (!cached) {
        if (cache.size >= capacity) cache.delete(cache.keys().next().value as string)
        cache.set(text, statement)
      }
      return statement
    },
  }
}

export function engineOf(db: Db): Engine {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite'
}
