/** Drops (issue #4, decision 005). */
export interface DropsTable {
  id: string
  shop_id: string
  product_id: string
  variant_id: string
  title: string
  starts_at: string
  units: number
  per_resident_limit: number
  hold_minutes: number
  units_left: number
  admitted: number
  /** Residents who left the queue after their turn passed (to join again at the back). */
  departed: number
  created_at: string
  ended_at: string | null
}

export interface DropEntriesTable {
  id: string
  drop_id: string
  user_id: string
  arrived_at: string
  lottery: number | null
  admitted_at: string | null
}

export interface DropHoldsTable {
  id: string
  drop_id: string
  user_id: string
  quantity: number
  status: string
  held_at: string
  expires_at: string
  order_id: string | null
}

/** A drop's bundle offers: the drop's item and this variant together for bundle_price_cents. */
export interface DropOffersTable {
  id: string
  drop_id: string
  variant_id: string
  bundle_price_cents: number
  position: number
}
