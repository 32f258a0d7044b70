import { LRUCache } from 'lru-cache'
import type { Db } from '../../db/index.js'
import { prepared, type Placeholder } from '../../db/prepared.js'
import type { ShopId, UserId } from '../../lib/ids.js'
import type { Membership, StaffRole } from './types.js'

/** Adds a user to a shop's staff, or changes their role. */
export async function addStaffMember(db: Db, shopId: ShopId, userId: UserId, role: StaffRole): Promise<void> {
  await db
    .insertInto('shop_staff')
    .values({ shop_id: shopId, user_id: userId, role })
    .onConflict((oc) => oc.columns(['shop_id', 'user_id']).doUpdateSet({ role }))
    .execute()
  forgetMemberships()
}

/**
 * Every signed-in request needs the viewer's memberships, so this process remembers them a few seconds (most
 * users have none). A change of staff or of a shop's name made here is seen at once; one made through another
 * process is seen here within MEMBERSHIP_MEMORY_MS.
 */
const MEMBERSHIP_MEMORY_MS = 5_000
const remembered = new LRUCache<UserId, Membership[]>({ max: 20_000, ttl: MEMBERSHIP_MEMORY_MS })

/** Called by every write that changes what a membership says (staff, roles, a shop's name). */
export function forgetMemberships(): void {
  remembered.clear()
}

/** The shops a user works at, by shop name. */
export async function listMemberships(db: Db, userId: UserId): Promise<Membership[]> {
  const known = remembered.get(userId)
  if (known) return known
  const rows = await membershipsOf.rows(db, { userId })
  const memberships = rows.map((r) => ({
    shopId: r.shop_id as ShopId,
    shopSlug: r.slug,
    shopName: r.name,
    role: r.role as StaffRole,
  }))
  remembered.set(userId, memberships)
  return memberships
}

// Every signed-in request runs it: compiled once (db/prepared.ts).
const membershipsOf = prepared((db, p: Placeholder<{ userId: string }>) =>
  db
    .selectFrom('shop_staff')
    .innerJoin('shops', 'shops.id', 'shop_staff.shop_id')
    .select(['shop_staff.shop_id', 'shop_staff.role', 'shops.slug', 'shops.name'])
    .where('shop_staff.user_id', '=', p('userId'))
    .orderBy('shops.name'),
)
