import { sql, type Kysely } from 'kysely'
import type { Db } from '../index.js'

// Click & collect (issue #3): pickup settings, baskets, checkouts (idempotency), orders and their history,
// slot loads (capacity as a conditional counter), payments and their idempotent operations, the outbox
// and the local mailbox. Same column types as the foundation (decision 002).
export async function up(anyDb: Kysely<unknown>): Promise<void> {
  const db = anyDb as unknown as Db

  const pickupColumns: Array<[string, number]> = [
    ['pickup_enabled', 1],
    ['slot_minutes', 15],
    ['slot_capacity', 4],
    ['preparation_minutes', 60],
    ['handover_margin_minutes', 15],
    ['pickup_horizon_days', 7],
    ['no_show_after_hours', 24],
  ]
  for (const [name, fallback] of pickupColumns) {
    await db.schema
      .alterTable('shops')
      .addColumn(name, 'integer', (c) => c.notNull().defaultTo(fallback))
      .execute()
  }

  await db.schema
    .createTable('baskets')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.unique().references('users.id').onDelete('cascade'))
    // Anonymous baskets are found by the hash of the token in the visitor's cookie.
    .addColumn('token_hash', 'text', (c) => c.unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('basket_lines')
    .addColumn('basket_id', 'text', (c) => c.notNull().references('baskets.id').onDelete('cascade'))
    .addColumn('variant_id', 'text', (c) => c.notNull().references('variants.id').onDelete('cascade'))
    .addColumn('shop_id', 'text', (c) => c.notNull().references('shops.id').onDelete('cascade'))
    .addColumn('quantity', 'integer', (c) => c.notNull())
    // The price the resident saw when adding the line: a later change must be confirmed before ordering.
    .addColumn('seen_price_cents', 'integer', (c) => c.notNull())
    .addColumn('added_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('basket_lines_pk', ['basket_id', 'variant_id'])
    .addCheckConstraint('basket_lines_quantity', sql`quantity between 1 and 99`)
    .execute()

  await db.schema
    .createTable('checkouts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // 'user:<id>' or 'basket:<id>': whose key it is. The same key in the same scope is the same checkout.
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('idempotency_key', 'text', (c) => c.notNull())
    .addColumn('fingerprint', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('contact_name', 'text', (c) => c.notNull())
    .addColumn('contact_email', 'text', (c) => c.notNull())
    .addColumn('contact_phone', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('checkouts_idempotency', ['scope', 'idempotency_key'])
    .execute()

  await db.schema
    .createTable('orders')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('checkout_id', 'text', (c) => c.notNull().references('checkouts.id'))
    .addColumn('shop_id', 'text', (c) => c.notNull().references('shops.id'))
    .addColumn('user_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('pickup_code', 'text', (c) => c.notNull())
    .addColumn('slot_starts_at', 'text', (c) => c.notNull())
    .addColumn('slot_ends_at', 'text', (c) => c.notNull())
    .addColumn('payment_method', 'text', (c) => c.notNull())
    .addColumn('total_cents', 'integer', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull().defaultTo('EUR'))
    .addColumn('placed_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('ready_at', 'text')
    .addColumn('closed_at', 'text')
    .addColumn('cancel_reason', 'text')
    .addUniqueConstraint('orders_pickup_code', ['shop_id', 'pickup_code'])
    .execute()
  await db.schema
    .createIndex('orders_shop_slot')
    .on('orders')
    .columns(['shop_id', 'slot_starts_at'])
    .execute()
  await db.schema.createIndex('orders_user').on('orders').columns(['user_id', 'placed_at']).execute()
  await db.schema.createIndex('orders_checkout').on('orders').column('checkout_id').execute()

  await db.schema
    .createTable('order_lines')
    .addColumn('order_id', 'text', (c) => c.notNull().references('orders.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('shop_id', 'text', (c) => c.notNull())
    .addColumn('product_id', 'text', (c) => c.notNull())
    .addColumn('variant_id', 'text', (c) => c.notNull())
    .addColumn('product_name', 'text', (c) => c.notNull())
    .addColumn('variant_name', 'text', (c) => c.notNull())
    .addColumn('quantity', 'integer', (c) => c.notNull())
    .addColumn('unit_price_cents', 'integer', (c) => c.notNull())
    .addColumn('vat_rate_bp', 'integer', (c) => c.notNull())
    // Whether units were held in stock for this line (services and untracked variants hold nothing).
    .addColumn('holds_stock', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('order_lines_pk', ['order_id', 'position'])
    .execute()

  await db.schema
    .createTable('order_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('order_id', 'text', (c) => c.notNull().references('orders.id').onDelete('cascade'))
    .addColumn('shop_id', 'text', (c) => c.notNull())
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_user_id', 'text')
    .addColumn('reason', 'text')
    .execute()
  await db.schema.createIndex('order_events_order').on('order_events').columns(['order_id', 'at']).execute()

  await db.schema
    .createTable('slot_loads')
    .addColumn('shop_id', 'text', (c) => c.notNull().references('shops.id').onDelete('cascade'))
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('orders', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('slot_loads_pk', ['shop_id', 'starts_at'])
    .addCheckConstraint('slot_loads_orders', sql`orders >= 0`)
    .execute()

  await db.schema
    .createTable('payments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('order_id', 'text', (c) => c.notNull().unique().references('orders.id'))
    .addColumn('shop_id', 'text', (c) => c.notNull())
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('amount_cents', 'integer', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('provider_reference', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('payment_operations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('payment_id', 'text', (c) => c.notNull().references('payments.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    // One capture per payment, ever: the key is '<payment id>:capture'.
    .addColumn('idempotency_key', 'text', (c) => c.notNull().unique())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('amount_cents', 'integer', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute()

  // The built-in test card provider keeps its own books, as a real provider would on its side.
  await db.schema
    .createTable('test_card_charges')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('amount_cents', 'integer', (c) => c.notNull())
    .addColumn('captured_cents', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('refunded_cents', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createTable('test_card_requests')
    .addColumn('idempotency_key', 'text', (c) => c.primaryKey())
    .addColumn('charge_id', 'text', (c) => c.notNull())
    .addColumn('result', 'text', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('outbox')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('topic', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('shop_id', 'text')
    .addColumn('payload', 'text', (c) => c.notNull().defaultTo('null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('not_before', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', 'text')
    .addColumn('last_error', 'text')
    .addColumn('done_at', 'text')
    .addUniqueConstraint('outbox_topic_key', ['topic', 'key'])
    .execute()
  await db.schema.createIndex('outbox_due').on('outbox').columns(['done_at', 'not_before']).execute()

  await db.schema
    .createTable('mail_messages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // The outbox message it was written for: a retried delivery never writes a second copy.
    .addColumn('source_key', 'text', (c) => c.notNull().unique())
    .addColumn('to_address', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('text_body', 'text', (c) => c.notNull())
    .addColumn('html_body', 'text', (c) => c.notNull())
    // Inline images (the pickup QR code), as JSON: [{ cid, filename, contentType, base64 }].
    .addColumn('attachments', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('delivered_at', 'text')
    .addColumn('transport', 'text', (c) => c.notNull())
    .execute()
}

export async function down(): Promise<void> {
  throw new Error('not reversible')
}
