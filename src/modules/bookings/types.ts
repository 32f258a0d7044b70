import type { ShopId, UserId, VariantId } from '../../lib/ids.js'
import type { WithdrawalException } from '../catalog/index.js'
import type { OpeningRange } from '../shops/index.js'

export const RESOURCE_KINDS = ['staff', 'resource'] as const
export type ResourceKind = (typeof RESOURCE_KINDS)[number]

/** Who or what performs a service: a staff member, a chair, a room. */
export interface Resource {
  id: string
  shopId: ShopId
  name: string
  kind: ResourceKind
  active: boolean
  /** Its own weekly hours; empty: it works the shop's opening hours. */
  hours: OpeningRange[]
  /** A table: the parties it seats, from min to max people; undefined for a person, a chair, a room. */
  seats: SeatRange | undefined
}

export interface SeatRange {
  min: number
  max: number
}

/** How a service booked by party (a lunch, a dinner) takes tables (issue #5). */
export interface PartySettings {
  /** The largest party bookable online; every party size from 1 to this is asked for. */
  maxParty: number
  /** Parties of this size or more only send a request, which the shop confirms or declines; undefined: never. */
  onRequestFrom: number | undefined
  /** A party of at least `fromParty` people stays `minutes`; smaller ones, the catalog's duration. */
  durations: Array<{ fromParty: number; minutes: number }>
}

export interface Absence {
  id: string
  resourceId: string
  startsAt: string
  endsAt: string
  reason: string
}

export const DEPOSIT_KINDS = ['none', 'card_hold', 'deposit', 'prepayment'] as const
type DepositKind = (typeof DEPOSIT_KINDS)[number]

/**
 * What a service asks to guarantee a booking (UX-16, decision 006 "Deposits"): nothing; a card hold of a fixed
 * amount, taken only on a no-show; a deposit, a percentage of the price taken at booking and deducted on site;
 * or the whole price taken at booking.
 */
export type DepositPolicy =
  | { kind: 'none' }
  | { kind: 'card_hold'; amountCents: number }
  | { kind: 'deposit'; percent: number }
  | { kind: 'prepayment' }

/** The guarantee a booking was made under, with its amount in cents (kept as it was when booked). */
export interface BookingDeposit {
  kind: Exclude<DepositKind, 'none'>
  amountCents: number
}

/** A catalog service's booking settings (issue #5). */
export interface ServiceSettings {
  bufferBeforeMinutes: number
  bufferAfterMinutes: number
  /** Offered start times step by this much from each opening. */
  stepMinutes: number
  /** Bookable from now + notice… */
  noticeMinutes: number
  /** …to this many days ahead (today counts as the first). */
  horizonDays: number
  /** Residents may cancel by the link until this many hours before the start. */
  cancelHoursBefore: number
  /** The resources that can perform it. */
  resourceIds: string[]
  /** Booked by party on tables; undefined: one person, one resource at a time. */
  party?: PartySettings | undefined
  /** What a booking must leave as a guarantee (UX-16); nothing when absent. */
  deposit?: DepositPolicy | undefined
}

export interface BookableService extends ServiceSettings {
  variantId: VariantId
  shopId: ShopId
  productName: string
  variantName: string
  durationMinutes: number
  priceCents: number
  /** False when the service is hidden in the catalog: it cannot be booked. */
  onSale: boolean
  deposit: DepositPolicy
  /** The catalog's word on the 14-day withdrawal right (LAW F3): undefined, it applies; 'dated_service', it does not. */
  withdrawalException: WithdrawalException | undefined
}

/** A start time and the resources free then, in the service's order of resources. */
export interface FreeTime {
  startsAt: string
  endsAt: string
  resourceIds: string[]
}

/**
 * confirmed → cancelled (before), or after the start attended / no_show, as the staff mark it (UX-18). A large
 * party's booking starts as requested (its table held) until the shop confirms it or declines it (cancelled).
 * A booking that needs a card starts as pending_payment (its cells held, invisible to the shop) until the card is
 * authorized (then confirmed or requested) or declined / never answered (payment_failed, its cells freed).
 */
export type BookingStatus =
  'pending_payment' | 'payment_failed' | 'requested' | 'confirmed' | 'cancelled' | 'attended' | 'no_show'

export interface Booking {
  id: string
  shopId: ShopId
  variantId: VariantId
  resourceId: string
  userId: UserId | undefined
  serviceName: string
  resourceName: string
  priceCents: number
  startsAt: string
  endsAt: string
  status: BookingStatus
  contact: { name: string; email: string; phone: string }
  /** Until when the resident may cancel by the link. */
  cancellableUntil: string
  createdAt: string
  cancelledAt: string | undefined
  cancelledBy: 'resident' | 'shop' | undefined
  /** The resident wants a reminder the day before (the booking form's box, ticked by default). */
  wantsReminder: boolean
  /** How many people (1 for a service not booked by party). */
  partySize: number
  /** The card hold, deposit or prepayment it was booked with; undefined: none. */
  deposit: BookingDeposit | undefined
}

/** A shop's private iCalendar link for its staff (issue #5); the secret itself is shown once, never kept. */
export interface AgendaFeed {
  id: string
  shopId: ShopId
  createdAt: string
  revokedAt: string | undefined
}
