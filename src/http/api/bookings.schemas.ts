import { Type } from '@fastify/type-provider-typebox'
import { CANCEL_HOURS_RANGE, MAX_BUFFER_MINUTES, MAX_FREE_TIME_DAYS, MAX_HORIZON_DAYS, RESOURCE_KINDS, STEP_CHOICES, type Booking } from '../../modules/bookings/index.js'
import { Id } from './schemas.js'

const WeeklyRange = Type.Object(
  {
    weekday: Type.Integer({ minimum: 1, maximum: 7, description: '1 Monday … 7 Sunday' }),
    opensMinute: Type.Integer({ minimum: 0, maximum: 1439, description: 'Minutes after midnight, shop time' }),
    closesMinute: Type.Integer({ minimum: 1, maximum: 1440 }),
  },
  { additionalProperties: false },
)

export const ResourceBody = Type.Object({ name: Type.String({ maxLength: 200 }), kind: Type.Enum([...RESOURCE_KINDS]) }, { additionalProperties: false })
export const ResourceSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  kind: Type.String({ description: 'staff (a person) or resource (a chair, a room)' }),
  active: Type.Boolean(),
  hours: Type.Array(WeeklyRange, { description: 'Its own weekly hours; empty: the shop’s opening hours' }),
})
export const ResourceList = Type.Object({ items: Type.Array(ResourceSchema) })
export const ResourceHoursBody = Type.Object({ hours: Type.Array(WeeklyRange, { maxItems: 50 }) }, { additionalProperties: false })
export const AbsenceBody = Type.Object(
  { startsAt: Type.String({ format: 'date-time' }), endsAt: Type.String({ format: 'date-time' }), reason: Type.Optional(Type.String({ maxLength: 200 })) },
  { additionalProperties: false },
)
export const AbsenceSchema = Type.Object({ id: Type.String(), resourceId: Type.String(), startsAt: Type.String(), endsAt: Type.String(), reason: Type.String() })

export const ServiceSettingsBody = Type.Object(
  {
    bufferBeforeMinutes: Type.Integer({ minimum: 0, maximum: MAX_BUFFER_MINUTES }),
    bufferAfterMinutes: Type.Integer({ minimum: 0, maximum: MAX_BUFFER_MINUTES }),
    stepMinutes: Type.Integer({ description: `Between offered start times: ${STEP_CHOICES.join(', ')}` }),
    noticeMinutes: Type.Integer({ minimum: 0, description: 'Bookable from now + this' }),
    horizonDays: Type.Integer({ minimum: 1, maximum: MAX_HORIZON_DAYS, description: '…up to this many days ahead (today is the first)' }),
    cancelHoursBefore: Type.Integer({ minimum: CANCEL_HOURS_RANGE.min, maximum: CANCEL_HOURS_RANGE.max, description: 'Residents may cancel by the link until then' }),
    resourceIds: Type.Array(Id, { minItems: 1, maxItems: 50, description: 'Who can perform it, in the order “anyone” tries them' }),
  },
  { additionalProperties: false },
)
export const BookableServiceSchema = Type.Object({
  variantId: Type.String(),
  productName: Type.String(),
  variantName: Type.String(),
  durationMinutes: Type.Integer(),
  priceCents: Type.Integer({ description: 'TTC' }),
  onSale: Type.Boolean(),
  bufferBeforeMinutes: Type.Integer(),
  bufferAfterMinutes: Type.Integer(),
  stepMinutes: Type.Integer(),
  noticeMinutes: Type.Integer(),
  horizonDays: Type.Integer(),
  cancelHoursBefore: Type.Integer(),
  resourceIds: Type.Array(Type.String()),
})
export const BookableServiceList = Type.Object({ items: Type.Array(BookableServiceSchema) })
export const ServiceParams = Type.Object({ shopId: Id, variantId: Id })
export const ResourceParams = Type.Object({ shopId: Id, resourceId: Id })
export const BookingParams = Type.Object({ shopId: Id, bookingId: Id })

export const FreeTimesQuery = Type.Object(
  {
    from: Type.Optional(Type.String({ format: 'date', description: 'First day (shop time); today when absent' })),
    days: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_FREE_TIME_DAYS, default: 7 })),
    resourceId: Type.Optional(Id),
  },
  { additionalProperties: false },
)
export const FreeTimeList = Type.Object({
  items: Type.Array(Type.Object({ startsAt: Type.String({ format: 'date-time' }), endsAt: Type.String({ format: 'date-time' }), resourceIds: Type.Array(Type.String(), { description: 'Free then, in the order “anyone” is given' }) })),
})

export const BookBody = Type.Object(
  {
    variantId: Id,
    startsAt: Type.String({ format: 'date-time', description: 'One of the free times' }),
    resourceId: Type.Optional(Id),
    contact: Type.Object({ name: Type.String({ maxLength: 200 }), email: Type.String({ maxLength: 300 }), phone: Type.Optional(Type.String({ maxLength: 40 })) }, { additionalProperties: false }),
    wantsReminder: Type.Optional(Type.Boolean({ description: 'An email the day before (before the online cancellation deadline when that is close), outside 21:00–08:00 shop time (none for a booking made less than 26 h ahead); true when absent' })),
  },
  { additionalProperties: false },
)
export const BookingSchema = Type.Object({
  id: Type.String(),
  shopId: Type.String(),
  variantId: Type.String(),
  resourceId: Type.String(),
  serviceName: Type.String(),
  resourceName: Type.String(),
  priceCents: Type.Integer(),
  startsAt: Type.String({ format: 'date-time' }),
  endsAt: Type.String({ format: 'date-time' }),
  status: Type.Enum(['confirmed', 'cancelled', 'attended', 'no_show'], { description: 'attended / no_show: marked by the shop after the start' }),
  contact: Type.Object({ name: Type.String(), email: Type.String(), phone: Type.String() }),
  cancellableUntil: Type.String({ format: 'date-time', description: 'The cancel link works until then' }),
  cancelledAt: Type.Union([Type.String(), Type.Null()]),
  cancelledBy: Type.Union([Type.Enum(['resident', 'shop']), Type.Null()]),
  wantsReminder: Type.Boolean({ description: 'The resident asked for a reminder the day before' }),
})
export const BookedSchema = Type.Object({
  booking: BookingSchema,
  cancelToken: Type.String({ description: 'The cancel link’s secret, given once: POST /bookings/{id}/cancel with it' }),
})
export const BookingList = Type.Object({ items: Type.Array(BookingSchema) })
export const CalendarQuery = Type.Object({ from: Type.String({ format: 'date-time' }), to: Type.String({ format: 'date-time' }) }, { additionalProperties: false })
export const CancelBody = Type.Object({ token: Type.String({ minLength: 1, maxLength: 100 }) }, { additionalProperties: false })
export const CancelParams = Type.Object({ bookingId: Id })

// Only the listed fields are sent (the schema shapes the answer): the account and creation time stay inside.
export const bookingJson = (b: Booking) => ({ ...b, cancelledAt: b.cancelledAt ?? null, cancelledBy: b.cancelledBy ?? null })

export const ShopBookBody = Type.Object(
  {
    variantId: Id,
    startsAt: Type.String({ format: 'date-time', description: 'A time the person works and is free (no online notice for the shop)' }),
    resourceId: Id,
    contact: Type.Object({ name: Type.String({ maxLength: 200 }), email: Type.Optional(Type.String({ maxLength: 300 })), phone: Type.Optional(Type.String({ maxLength: 40 })) }, { additionalProperties: false, description: 'A name, and an email or a phone number; with an email the client gets the confirmation and the reminder' }),
  },
  { additionalProperties: false },
)
export const MoveBody = Type.Object({ startsAt: Type.String({ format: 'date-time' }), resourceId: Id }, { additionalProperties: false })
export const AttendanceBody = Type.Object({ outcome: Type.Enum(['attended', 'no_show']) }, { additionalProperties: false })
