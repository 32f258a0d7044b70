import { Type } from '@fastify/type-provider-typebox'
import {
  HOLD_MINUTES_RANGE,
  MAX_BUNDLE_PRICE_CENTS,
  MAX_DROP_OFFERS,
  MAX_DROP_UNITS,
  MAX_PER_RESIDENT,
  type Drop,
  type DropOffer,
  type QueueStanding,
} from '../modules/drops/index.js'
import { Id } from './schemas.js'

export const DropBody = Type.Object(
  {
    variantId: Id,
    title: Type.String({ maxLength: 200 }),
    startsAt: Type.String({ format: 'date-time' }),
    units: Type.Integer({ minimum: 1, maximum: MAX_DROP_UNITS }),
    perResidentLimit: Type.Integer({ minimum: 1, maximum: MAX_PER_RESIDENT }),
    holdMinutes: Type.Integer({
      minimum: HOLD_MINUTES_RANGE.min,
      maximum: HOLD_MINUTES_RANGE.max,
      description: 'How long an admitted resident has to check out',
    }),
    offers: Type.Optional(
      Type.Array(
        Type.Object(
          {
            variantId: Id,
            bundlePriceCents: Type.Integer({
              minimum: 1,
              maximum: MAX_BUNDLE_PRICE_CENTS,
              description:
                'The drop’s item and this product together: above the item alone, no more than both separately',
            }),
          },
          { additionalProperties: false },
        ),
        {
          maxItems: MAX_DROP_OFFERS,
          description: 'Bundle offers beside the single item, never instead of it',
        },
      ),
    ),
  },
  { additionalProperties: false },
)

export const DropSchema = Type.Object({
  id: Type.String(),
  shopId: Type.String(),
  productId: Type.String(),
  variantId: Type.String(),
  title: Type.String(),
  startsAt: Type.String({ format: 'date-time' }),
  units: Type.Integer(),
  perResidentLimit: Type.Integer(),
  holdMinutes: Type.Integer(),
  unitsLeft: Type.Integer({ description: 'Neither held nor ordered' }),
  admitted: Type.Integer({ description: 'Residents admitted so far' }),
  endedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
})
const DropOfferSchema = Type.Object({
  id: Type.String(),
  variantId: Type.String(),
  productName: Type.String(),
  variantName: Type.String(),
  bundlePriceCents: Type.Integer({ description: 'The drop’s item and this product together, TTC' }),
  itemPriceCents: Type.Integer({ description: 'The drop’s item alone' }),
  productPriceCents: Type.Integer({ description: 'This product alone' }),
  partPriceCents: Type.Integer({ description: 'What this product adds beside the drop’s item' }),
  available: Type.Boolean(),
})
export const DropWithOffersSchema = Type.Object({
  ...DropSchema.properties,
  offers: Type.Array(DropOfferSchema, {
    description: 'Bundle offers beside the single item, never instead of it',
  }),
})
export const DropList = Type.Object({ items: Type.Array(DropSchema) })
export const dropJson = (drop: Drop) => ({ ...drop, endedAt: drop.endedAt ?? null })
export const dropWithOffersJson = (drop: Drop, offers: readonly DropOffer[]) => ({
  ...dropJson(drop),
  offers: [...offers],
})
export const OfferParams = Type.Object({ dropId: Id, offerId: Id })
export const BundleTakenSchema = Type.Object({
  variantId: Type.String(),
  quantity: Type.Integer({ description: 'As many as the drop’s units held' }),
  unitPriceCents: Type.Integer({
    description: 'The bundle’s part of the price, while the drop’s item is in the basket beside it',
  }),
})

export const StandingSchema = Type.Object(
  {
    state: Type.Enum([
      'not_started',
      'not_joined',
      'waiting',
      'admitted',
      'holding',
      'ordered',
      'turn_passed',
      'sold_out',
      'ended',
    ]),
    startsIn: Type.Optional(Type.Integer({ description: 'Seconds before the start' })),
    joined: Type.Optional(
      Type.Boolean({ description: 'Before the start: whether the resident is in the queue' }),
    ),
    position: Type.Optional(Type.Integer({ description: '1: next to be admitted' })),
    ahead: Type.Optional(Type.Integer()),
    estimatedWaitSeconds: Type.Optional(Type.Union([Type.Integer(), Type.Null()])),
    refreshSeconds: Type.Optional(
      Type.Integer({
        description:
          'When to ask again, in seconds from now. Waiting: soon near the front, rarely far back. Before the start: at the start, or a few seconds after it for residents far back, who cannot be admitted before those ahead have taken their holds',
      }),
    ),
    token: Type.Optional(
      Type.String({
        description: 'The signed admission: send it as the Drop-Admission header to take a hold',
      }),
    ),
    admissionExpiresAt: Type.Optional(Type.String({ format: 'date-time' })),
    quantity: Type.Optional(Type.Integer()),
    expiresAt: Type.Optional(Type.String({ format: 'date-time' })),
  },
  { description: 'Where the resident stands in the drop' },
)
export const standingJson = (standing: QueueStanding) =>
  'estimatedWaitSeconds' in standing
    ? { ...standing, estimatedWaitSeconds: standing.estimatedWaitSeconds ?? null }
    : standing

export const DropParams = Type.Object({ dropId: Id })
export const ShopDropParams = Type.Object({ shopId: Id, dropId: Id })
export const HoldBody = Type.Object(
  { quantity: Type.Integer({ minimum: 1, maximum: MAX_PER_RESIDENT }) },
  { additionalProperties: false },
)
export const AdmissionHeaders = Type.Object({
  'drop-admission': Type.String({
    minLength: 10,
    maxLength: 200,
    description: 'The token from the queue standing',
  }),
})
export const HeldSchema = Type.Object({
  granted: Type.Integer({ description: 'Units this request added' }),
  holding: Type.Integer({ description: 'Units held now, in the basket, until expiresAt' }),
  expiresAt: Type.String({ format: 'date-time' }),
})
