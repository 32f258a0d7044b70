import type { ShopId } from '../../lib/ids.js'

export const SHOP_KINDS = [
  'boulangerie',
  'fromagerie',
  'librairie',
  'caviste',
  'fleuriste',
  'cycles',
  'restaurant',
  'coiffure',
  'epicerie',
  'boucherie',
  'autre',
] as const
export type ShopKind = (typeof SHOP_KINDS)[number]

export interface Address {
  street: string
  postalCode: string
  city: string
}

export interface Shop {
  id: ShopId
  slug: string
  name: string
  kind: ShopKind
  tagline: string
  description: string
  address: Address
  phone: string
  email: string
  geo: { latitude: number; longitude: number } | undefined
  timeZone: string
  siret: string | undefined
  vatNumber: string | undefined
  pickupInstructions: string
  stockFreshnessHours: number
  pickup: PickupSettings
  updatedAt: string
}

/** How a shop hands over click & collect orders (UX-07). */
export interface PickupSettings {
  enabled: boolean
  slotMinutes: number
  /** Orders one slot can take. */
  slotCapacity: number
  /** No slot starts earlier than now plus this. */
  preparationMinutes: number
  /** Slots end this long before closing. */
  handoverMarginMinutes: number
  /** How many days ahead slots are offered. */
  horizonDays: number
  /** A ready order not collected this long after its slot ends becomes a no-show. */
  noShowAfterHours: number
}

/** What an owner may edit on the shop profile; also what a coordinator provides when onboarding a shop. */
export interface ShopProfileInput {
  name: string
  kind: ShopKind
  tagline: string
  description: string
  street: string
  postalCode: string
  city: string
  phone: string
  email: string
  latitude?: number | undefined
  longitude?: number | undefined
  timeZone?: string | undefined
  siret?: string | undefined
  vatNumber?: string | undefined
  pickupInstructions: string
  stockFreshnessHours?: number | undefined
}

/** One opening range on a weekday, in minutes since local midnight; a day may have several (lunch break). */
export interface OpeningRange {
  weekday: number
  opensMinute: number
  closesMinute: number
}

/** An exceptional closure, whole days in the shop's zone, both ends included. */
export interface Closure {
  id: string
  startsOn: string
  endsOn: string
  reason: string
}

export type OpeningStatus =
  | { state: 'open'; closesAt: Date }
  | { state: 'closed'; nextOpensAt: Date | undefined; closure: Closure | undefined }

export type StaffRole = 'owner' | 'staff'

export interface Membership {
  shopId: ShopId
  shopSlug: string
  shopName: string
  role: StaffRole
}
