import { Type } from '@fastify/type-provider-typebox'
import {
  NO_SHOW_LIMIT,
  NO_SHOW_LIMIT_RANGE,
  CANCEL_HOURS_RANGE,
  CARD_HOLD_RANGE_CENTS,
  DEPOSIT_PERCENT_RANGE,
  MAX_BUFFER_MINUTES,
  MAX_FREE_TIME_DAYS,
  MAX_HORIZON_DAYS,
  MAX_SEATS,
  RESOURCE_KINDS,
  STEP_CHOICES,
  type Booking,
} from '../modules/bookings/index.js'
import { Id } from './schemas.js'

const WeeklyRange = Type.Object(
  {
    weekday: Type.Integer({ minimum: 1, maximum: 7, description: '1 Monday … 7 Sunday' }),
    opensMinute: Type.Integer({
      minimum: 0,
      maximum: 1439,
      description: 'Minutes after midnight, shop time',
    }),
    closesMinute: Type.Integer({ minimum: 1, maximum: 1440 }),
  },
  { additionalProperties: false },
)

const SeatRange = Type.Object(
  {
    min: Type.Integer({ minimum: 1, maximum: MAX_SEATS }),
    max: Type.Integer({ minimum: 1, maximum: MAX_SEATS }),
  },
  { additionalProperties: false, description: 'A table: the parties it seats, from min to max people' },
)
export const ResourceBody = Type.Object(
  {
    name: Type.String({ maxLength: 200 }),
    kind: Type.Enum([...RESOURCE_KINDS]),
    seats: Type.Optional(SeatRange),
  },
  { additionalProperties: false },
)
export const ResourceSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  kind: Type.String({ description: 'staff (a person) or resource (a chair, a room, a table)' }),
  seats: Type.Optional(SeatRange),
  active: Type.Boolean(),
  hours: Type.Array(WeeklyRange, { description: 'Its own weekly hours; empty: the shop’s opening hours' }),
})
export const ResourceList = Type.Object({ items: Type.Array(ResourceSchema) })
export const ResourceHoursBody = Type.Object(
  { hours: Type.Array(WeeklyRange, { maxItems: 50 }) },
  { additionalProperties: false },
)
export const AbsenceBody = Type.Object(
  {
    startsAt: Type.String({ format: 'date-time' }),
    endsAt: Type.String({ format: 'date-time' }),
    reason: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
)
export const AbsenceSchema = Type.Object({
  id: Type.String(),
  resourceId: Type.String(),
  startsAt: Type.String(),
  endsAt: Type.String(),
  reason: Type.String(),
})

const PartySettings = Type.Object(
  {
    maxParty: Type.Integer({
      minimum: 1,
      maximum: MAX_SEATS,
      description: 'The largest party bookable online; a table must seat it',
    }),
    onRequestFrom: Type.Optional(
      Type.Integer({
        minimum: 2,
        maximum: MAX_SEATS,
        description: 'Parties this large or larger are requests the shop confirms or declines',
      }),
    ),
    durations: Type.Array(
      Type.Object(
        {
          fromParty: Type.Integer({ minimum: 1, maximum: MAX_SEATS }),
          minutes: Type.Integer({ minimum: 15, maximum: 480 }),
        },
        { additionalProperties: false },
      ),
      {
        maxItems: 6,
        description:
          'A party of at least fromParty people stays minutes (multiple of 5); smaller ones, the catalog duration',
      },
    ),
  },
  { additionalProperties: false, description: 'Booked by party on tables (every resource a table)' },
)

const DepositPolicy = Type.Union(
  [
    Type.Object({ kind: Type.Literal('none') }, { additionalProperties: false }),
    Type.Object(
      {
        kind: Type.Literal('card_hold'),
        amountCents: Type.Integer({
          minimum: CARD_HOLD_RANGE_CENTS.min,
          maximum: CARD_HOLD_RANGE_CENTS.max,
          description: 'Held at booking, taken only on a no-show (1 € to 500 €)',
        }),
      },
      { additionalProperties: false },
    ),
    Type.Object(
      {
        kind: Type.Literal('deposit'),
        percent: Type.Integer({
          minimum: DEPOSIT_PERCENT_RANGE.min,
          maximum: DEPOSIT_PERCENT_RANGE.max,
          description: 'Of the price, taken at booking, deducted from the bill on site',
        }),
      },
      { additionalProperties: false },
    ),
    Type.Object({ kind: Type.Literal('prepayment') }, { additionalProperties: false }),
  ],
  {
    description:
      'What a booking leaves as a guarantee (UX-16); refunded or released when cancelled in time or by the shop. None when absent',
  },
)
const BookingDeposit = Type.Object(
  {
    kind: Type.Enum(['card_hold', 'deposit', 'prepayment']),
    amountCents: Type.Integer({ description: 'Held (card_hold) or taken (deposit, prepayment) at booking' }),
  },
  { description: 'The guarantee the booking was made with' },
)

export const ServiceSettingsBody = Type.Object(
  {
    bufferBeforeMinutes: Type.Integer({ minimum: 0, maximum: MAX_BUFFER_MINUTES }),
    bufferAfterMinutes: Type.Integer({ minimum: 0, maximum: MAX_BUFFER_MINUTES }),
    stepMinutes: Type.Integer({ description: `Between offered start times: ${STEP_CHOICES.join(', ')}` }),
    noticeMinutes: Type.Integer({ minimum: 0, description: 'Bookable from now + this' }),
    horizonDays: Type.Integer({
      minimum: 1,
      maximum: MAX_HORIZON_DAYS,
      description: '…up to this many days ahead (today is the first)',
    }),
    cancelHoursBefore: Type.Integer({
      minimum: CANCEL_HOURS_RANGE.min,
      maximum: CANCEL_HOURS_RANGE.max,
      description: 'Residents may cancel by the link until then',
    }),
    resourceIds: Type.Array(Id, {
      minItems: 1,
      maxItems: 50,
      description: 'Who can perform it, in the order “anyone” tries them',
    }),
    party: Type.Optional(PartySettings),
    deposit: Type.Optional(DepositPolicy),
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
  party: Type.Optional(PartySettings),
  deposit: DepositPolicy,
})
export const BookableServiceList = Type.Object({ items: Type.Array(BookableServiceSchema) })
export const ServiceParams = Type.Object({ shopId: Id, variantId: Id })
export const ResourceParams = Type.Object({ shopId: Id, resourceId: Id })
export const BookingParams = Type.Object({ shopId: Id, bookingId: Id })

export const FreeTimesQuery = Type.Object(
  {
    from: Type.Optional(
      Type.String({ format: 'date', description: 'First day (shop time); today when absent' }),
    ),
    days: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_FREE_TIME_DAYS, default: 7 })),
    resourceId: Type.Optional(Id),
    partySize: Type.Optional(
      Type.Integer({ description: 'How many people, for a service booked by party (required there)' }),
    ),
  },
  { additionalProperties: false },
)
export const FreeTimeList = Type.Object({
  items: Type.Array(
    Type.Object({
      startsAt: Type.String({ format: 'date-time' }),
      endsAt: Type.String({ format: 'date-time' }),
      resourceIds: Type.Array(Type.String(), { description: 'Free then, in the order “anyone” is given' }),
    }),
  ),
})

export const BookBody = Type.Object(
  {
    variantId: Id,
    startsAt: Type.String({ format: 'date-time', description: 'One of the free times' }),
    resourceId: Type.Optional(Id),
    partySize: Type.Optional(
      Type.Integer({ description: 'How many people, for a service booked by party (required there)' }),
    ),
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
          'An email the day before (before the online cancellation deadline when that is close), outside 21:00–08:00 shop time (none for a booking made less than 26 h ahead); true when absent',
      }),
    ),
    payment: Type.Optional(
      Type.Object(
        {
          method: Type.String({
            maxLength: 40,
            description: 'A card provider (test_card with the built-in test provider); not counter',
          }),
          token: Type.Optional(
            Type.String({
              maxLength: 200,
              description: 'What the provider’s page handed back (test: tok_visa, tok_declined)',
            }),
          ),
        },
        {
          additionalProperties: false,
          description:
            'The card, when the service asks a guarantee or the resident is over the no-show limit; ignored otherwise',
        },
      ),
    ),
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
  status: Type.Enum(
    ['pending_payment', 'payment_failed', 'requested', 'confirmed', 'cancelled', 'attended', 'no_show'],
    {
      description:
        'requested: a large party waiting for the shop to confirm or decline (declined: cancelled by the shop); attended / no_show: marked by the shop after the start; pending_payment / payment_failed: a booking waiting for its card, or whose card failed (never listed)',
    },
  ),
  partySize: Type.Integer({ description: 'How many people (1 unless the service is booked by party)' }),
  contact: Type.Object({ name: Type.String(), email: Type.String(), phone: Type.String() }),
  cancellableUntil: Type.String({ format: 'date-time', description: 'The cancel link works until then' }),
  cancelledAt: Type.Union([Type.String(), Type.Null()]),
  cancelledBy: Type.Union([Type.Enum(['resident', 'shop']), Type.Null()]),
  wantsReminder: Type.Boolean({ description: 'The resident asked for a reminder the day before' }),
  deposit: Type.Union([BookingDeposit, Type.Null()]),
})
export const BookedSchema = Type.Object({
  booking: BookingSchema,
  cancelToken: Type.String({
    description: 'The cancel link’s secret, given once: POST /bookings/{id}/cancel with it',
  }),
})
export const BookingList = Type.Object({ items: Type.Array(BookingSchema) })
export const CalendarQuery = Type.Object(
  { from: Type.String({ format: 'date-time' }), to: Type.String({ format: 'date-time' }) },
  { additionalProperties: false },
)
export const CancelBody = Type.Object(
  { token: Type.String({ minLength: 1, maxLength: 100 }) },
  { additionalProperties: false },
)
export const CancelParams = Type.Object({ bookingId: Id })

// Only the listed fields are sent (the schema shapes the answer): the account and creation time stay inside.
export const bookingJson = (b: Booking) => ({
  ...b,
  cancelledAt: b.cancelledAt ?? null,
  cancelledBy: b.cancelledBy ?? null,
  deposit: b.deposit ?? null,
})

export const ShopBookBody = Type.Object(
  {
    variantId: Id,
    startsAt: Type.String({
      format: 'date-time',
      description: 'A time the person works and is free (no online notice for the shop)',
    }),
    resourceId: Id,
    partySize: Type.Optional(
      Type.Integer({ description: 'For a service booked by party; never a request when the shop books' }),
    ),
    contact: Type.Object(
      {
        name: Type.String({ maxLength: 200 }),
        email: Type.Optional(Type.String({ maxLength: 300 })),
        phone: Type.Optional(Type.String({ maxLength: 40 })),
      },
      {
        additionalProperties: false,
        description:
          'A name, and an email or a phone number; with an email the client gets the confirmation and the reminder',
      },
    ),
  },
  { additionalProperties: false },
)
export const MoveBody = Type.Object(
  { startsAt: Type.String({ format: 'date-time' }), resourceId: Id },
  { additionalProperties: false },
)
export const AttendanceBody = Type.Object(
  { outcome: Type.Enum(['attended', 'no_show']) },
  { additionalProperties: false },
)

/** The link's secret travels in the query (a GET) or the body: the same bounds as cancelling. */
const LinkToken = Type.String({
  minLength: 1,
  maxLength: 100,
  description: 'The secret of the booking’s latest link (cancelToken)',
})
export const LinkFreeTimesQuery = Type.Object(
  {
    token: LinkToken,
    from: Type.Optional(
      Type.String({ format: 'date', description: 'First day (shop time); today when absent' }),
    ),
    days: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_FREE_TIME_DAYS, default: 7 })),
    resourceId: Type.Optional(Id),
  },
  { additionalProperties: false },
)
export const LinkFreeTimeList = Type.Object({
  booking: BookingSchema,
  items: Type.Array(
    Type.Object({
      startsAt: Type.String({ format: 'date-time' }),
      endsAt: Type.String({ format: 'date-time' }),
      resourceIds: Type.Array(Type.String(), {
        description:
          'Free then, the booking’s own person first when free, then in the order “anyone” is given',
      }),
    }),
    { description: 'As if the booking were not there: its own time is listed, and the times next to it too' },
  ),
})
export const MoveByLinkBody = Type.Object(
  {
    token: LinkToken,
    startsAt: Type.String({
      format: 'date-time',
      description: 'One of the free times of GET /bookings/{id}/free-times',
    }),
    resourceId: Type.Optional(Id),
  },
  { additionalProperties: false },
)

export const BookingSettingsSchema = Type.Object(
  {
    noShowLimit: Type.Integer({
      minimum: NO_SHOW_LIMIT_RANGE.min,
      maximum: NO_SHOW_LIMIT_RANGE.max,
      description: `After this many no-shows at the shop in 12 months, a resident books online only with a guarantee (default ${NO_SHOW_LIMIT})`,
    }),
  },
  { additionalProperties: false },
)
