import type { ProductId, ShopId, VariantId } from '../../lib/ids.js'

export interface Drop {
  id: string
  shopId: ShopId
  productId: ProductId
  variantId: VariantId
  title: string
  startsAt: string
  units: number
  perResidentLimit: number
  holdMinutes: number
  /** Neither held nor ordered. */
  unitsLeft: number
  /** Residents admitted so far, in queue order. */
  admitted: number
  endedAt: string | undefined
}

/** Where a resident stands in a drop's queue. */
export type QueueStanding =
  /** refreshSeconds: when to ask again, from now: the start, later for residents far back (rules.firstAskDelaySeconds). */
  | { state: 'not_started'; startsIn: number; joined: boolean; refreshSeconds: number }
  | { state: 'not_joined' }
  | {
      state: 'waiting'
      position: number
      ahead: number
      estimatedWaitSeconds: number | undefined
      refreshSeconds: number
    }
  | { state: 'admitted'; token: string; admissionExpiresAt: string }
  | { state: 'holding'; quantity: number; expiresAt: string }
  | { state: 'ordered'; quantity: number }
  /** Admitted, but neither held in time nor ordered before the hold expired: they may join again, at the back. */
  | { state: 'turn_passed' }
  | { state: 'sold_out' }
  | { state: 'ended' }
