import { sql, type Kysely } from 'kysely'
import { engineOf, type Db } from '../index.js'

// Town events (issue #5 item 3, decision 006 "Town events"): the town's coordinator runs events that belong to no
// shop, so an event's shop_id (and its registrations') may be null. Such an event has no shop address: its
// `place` says where it happens, and the database refuses one without it.
export async function up(anyDb: Kysely<unknown>): Promise<void> {
  const db = anyDb as unknown as Db
  if (engineOf(db) === 'postgres') {
    await db.schema
      .alterTable('booking_events')
      .alterColumn('shop_id', (c) => c.dropNotNull())
      .execute()
    await db.schema
      .alterTable('event_registrations')
      .alterColumn('shop_id', (c) => c.dropNotNull())
      .execute()
    await db.schema
      .alterTable('booking_events')
      .addCheckConstraint('booking_events_town_place', sql`shop_id is not null or place <> ''`)
      .execute()
    return
  }
  // SQLite cannot drop a NOT NULL: both tables are rebuilt (its "generalized ALTER TABLE" procedure), as in
  // 20261123_14. Foreign keys cannot be turned off inside a transaction, and dropping booking_events while
  // event_registrations refers to it would cascade, so the new pair is created and filled, the old pair dropped
  // (child first), then renamed: renaming booking_events_new rewrites event_registrations_new's reference. Kysely
  // runs SQLite migrations outside a transaction: this one opens its own, so a crash leaves the old tables.
  await db.transaction().execute(async (trx) => {
    await trx.schema
      .createTable('booking_events_new')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('shop_id', 'text', (c) => c.references('shops.id').onDelete('cascade'))
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('description', 'text', (c) => c.notNull())
      .addColumn('place', 'text', (c) => c.notNull())
      .addColumn('starts_at', 'text', (c) => c.notNull())
      .addColumn('ends_at', 'text', (c) => c.notNull())
      .addColumn('capacity', 'integer', (c) => c.notNull())
      .addColumn('seats_per_person', 'integer', (c) => c.notNull())
      .addColumn('price_cents', 'integer', (c) => c.notNull())
      .addColumn('offer_hours', 'integer', (c) => c.notNull())
      .addColumn('cancel_hours_before', 'integer', (c) => c.notNull())
      .addColumn('seats_taken', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('waiting_count', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('arrival_sequence', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addCheckConstraint(
        'booking_events_seats',
        sql`seats_taken >= 0 and seats_taken <= capacity and waiting_count >= 0`,
      )
      .addCheckConstraint('booking_events_range', sql`starts_at < ends_at`)
      .addCheckConstraint('booking_events_status', sql`status in ('scheduled', 'cancelled')`)
      .addCheckConstraint('booking_events_town_place', sql`shop_id is not null or place <> ''`)
      .execute()
    await sql`insert into booking_events_new (id, shop_id, title, description, place, starts_at, ends_at, capacity, seats_per_person, price_cents, offer_hours, cancel_hours_before, seats_taken, waiting_count, arrival_sequence, status, created_at)
      select id, shop_id, title, description, place, starts_at, ends_at, capacity, seats_per_person, price_cents, offer_hours, cancel_hours_before, seats_taken, waiting_count, arrival_sequence, status, created_at from booking_events`.execute(
      trx,
    )
    await trx.schema
      .createTable('event_registrations_new')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('event_id', 'text', (c) =>
        c.notNull().references('booking_events_new.id').onDelete('cascade'),
      )
      .addColumn('shop_id', 'text')
      .addColumn('user_id', 'text', (c) => c.references('users.id').onDelete('set null'))
      .addColumn('seats', 'integer', (c) => c.notNull().check(sql`seats >= 1`))
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('arrival', 'integer', (c) => c.notNull())
      .addColumn('offer_expires_at', 'text')
      .addColumn('contact_name', 'text', (c) => c.notNull())
      .addColumn('contact_email', 'text', (c) => c.notNull())
      .addColumn('contact_phone', 'text', (c) => c.notNull())
      .addColumn('link_token_hash', 'text', (c) => c.notNull().unique())
      .addColumn('offer_token_hash', 'text', (c) => c.unique())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addCheckConstraint(
        'event_registrations_status',
        sql`status in ('seated', 'waiting', 'offered', 'cancelled', 'expired')`,
      )
      .execute()
    await sql`insert into event_registrations_new (id, event_id, shop_id, user_id, seats, status, arrival, offer_expires_at, contact_name, contact_email, contact_phone, link_token_hash, offer_token_hash, created_at, updated_at)
      select id, event_id, shop_id, user_id, seats, status, arrival, offer_expires_at, contact_name, contact_email, contact_phone, link_token_hash, offer_token_hash, created_at, updated_at from event_registrations`.execute(
      trx,
    )
    await trx.schema.dropTable('event_registrations').execute()
    await trx.schema.dropTable('booking_events').execute()
    await trx.schema.alterTable('booking_events_new').renameTo('booking_events').execute()
    await trx.schema.alterTable('event_registrations_new').renameTo('event_registrations').execute()
    // The indexes went with the old tables: the same ones again, under the same names.
    await trx.schema
      .createIndex('booking_events_shop_time')
      .on('booking_events')
      .columns(['shop_id', 'starts_at'])
      .execute()
    await trx.schema.createIndex('booking_events_time').on('booking_events').columns(['starts_at']).execute()
    await trx.schema
      .createIndex('event_registrations_event')
      .on('event_registrations')
      .columns(['event_id', 'status', 'arrival'])
      .execute()
    await trx.schema
      .createIndex('event_registrations_one_per_email')
      .on('event_registrations')
      .columns(['event_id', 'contact_email'])
      .unique()
      .where(sql.ref('status'), 'in', sql`('seated', 'waiting', 'offered')`)
      .execute()
    // Every row copied still points at a shop and an event that exist (the procedure's last check).
    const broken = await sql<{ table: string }>`pragma foreign_key_check`.execute(trx)
    if (broken.rows.length > 0)
      throw new Error(`town events migration: ${broken.rows.length} rows break a foreign key`)
  })
}

export async function down(): Promise<void> {
  throw new Error('not reversible')
}
