import type { Db } from '../../db/index.js'
import { AppError } from '../../lib/app-error.js'
import type { ShopId, UserId } from '../../lib/ids.js'

/**
 * UX-17: a resident cannot hold two bookings at the same time in two shops of the same kind (two restaurants at
 * 20:00, two hairdressers at 10:00): one of them would be a no-show. The same person is the same account, or
 * the same email address when booking without one. Several bookings at one shop stay possible (a family at the
 * hairdresser's). A check before the insert, not a key: two shops booked in the same instant by one person is
 * rare, harmless beyond itself, and the shops see both.
 */
export async function checkNotBookedElsewhere(
  db: Db,
  shopId: ShopId,
  who: { userId: UserId | undefined; email: string },
  period: { startsAt: string; endsAt: string },
): Promise<void> {
  const shop = await db.selectFrom('shops').select('kind').where('id', '=', shopId).executeTakeFirstOrThrow()
  const clash = await db
    .selectFrom('bookings')
    .innerJoin('shops', 'shops.id', 'bookings.shop_id')
    .select(['shops.name'])
    .where('shops.kind', '=', shop.kind)
    .where('bookings.shop_id', '!=', shopId)
    .where('bookings.status', 'in', ['confirmed', 'requested'])
    .where('bookings.starts_at', '<', period.endsAt)
    .where('bookings.ends_at', '>', period.startsAt)
    .where((eb) => {
      const same = [eb('bookings.contact_email', '=', who.email)]
      if (who.userId) same.push(eb('bookings.user_id', '=', who.userId))
      return eb.or(same)
    })
    .executeTakeFirst()
  if (clash) {
    throw new AppError('conflict', 'bookings.booked_elsewhere', 'you already have a booking at that time at another shop of the same kind: cancel it first', { field: 'startsAt', shopName: clash.name })
  }
}
