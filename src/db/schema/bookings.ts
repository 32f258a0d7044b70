import type { Generated } from 'kysely'

/** Bookings (issue #5, decision 006). */
export interface BookingResourcesTable {
  id: string
  shop_id: string
  name: string
  kind: string
  active: number
  created_at: string
  /** A table's seat range (both set, or neither: not a table). */
  seats_min: number | null
  seats_max: number | null
}

export interface ResourceHoursTable {
  resource_id: string
  weekday: number
  opens_minute: number
  closes_minute: number
}

export interface ResourceAbsencesTable {
  id: string
  resource_id: string
  starts_at: string
  ends_at: string
  reason: string
}

export interface BookableServicesTable {
  variant_id: string
  shop_id: string
  buffer_before_minutes: number
  buffer_after_minutes: number
  step_minutes: number
  notice_minutes: number
  horizon_days: number
  cancel_hours_before: number
  updated_at: string
  /** Booked by party (tables): the largest party online; null: one person, no party size. */
  party_max: number | null
  /** Parties of this size or more only ask; the shop confirms. */
  on_request_from: number | null
  /** What a booking guarantees (UX-16): none, card_hold (amount), deposit (percent of the price) or prepayment. */
  deposit_kind: Generated<string>
  deposit_percent: number | null
  deposit_amount_cents: number | null
}

export interface ServicePartyDurationsTable {
  variant_id: string
  party_from: number
  duration_minutes: number
}

export interface ServiceResourcesTable {
  variant_id: string
  resource_id: string
}

export interface BookingsTable {
  id: string
  shop_id: string
  variant_id: string
  resource_id: string
  user_id: string | null
  service_name: string
  resource_name: string
  price_cents: number
  starts_at: string
  ends_at: string
  status: string
  contact_name: string
  contact_email: string
  contact_phone: string
  cancel_token_hash: string
  cancellable_until: string
  created_at: string
  cancelled_at: string | null
  cancelled_by: string | null
  /** 1: the resident wants a reminder the day before (the default); 0: they unticked the box. */
  wants_reminder: number
  party_size: number
  /** The guarantee the booking was made under, kept as it was then: none, card_hold, deposit or prepayment. */
  deposit_kind: string
  /** Its amount (held for a card hold, taken for a deposit or prepayment); 0 for none. */
  deposit_cents: number
}

export interface BookingCellsTable {
  resource_id: string
  cell_start: string
  booking_id: string
}

/** The staff's private iCalendar links (issue #5): only the secret's hash is kept; at most one live per shop. */
export interface AgendaFeedsTable {
  id: string
  shop_id: string
  token_hash: string
  created_at: string
  revoked_at: string | null
}

/** A shop's booking rules that are not a service's (UX-18); no row: the defaults. */
export interface BookingShopSettingsTable {
  shop_id: string
  no_show_limit: number
  updated_at: string
}
