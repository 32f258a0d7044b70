import { describe, expect, it } from 'vitest'
import { ChangeFeed } from '../lib/change-feed.js'
import type { ProductId, ShopId, VariantId } from '../lib/ids.js'
import type { Product, Variant } from '../modules/catalog/index.js'
import type { OpeningStatus, Shop } from '../modules/shops/index.js'
import { PageCache, type CachedPage } from './page-cache.js'
import { productPageExpiry } from './storefront/product.page.js'

const baker = 'shop-baker' as ShopId
const cheese = 'shop-cheese' as ShopId
const bread = 'product-bread' as ProductId
const croissant = 'product-croissant' as ProductId
const comte = 'product-comte' as ProductId

const NOW = new Date('2026-11-23T10:00:00Z')
const LATER = new Date('2026-11-23T23:00:00Z') // the day has turned in Paris
const inMinutes = (minutes: number, from = NOW) => new Date(from.getTime() + minutes * 60_000)

/** What a render hands to `store`. */
type RenderedPage = Parameters<PageCache['store']>[2]

/** A page of `bytes` characters shown for a shop, or for one of its products. */
function aPage(shopId: ShopId, productId?: ProductId, bytes = 40): RenderedPage {
  return {
    html: `<p>${'x'.repeat(Math.max(bytes - 7, 0))}</p>`,
    shopId,
    ...(productId ? { productId } : {}),
    expiresAt: LATER,
  }
}

function aCache(maxBytes = 1024 * 1024) {
  const feed = new ChangeFeed()
  return { feed, cache: new PageCache(feed, { maxBytes }) }
}

/** Renders and keeps a page the way the product page does: begin, (read), store. */
function keep(cache: PageCache, key: string, page: RenderedPage): CachedPage {
  return cache.store(key, cache.begin(), page)
}

describe('page cache', () => {
  it('finds a page it kept, with an ETag', () => {
    const { cache } = aCache()
    const kept = keep(cache, 'baker/bread', aPage(baker, bread))
    expect(cache.lookup('baker/bread', NOW)).toEqual(kept)
    expect(kept.etag).toMatch(/^W\/".+"$/)
    expect(cache.lookup('baker/croissant', NOW)).toBeUndefined()
  })

  it('gives each rendering its own ETag', () => {
    const { cache } = aCache()
    const first = keep(cache, 'baker/bread', aPage(baker, bread))
    const second = keep(cache, 'baker/bread', aPage(baker, bread))
    expect(second.etag).not.toBe(first.etag)
    expect(cache.lookup('baker/bread', NOW)?.etag).toBe(second.etag)
  })

  it('drops the pages of a product that changed, and only those', () => {
    const { feed, cache } = aCache()
    keep(cache, 'baker/bread', aPage(baker, bread))
    keep(cache, 'baker/bread?second-address', aPage(baker, bread))
    keep(cache, 'baker/croissant', aPage(baker, croissant))
    keep(cache, 'cheese/comte', aPage(cheese, comte))

    feed.publish({ shopId: baker, productId: bread })

    expect(cache.lookup('baker/bread', NOW)).toBeUndefined()
    expect(cache.lookup('baker/bread?second-address', NOW)).toBeUndefined()
    expect(cache.lookup('baker/croissant', NOW)).toBeDefined()
    expect(cache.lookup('cheese/comte', NOW)).toBeDefined()
  })

  it('drops every page of a shop that changed, and none of another shop', () => {
    const { feed, cache } = aCache()
    keep(cache, 'baker/bread', aPage(baker, bread))
    keep(cache, 'baker/croissant', aPage(baker, croissant))
    keep(cache, 'baker', aPage(baker))
    keep(cache, 'cheese/comte', aPage(cheese, comte))

    feed.publish({ shopId: baker })

    expect(cache.lookup('baker/bread', NOW)).toBeUndefined()
    expect(cache.lookup('baker/croissant', NOW)).toBeUndefined()
    expect(cache.lookup('baker', NOW)).toBeUndefined()
    expect(cache.lookup('cheese/comte', NOW)).toBeDefined()
    expect(cache.size).toBe(1)
  })

  it('keeps a product page again after its product changed, once rendered afresh', () => {
    const { feed, cache } = aCache()
    keep(cache, 'baker/bread', aPage(baker, bread))
    feed.publish({ shopId: baker, productId: bread })
    keep(cache, 'baker/bread', aPage(baker, bread))
    expect(cache.lookup('baker/bread', NOW)).toBeDefined()
    // The product is still known under its key: the next change drops the new copy too.
    feed.publish({ shopId: baker, productId: bread })
    expect(cache.lookup('baker/bread', NOW)).toBeUndefined()
  })

  it('does not keep a page whose reads began before a change of its shop, but sends it', () => {
    const { feed, cache } = aCache()
    const startedAt = cache.begin()
    feed.publish({ shopId: baker, productId: bread }) // a write commits while the page is being read
    const sent = cache.store('baker/bread', startedAt, aPage(baker, bread))
    expect(sent).toMatchObject({ shopId: baker, productId: bread, etag: expect.stringMatching(/^W\//) })
    expect(cache.lookup('baker/bread', NOW)).toBeUndefined()
  })

  it('does not keep a product page begun before a change of another product of its shop', () => {
    const { feed, cache } = aCache()
    const startedAt = cache.begin()
    feed.publish({ shopId: baker, productId: croissant })
    cache.store('baker/bread', startedAt, aPage(baker, bread))
    expect(cache.lookup('baker/bread', NOW)).toBeUndefined()
  })

  it('keeps a page whose reads began after the change, and one of a shop that did not change', () => {
    const { feed, cache } = aCache()
    const beforeChange = cache.begin()
    feed.publish({ shopId: baker })
    const afterChange = cache.begin()
    cache.store('baker/bread', afterChange, aPage(baker, bread))
    cache.store('cheese/comte', beforeChange, aPage(cheese, comte))
    expect(cache.lookup('baker/bread', NOW)).toBeDefined()
    expect(cache.lookup('cheese/comte', NOW)).toBeDefined()
  })

  it('stops returning a page at its expiry, and forgets it', () => {
    const { cache } = aCache()
    keep(cache, 'baker/bread', { ...aPage(baker, bread), expiresAt: inMinutes(60) })
    expect(cache.lookup('baker/bread', inMinutes(59))).toBeDefined()
    expect(cache.lookup('baker/bread', inMinutes(60))).toBeUndefined()
    expect(cache.size).toBe(0)
    // Even looked up at an earlier moment afterwards, it is gone.
    expect(cache.lookup('baker/bread', NOW)).toBeUndefined()
  })

  it('evicts the least recently used pages when over its byte bound', () => {
    const { feed, cache } = aCache(100) // room for two pages of 40 characters, not three
    keep(cache, 'baker/bread', aPage(baker, bread, 40))
    keep(cache, 'baker/croissant', aPage(baker, croissant, 40))
    expect(cache.lookup('baker/bread', NOW)).toBeDefined() // bread is now the most recently used

    keep(cache, 'cheese/comte', aPage(cheese, comte, 40))

    expect(cache.lookup('baker/croissant', NOW)).toBeUndefined()
    expect(cache.lookup('baker/bread', NOW)).toBeDefined()
    expect(cache.lookup('cheese/comte', NOW)).toBeDefined()
    expect(cache.size).toBe(2)
    // An evicted page leaves nothing behind that a later change could trip on.
    feed.publish({ shopId: baker, productId: croissant })
    expect(cache.size).toBe(2)
  })

  it('stops listening to the feed when closed, and lets its pages go', () => {
    const { feed, cache } = aCache()
    keep(cache, 'baker/bread', aPage(baker, bread))
    cache.close()
    expect(cache.size).toBe(0)

    // A page stored afterwards is no longer reached by the feed: the listener is gone.
    keep(cache, 'baker/bread', aPage(baker, bread))
    feed.publish({ shopId: baker, productId: bread })
    feed.publish({ shopId: baker })
    expect(cache.lookup('baker/bread', NOW)).toBeDefined()
  })
})

describe('productPageExpiry', () => {
  const shop = { id: baker, timeZone: 'Europe/Paris', stockFreshnessHours: 48 } as Shop
  const variant = (stockUpdatedAt?: string): Variant => ({
    id: 'variant' as VariantId,
    name: 'Pièce',
    sku: undefined,
    priceCents: 250,
    durationMinutes: undefined,
    stock: stockUpdatedAt ? { onHand: 10, reserved: 0, available: 10, updatedAt: stockUpdatedAt } : undefined,
  })
  const product = (...variants: Variant[]) =>
    ({ id: bread, shopId: baker, kind: 'product', variants }) as Product
  const service = product(variant())
  const closedWithoutHours: OpeningStatus = { state: 'closed', nextOpensAt: undefined, closure: undefined }
  const expiry = (now: string, status: OpeningStatus = closedWithoutHours, p: Product = service) =>
    productPageExpiry(new Date(now), status, shop, p).toISOString()

  it('expires at the next midnight in the shop’s zone', () => {
    // 11:00 in Paris (UTC+1): midnight is at 23:00 UTC.
    expect(expiry('2026-11-23T10:00:00Z')).toBe('2026-11-23T23:00:00.000Z')
    // 00:30 in Paris is still 23:30 UTC the day before: the page turns at the next Paris midnight.
    expect(expiry('2026-11-23T23:30:00Z')).toBe('2026-11-24T23:00:00.000Z')
    // Summer time (UTC+2): midnight is at 22:00 UTC.
    expect(expiry('2026-07-01T10:00:00Z')).toBe('2026-07-01T22:00:00.000Z')
  })

  it('finds the right midnight across the changes of time', () => {
    // Spring forward (29 March 2026, 02:00 → 03:00): the day starts at UTC+1 and the next one at UTC+2.
    expect(expiry('2026-03-29T10:00:00Z')).toBe('2026-03-29T22:00:00.000Z')
    expect(expiry('2026-03-28T12:00:00Z')).toBe('2026-03-28T23:00:00.000Z')
    // Fall back (25 October 2026, 03:00 → 02:00): a 25-hour day, from 22:00 UTC to 23:00 UTC the next day.
    expect(expiry('2026-10-24T22:30:00Z')).toBe('2026-10-25T23:00:00.000Z')
    expect(expiry('2026-10-24T20:00:00Z')).toBe('2026-10-24T22:00:00.000Z')
  })

  it('expires when an open shop closes', () => {
    const open: OpeningStatus = { state: 'open', closesAt: new Date('2026-11-23T18:30:00Z') }
    expect(expiry('2026-11-23T10:00:00Z', open)).toBe('2026-11-23T18:30:00.000Z')
  })

  it('expires when a closed shop opens', () => {
    const closed: OpeningStatus = {
      state: 'closed',
      nextOpensAt: new Date('2026-11-23T13:30:00Z'),
      closure: undefined,
    }
    expect(expiry('2026-11-23T12:10:00Z', closed)).toBe('2026-11-23T13:30:00.000Z')
    // An opening after midnight does not hold the page past midnight ("demain" becomes "aujourd’hui").
    const tomorrow: OpeningStatus = {
      state: 'closed',
      nextOpensAt: new Date('2026-11-24T06:00:00Z'),
      closure: undefined,
    }
    expect(expiry('2026-11-23T19:00:00Z', tomorrow)).toBe('2026-11-23T23:00:00.000Z')
  })

  it('expires when a stock count grows older than the shop’s freshness window', () => {
    // Counted on Saturday at 9:00 UTC; just after 48 hours, on Monday at 9:00:00.001 UTC, "En stock" becomes "à confirmer".
    const counted = product(variant('2026-11-21T09:00:00.000Z'), variant('2026-11-22T20:00:00.000Z'))
    expect(expiry('2026-11-22T21:00:00Z', closedWithoutHours, counted)).toBe('2026-11-22T23:00:00.000Z')
    expect(expiry('2026-11-23T00:30:00Z', closedWithoutHours, counted)).toBe('2026-11-23T09:00:00.001Z')
    // The oldest count decides first; once it is stale, the next one does.
    expect(expiry('2026-11-24T19:00:00Z', closedWithoutHours, counted)).toBe('2026-11-24T20:00:00.001Z')
  })

  it('counts only moments still to come', () => {
    const closedPast: OpeningStatus = { state: 'open', closesAt: new Date('2026-11-23T09:00:00Z') }
    const staleCount = product(variant('2026-11-01T09:00:00.000Z'))
    expect(expiry('2026-11-23T10:00:00Z', closedPast, staleCount)).toBe('2026-11-23T23:00:00.000Z')
    // A moment equal to now has already happened: the page turns at the next one.
    const closingNow: OpeningStatus = { state: 'open', closesAt: new Date('2026-11-23T10:00:00Z') }
    expect(expiry('2026-11-23T10:00:00Z', closingNow)).toBe('2026-11-23T23:00:00.000Z')
  })

  it('expires right after a count reaches its freshness limit, when the page rendered at that instant turns stale', () => {
    // Rendered exactly 48 h after the count, the page still says "En stock" (age 48 h is not over 48 h);
    // one millisecond later it must say "Disponibilité à confirmer", so the copy may not outlive that instant.
    const counted = product(variant('2026-11-21T09:00:00.000Z'))
    const rendered = new Date('2026-11-23T09:00:00.000Z')
    expect(productPageExpiry(rendered, closedWithoutHours, shop, counted).getTime()).toBeLessThanOrEqual(
      rendered.getTime() + 1,
    )
  })
})
