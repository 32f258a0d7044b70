import type { ShopId, UserId } from '../../lib/ids.js'

/** What the organiser (a shop, or the town's coordinator) says of an event with seats: a tasting, a workshop, a town evening (issue #5). */
export interface EventInput {
  title: string
  description: string
  place: string
  startsAt: string
  endsAt: string
  capacity: number
  /** The most seats one registration may take. */
  seatsPerPerson: number
  /** 0: free; otherwise paid on the day. */
  priceCents: number
  /** How long a freed seat stays offered to the first person waiting. */
  offerHours: number
  cancelHoursBefore: number
}

/**
 * Who runs an event: a shop (its id), or the town (`TOWN`): a town event belongs to no shop and only the town's
 * coordinator schedules, lists or cancels it (issue #5 item 3).
 */
export const TOWN = 'town' as const
export type EventOwner = ShopId | typeof TOWN

export interface BookingEvent extends EventInput {
  id: string
  /** Undefined: a town event (its `place` says where, in the town's time zone). */
  shopId: ShopId | undefined
  /** Seats given or offered. */
  seatsTaken: number
  waitingCount: number
  status: 'scheduled' | 'cancelled'
  createdAt: string
}

/**
 * seated: has seats. waiting: on the waitlist at `waitlistPosition`. offered: seats kept for them until
 * `offerExpiresAt`, theirs if they take them. cancelled (by them or the shop), expired (an offer not taken).
 */
export type RegistrationStatus = 'seated' | 'waiting' | 'offered' | 'cancelled' | 'expired'

export interface EventRegistration {
  id: string
  eventId: string
  /** The event's shop; undefined for a town event. */
  shopId: ShopId | undefined
  userId: UserId | undefined
  seats: number
  status: RegistrationStatus
  /** Among those still waiting, how many are ahead (0: next), for a waiting registration. */
  waitlistPosition: number | undefined
  offerExpiresAt: string | undefined
  contact: { name: string; email: string; phone: string }
  /** A reminder the day before, once seated (UX-15). */
  wantsReminder: boolean
  createdAt: string
  updatedAt: string
}
