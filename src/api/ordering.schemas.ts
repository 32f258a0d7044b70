import { Type } from 'typebox'
import type { Basket, Checkout, Order, PickupSlot } from '../modules/ordering/index.js'
import { CANCEL_REASONS, ORDER_STATUSES, PAYMENT_METHODS } from '../modules/ordering/index.js'
import { Id } from './schemas.js'

const Vat = Type.Array(
  Type.Object({
    rateBp: Type.Integer(),
    grossCents: Type.Integer(),
    netCents: Type.Integer(),
    vatCents: Type.Integer(),
  }),
  {
    description: 'One line per VAT rate; the gross amounts add up to the total',
  },
)

export const BasketSchema = Type.Object({
  totalCents: Type.Integer({ description: 'Total including VAT, in cents' }),
  lineCount: Type.Integer(),
  shops: Type.Array(
    Type.Object({
      shopId: Type.String(),
      totalCents: Type.Integer(),
      vat: Vat,
      lines: Type.Array(
        Type.Object({
          variantId: Type.String(),
          productId: Type.String(),
          productName: Type.String(),
          variantName: Type.String(),
          quantity: Type.Integer(),
          unitPriceCents: Type.Integer({ description: 'Current price including VAT' }),
          seenPriceCents: Type.Integer({ description: 'The price when the line was added' }),
          priceChanged: Type.Boolean({
            description: 'Confirm the new prices (POST /basket/prices) before checking out',
          }),
          unavailable: Type.Boolean(),
          available: Type.Union([Type.Integer(), Type.Null()], {
            description: 'Units that can still be ordered',
          }),
          lineTotalCents: Type.Integer(),
        }),
      ),
    }),
  ),
})

export function basketJson(basket: Basket) {
  return {
    totalCents: basket.totalCents,
    lineCount: basket.lineCount,
    shops: basket.parts.map((part) => ({
      shopId: part.shopId,
      totalCents: part.totalCents,
      vat: part.vat,
      lines: part.lines.map((l) => ({
        variantId: l.variant.variantId,
        productId: l.variant.productId,
        productName: l.variant.productName,
        variantName: l.variant.variantName,
        quantity: l.quantity,
        unitPriceCents: l.variant.priceCents,
        seenPriceCents: l.seenPriceCents,
        priceChanged: l.priceChanged,
        unavailable: l.unavailable,
        available: l.variant.available ?? null,
        lineTotalCents: l.lineTotalCents,
      })),
    })),
  }
}

export const BasketLineBody = Type.Object(
  { variantId: Id, quantity: Type.Integer({ minimum: 1, maximum: 99 }) },
  { additionalProperties: false },
)
export const QuantityBody = Type.Object(
  { quantity: Type.Integer({ minimum: 0, maximum: 99, description: '0 removes the line' }) },
  { additionalProperties: false },
)
export const VariantIdParams = Type.Object({ variantId: Id })

export const SlotList = Type.Object({
  items: Type.Array(
    Type.Object({
      startsAt: Type.String({ format: 'date-time' }),
      endsAt: Type.String({ format: 'date-time' }),
      remaining: Type.Integer({ description: '0: full' }),
    }),
  ),
})
export const slotJson = (s: PickupSlot) => ({
  startsAt: s.startsAt.toISOString(),
  endsAt: s.endsAt.toISOString(),
  remaining: s.remaining,
})

export const CheckoutBody = Type.Object(
  {
    contact: Type.Object(
      {
        name: Type.String({ maxLength: 200 }),
        email: Type.String({ maxLength: 300 }),
        phone: Type.Optional(Type.String({ maxLength: 40 })),
      },
      { additionalProperties: false },
    ),
    slots: Type.Record(Type.String({ maxLength: 64 }), Type.String({ maxLength: 40 }), {
      description: 'For each shop id of the basket, the chosen slot’s startsAt',
    }),
    payment: Type.Object(
      {
        method: Type.Enum([...PAYMENT_METHODS]),
        token: Type.Optional(
          Type.String({ maxLength: 100, description: 'test_card: tok_visa (accepted) or tok_declined' }),
        ),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
)

export const IdempotencyHeaders = Type.Object({
  'idempotency-key': Type.String({
    minLength: 1,
    maxLength: 200,
    description: 'The same key returns the same checkout; 8 to 100 printable characters',
  }),
})

export const OrderSchema = Type.Object({
  id: Type.String(),
  checkoutId: Type.String(),
  shopId: Type.String(),
  status: Type.Enum([...ORDER_STATUSES]),
  pickupCode: Type.String({ description: 'Six characters, shown at the counter (also as a QR code)' }),
  slotStartsAt: Type.String({ format: 'date-time' }),
  slotEndsAt: Type.String({ format: 'date-time' }),
  paymentMethod: Type.String(),
  paymentStatus: Type.Union([Type.String(), Type.Null()]),
  totalCents: Type.Integer(),
  currency: Type.String(),
  vat: Vat,
  placedAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time', description: 'Last move, or last line changed by the shop' }),
  readyAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  closedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  cancelReason: Type.Union([Type.Enum([...CANCEL_REASONS]), Type.Null()], {
    description:
      'Why a cancelled order was cancelled: the card was declined, its payment not completed in time, or the resident or the shop cancelled it',
  }),
  cancelNote: Type.Union([Type.String(), Type.Null()], {
    description: 'The shop’s own words when it cancelled',
  }),
  contact: Type.Object({ name: Type.String(), email: Type.String(), phone: Type.String() }),
  lines: Type.Array(
    Type.Object({
      position: Type.Integer({
        description: 'The line’s number in its order (used to change it: …/lines/{position}/adjustments)',
      }),
      productId: Type.String(),
      variantId: Type.String(),
      productName: Type.String(),
      variantName: Type.String(),
      quantity: Type.Integer(),
      unitPriceCents: Type.Integer(),
      vatRateBp: Type.Integer(),
      totalCents: Type.Integer(),
    }),
  ),
})

export const CheckoutSchema = Type.Object({
  id: Type.String(),
  outcome: Type.Enum(['placed', 'payment_declined', 'pending_payment']),
  replayed: Type.Boolean({
    description: 'True when this repeats the answer to an earlier request with the same key',
  }),
  orders: Type.Array(OrderSchema),
})

export function orderJson(o: Order) {
  return {
    ...o,
    paymentStatus: o.paymentStatus ?? null,
    readyAt: o.readyAt ?? null,
    closedAt: o.closedAt ?? null,
    cancelReason: o.cancelReason ?? null,
    cancelNote: o.cancelNote ?? null,
  }
}

export const checkoutJson = (checkout: Checkout) => ({
  id: checkout.id,
  outcome: checkout.outcome,
  replayed: checkout.replayed,
  orders: checkout.orders.map(orderJson),
})

export const CheckoutParams = Type.Object({ checkoutId: Id })
export const CheckoutOrderParams = Type.Object({ checkoutId: Id, orderId: Id })
export const ShopOrderParams = Type.Object({ shopId: Id, orderId: Id })
export const OrderList = Type.Object({ items: Type.Array(OrderSchema) })
export const ShopOrderQuery = Type.Object(
  {
    from: Type.Optional(
      Type.String({
        format: 'date-time',
        description: 'Slots starting at or after (default: today 00:00 in the shop’s zone)',
      }),
    ),
    to: Type.Optional(
      Type.String({ format: 'date-time', description: 'Slots starting before (default: from + 7 days)' }),
    ),
    status: Type.Optional(Type.Enum([...ORDER_STATUSES])),
  },
  { additionalProperties: false },
)
export const TransitionBody = Type.Object(
  {
    to: Type.Enum([...ORDER_STATUSES]),
    reason: Type.Optional(Type.String({ maxLength: 300, description: 'Required when the shop cancels' })),
  },
  { additionalProperties: false },
)
export const LineAdjustmentBody = Type.Union(
  [
    Type.Object(
      {
        kind: Type.Literal('partial'),
        quantity: Type.Integer({ minimum: 1, description: 'Fewer than ordered' }),
      },
      { additionalProperties: false },
    ),
    Type.Object({ kind: Type.Literal('withdraw') }, { additionalProperties: false }),
    Type.Object(
      {
        kind: Type.Literal('substitute'),
        variantId: Id,
        quantity: Type.Integer({ minimum: 1, maximum: 99 }),
      },
      {
        additionalProperties: false,
        description: 'Another product of the shop instead, charged at the lower of the two unit prices',
      },
    ),
  ],
  { description: 'What the shop does with a line it cannot serve as ordered (UX-03)' },
)
export const LineAdjustmentParams = Type.Object({
  shopId: Id,
  orderId: Id,
  position: Type.Integer({ minimum: 0, maximum: 1000 }),
})
const LineChangeSchema = Type.Object({
  position: Type.Integer(),
  kind: Type.Enum(['partial', 'withdrawn', 'substituted']),
  productName: Type.String(),
  variantName: Type.String(),
  quantityBefore: Type.Integer(),
  quantityAfter: Type.Integer(),
  substituteProductName: Type.Optional(Type.String()),
  substituteVariantName: Type.Optional(Type.String()),
  at: Type.String({ format: 'date-time' }),
  notifiedAt: Type.Optional(Type.String({ format: 'date-time', description: 'When the resident was told' })),
})
export const LineChangeList = Type.Object({ items: Type.Array(LineChangeSchema) })
export const PickupBody = Type.Object(
  { code: Type.String({ maxLength: 40 }) },
  { additionalProperties: false },
)
export const PickupSettingsSchema = Type.Object(
  {
    enabled: Type.Boolean(),
    slotMinutes: Type.Integer({ description: '10, 15, 20, 30 or 60' }),
    slotCapacity: Type.Integer({ description: 'Orders per slot, 1 to 200' }),
    preparationMinutes: Type.Integer({ description: 'No slot starts before now plus this (0 to 10080)' }),
    handoverMarginMinutes: Type.Integer({ description: 'Slots end this long before closing (0 to 240)' }),
    horizonDays: Type.Integer({ description: 'Days ahead slots are offered (1 to 60)' }),
    noShowAfterHours: Type.Integer({
      description: 'A ready order not collected this long after its slot is a no-show (1 to 336)',
    }),
  },
  { additionalProperties: false },
)
