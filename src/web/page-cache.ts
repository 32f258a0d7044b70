import { randomBytes } from 'node:crypto'
import { LRUCache } from 'lru-cache'
import type { ChangeFeed, StorefrontChange } from '../lib/change-feed.js'
import type { ProductId, ShopId } from '../lib/ids.js'

export interface CachedPage {
  /** The page as UTF-8 bytes: half the memory of a JavaScript string of French text, and sent as is. */
  body: Buffer
  /** Sent as ETag; a browser that revalidates with it gets a 304. */
  etag: string
  shopId: ShopId
  productId?: ProductId
  /** When the page would read differently with no write at all (a shop opens or closes, a day turns). */
  expiresAt: Date
}

/**
 * Rendered storefront pages for visitors who are not signed in, kept until what they show changes.
 *
 * Exact, not "a minute old": every write that changes a shop or a product publishes on the change feed after
 * its commit, and the pages it touches are dropped at once. A render that raced a write must not be kept
 * either: `begin()` marks when a render starts, and `store()` refuses the page if its shop changed since.
 * Pages also carry the moment their wording turns stale on its own (`expiresAt`).
 */
export class PageCache {
  readonly #pages: LRUCache<string, CachedPage>
  readonly #keysOfProduct = new Map<ProductId, Set<string>>()
  /** Change counter, and for each shop the counter at its last change. */
  #sequence = 0
  readonly #shopChangedAt = new Map<ShopId, number>()
  readonly #etagPrefix = randomBytes(4).toString('hex')
  #rendered = 0
  readonly #unsubscribe: () => void

  constructor(feed: ChangeFeed, options: { maxBytes: number }) {
    this.#pages = new LRUCache<string, CachedPage>({
      maxSize: Math.max(options.maxBytes, 1),
      sizeCalculation: (page) => Math.max(page.body.length, 1),
      dispose: (page, key) => this.#forgetKey(page, key),
    })
    this.#unsubscribe = feed.subscribe((change) => this.#drop(change))
  }

  /** The page kept under `key`, unless it has expired by `now`. */
  lookup(key: string, now: Date): CachedPage | undefined {
    const page = this.#pages.get(key)
    if (!page) return undefined
    if (page.expiresAt.getTime() <= now.getTime()) {
      this.#pages.delete(key)
      return undefined
    }
    return page
  }

  /** Call before reading what the page shows; pass the result to `store`. */
  begin(): number {
    return this.#sequence
  }

  /** Keeps a page rendered from reads that started at `startedAt`, unless its shop changed meanwhile. */
  store(
    key: string,
    startedAt: number,
    page: Omit<CachedPage, 'etag' | 'body'> & { html: string },
  ): CachedPage {
    const { html, ...rest } = page
    const kept: CachedPage = {
      ...rest,
      body: Buffer.from(html),
      etag: `W/"${this.#etagPrefix}-${++this.#rendered}"`,
    }
    if ((this.#shopChangedAt.get(page.shopId) ?? -1) > startedAt) return kept
    this.#pages.set(key, kept)
    // The cache refuses a page larger than its whole budget; such a page has nothing to index.
    if (kept.productId && this.#pages.has(key)) {
      let keys = this.#keysOfProduct.get(kept.productId)
      if (!keys) this.#keysOfProduct.set(kept.productId, (keys = new Set()))
      keys.add(key)
    }
    return kept
  }

  get size(): number {
    return this.#pages.size
  }

  close(): void {
    this.#unsubscribe()
    this.#pages.clear()
  }

  #drop(change: StorefrontChange): void {
    this.#shopChangedAt.set(change.shopId, ++this.#sequence)
    if (change.productId) {
      for (const key of [...(this.#keysOfProduct.get(change.productId) ?? [])]) this.#pages.delete(key)
      return
    }
    for (const [key, page] of this.#pages.entries())
      if (page.shopId === change.shopId) this.#pages.delete(key)
  }

  #forgetKey(page: CachedPage, key: string): void {
    if (!page.productId) return
    const keys = this.#keysOfProduct.get(page.productId)
    keys?.delete(key)
    if (keys?.size === 0) this.#keysOfProduct.delete(page.productId)
  }
}
