import type { ProductId, ShopId } from './ids.js'

/** Something residents see changed: a shop's profile, hours or closures, or (with productId) one product. */
export interface StorefrontChange {
  shopId: ShopId
  productId?: ProductId
}

export type ChangeListener = (change: StorefrontChange) => void

/**
 * Tells the readers that keep copies (the storefront page cache) what changed, after the change committed.
 * Writers publish once their transaction has returned, never inside it: a reader that rebuilds its copy on
 * the news must find the new rows already visible.
 *
 * It reaches the listeners of this process only; a deployment with several processes must carry the
 * changes between them before it turns the page cache on in each (see docs/decisions/003).
 */
export class ChangeFeed {
  readonly #listeners = new Set<ChangeListener>()

  publish(change: StorefrontChange): void {
    for (const listener of this.#listeners) listener(change)
  }

  subscribe(listener: ChangeListener): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }
}
