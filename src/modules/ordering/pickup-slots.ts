import type { Db } from '../../db/index.js'
import { getOpeningSchedule, type OpeningSchedule, type Shop } from '../shops/index.js'
import { offeredSlots, type PickupSlot } from './slots.js'

/** The slots a resident may choose at this shop now, each with the orders it can still take. A caller that already read the shop's schedule passes it. */
export async function listPickupSlots(
  db: Db,
  shop: Shop,
  now: Date,
  schedule?: OpeningSchedule,
): Promise<PickupSlot[]> {
  schedule ??= await getOpeningSchedule(db, shop, now)
  const loads = await db
    .selectFrom('slot_loads')
    .select(['starts_at', 'orders'])
    .where('shop_id', '=', shop.id)
    .where('starts_at', '>=', now.toISOString())
    .execute()
  return offeredSlots(
    schedule.hours,
    schedule.closures,
    shop.pickup,
    shop.timeZone,
    now,
    new Map(loads.map((l) => [l.starts_at, l.orders])),
  )
}
