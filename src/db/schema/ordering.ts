import type { Generated } from 'kysely'

export interface BasketsTable {
  id: string
  user_id: string | null
  token_hash: string | null
  created_at: string
  updated_at: string
}

export interface BasketLinesTable {
  basket_id: string
  variant_id: string
  shop_id: string
  quantity: number
  /** The unit price the resident saw when adding the line, in cents. */
  seen_price_cents: number
  added_at: string
  /** Set when the line is a drop's hold (issue #4): the checkout converts the hold instead of holding stock. */
  drop_id: string | null
  /** Set when the line is taken at a drop's bundle price (issue #4): that price holds only beside the drop's line. */
  offer_id: string | null
}

export interface CheckoutsTable {
  id: string
  /** 'user:<id>' or 'basket:<id>'. */
  scope: string
  idempotency_key: string
  /** What was asked, so the same key with a different request is refused. */
  fingerprint: string
  user_id: string | null
  contact_name: string
  contact_email: string
  contact_phone: Generated<string>
  created_at: string
}

export interface OrdersTable {
  id: string
  checkout_id: string
  shop_id: string
  user_id: string | null
  status: string
  pickup_code: string
  slot_starts_at: string
  slot_ends_at: string
  payment_method: string
  total_cents: number
  currency: Generated<string>
  placed_at: string
  updated_at: string
  ready_at: string | null
  /** When the order reached collected, cancelled or no_show. */
  closed_at: string | null
  /** A code (ordering's CANCEL_REASONS), for a cancelled order. */
  cancel_reason: string | null
  /** The words given when cancelling: the shop's. */
  cancel_note: string | null
}

export interface OrderLinesTable {
  order_id: string
  position: number
  shop_id: string
  product_id: string
  variant_id: string
  product_name: string
  variant_name: string
  quantity: number
  unit_price_cents: number
  vat_rate_bp: number
  holds_stock: number
  /** The product's withdrawal exception when ordered (null: the 14-day right applies). */
  withdrawal_exception: string | null
}

export interface OrderEventsTable {
  id: string
  order_id: string
  shop_id: string
  from_status: string | null
  to_status: string
  at: string
  actor_user_id: string | null
  reason: string | null
}

export interface OrderLineChangesTable {
  id: string
  order_id: string
  shop_id: string
  position: number
  /** partial (fewer units), withdrawn (the line removed) or substituted (another product instead). */
  kind: string
  product_name: string
  variant_name: string
  quantity_before: number
  quantity_after: number
  substitute_product_name: string | null
  substitute_variant_name: string | null
  at: string
  actor_user_id: string | null
  notified_at: string | null
}

export interface SlotLoadsTable {
  shop_id: string
  starts_at: string
  orders: Generated<number>
}

/** A payment belongs to an order or to a booking (its deposit), exactly one of the two. */
export interface PaymentsTable {
  id: string
  order_id: string | null
  booking_id: string | null
  shop_id: string
  provider: string
  status: string
  amount_cents: number
  currency: string
  provider_reference: string | null
  created_at: string
  updated_at: string
}

export interface PaymentOperationsTable {
  id: string
  payment_id: string
  kind: string
  idempotency_key: string
  outcome: string
  amount_cents: number
  at: string
}

export interface TestCardChargesTable {
  id: string
  status: string
  amount_cents: number
  captured_cents: Generated<number>
  refunded_cents: Generated<number>
  created_at: string
}

export interface TestCardRequestsTable {
  idempotency_key: string
  charge_id: string
  result: string
}

export interface OutboxTable {
  id: string
  topic: string
  key: string
  shop_id: string | null
  payload: Generated<string>
  created_at: string
  not_before: string
  attempts: Generated<number>
  locked_until: string | null
  last_error: string | null
  done_at: string | null
}

export interface MailMessagesTable {
  id: string
  source_key: string
  to_address: string
  subject: string
  text_body: string
  html_body: string
  attachments: Generated<string>
  created_at: string
  delivered_at: string | null
  transport: string
}
