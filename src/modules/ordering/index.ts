/**
 * Ordering: one basket across the town's shops, split at checkout into one click & collect order per shop,
 * each with a pickup slot, a pickup code and a payment; the order lifecycle as a table of allowed moves.
 * Invariants: an order exists only with all its units held (inventory) and a place in its slot (a
 * conditional counter); one checkout per idempotency key, however often and however concurrently it is
 * sent; every move is one conditional update, so two people cannot move an order twice.
 */
export type { PlaceDeps } from './deps.js'
export { holdIntoBasket, takeBundleOffer } from './drop-baskets.js'
export {
  addToBasket,
  putDropHoldLine,
  putBundleInBasket,
  setBasketQuantity,
  confirmBasketPrices,
  mergeBaskets,
  viewBasket,
  type Basket,
  type BasketOwner,
  type BasketShopPart,
} from './baskets.js'
export {
  placeOrders,
  checkoutOrdersOf,
  checkoutOutcome,
  PAYMENT_METHODS,
  type PaymentMethod,
  type PlaceOrdersInput,
  type Checkout,
} from './place-orders.js'
export { abandonCheckout } from './settle-checkout.js'
export { moveOrder, collectByCode } from './lifecycle.js'
export {
  adjustOrderLine,
  ADJUSTABLE_STATUSES,
  listLineChanges,
  markLineChangesTold,
  ADJUSTMENT_NOTICE_DELAY_MINUTES,
  type LineAdjustment,
  type LineChange,
} from './adjust-lines.js'
export { CLOSED_STATUSES } from './rules.js'
export { listPickupSlots } from './pickup-slots.js'
export { type PickupSlot } from './slots.js'
export {
  ORDER_STATUSES,
  ORDER_TRANSITIONS,
  CANCEL_REASONS,
  canMove,
  withdrawalDeadline,
  type OrderStatus,
} from './rules.js'
export {
  getShopOrder,
  getShopOrderById,
  measurePickupWait,
  type PickupWait,
  listCheckoutOrders,
  listResidentOrders,
  listShopOrders,
  type Order,
} from './find-orders.js'
