/**
 * Notifications: transactional messages, few and merged (one confirmation per checkout, one "ready", one
 * only if cancelled or missed), written once per outbox message and delivered by SMTP, or kept in the local
 * mailbox when no SMTP server is configured.
 */
export type { OrderMailDeps } from './deps.js'
export { deliverMail, listMailbox, findMail, type StoredMail } from './mail.js'
export type { MailTransport } from './types.js'
export { smtpTransport } from './smtp-transport.js'
export { sendCheckoutConfirmation, sendOrderReady, sendOrderClosed } from './order-mails.js'
export { sendOrderAdjusted, describeLineChange } from './adjustment-mails.js'
export {
  sendBookingConfirmed,
  sendBookingCancelled,
  sendBookingReminder,
  sendBookingMoved,
} from './booking-mails.js'
export { sendBookingDeclined, sendBookingRequested, sendRequestLapsed } from './booking-request-mails.js'
export {
  sendEventRegistered,
  sendSeatOffered,
  sendSeatTaken,
  sendRegistrationCancelled,
  sendOfferLapsed,
  sendEventReminder,
} from './event-mails.js'
