import { Type, type Static, type TSchema } from 'typebox'
import { formatTimeOfDay } from '../lib/zoned-time.js'
import {
  SHOP_KINDS,
  type Closure,
  type OpeningSchedule,
  type OpeningStatus,
  type Shop,
} from '../modules/shops/index.js'
import { Id } from './schemas.js'

/** Shop schemas of the JSON API: what a shop exposes, and what an owner may send. */

const ShopKindSchema = Type.Enum([...SHOP_KINDS], { description: 'Kind of shop' })

export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()])

const Address = Type.Object({ street: Type.String(), postalCode: Type.String(), city: Type.String() })
const Geo = Type.Object({ latitude: Type.Number(), longitude: Type.Number() })

const summaryFields = {
  id: Type.String(),
  slug: Type.String({ description: 'The shop’s address on the site; never changes' }),
  name: Type.String(),
  kind: ShopKindSchema,
  tagline: Type.String(),
  address: Address,
  geo: Nullable(Geo),
}
export const ShopSummary = Type.Object(summaryFields)

const profileFields = {
  ...summaryFields,
  description: Type.String(),
  phone: Type.String(),
  email: Type.String(),
  timeZone: Type.String({ description: 'IANA zone in which hours and closures are reasoned' }),
  siret: Nullable(Type.String({ description: 'Legal identity (SIRET), shown as a legal mention' })),
  vatNumber: Nullable(Type.String()),
  pickupInstructions: Type.String(),
  stockFreshnessHours: Type.Integer({
    description: 'Stock counts older than this are shown as "to confirm"',
  }),
  updatedAt: Type.String({ format: 'date-time' }),
}
export const ShopProfile = Type.Object(profileFields)

const TimeOfDay = Type.String({
  pattern: '^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$',
  description: 'Wall-clock time HH:MM in the shop’s zone',
  examples: ['07:00'],
})
const LocalDate = Type.String({
  pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$',
  description: 'Calendar day YYYY-MM-DD in the shop’s zone',
})

const OpeningRangeSchema = Type.Object(
  {
    weekday: Type.Integer({ minimum: 1, maximum: 7, description: '1 = Monday … 7 = Sunday' }),
    opens: TimeOfDay,
    closes: TimeOfDay,
  },
  { additionalProperties: false },
)
export const ClosureSchema = Type.Object({
  id: Type.String(),
  startsOn: LocalDate,
  endsOn: LocalDate,
  reason: Type.String(),
})

const OpeningStatusSchema = Type.Union([
  Type.Object({ state: Type.Literal('open'), closesAt: Type.String({ format: 'date-time' }) }),
  Type.Object({
    state: Type.Literal('closed'),
    nextOpensAt: Nullable(
      Type.String({
        format: 'date-time',
        description: 'Null when the shop opens in no day of the next two weeks',
      }),
    ),
    closure: Nullable(ClosureSchema),
  }),
])

const scheduleFields = {
  hours: Type.Array(OpeningRangeSchema),
  closures: Type.Array(ClosureSchema, { description: 'Closures ending today or later, soonest first' }),
  status: OpeningStatusSchema,
}
export const OpeningScheduleSchema = Type.Object({ timeZone: Type.String(), ...scheduleFields })
export const ShopDetail = Type.Object({ ...profileFields, ...scheduleFields })

export const ShopSlugParams = Type.Object({ shopSlug: Type.String({ minLength: 1, maxLength: 80 }) })
export const ShopIdParams = Type.Object({ shopId: Id })
export const ClosureParams = Type.Object({ shopId: Id, closureId: Id })

export const ShopListQuery = Type.Object({
  kind: Type.Optional(ShopKindSchema),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
  cursor: Type.Optional(Type.String({ maxLength: 1024, description: 'nextCursor of the previous page' })),
})
export const ShopPage = Type.Object({ items: Type.Array(ShopSummary), nextCursor: Nullable(Type.String()) })

export const ShopProfileBody = Type.Object(
  {
    name: Type.String({ maxLength: 80 }),
    kind: ShopKindSchema,
    tagline: Type.String({ maxLength: 160 }),
    description: Type.String({ maxLength: 5000 }),
    street: Type.String({ maxLength: 200 }),
    postalCode: Type.String({ maxLength: 10 }),
    city: Type.String({ maxLength: 100 }),
    phone: Type.String({ maxLength: 30 }),
    email: Type.String({ maxLength: 254 }),
    latitude: Type.Optional(Type.Number({ minimum: -90, maximum: 90 })),
    longitude: Type.Optional(Type.Number({ minimum: -180, maximum: 180 })),
    timeZone: Type.Optional(Type.String({ maxLength: 64 })),
    siret: Type.Optional(Type.String({ maxLength: 20 })),
    vatNumber: Type.Optional(Type.String({ maxLength: 20 })),
    pickupInstructions: Type.String({ maxLength: 1000 }),
    stockFreshnessHours: Type.Optional(Type.Integer({ minimum: 1, maximum: 24 * 90 })),
  },
  { additionalProperties: false },
)

export const HoursBody = Type.Object(
  { hours: Type.Array(OpeningRangeSchema, { maxItems: 50 }) },
  { additionalProperties: false },
)

export const ClosureBody = Type.Object(
  {
    startsOn: LocalDate,
    endsOn: LocalDate,
    reason: Type.Optional(Type.String({ maxLength: 200, default: '' })),
  },
  { additionalProperties: false },
)

export function toShopSummary(shop: Shop): Static<typeof ShopSummary> {
  return {
    id: shop.id,
    slug: shop.slug,
    name: shop.name,
    kind: shop.kind,
    tagline: shop.tagline,
    address: shop.address,
    geo: shop.geo ?? null,
  }
}

export function toShopProfile(shop: Shop): Static<typeof ShopProfile> {
  return {
    ...toShopSummary(shop),
    description: shop.description,
    phone: shop.phone,
    email: shop.email,
    timeZone: shop.timeZone,
    siret: shop.siret ?? null,
    vatNumber: shop.vatNumber ?? null,
    pickupInstructions: shop.pickupInstructions,
    stockFreshnessHours: shop.stockFreshnessHours,
    updatedAt: shop.updatedAt,
  }
}

export const toClosure = (c: Closure): Static<typeof ClosureSchema> => ({
  id: c.id,
  startsOn: c.startsOn,
  endsOn: c.endsOn,
  reason: c.reason,
})

function toStatus(status: OpeningStatus): Static<typeof OpeningStatusSchema> {
  if (status.state === 'open') return { state: 'open', closesAt: status.closesAt.toISOString() }
  return {
    state: 'closed',
    nextOpensAt: status.nextOpensAt?.toISOString() ?? null,
    closure: status.closure ? toClosure(status.closure) : null,
  }
}

export function toSchedule(schedule: OpeningSchedule): Static<typeof OpeningScheduleSchema> {
  return {
    timeZone: schedule.timeZone,
    hours: schedule.hours.map((r) => ({
      weekday: r.weekday,
      opens: formatTimeOfDay(r.opensMinute),
      closes: formatTimeOfDay(r.closesMinute),
    })),
    closures: schedule.closures.map(toClosure),
    status: toStatus(schedule.status),
  }
}
