/** Events with seats and a waitlist (issue #5). */
export interface BookingEventsTable {
  id: string
  /** Null: a town event, run by the coordinator (its `place` is then required). */
  shop_id: string | null
  title: string
  description: string
  place: string
  starts_at: string
  ends_at: string
  capacity: number
  seats_per_person: number
  price_cents: number
  offer_hours: number
  cancel_hours_before: number
  seats_taken: number
  waiting_count: number
  arrival_sequence: number
  status: string
  created_at: string
}

export interface EventRegistrationsTable {
  id: string
  event_id: string
  /** The event's shop; null for a town event's registrations. */
  shop_id: string | null
  user_id: string | null
  seats: number
  status: string
  arrival: number
  offer_expires_at: string | null
  contact_name: string
  contact_email: string
  contact_phone: string
  link_token_hash: string
  offer_token_hash: string | null
  created_at: string
  updated_at: string
  /** 1: a reminder the day before, once seated (UX-15); 0: unticked. */
  wants_reminder: number
}
