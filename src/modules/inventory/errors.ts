import { AppError } from '../../lib/app-error.js'
import type { VariantId } from '../../lib/ids.js'

/** A line that could not be held, as inventory.insufficient_stock tells it. */
export interface Shortage {
  variantId: VariantId
  requested: number
  /** Units that can still be ordered (on hand minus held). */
  available: number
}

export const insufficientStock = (shortages: readonly Shortage[]) =>
  new AppError('conflict', 'inventory.insufficient_stock', 'not enough stock for some lines', { shortages })
