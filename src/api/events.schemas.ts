import { Type } from '@fastify/type-provider-typebox'
import {
  EVENT_LIMITS,
  seatsLeft,
  type BookingEvent,
  type EventRegistration,
} from '../modules/events/index.js'
import { Id } from './schemas.js'

export const EventBody = Type.Object(
  {
    title: Type.String({ maxLength: 300 }),
    description: Type.Optional(Type.String({ maxLength: 8_000 })),
    place: Type.Optional(
      Type.String({
        maxLength: 400,
        description: 'Where in or near the shop; the shop’s address is always given',
      }),
    ),
    startsAt: Type.String({ format: 'date-time' }),
    endsAt: Type.String({ format: 'date-time' }),
    capacity: Type.Integer({ minimum: 1, maximum: EVENT_LIMITS.capacity }),
    seatsPerPerson: Type.Integer({
      minimum: 1,
      maximum: EVENT_LIMITS.seatsPerPerson,
      description: 'The most seats one registration may take',
    }),
    priceCents: Type.Integer({
      minimum: 0,
      maximum: EVENT_LIMITS.priceCents,
      description: 'Per seat, TTC, paid on the day; 0: free',
    }),
    offerHours: Type.Integer({
      minimum: EVENT_LIMITS.offerHours.min,
      maximum: EVENT_LIMITS.offerHours.max,
      description: 'How long a freed seat stays offered to the first person waiting',
    }),
    cancelHoursBefore: Type.Integer({
      minimum: EVENT_LIMITS.cancelHoursBefore.min,
      maximum: EVENT_LIMITS.cancelHoursBefore.max,
      description: 'Seated residents may cancel by their link until then',
    }),
  },
  { additionalProperties: false },
)

export const EventSchema = Type.Object({
  id: Type.String(),
  shopId: Type.Union([Type.String(), Type.Null()], {
    description: 'null: a town event, run by the town’s coordinator',
  }),
  title: Type.String(),
  description: Type.String(),
  place: Type.String(),
  startsAt: Type.String({ format: 'date-time' }),
  endsAt: Type.String({ format: 'date-time' }),
  capacity: Type.Integer(),
  seatsPerPerson: Type.Integer(),
  priceCents: Type.Integer(),
  offerHours: Type.Integer(),
  cancelHoursBefore: Type.Integer(),
  seatsLeft: Type.Integer({
    description: 'Free seats nobody is waiting for: 0 when full or when people wait',
  }),
  waitingCount: Type.Integer({ description: 'People on the waitlist' }),
  status: Type.Enum(['scheduled', 'cancelled']),
})
export const EventList = Type.Object({ items: Type.Array(EventSchema) })
export const EventParams = Type.Object({ eventId: Id })
export const ShopEventParams = Type.Object({ shopId: Id, eventId: Id })

export const RegisterBody = Type.Object(
  {
    seats: Type.Integer({
      minimum: 0,
      maximum: 1_000,
      description: 'From 1 to the event’s seats per person',
    }),
    contact: Type.Object(
      {
        name: Type.String({ maxLength: 200 }),
        email: Type.String({ maxLength: 300 }),
        phone: Type.Optional(Type.String({ maxLength: 40 })),
      },
      { additionalProperties: false },
    ),
    wantsReminder: Type.Optional(
      Type.Boolean({
        description:
          'Once seated, an email the day before (before the cancellation deadline when that is close), outside 21:00–08:00; true when absent',
      }),
    ),
  },
  { additionalProperties: false },
)

export const RegistrationSchema = Type.Object({
  id: Type.String(),
  eventId: Type.String(),
  seats: Type.Integer(),
  status: Type.Enum(['seated', 'waiting', 'offered', 'cancelled', 'expired'], {
    description: 'offered: seats kept until offerExpiresAt, taken with POST …/accept',
  }),
  waitlistPosition: Type.Union([Type.Integer(), Type.Null()], {
    description: 'While waiting: how many are ahead (0: next)',
  }),
  offerExpiresAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  contact: Type.Object({ name: Type.String(), email: Type.String(), phone: Type.String() }),
  wantsReminder: Type.Boolean({ description: 'The resident asked for a reminder the day before' }),
  createdAt: Type.String({ format: 'date-time' }),
})
export const RegisteredSchema = Type.Object({
  registration: RegistrationSchema,
  linkToken: Type.String({ description: 'The registration link’s secret, given once (also sent by email)' }),
})
export const RegistrationList = Type.Object({ event: EventSchema, items: Type.Array(RegistrationSchema) })
export const RegistrationParams = Type.Object({ registrationId: Id })
export const ShopRegistrationParams = Type.Object({ shopId: Id, registrationId: Id })
export const LinkBody = Type.Object(
  { token: Type.String({ minLength: 1, maxLength: 100 }) },
  { additionalProperties: false },
)
export const LinkQuery = Type.Object(
  { token: Type.String({ minLength: 1, maxLength: 100 }) },
  { additionalProperties: false },
)

export const eventJson = (e: BookingEvent) => ({ ...e, shopId: e.shopId ?? null, seatsLeft: seatsLeft(e) })
export const registrationJson = (r: EventRegistration) => ({
  ...r,
  waitlistPosition: r.waitlistPosition ?? null,
  offerExpiresAt: r.offerExpiresAt ?? null,
})
