import {
  engineOf,
  holdConnection,
  sqliteConnectionOf,
  type Db,
  type SqliteConnection,
  type Trx,
} from './index.js'

/** The most writes one shared commit answers: bounds the wait of the first one in the group. */
const MAX_GROUP = 64

interface Pending {
  work: (trx: Trx) => Promise<unknown>
  resolve: (value: unknown) => void
  reject: (error: unknown) => void
}

/**
 * Runs `work` in a write transaction and resolves once it is durably committed.
 *
 * On SQLite, write transactions take turns on the one connection, and each commit waits for a disk flush
 * (`synchronous=FULL`). Writes that arrive while others run are grouped: they share one transaction, each in
 * its own savepoint (a write that fails rolls back only itself), and all are answered after the shared
 * commit, so one flush serves the group. Nothing is answered before it is on disk. On PostgreSQL each write
 * is its own transaction (concurrent transactions already share flushes there).
 */
export function writeTransaction<T>(db: Db, work: (trx: Trx) => Promise<T>): Promise<T> {
  if (engineOf(db) !== 'sqlite') return db.transaction().execute(work)
  let group = groups.get(db)
  if (!group) groups.set(db, (group = new CommitGroup(db, sqliteConnectionOf(db)!)))
  return group.run(work)
}

const groups = new WeakMap<Db, CommitGroup>()

class CommitGroup {
  readonly #queue: Pending[] = []
  #running = false

  constructor(
    private readonly db: Db,
    private readonly connection: SqliteConnection,
  ) {}

  run<T>(work: (trx: Trx) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#queue.push({ work, resolve: resolve as (value: unknown) => void, reject })
      if (this.#running) return
      this.#running = true
      // SQLite answers synchronously, so a running group never yields to the network: the group starts after
      // the requests already received in this turn of the event loop have queued their writes.
      setImmediate(() => void this.#drain())
    })
  }

  async #drain(): Promise<void> {
    try {
      while (this.#queue.length > 0) await this.#commitOneGroup()
    } finally {
      this.#running = false
    }
  }

  async #commitOneGroup(): Promise<void> {
    const done: Array<{
      pending: Pending
      outcome: { ok: true; value: unknown } | { ok: false; error: unknown }
    }> = []
    let current: Pending | undefined
    try {
      await this.db.transaction().execute(async (trx) => {
        // The group holds the connection until it commits: its statements may run on it directly.
        const release = holdConnection(trx, this.connection)
        const run = (text: string) => this.connection.prepare(text).run()
        try {
          // Writes that arrive while this group runs join it, up to MAX_GROUP.
          while (this.#queue.length > 0 && done.length < MAX_GROUP) {
            const pending = (current = this.#queue.shift()!)
            run('savepoint grouped_write')
            try {
              const value = await pending.work(trx)
              run('release savepoint grouped_write')
              done.push({ pending, outcome: { ok: true, value } })
            } catch (error) {
              run('rollback to savepoint grouped_write')
              run('release savepoint grouped_write')
              done.push({ pending, outcome: { ok: false, error } })
            }
            current = undefined
          }
        } finally {
          release()
        }
      })
    } catch (commitError) {
      // The shared transaction failed: none of the group is on disk, so every write of it fails.
      for (const { pending } of done) pending.reject(commitError)
      current?.reject(commitError)
      return
    }
    for (const { pending, outcome } of done) {
      if (outcome.ok) pending.resolve(outcome.value)
      else pending.reject(outcome.error)
    }
  }
}
