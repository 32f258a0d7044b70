/**
 * Drops (issue #4, decision 005): a shop's flash sale of one variant at a set time. The units are set aside
 * when it is scheduled; residents join a queue (shuffled before the start, first come after), are admitted
 * as units free up with a signed short-lived token, and take holds granted in batches on the drop's counter;
 * a hold becomes an order through the normal checkout. Invariant: units left + held + ordered = units.
 */
export type { DropsDeps } from './deps.js'
export { scheduleDrop, getDrop, listShopDrops, endDrop } from './schedule-drop.js'
export { joinDrop, standingOf, admitNext, admittedLately } from './queue.js'
export { holdDropUnits, expireDropHolds, orderDropHold } from './holds.js'
export { dropOffersOf, bundleTermsOf, type DropOffer } from './offers.js'
export {
  queueOrder,
  bundlePartPriceCents,
  ADMISSION_MINUTES,
  MAX_DROP_UNITS,
  MAX_PER_RESIDENT,
  HOLD_MINUTES_RANGE,
  MAX_DROP_OFFERS,
  MAX_BUNDLE_PRICE_CENTS,
  type DropInput,
} from './rules.js'
export { signAdmission } from './admission-token.js'
export { forgetSnapshot as forgetDropSnapshot } from './snapshot.js'
export type { Drop, QueueStanding } from './types.js'
export { holdExpired } from './errors.js'
