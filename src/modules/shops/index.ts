/**
 * Shops: tenancy, staff and roles, opening hours in the shop's time zone, exceptional closures, legal identity.
 * Invariants: a shop's slug never changes once created; weekly hours are replaced atomically;
 * hours and closures are reasoned on the shop's wall clock (IANA zone), so DST days are handled by the zone.
 */
export type { ShopsDeps } from './deps.js'
export { createShop } from './create-shop.js'
export { updateShopProfile } from './update-shop-profile.js'
export { updatePickupSettings } from './pickup-settings.js'
export {
  setWeeklyHours,
  addClosure,
  removeClosure,
  getOpeningSchedule,
  getOpeningStatuses,
  type OpeningSchedule,
} from './opening-hours.js'
export { getShop, findShopBySlug, listShops, shopIdsOfKind } from './find-shops.js'
export { addStaffMember, listMemberships } from './staff.js'
export { checkWeeklyHours, closureOn, addressLine, SLOT_LENGTHS } from './rules.js'
export { SHOP_KINDS } from './types.js'
export { shopNotFound } from './errors.js'
export type {
  Shop,
  PickupSettings,
  ShopKind,
  ShopProfileInput,
  OpeningRange,
  Closure,
  OpeningStatus,
  Membership,
  StaffRole,
} from './types.js'
