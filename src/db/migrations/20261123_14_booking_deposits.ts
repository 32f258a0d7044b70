import { sql, type Kysely } from 'kysely'
import { engineOf, type Db } from '../index.js'

// Booking deposits (UX-16, UX-18, decision 006 "Deposits"): a bookable service asks for nothing, a card hold, a
// deposit or full prepayment; a booking keeps the policy and amount it was made under; a payment belongs to an
// order or to a booking, never both.
export async function up(anyDb: Kysely<unknown>): Promise<void> {
  const db = anyDb as unknown as Db
  await db.schema
    .alterTable('bookable_services')
    .addColumn('deposit_kind', 'text', (c) => c.notNull().defaultTo('none'))
    .execute()
  await db.schema.alterTable('bookable_services').addColumn('deposit_percent', 'integer').execute()
  await db.schema.alterTable('bookable_services').addColumn('deposit_amount_cents', 'integer').execute()
  await db.schema
    .alterTable('bookings')
    .addColumn('deposit_kind', 'text', (c) => c.notNull().defaultTo('none'))
    .execute()
  await db.schema
    .alterTable('bookings')
    .addColumn('deposit_cents', 'integer', (c) => c.notNull().defaultTo(0))
    .execute()

  if (engineOf(db) === 'postgres') {
    await db.schema
      .alterTable('payments')
      .alterColumn('order_id', (c) => c.dropNotNull())
      .execute()
    await db.schema
      .alterTable('payments')
      .addColumn('booking_id', 'text', (c) => c.unique().references('bookings.id'))
      .execute()
    await db.schema
      .alterTable('payments')
      .addCheckConstraint('payments_order_or_booking', sql`(order_id is null) <> (booking_id is null)`)
      .execute()
    return
  }
  // SQLite cannot drop a NOT NULL: the table is rebuilt (its "generalized ALTER TABLE" procedure). payment_operations
  // refers to payments, and dropping a parent with children fails while foreign keys are on (they cannot be turned
  // off inside a transaction), so payment_operations is rebuilt too: the new pair is created, filled, the old pair
  // dropped (children first), then renamed; renaming payments_new rewrites payment_operations_new's reference.
  // Kysely runs SQLite migrations outside a transaction: this one opens its own, so a crash leaves the old tables.
  await db.transaction().execute(async (trx) => {
    await trx.schema
      .createTable('payments_new')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('order_id', 'text', (c) => c.unique().references('orders.id'))
      .addColumn('booking_id', 'text', (c) => c.unique().references('bookings.id'))
      .addColumn('shop_id', 'text', (c) => c.notNull())
      .addColumn('provider', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('amount_cents', 'integer', (c) => c.notNull())
      .addColumn('currency', 'text', (c) => c.notNull())
      .addColumn('provider_reference', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addCheckConstraint('payments_order_or_booking', sql`(order_id is null) <> (booking_id is null)`)
      .execute()
    await sql`insert into payments_new (id, order_id, booking_id, shop_id, provider, status, amount_cents, currency, provider_reference, created_at, updated_at)
      select id, order_id, null, shop_id, provider, status, amount_cents, currency, provider_reference, created_at, updated_at from payments`.execute(
      trx,
    )
    await trx.schema
      .createTable('payment_operations_new')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('payment_id', 'text', (c) => c.notNull().references('payments_new.id'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('idempotency_key', 'text', (c) => c.notNull().unique())
      .addColumn('outcome', 'text', (c) => c.notNull())
      .addColumn('amount_cents', 'integer', (c) => c.notNull())
      .addColumn('at', 'text', (c) => c.notNull())
      .execute()
    await sql`insert into payment_operations_new (id, payment_id, kind, idempotency_key, outcome, amount_cents, at)
      select id, payment_id, kind, idempotency_key, outcome, amount_cents, at from payment_operations`.execute(
      trx,
    )
    await trx.schema.dropTable('payment_operations').execute()
    await trx.schema.dropTable('payments').execute()
    await trx.schema.alterTable('payments_new').renameTo('payments').execute()
    await trx.schema.alterTable('payment_operations_new').renameTo('payment_operations').execute()
  })
}
