import type { Db } from '../../db/index.js'
import type { ShopId, UserId } from '../../lib/ids.js'
import type { Booking } from './types.js'
import type { BookingsDeps } from './deps.js'
import { invalidNoShowLimit } from './errors.js'

/**
 * UX-18: after this many no-shows at a shop within NO_SHOW_WINDOW_DAYS, a resident books it online only with a
 * guarantee: the service's own, or a card hold of its price (rules.ts, depositAfterNoShows). TheFork's threshold,
 * the default; each shop may set its own within NO_SHOW_LIMIT_RANGE.
 */
export const NO_SHOW_LIMIT = 4
export const NO_SHOW_LIMIT_RANGE = { min: 1, max: 20 } as const
export const NO_SHOW_WINDOW_DAYS = 365

/** The shop's no-show limit: its own, or NO_SHOW_LIMIT. */
export async function noShowLimitOf(db: Db, shopId: ShopId): Promise<number> {
  const row = await db
    .selectFrom('booking_shop_settings')
    .select('no_show_limit')
    .where('shop_id', '=', shopId)
    .executeTakeFirst()
  return row?.no_show_limit ?? NO_SHOW_LIMIT
}

/** The owner sets the shop's no-show limit. Throws bookings.invalid_no_show_limit (field noShowLimit). */
export async function setNoShowLimit(deps: BookingsDeps, shopId: ShopId, limit: number): Promise<number> {
  if (!Number.isInteger(limit) || limit < NO_SHOW_LIMIT_RANGE.min || limit > NO_SHOW_LIMIT_RANGE.max)
    throw invalidNoShowLimit(NO_SHOW_LIMIT_RANGE)
  const at = deps.clock.now().toISOString()
  await deps.db
    .insertInto('booking_shop_settings')
    .values({ shop_id: shopId, no_show_limit: limit, updated_at: at })
    .onConflict((oc) => oc.column('shop_id').doUpdateSet({ no_show_limit: limit, updated_at: at }))
    .execute()
  return limit
}

/** Who a client is across bookings: their account when they had one, else their email address. */
export interface ClientKey {
  userId: UserId | undefined
  email: string
}

/** How many times this client did not come to this shop's bookings in the last year (their history the shop sees). */
export async function noShowCount(db: Db, shopId: ShopId, client: ClientKey, now: Date): Promise<number> {
  const [count] = await countNoShows(db, shopId, [client], now)
  return count!
}

/** The no-show counts of the clients of these bookings, by booking id (for the staff's day view). */
export async function noShowCounts(
  db: Db,
  shopId: ShopId,
  bookings: readonly Booking[],
  now: Date,
): Promise<Map<string, number>> {
  const counts = await countNoShows(
    db,
    shopId,
    bookings.map((b) => ({ userId: b.userId, email: b.contact.email })),
    now,
  )
  return new Map(bookings.map((b, i) => [b.id, counts[i]!]))
}

/**
 * Each client's no-shows at the shop within the window, in the order of `clients`, in one query whatever their
 * number (a day view used to ask once per booking). A no-show counts for a client when it has their account or
 * their email: the query counts the no-shows per (account, email) pair, and each client adds up the pairs that
 * share either, so a no-show with both is counted once.
 */
async function countNoShows(
  db: Db,
  shopId: ShopId,
  clients: readonly ClientKey[],
  now: Date,
): Promise<number[]> {
  const keys = clients.map((c) => ({ userId: c.userId, email: c.email.trim().toLowerCase() }))
  const userIds = [...new Set(keys.flatMap((k) => (k.userId ? [k.userId] : [])))]
  const emails = [...new Set(keys.flatMap((k) => (k.email ? [k.email] : [])))]
  if (userIds.length === 0 && emails.length === 0) return keys.map(() => 0)
  const since = new Date(now.getTime() - NO_SHOW_WINDOW_DAYS * 86_400_000).toISOString()
  const pairs = await db
    .selectFrom('bookings')
    .select((eb) => ['user_id', 'contact_email', eb.fn.countAll<number | string>().as('n')])
    .where('shop_id', '=', shopId)
    .where('status', '=', 'no_show')
    .where('starts_at', '>=', since)
    .where((eb) =>
      eb.or([
        ...(userIds.length > 0 ? [eb('user_id', 'in', userIds)] : []),
        ...(emails.length > 0 ? [eb('contact_email', 'in', emails)] : []),
      ]),
    )
    .groupBy(['user_id', 'contact_email'])
    .execute()
  return keys.map((k) =>
    pairs
      .filter(
        (p) =>
          (k.userId !== undefined && p.user_id === k.userId) ||
          (k.email !== '' && p.contact_email === k.email),
      )
      .reduce((sum, p) => sum + Number(p.n), 0),
  )
}
