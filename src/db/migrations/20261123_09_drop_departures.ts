import type { Kysely } from 'kysely'

// Residents who left a drop's queue after their turn passed (decision 005): each departure moves the ranks
// behind it, so a process that keeps ranks in memory reads them again when this count changes.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('drops')
    .addColumn('departed', 'integer', (c) => c.notNull().defaultTo(0))
    .execute()
}

export async function down(): Promise<void> {
  throw new Error('not reversible')
}
