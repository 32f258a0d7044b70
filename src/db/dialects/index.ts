import { sql, type RawBuilder } from 'kysely'
import { engineOf, type Db } from '../index.js'

/**
 * A full-text query already normalized by the catalog: every group must match, any term of a group will do.
 * Terms are lowercase [a-z0-9] words, the same tokens both engines indexed.
 */
export type MatchGroups = ReadonlyArray<ReadonlyArray<string>>

/**
 * A boolean SQL condition on `products` that is true when the product's indexed words match the groups.
 * SQLite answers from the FTS5 table, PostgreSQL from a GIN-indexed tsvector; both index the same words,
 * so both return the same rows.
 */
export function productMatches(db: Db, groups: MatchGroups): RawBuilder<boolean> {
  const safe = groups
    .map((group) => group.filter((term) => /^[a-z0-9]+$/.test(term)))
    .filter((g) => g.length > 0)
  if (safe.length === 0) return sql<boolean>`1 = 0`
  if (engineOf(db) === 'postgres') {
    const query = safe.map((group) => `(${group.join(' | ')})`).join(' & ')
    return sql<boolean>`products.search_vector @@ to_tsquery('simple', ${query})`
  }
  const query = safe.map((group) => `(${group.map((t) => `"${t}"`).join(' OR ')})`).join(' AND ')
  return sql<boolean>`products.rowid in (select rowid from products_fts where products_fts match ${query})`
}

/** Case-insensitive "contains" for short admin filters, escaped so % and _ match themselves. */
export function containsText(value: string): string {
  return `%${value.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
}

/** After a bulk load (the demo town, an import): fresh statistics so the planner uses the right indexes. */
export async function refreshPlannerStatistics(db: Db): Promise<void> {
  if (engineOf(db) === 'postgres') await sql`analyze`.execute(db)
  else await sql`pragma optimize = 0x10002`.execute(db)
}
