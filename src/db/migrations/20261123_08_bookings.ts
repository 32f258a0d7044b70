import { sql, type Kysely } from 'kysely'

// Bookings (issue #5, decision 006): a shop's resources (staff, chairs, rooms) with their hours and absences,
// catalog services made bookable, and bookings whose occupied time is cut into five-minute cells, each cell of a
// resource a primary key: two overlapping bookings of one resource cannot both be written.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('booking_resources')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('shop_id', 'text', (c) => c.notNull().references('shops.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    // 'staff' (a person) or 'resource' (a chair, a room, a bench).
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addCheckConstraint('booking_resources_kind', sql`kind in ('staff', 'resource')`)
    .execute()
  await db.schema
    .createIndex('booking_resources_shop')
    .on('booking_resources')
    .columns(['shop_id', 'name'])
    .execute()

  // A resource's own weekly hours; none: it works the shop's opening hours.
  await db.schema
    .createTable('resource_hours')
    .addColumn('resource_id', 'text', (c) =>
      c.notNull().references('booking_resources.id').onDelete('cascade'),
    )
    .addColumn('weekday', 'integer', (c) => c.notNull().check(sql`weekday between 1 and 7`))
    .addColumn('opens_minute', 'integer', (c) => c.notNull())
    .addColumn('closes_minute', 'integer', (c) => c.notNull())
    .addCheckConstraint(
      'resource_hours_range',
      sql`opens_minute >= 0 and opens_minute < closes_minute and closes_minute <= 1440`,
    )
    .execute()
  await db.schema
    .createIndex('resource_hours_resource')
    .on('resource_hours')
    .columns(['resource_id', 'weekday'])
    .execute()

  await db.schema
    .createTable('resource_absences')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('resource_id', 'text', (c) =>
      c.notNull().references('booking_resources.id').onDelete('cascade'),
    )
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('ends_at', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull().defaultTo(''))
    .addCheckConstraint('resource_absences_range', sql`starts_at < ends_at`)
    .execute()
  await db.schema
    .createIndex('resource_absences_resource')
    .on('resource_absences')
    .columns(['resource_id', 'ends_at'])
    .execute()

  // A catalog service variant made bookable, with its booking settings.
  await db.schema
    .createTable('bookable_services')
    .addColumn('variant_id', 'text', (c) => c.primaryKey().references('variants.id').onDelete('cascade'))
    .addColumn('shop_id', 'text', (c) => c.notNull().references('shops.id').onDelete('cascade'))
    .addColumn('buffer_before_minutes', 'integer', (c) => c.notNull())
    .addColumn('buffer_after_minutes', 'integer', (c) => c.notNull())
    .addColumn('step_minutes', 'integer', (c) => c.notNull())
    .addColumn('notice_minutes', 'integer', (c) => c.notNull())
    .addColumn('horizon_days', 'integer', (c) => c.notNull())
    .addColumn('cancel_hours_before', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('bookable_services_shop').on('bookable_services').column('shop_id').execute()

  await db.schema
    .createTable('service_resources')
    .addColumn('variant_id', 'text', (c) =>
      c.notNull().references('bookable_services.variant_id').onDelete('cascade'),
    )
    .addColumn('resource_id', 'text', (c) =>
      c.notNull().references('booking_resources.id').onDelete('cascade'),
    )
    .addPrimaryKeyConstraint('service_resources_pk', ['variant_id', 'resource_id'])
    .execute()

  await db.schema
    .createTable('bookings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('shop_id', 'text', (c) => c.notNull().references('shops.id'))
    .addColumn('variant_id', 'text', (c) => c.notNull())
    .addColumn('resource_id', 'text', (c) => c.notNull().references('booking_resources.id'))
    .addColumn('user_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    // What was booked, as the resident was told (kept if the catalog changes later).
    .addColumn('service_name', 'text', (c) => c.notNull())
    .addColumn('resource_name', 'text', (c) => c.notNull())
    .addColumn('price_cents', 'integer', (c) => c.notNull())
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('ends_at', 'text', (c) => c.notNull())
    // confirmed → cancelled (by the resident or the shop); attended and no-show come with issue #5's next part.
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('contact_name', 'text', (c) => c.notNull())
    .addColumn('contact_email', 'text', (c) => c.notNull())
    .addColumn('contact_phone', 'text', (c) => c.notNull())
    // The cancel link's secret, hashed (UX-15: cancelling needs no account), and until when it works.
    .addColumn('cancel_token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('cancellable_until', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('cancelled_at', 'text')
    .addColumn('cancelled_by', 'text')
    .addCheckConstraint('bookings_range', sql`starts_at < ends_at`)
    .execute()
  await db.schema.createIndex('bookings_shop_time').on('bookings').columns(['shop_id', 'starts_at']).execute()
  await db.schema.createIndex('bookings_user').on('bookings').columns(['user_id', 'starts_at']).execute()

  // The five-minute cells each confirmed booking occupies, buffers included: one owner per cell of a resource.
  await db.schema
    .createTable('booking_cells')
    .addColumn('resource_id', 'text', (c) =>
      c.notNull().references('booking_resources.id').onDelete('cascade'),
    )
    .addColumn('cell_start', 'text', (c) => c.notNull())
    .addColumn('booking_id', 'text', (c) => c.notNull().references('bookings.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('booking_cells_pk', ['resource_id', 'cell_start'])
    .execute()
  await db.schema.createIndex('booking_cells_booking').on('booking_cells').column('booking_id').execute()
}

export async function down(): Promise<void> {
  throw new Error('not reversible')
}
