import { nextWorkingDay } from '../../lib/working-days.js'
import { addDays, type LocalDate } from '../../lib/zoned-time.js'

/**
 * The states of a click & collect order (UX-10). `pending_payment` is the short wait for a card
 * authorization: the units are held, the shop does not see the order yet.
 */
export const ORDER_STATUSES = [
  'pending_payment',
  'placed',
  'accepted',
  'preparing',
  'ready',
  'collected',
  'cancelled',
  'no_show',
] as const
export type OrderStatus = (typeof ORDER_STATUSES)[number]

/** Who moves an order: the resident who placed it, the shop's staff, or the platform's scheduled work. */
export type OrderActor = 'resident' | 'shop' | 'system'

/**
 * Why an order was cancelled, as stored and as the API gives it: the card was declined, or its payment not
 * completed in time; the resident or the shop cancelled it. People read it in French (fr.ts `order.cancel_reason.*`,
 * or the shop's own words).
 */
export const CANCEL_REASONS = ['payment_declined', 'payment_timeout', 'resident', 'shop'] as const
export type CancelReason = (typeof CANCEL_REASONS)[number]

/**
 * Every allowed move, and who may make it. Anything not listed is refused. The resident may cancel until
 * preparation starts; the shop may cancel (with a reason) until the order is collected; a ready order not
 * collected in time becomes a no-show.
 */
export const ORDER_TRANSITIONS: ReadonlyArray<{ from: OrderStatus; to: OrderStatus; by: OrderActor }> = [
  { from: 'pending_payment', to: 'placed', by: 'system' },
  { from: 'pending_payment', to: 'cancelled', by: 'system' },
  { from: 'placed', to: 'accepted', by: 'shop' },
  { from: 'accepted', to: 'preparing', by: 'shop' },
  { from: 'placed', to: 'preparing', by: 'shop' },
  { from: 'preparing', to: 'ready', by: 'shop' },
  { from: 'ready', to: 'collected', by: 'shop' },
  { from: 'placed', to: 'cancelled', by: 'resident' },
  { from: 'accepted', to: 'cancelled', by: 'resident' },
  { from: 'placed', to: 'cancelled', by: 'shop' },
  { from: 'accepted', to: 'cancelled', by: 'shop' },
  { from: 'preparing', to: 'cancelled', by: 'shop' },
  { from: 'ready', to: 'cancelled', by: 'shop' },
  { from: 'ready', to: 'no_show', by: 'system' },
]

export const CLOSED_STATUSES: readonly OrderStatus[] = ['collected', 'cancelled', 'no_show']

export function canMove(from: OrderStatus, to: OrderStatus, by: OrderActor): boolean {
  return ORDER_TRANSITIONS.some((t) => t.from === from && t.to === to && t.by === by)
}

/** The states an actor can move an order to `to` from, for a conditional update (`where status in …`). */
export function sourcesOf(to: OrderStatus, by: OrderActor): OrderStatus[] {
  return ORDER_TRANSITIONS.filter((t) => t.to === to && t.by === by).map((t) => t.from)
}

/** Six characters read aloud at the counter without confusion: no 0/O, 1/I/L, 5/S, 2/Z (UX-12). */
export const PICKUP_CODE_ALPHABET = 'ABCDEFGHJKMNPQRTUVWXY346789'
export const PICKUP_CODE_LENGTH = 6

/** A typed code: spaces, dashes and lower case are forgiven. */
export function normalizePickupCode(typed: string): string {
  return typed.toUpperCase().replace(/[\s-]/g, '').slice(0, 20)
}

export function isPickupCode(value: string): boolean {
  return value.length === PICKUP_CODE_LENGTH && [...value].every((c) => PICKUP_CODE_ALPHABET.includes(c))
}

// A checkout's contact details follow the rules every module's contact forms share (src/lib/contact.ts).
export { checkContact, type ContactInput } from '../../lib/contact.js'

/** An idempotency key as clients send them (a UUID, a form token): printable, 8 to 100 characters. */
export const isIdempotencyKey = (key: string): boolean => /^[\x21-\x7e]{8,100}$/.test(key)

/** LAW F2 (L221-18): the withdrawal period runs for 14 days from the day after pickup. */
const WITHDRAWAL_DAYS = 14

/**
 * The last day a resident may withdraw from an order collected on `collectedOn` (the shop's local date):
 * collected on D, the 14 days run D+1 … D+14, and a period ending on a Saturday, Sunday or public holiday
 * runs on to the next working day.
 */
export function withdrawalDeadline(collectedOn: LocalDate): LocalDate {
  return nextWorkingDay(addDays(collectedOn, WITHDRAWAL_DAYS))
}
