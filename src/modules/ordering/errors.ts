import { AppError, invalid, invalidFields, type FieldProblem } from '../../lib/app-error.js'
import type { VariantId } from '../../lib/ids.js'
import type { OrderStatus } from './rules.js'

// Basket
export const invalidQuantity = (field: string, max: number) =>
  invalid('ordering.invalid_quantity', field, `a quantity is a whole number from 1 to ${max}`, { max })
export const variantNotFound = () =>
  new AppError('not_found', 'ordering.variant_not_found', 'no such product on sale', { field: 'variantId' })
export const notOrderable = () =>
  invalid('ordering.not_orderable', 'variantId', 'services are booked, not ordered')
export const notEnoughStock = (available: number) =>
  new AppError('conflict', 'ordering.not_enough_stock', 'fewer units can be ordered', {
    field: 'quantity',
    available,
  })
export const lineNotFound = () =>
  new AppError('not_found', 'ordering.line_not_found', 'this product is not in the basket', {
    field: 'variantId',
  })
export const bundleTaken = () =>
  new AppError('conflict', 'ordering.bundle_taken', 'another bundle of this drop is already in the basket')
export const bundleProductInBasket = () =>
  new AppError(
    'conflict',
    'ordering.bundle_product_in_basket',
    'this product is already in the basket at its own price: remove it first',
  )

// A drop's basket steps came from the drops module (issue #15); their codes kept the drops namespace. A hold
// expired is drops' own (drops/errors.ts).
export const dropProductUnavailable = () =>
  new AppError('conflict', 'drops.product_unavailable', 'this drop’s product is no longer on sale')
export const dropOfferNotFound = () =>
  new AppError('not_found', 'drops.offer_not_found', 'this drop has no such offer')
export const notHoldingDrop = () =>
  new AppError('conflict', 'drops.not_holding', 'reserve the drop’s item first: a bundle adds to it')

// Checkout
export const invalidCheckout = (problems: readonly FieldProblem[]) =>
  invalidFields('ordering.invalid_checkout', problems)
export const invalidIdempotencyKey = () =>
  invalid(
    'ordering.invalid_idempotency_key',
    'idempotencyKey',
    'an idempotency key is 8 to 100 printable characters',
  )
export const idempotencyKeyReused = () =>
  new AppError('conflict', 'ordering.idempotency_key_reused', 'this key was used for a different checkout', {
    field: 'idempotencyKey',
  })
export const basketEmpty = () => new AppError('conflict', 'ordering.empty_basket', 'the basket is empty')
export const unavailableLines = (lines: readonly VariantId[]) =>
  new AppError('conflict', 'ordering.unavailable_lines', 'some products can no longer be ordered', { lines })
export const priceChanged = (
  lines: ReadonlyArray<{ variantId: VariantId; seenPriceCents: number; priceCents: number }>,
) =>
  new AppError('conflict', 'ordering.price_changed', 'prices changed since the products were added', {
    lines,
  })
/** `field` names the shop's slot in the checkout: slots.{shopId}. */
export const slotRequired = (field: string) =>
  invalid('ordering.slot_required', field, 'choose a pickup time')
export const slotNotOffered = (field: string) =>
  invalid('ordering.slot_not_offered', field, 'this pickup time is not offered')
export const slotFull = (field: string) =>
  new AppError('conflict', 'ordering.slot_full', 'this pickup time is full', { field })
export const checkoutNotFound = () =>
  new AppError('not_found', 'ordering.checkout_not_found', 'checkout not found')

// Orders
export const orderNotFound = () => new AppError('not_found', 'ordering.order_not_found', 'order not found')
export const transitionRefused = (from: OrderStatus, to: OrderStatus) =>
  new AppError('conflict', 'ordering.transition_refused', `an order ${from} cannot become ${to}`, {
    current: from,
    to,
  })
export const reasonRequired = () =>
  new AppError('invalid', 'ordering.reason_required', 'say why the order is cancelled', { field: 'reason' })
export const invalidPickupCode = () =>
  new AppError('invalid', 'ordering.invalid_pickup_code', 'a pickup code has six letters and digits', {
    field: 'code',
  })
export const unknownPickupCode = () =>
  new AppError('not_found', 'ordering.unknown_pickup_code', 'no order of this shop has this code', {
    field: 'code',
  })

// Lines changed by the shop
export const invalidAdjustment = (field: 'quantity' | 'variantId', message: string) =>
  invalid('ordering.invalid_adjustment', field, message)
export const adjustmentRefused = (status: OrderStatus) =>
  new AppError('conflict', 'ordering.adjustment_refused', `an order ${status} can no longer be changed`, {
    current: status,
  })
export const orderLineNotFound = () =>
  new AppError('not_found', 'ordering.order_line_not_found', 'this order has no such line')
export const lastLine = () =>
  new AppError(
    'conflict',
    'ordering.last_line',
    'this is the only line: cancel the order instead, with a reason',
  )
export const lineChanged = () =>
  new AppError('conflict', 'ordering.line_changed', 'this line was changed meanwhile: reload the order')
