import { sql, type Kysely } from 'kysely'

// Tables (issue #5): a table is a resource with a seat range; a service booked by party (lunch, dinner) says the
// largest party it takes online, from which size a booking is only a request the shop confirms, and how long a
// party stays by its size. A booking keeps its party size; a request holds its table like a booking until the
// shop answers, so confirming it can never double-book.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('booking_resources').addColumn('seats_min', 'integer').execute()
  await db.schema.alterTable('booking_resources').addColumn('seats_max', 'integer').execute()
  await db.schema.alterTable('bookable_services').addColumn('party_max', 'integer').execute()
  await db.schema.alterTable('bookable_services').addColumn('on_request_from', 'integer').execute()
  await db.schema
    .alterTable('bookings')
    .addColumn('party_size', 'integer', (c) => c.notNull().defaultTo(1))
    .execute()

  // How long a party of at least `party_from` people stays; below the first row, the catalog's duration.
  await db.schema
    .createTable('service_party_durations')
    .addColumn('variant_id', 'text', (c) =>
      c.notNull().references('bookable_services.variant_id').onDelete('cascade'),
    )
    .addColumn('party_from', 'integer', (c) => c.notNull())
    .addColumn('duration_minutes', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('service_party_durations_pk', ['variant_id', 'party_from'])
    .addCheckConstraint('service_party_durations_range', sql`party_from >= 1 and duration_minutes > 0`)
    .execute()
}

export async function down(): Promise<void> {
  throw new Error('not reversible')
}
