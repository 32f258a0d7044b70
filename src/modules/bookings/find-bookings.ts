import type { Selectable } from 'kysely'
import type { Db } from '../../db/index.js'
import type { BookingsTable } from '../../db/schema/bookings.js'
import { isWellFormedId, type ShopId, type UserId, type VariantId } from '../../lib/ids.js'
import { secretMatches } from '../../lib/secret-token.js'
import { bookingNotFound } from './errors.js'
import type { Booking, BookingDeposit, BookingStatus } from './types.js'

/** A booking by id, for its messages. Throws bookings.booking_not_found. */
export async function getBooking(db: Db, bookingId: string): Promise<Booking> {
  const row = isWellFormedId(bookingId)
    ? await db.selectFrom('bookings').selectAll().where('id', '=', bookingId).executeTakeFirst()
    : undefined
  if (!row) throw bookingNotFound()
  return toBooking(row)
}

/** The booking a cancel link names, if the link's secret is right; anything else is answered as not found. */
export async function bookingOfLink(db: Db, bookingId: string, token: string): Promise<Booking> {
  const row =
    isWellFormedId(bookingId) && token.length <= 100
      ? await db.selectFrom('bookings').selectAll().where('id', '=', bookingId).executeTakeFirst()
      : undefined
  if (!row || !secretMatches(token, row.cancel_token_hash)) throw bookingNotFound()
  return toBooking(row)
}

/** The shop's bookings whose start falls in [from, to), by start time, past ones with whether the client came: its calendar. */
export async function listShopBookings(
  db: Db,
  shopId: ShopId,
  period: { from: string; to: string },
  options: { withCancelled?: boolean } = {},
): Promise<Booking[]> {
  // A booking still waiting for its card, or whose card failed, was never made: the shop does not see it.
  const hidden = options.withCancelled
    ? ['pending_payment', 'payment_failed']
    : ['pending_payment', 'payment_failed', 'cancelled']
  const query = db
    .selectFrom('bookings')
    .selectAll()
    .where('shop_id', '=', shopId)
    .where('starts_at', '>=', period.from)
    .where('starts_at', '<', period.to)
    .where('status', 'not in', hidden)
  return (await query.orderBy('starts_at').orderBy('resource_name').limit(2_000).execute()).map(toBooking)
}

export function toBooking(row: Selectable<BookingsTable>): Booking {
  return {
    id: row.id,
    shopId: row.shop_id as ShopId,
    variantId: row.variant_id as VariantId,
    resourceId: row.resource_id,
    userId: (row.user_id ?? undefined) as UserId | undefined,
    serviceName: row.service_name,
    resourceName: row.resource_name,
    priceCents: row.price_cents,
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    status: row.status as BookingStatus,
    contact: { name: row.contact_name, email: row.contact_email, phone: row.contact_phone },
    cancellableUntil: row.cancellable_until,
    createdAt: row.created_at,
    cancelledAt: row.cancelled_at ?? undefined,
    cancelledBy: (row.cancelled_by ?? undefined) as Booking['cancelledBy'],
    wantsReminder: row.wants_reminder === 1,
    partySize: row.party_size,
    deposit:
      row.deposit_kind === 'none'
        ? undefined
        : { kind: row.deposit_kind as BookingDeposit['kind'], amountCents: row.deposit_cents },
  }
}
