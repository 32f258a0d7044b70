import type { Generated } from 'kysely'

export interface ShopsTable {
  id: string
  slug: string
  name: string
  kind: string
  tagline: string
  description: string
  street: string
  postal_code: string
  city: string
  phone: string
  email: string
  latitude: number | null
  longitude: number | null
  time_zone: string
  siret: string | null
  vat_number: string | null
  pickup_instructions: string
  /** After this many hours without a stock update, products say "availability to confirm" (UX-01). */
  stock_freshness_hours: number
  /** Click & collect settings (issue #3). */
  pickup_enabled: Generated<number>
  slot_minutes: Generated<number>
  /** Orders a slot can take. */
  slot_capacity: Generated<number>
  preparation_minutes: Generated<number>
  /** The last slot ends this long before closing, so the counter has time to hand over. */
  handover_margin_minutes: Generated<number>
  pickup_horizon_days: Generated<number>
  /** A ready order not collected this long after its slot ends is a no-show. */
  no_show_after_hours: Generated<number>
  created_at: string
  updated_at: string
}

export interface OpeningHoursTable {
  shop_id: string
  /** ISO weekday, 1 = Monday. */
  weekday: number
  opens_minute: number
  closes_minute: number
}

export interface ClosuresTable {
  id: string
  shop_id: string
  starts_on: string
  ends_on: string
  reason: string
}
