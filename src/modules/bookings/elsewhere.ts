import type { Db } from '../../db/index.js'
import type { UserId } from '../../lib/ids.js'
import { shopIdsOfKind, type Shop, type ShopKind } from '../shops/index.js'
import { bookedElsewhere } from './errors.js'

/**
 * The kinds of shop where one person holding two bookings at the same time means one of them is a no-show: a
 * table, a chair. A bike dropped at two repairers or two workshops of "autre" shops are not the same thing.
 */
const ONE_AT_A_TIME: ReadonlySet<ShopKind> = new Set(['restaurant', 'coiffure'])

/**
 * UX-17: a resident cannot hold two bookings at the same time in two restaurants (or two hairdressers): one of
 * them would be a no-show. The same person is the same account, or the same email address when booking without
 * one. Several bookings at one shop stay possible (a family at the hairdresser's). A check before the insert,
 * not a key: two shops booked in the same instant by one person is rare, harmless beyond itself, and the shops
 * see both. The refusal does not name the other shop: anyone can type an address, and where its owner eats is
 * theirs to know.
 */
export async function checkNotBookedElsewhere(
  db: Db,
  shop: Pick<Shop, 'id' | 'kind'>,
  who: { userId: UserId | undefined; email: string },
  period: { startsAt: string; endsAt: string },
): Promise<void> {
  if (!ONE_AT_A_TIME.has(shop.kind)) return
  const others = (await shopIdsOfKind(db, shop.kind)).filter((id) => id !== shop.id)
  if (others.length === 0) return
  const clash = await db
    .selectFrom('bookings')
    .select('id')
    .where('shop_id', 'in', others)
    .where('status', 'in', ['confirmed', 'requested', 'pending_payment'])
    .where('starts_at', '<', period.endsAt)
    .where('ends_at', '>', period.startsAt)
    .where((eb) => {
      const same = [eb('contact_email', '=', who.email)]
      if (who.userId) same.push(eb('user_id', '=', who.userId))
      return eb.or(same)
    })
    .executeTakeFirst()
  if (clash) throw bookedElsewhere()
}
