import type { Compilable, CompiledQuery, QueryResult } from 'kysely'
import { engineOf, heldConnectionOf, type Db } from './index.js'

/** Names a value of the query: a scalar, or a list whose length picks the compiled form. */
export type Placeholder<P> = <K extends keyof P & string>(name: K) => P[K]

interface Compiled {
  query: CompiledQuery
  /** For each parameter of the SQL: the input it comes from (name, and index for lists), or a constant. */
  slots: Array<{ name: string; index: number | undefined } | { value: unknown }>
}

const MARK = '\u0000placeholder:'

/**
 * A query built with Kysely once and compiled once per engine (and per list length), then run many times
 * with new values. Building and compiling a query costs more CPU than SQLite takes to run it (measured: a
 * quarter of a checkout), so the hot write paths (checkout, holds) use these; everything else stays plain
 * Kysely. `build` must give the same SQL for any values: the values only go through `p`.
 */
class PreparedQuery<P extends Record<string, unknown>, Row> {
  readonly #compiled = new Map<string, Compiled>()

  constructor(private readonly build: (db: Db, p: Placeholder<P>) => Compilable<Row>) {}

  async execute(db: Db, values: P): Promise<QueryResult<Row>> {
    const compiled = this.#compile(db, values)
    const parameters = compiled.slots.map((slot) => {
      if ('value' in slot) return slot.value
      const value = values[slot.name]
      return slot.index === undefined ? value : (value as unknown[])[slot.index]
    })
    const held = heldConnectionOf(db)
    if (held) {
      // A grouped SQLite write holds the connection: the statement runs at once, as Kysely's driver would run it.
      const statement = held.prepare(compiled.query.sql)
      if (statement.reader) return { rows: statement.all(parameters) as Row[] }
      return { rows: [], numAffectedRows: BigInt(statement.run(parameters).changes) }
    }
    return db.executeQuery<Row>({ ...compiled.query, parameters } as CompiledQuery<Row>)
  }

  async rows(db: Db, values: P): Promise<Row[]> {
    return (await this.execute(db, values)).rows
  }

  async first(db: Db, values: P): Promise<Row | undefined> {
    return (await this.execute(db, values)).rows[0]
  }

  /** Rows inserted, updated or deleted. */
  async affected(db: Db, values: P): Promise<number> {
    return Number((await this.execute(db, values)).numAffectedRows ?? 0n)
  }

  #compile(db: Db, values: P): Compiled {
    let key: string = engineOf(db)
    for (const name in values) {
      const value = values[name]
      if (Array.isArray(value)) key += `|${name}:${value.length}`
    }
    let compiled = this.#compiled.get(key)
    if (compiled) return compiled
    const placeholder = ((name: string) => {
      const value = values[name]
      return Array.isArray(value) ? value.map((_, index) => `${MARK}${name}\u0000${index}`) : `${MARK}${name}`
    }) as Placeholder<P>
    const query = this.build(db, placeholder).compile()
    const slots = query.parameters.map((parameter) => {
      if (typeof parameter !== 'string' || !parameter.startsWith(MARK)) return { value: parameter }
      const [name, index] = parameter.slice(MARK.length).split('\u0000') as [string, string | undefined]
      return { name, index: index === undefined ? undefined : Number(index) }
    })
    this.#compiled.set(key, (compiled = { query, slots }))
    return compiled
  }
}

export const prepared = <P extends Record<string, unknown>, Row>(
  build: (db: Db, p: Placeholder<P>) => Compilable<Row>,
) => new PreparedQuery<P, Row>(build)
