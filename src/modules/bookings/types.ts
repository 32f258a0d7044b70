import type { ShopId, UserId, VariantId } from '../../lib/ids.js'
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
}

export interface Absence {
  id: string
  resourceId: string
  startsAt: string
  endsAt: string
  reason: string
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
}

/** A start time and the resources free then, in the service's order of resources. */
export interface FreeTime {
  startsAt: string
  endsAt: string
  resourceIds: string[]
}

/** confirmed → cancelled (before), or after the start attended / no_show, as the staff mark it (UX-18). */
export type BookingStatus = 'confirmed' | 'cancelled' | 'attended' | 'no_show'

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
}

/** A shop's private iCalendar link for its staff (issue #5); the secret itself is shown once, never kept. */
export interface AgendaFeed {
  id: string
  shopId: ShopId
  createdAt: string
  revokedAt: string | undefined
}
