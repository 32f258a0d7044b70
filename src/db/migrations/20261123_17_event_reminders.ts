import type { Kysely } from 'kysely'

// UX-15 for events: a seated resident gets a reminder the day before unless they unticked it when registering,
// as for bookings. Registrations made before this column existed keep the default: reminded.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('event_registrations')
    .addColumn('wants_reminder', 'integer', (c) => c.notNull().defaultTo(1))
    .execute()
}
