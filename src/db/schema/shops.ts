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
