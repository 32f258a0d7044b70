import type { Db } from '../../src/db/index.js'
import type { Clock } from '../../src/lib/clock.js'
import type { UserId } from '../../src/lib/ids.js'
import {
  setWeeklyHours,
  updatePickupSettings,
  type OpeningRange,
  type PickupSettings,
  type Shop,
  type ShopProfileInput,
} from '../../src/modules/shops/index.js'
import { aShop } from './shops.js'

/**
 * Monday 23 November 2026, 9:00 in Paris (UTC+1). A shop from `aPickupShop` opens 9:00–19:00 Monday to
 * Saturday and prepares for 60 minutes, so its first slot is 10:00 (09:00Z), then every 15 minutes.
 */
export const MONDAY_MORNING = '2026-11-23T08:00:00Z'
export const FIRST_SLOT = '2026-11-23T09:00:00.000Z'
export const SECOND_SLOT = '2026-11-23T09:15:00.000Z'

const WEEKDAYS_9_TO_19: OpeningRange[] = [1, 2, 3, 4, 5, 6].map((weekday) => ({
  weekday,
  opensMinute: 540,
  closesMinute: 1140,
}))
const PICKUP_SETTINGS: PickupSettings = {
  enabled: true,
  slotMinutes: 15,
  slotCapacity: 200,
  preparationMinutes: 60,
  handoverMarginMinutes: 15,
  horizonDays: 7,
  noShowAfterHours: 24,
}

/** Set up by the platform itself, as a seed would: no person acted. */
const platform = undefined as unknown as UserId

/** A shop open 9:00–19:00 Monday to Saturday that takes click & collect orders (settings overridable). */
export async function aPickupShop(
  db: Db,
  clock: Clock,
  options: { settings?: Partial<PickupSettings>; profile?: Partial<ShopProfileInput> } = {},
): Promise<Shop> {
  const shop = await aShop(db, options.profile ?? {}, clock)
  await setWeeklyHours({ db, clock }, platform, shop.id, WEEKDAYS_9_TO_19)
  await updatePickupSettings({ db, clock }, platform, shop.id, { ...PICKUP_SETTINGS, ...options.settings })
  return shop
}
