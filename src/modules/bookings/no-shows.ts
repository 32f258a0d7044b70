import type { Db } from '../../db/index.js'
import type { ShopId, UserId } from '../../lib/ids.js'
import type { Booking } from './types.js'

/**
 * UX-18: after this many no-shows at a shop within NO_SHOW_WINDOW_DAYS, a resident can no longer book it online
 * (TheFork's threshold). Deposits are not built yet, so "book with a deposit" means "book by phone" for now.
 */
export const NO_SHOW_LIMIT = 4
export const NO_SHOW_WINDOW_DAYS = 365

/** Who a client is across bookings: their account when they had one, else their email address. */
export interface ClientKey {
  userId: UserId | undefined
  email: string
}

/** How many times this client did not come to this shop's bookings in the last year (their history the shop sees). */
export async function noShowCount(db: Db, shopId: ShopId, client: ClientKey, now: Date): Promise<number> {
  const email = client.email.trim().toLowerCase()
  if (!client.userId && !email) return 0
  const since = new Date(now.getTime() - NO_SHOW_WINDOW_DAYS * 86_400_000).toISOString()
  const row = await db
    .selectFrom('bookings')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('shop_id', '=', shopId)
    .where('status', '=', 'no_show')
    .where('starts_at', '>=', since)
    .where((eb) => {
      const byEmail = eb('contact_email', '=', email)
      return client.userId && email ? eb.or([eb('user_id', '=', client.userId), byEmail]) : client.userId ? eb('user_id', '=', client.userId) : byEmail
    })
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

/** The no-show counts of the clients of these bookings, by booking id (for the staff's day view). */
export async function noShowCounts(db: Db, shopId: ShopId, bookings: readonly Booking[], now: Date): Promise<Map<string, number>> {
  const counts = new Map<string, number>()
  for (const b of bookings) counts.set(b.id, await noShowCount(db, shopId, { userId: b.userId, email: b.contact.email }, now))
  return counts
}
