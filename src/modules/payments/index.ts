/**
 * Payments: authorize at order time, capture at pickup, void or refund on cancellation, each idempotent.
 * Providers sit behind `PaymentProvider`; "pay at the counter" and the test card provider are built in.
 * Invariant: one operation of each kind per payment (unique idempotency key), so a retried or doubled
 * request never captures twice.
 */
export {
  createPayment,
  lowerPaymentAmount,
  findPaymentOfOrder,
  findPaymentOfBooking,
  paymentsOfOrders,
  authorizePayment,
  capturePayment,
  cancelPayment,
} from './payments.js'
export type { PaymentsDeps } from './deps.js'
export { counterProvider, type PaymentProvider, type PaymentProviders } from './provider.js'
export { testCardProvider, builtInPaymentProviders, TEST_CARD_TOKENS } from './test-card-provider.js'
