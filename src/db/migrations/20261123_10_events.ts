import { sql, type Kysely } from 'kysely'

// Events with seats (issue #5): a tasting, a workshop, a town evening. Seats are counted on the event's own row,
// whose update every registration and cancellation makes first: it locks the row (PostgreSQL) or runs alone
// (SQLite), so decisions about seats and the waitlist are taken one at a time, in arrival order.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('booking_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('shop_id', 'text', (c) => c.notNull().references('shops.id').onDelete('cascade'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('place', 'text', (c) => c.notNull())
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('ends_at', 'text', (c) => c.notNull())
    .addColumn('capacity', 'integer', (c) => c.notNull())
    .addColumn('seats_per_person', 'integer', (c) => c.notNull())
    // 0: free. Paid seats are paid on the day (card holds and deposits come with the payment work of issue #5).
    .addColumn('price_cents', 'integer', (c) => c.notNull())
    // A freed seat is offered to the first person waiting for this long before it passes to the next one.
    .addColumn('offer_hours', 'integer', (c) => c.notNull())
    .addColumn('cancel_hours_before', 'integer', (c) => c.notNull())
    // Seats given or offered; never above capacity (checked here as well as by the code that counts).
    .addColumn('seats_taken', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('waiting_count', 'integer', (c) => c.notNull().defaultTo(0))
    // Numbers registrations in the order they locked the row (their arrival).
    .addColumn('arrival_sequence', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addCheckConstraint(
      'booking_events_seats',
      sql`seats_taken >= 0 and seats_taken <= capacity and waiting_count >= 0`,
    )
    .addCheckConstraint('booking_events_range', sql`starts_at < ends_at`)
    .addCheckConstraint('booking_events_status', sql`status in ('scheduled', 'cancelled')`)
    .execute()
  await db.schema
    .createIndex('booking_events_shop_time')
    .on('booking_events')
    .columns(['shop_id', 'starts_at'])
    .execute()
  await db.schema.createIndex('booking_events_time').on('booking_events').columns(['starts_at']).execute()

  await db.schema
    .createTable('event_registrations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('event_id', 'text', (c) => c.notNull().references('booking_events.id').onDelete('cascade'))
    .addColumn('shop_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('seats', 'integer', (c) => c.notNull().check(sql`seats >= 1`))
    // seated | waiting | offered (seats kept for them until offer_expires_at) | cancelled | expired
    .addColumn('status', 'text', (c) => c.notNull())
    // The order registrations reached the event's row: the waitlist is served in it.
    .addColumn('arrival', 'integer', (c) => c.notNull())
    .addColumn('offer_expires_at', 'text')
    .addColumn('contact_name', 'text', (c) => c.notNull())
    .addColumn('contact_email', 'text', (c) => c.notNull())
    .addColumn('contact_phone', 'text', (c) => c.notNull())
    // The secret of the link in the registration's messages (see it, cancel), hashed; a seat offered later
    // comes with a second secret, sent in the offer (the first one is known only when registering).
    .addColumn('link_token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('offer_token_hash', 'text', (c) => c.unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addCheckConstraint(
      'event_registrations_status',
      sql`status in ('seated', 'waiting', 'offered', 'cancelled', 'expired')`,
    )
    .execute()
  await db.schema
    .createIndex('event_registrations_event')
    .on('event_registrations')
    .columns(['event_id', 'status', 'arrival'])
    .execute()
  // One live registration per email per event: the per-person seat limit cannot be dodged by registering twice.
  await db.schema
    .createIndex('event_registrations_one_per_email')
    .on('event_registrations')
    .columns(['event_id', 'contact_email'])
    .unique()
    .where(sql.ref('status'), 'in', sql`('seated', 'waiting', 'offered')`)
    .execute()
}

export async function down(): Promise<void> {
  throw new Error('not reversible')
}
