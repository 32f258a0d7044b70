import type { Db } from '../db/index.js'
import type { OutboxTopic, OutboxTopics } from '../db/outbox-topics.js'
import type { ChangeFeed } from '../lib/change-feed.js'
import { AppError } from '../lib/app-error.js'
import type { Clock } from '../lib/clock.js'
import {
  sendBookingCancelled,
  sendBookingDeclined,
  sendBookingRequested,
  sendBookingConfirmed,
  sendBookingMoved,
  sendBookingReminder,
  sendCheckoutConfirmation,
  sendEventRegistered,
  sendOfferLapsed,
  sendEventReminder,
  sendOrderAdjusted,
  sendOrderClosed,
  sendOrderReady,
  sendRegistrationCancelled,
  sendRequestLapsed,
  sendSeatOffered,
  sendSeatTaken,
  type MailTransport,
} from '../modules/notifications/index.js'
import { abandonUnpaidBooking, lapseRequest, settleBookingPayment } from '../modules/bookings/index.js'
import { expireOffer } from '../modules/events/index.js'
import { expireDropHolds } from '../modules/drops/index.js'
import { abandonCheckout, moveOrder } from '../modules/ordering/index.js'
import {
  cancelPayment,
  capturePayment,
  findPaymentOfOrder,
  type PaymentProviders,
} from '../modules/payments/index.js'
import { cancelReasonText } from '../web/i18n/index.js'

export interface JobDeps {
  db: Db
  clock: Clock
  changes?: ChangeFeed | undefined
  payments: PaymentProviders
  mailTransport: MailTransport | undefined
  mailFrom: string
  publicUrl: string
}

interface JobMessage<T extends OutboxTopic> {
  topic: T
  key: string
  shopId: string | null
  /** What the producer wrote beside the key (db/outbox-topics.ts). */
  payload: OutboxTopics[T]
}

export type JobHandler<T extends OutboxTopic> = (deps: JobDeps, message: JobMessage<T>) => Promise<void>

async function settlePayment(deps: JobDeps, orderId: string, kind: 'capture' | 'cancel'): Promise<void> {
  const payment = await findPaymentOfOrder(deps.db, orderId)
  if (!payment) return
  if (kind === 'capture') await capturePayment(deps, payment.id, deps.clock.now())
  else await cancelPayment(deps, payment.id, deps.clock.now())
}

/**
 * Every outbox topic and what it does; grep a topic to find its producer and its consumer. Handlers are
 * idempotent: delivery is at least once.
 */
export const handlers = {
  'checkout.confirmed': (deps, m) => sendCheckoutConfirmation(deps, m.key),
  'checkout.payment_timeout': (deps, m) => abandonCheckout(deps, m.key, 'payment_timeout'),
  'order.ready': (deps, m) => sendOrderReady(deps, m.key),
  'order.cancelled': (deps, m) => sendOrderClosed(deps, m.key, 'cancelled', cancelReasonText),
  'order.no_show': (deps, m) => sendOrderClosed(deps, m.key, 'no_show', cancelReasonText),
  // Lines changed by the shop (UX-03), told once for changes made close together; the key is order:batch.
  'order.adjusted': (deps, m) => sendOrderAdjusted(deps, m.key),
  // Due when a ready order's pickup delay ends; an order collected or cancelled meanwhile is left alone.
  'order.no_show_due': async (deps, m) => {
    try {
      await moveOrder(deps, { by: 'system' }, m.key, 'no_show')
    } catch (error) {
      if (!(error instanceof AppError && error.code === 'ordering.transition_refused')) throw error
    }
  },
  // Holds of a drop not checked out in time go back to the drop (decision 005); the key is drop:second.
  'drop.holds_expire': (deps, m) => expireDropHolds(deps, m.key.split(':')[0]!),
  // A booking's confirmation carries its cancel link, whose secret only the producer knew (decision 006).
  'booking.confirmed': (deps, m) => sendBookingConfirmed(deps, m.key, m.payload.cancelToken),
  'booking.cancelled': (deps, m) => sendBookingCancelled(deps, m.key),
  'booking.requested': (deps, m) => sendBookingRequested(deps, m.key, m.payload.cancelToken),
  'booking.declined': (deps, m) => sendBookingDeclined(deps, m.key),
  'booking.request_due': (deps, m) => lapseRequest(deps, m.key),
  'booking.request_lapsed': (deps, m) => sendRequestLapsed(deps, m.key),
  // The shop or the resident moved a booking; the key is booking@new start, the payload the new link's secret,
  // the old start and who moved it.
  'booking.moved': (deps, m) => sendBookingMoved(deps, m.key, m.payload),
  // The day before, outside quiet hours (UX-15); the key is booking@start, so a moved booking's old reminder sends nothing.
  'booking.reminder': (deps, m) => sendBookingReminder(deps, m.key, m.payload.cancelToken),
  // Events with seats: every message carries the registration's link, whose secret only the producer knew.
  'event.registered': (deps, m) => sendEventRegistered(deps, m.key, m.payload.linkToken, m.payload.status),
  'event.seat_offered': (deps, m) => sendSeatOffered(deps, m.key, m.payload.offerToken),
  'event.seat_taken': (deps, m) => sendSeatTaken(deps, m.key, m.payload.linkToken),
  'event.registration_cancelled': (deps, m) => sendRegistrationCancelled(deps, m.key, m.payload.by),
  // Due when an offered seat's time ends: an offer still open lapses and the seats go to the next in line.
  'event.offer_due': (deps, m) => expireOffer(deps, m.key),
  'event.offer_lapsed': (deps, m) => sendOfferLapsed(deps, m.key),
  'event.reminder': (deps, m) => sendEventReminder(deps, m.key, m.payload.linkToken),
  // A booking's card hold, deposit or prepayment follows its status (decision 006, "Deposits"); the key is booking:status.
  'booking.payment_settle': (deps, m) => settleBookingPayment(deps, m.key.split(':')[0]!),
  // Due when a booking's time to pay ends: one still waiting for its card fails and frees its time.
  'booking.payment_timeout': (deps, m) => abandonUnpaidBooking(deps, m.key),
  'payment.capture': (deps, m) => settlePayment(deps, m.key, 'capture'),
  'payment.cancel': (deps, m) => settlePayment(deps, m.key, 'cancel'),
} satisfies { [T in OutboxTopic]: JobHandler<T> }
