import { sql, type Kysely } from 'kysely'

// Bookings, continued (issue #5). Reminders: whether the resident wants one the day before (the booking form's
// box, ticked by default; a service message, not marketing). The staff's agenda feed: private iCalendar links,
// of which only a hash is kept, revocable, at most one live per shop (the database says so too).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('bookings')
    .addColumn('wants_reminder', 'integer', (c) => c.notNull().defaultTo(1))
    .execute()

  await db.schema
    .createTable('agenda_feeds')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('shop_id', 'text', (c) => c.notNull().references('shops.id').onDelete('cascade'))
    // SHA-256 of the link's secret: a copy of the table opens no agenda.
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .execute()
  await db.schema
    .createIndex('agenda_feeds_one_live')
    .unique()
    .on('agenda_feeds')
    .column('shop_id')
    .where(sql.ref('revoked_at'), 'is', null)
    .execute()
}

export async function down(): Promise<void> {
  throw new Error('not reversible')
}
