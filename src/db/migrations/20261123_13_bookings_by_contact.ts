import type { Kysely } from 'kysely'

// UX-17: a booking looks up the same person's bookings at other shops by email (residents book without an
// account too); by account, bookings_user already serves.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('bookings_contact_email')
    .on('bookings')
    .columns(['contact_email', 'starts_at'])
    .execute()
}
