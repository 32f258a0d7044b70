/**
 * Every outbox topic and what its messages carry beside their key (JSON; `null`: nothing). Producers (`enqueue`)
 * and handlers (src/jobs/handlers.ts) are both typed by this map, so a message is read as it was written. The
 * shapes are plain types, not the modules' own: db/ imports only lib/.
 */
export interface OutboxTopics {
  // Click & collect and drops
  'checkout.confirmed': null
  'checkout.payment_timeout': null
  'order.ready': null
  'order.cancelled': null
  'order.no_show': null
  'order.no_show_due': null
  'order.adjusted': null
  'payment.capture': null
  'payment.cancel': null
  'drop.holds_expire': null

  // Bookings: a message that links to the booking carries the link's secret, which only the producer knew.
  'booking.confirmed': { cancelToken: string }
  'booking.requested': { cancelToken: string }
  'booking.cancelled': null
  'booking.declined': null
  'booking.request_due': null
  'booking.request_lapsed': null
  'booking.moved': { cancelToken: string; from: string; movedAt: string; by?: 'shop' | 'resident' }
  'booking.reminder': { cancelToken: string }
  'booking.payment_settle': null
  'booking.payment_timeout': null

  // Events with seats: likewise, the registration's link.
  'event.registered': { linkToken: string; status: 'seated' | 'waiting' }
  'event.seat_offered': { offerToken: string }
  'event.seat_taken': { linkToken: string }
  'event.registration_cancelled': { by?: 'resident' | 'shop' | 'event_cancelled' }
  'event.offer_due': null
  'event.offer_lapsed': null
  'event.reminder': { linkToken: string }
}

export type OutboxTopic = keyof OutboxTopics

/** A message as a producer writes it: one of the topics, with its payload exactly when the topic has one. */
export type OutboxMessage = {
  [T in OutboxTopic]: {
    /** What to do; src/jobs/handlers.ts maps each topic to its handler. */
    topic: T
    /** Makes the message unique per topic: a second enqueue of the same key is ignored. */
    key: string
    shopId?: string | undefined
    /** Not before this instant (ISO); now when absent. */
    notBefore?: string | undefined
  } & (OutboxTopics[T] extends null ? { payload?: undefined } : { payload: OutboxTopics[T] })
}[OutboxTopic]
