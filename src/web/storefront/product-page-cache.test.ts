import sharp from 'sharp'
import { beforeEach, describe, expect, it } from 'vitest'
import { aProductInput } from '../../../test/factories/catalog.js'
import { aShopProfile } from '../../../test/factories/shops.js'
import { FormClient, startTestApp, useTestApp } from '../../../test/harness/app.js'
import { forEachEngine } from '../../../test/harness/engines.js'
import { fixedClock } from '../../lib/clock.js'
import type { ProductId, UserId } from '../../lib/ids.js'
import {
  addProductPhoto,
  createProduct,
  removeProductPhoto,
  setVariantStock,
  updateProduct,
  type ProductInput,
} from '../../modules/catalog/index.js'
import { createUser } from '../../modules/identity/index.js'
import {
  addClosure,
  addStaffMember,
  createShop,
  setWeeklyHours,
  updateShopProfile,
  type OpeningRange,
  type Shop,
  type StaffRole,
} from '../../modules/shops/index.js'

// Monday 23 November 2026, 11:00 in Paris (UTC+1): the shop is open until noon.
const NOW = '2026-11-23T10:00:00Z'
const PASSWORD = 'un mot de passe assez long'
/** Monday to Saturday, 9:00–12:00 and 14:00–19:00. */
const WEEK: OpeningRange[] = [1, 2, 3, 4, 5, 6].flatMap((weekday) => [
  { weekday, opensMinute: 540, closesMinute: 720 },
  { weekday, opensMinute: 840, closesMinute: 1140 },
])
const platform = undefined as unknown as UserId // data set up by the platform itself, as a seed would

/** French prices and times use narrow no-break spaces; tests match them as typed. */
const plain = (body: string) => body.replace(/[\u202f\u00a0]/g, ' ')
/** What a resident reads on the product page. */
const productNameOf = (body: string) => /<h1>([^<]*)<\/h1>/.exec(body)?.[1]
const shopNameOf = (body: string) => /Chez <a href="[^"]*">([^<]*)<\/a>/.exec(body)?.[1]
const priceOf = (body: string) => /<span class="variant-price">([^<]*)<\/span>/.exec(body)?.[1]
const stockOf = (body: string) => /<span class="stock stock-[a-z_]+">([^<]*)<\/span>/.exec(body)?.[1]
const openingOf = (body: string) => /<p class="status status-[a-z]+">([^<]*)<\/p>/.exec(body)?.[1]
/** Which count the page shows, by its time: "stock mis à jour le 23/11 à 11 h 07" is the 7th after 11 h. */
function countNumberOf(body: string): number {
  const stamp = /stock mis à jour le 23\/11 à 11 h(?: (\d{2}))?</.exec(body)
  return stamp ? Number(stamp[1] ?? 0) : Number.NaN
}

const photoPng = () =>
  sharp({ create: { width: 800, height: 600, channels: 3, background: '#c96' } })
    .png()
    .toBuffer()

forEachEngine('product page cache', ({ db }) => {
  const clock = fixedClock(NOW)
  const server = useTestApp(db, { clock })
  /** For building data before any page shows it; every change under test goes through `server.deps`, which carries the feed. */
  const setup = () => ({ db: db(), clock, mediaDir: server.deps.mediaDir })

  beforeEach(() => clock.set(NOW))

  async function aShopWithProduct(product: Partial<ProductInput> = {}) {
    const profile = aShopProfile()
    const shop = await createShop(setup(), profile)
    await setWeeklyHours(setup(), platform, shop.id, WEEK)
    const created = await createProduct(
      setup(),
      undefined,
      shop.id,
      aProductInput({ name: 'Pain de campagne', ...product }),
    )
    return {
      shop,
      profile,
      product: created,
      variant: created.variants[0]!,
      path: `/commerces/${shop.slug}/${created.slug}`,
    }
  }

  async function aMemberOf(shop: Shop, role: StaffRole) {
    const email = `membre-${Math.random().toString(36).slice(2, 10)}@example.fr`
    const user = await createUser(setup(), { email, password: PASSWORD, displayName: 'Camille' })
    await addStaffMember(db(), shop.id, user.id, role)
    return email
  }

  async function apiSession(email: string): Promise<FormClient> {
    const client = new FormClient(server.baseUrl)
    expect((await client.api('POST', '/api/v1/session', { email, password: PASSWORD })).status).toBe(200)
    return client
  }

  /** What the browser of a visitor who is not signed in receives. */
  async function visitAt(baseUrl: string, path: string, headers: Record<string, string> = {}) {
    const res = await fetch(baseUrl + path, { headers: { accept: 'text/html', ...headers } })
    return {
      status: res.status,
      body: plain(await res.text()),
      etag: res.headers.get('etag'),
      cacheControl: res.headers.get('cache-control'),
    }
  }
  const visit = (path: string, headers: Record<string, string> = {}) => visitAt(server.baseUrl, path, headers)

  /** Two visits; each rendering gets its own ETag, so the same one twice shows the second came from the cache. */
  async function visitTwice(path: string) {
    const first = await visit(path)
    const second = await visit(path)
    expect(first.status).toBe(200)
    expect(second.etag).toBe(first.etag)
    return second
  }

  /** A write that skips the modules, so nothing tells the cache: only a page rendered afresh shows it. */
  const renameBehindTheFeed = (productId: ProductId, name: string) =>
    db().updateTable('products').set({ name }).where('id', '=', productId).execute()

  describe('anonymous visits', () => {
    it('serves the second visit from the cache', async () => {
      const { product, path } = await aShopWithProduct()
      const first = await visit(path)
      expect(productNameOf(first.body)).toBe('Pain de campagne')
      expect(first.cacheControl).toBe('public, no-cache')
      expect(first.etag).toMatch(/^W\/".+"$/)

      await renameBehindTheFeed(product.id, 'Nom changé en douce')

      const second = await visit(path)
      expect(productNameOf(second.body)).toBe('Pain de campagne')
      expect(second.etag).toBe(first.etag)
    })

    it('shows a new stock count at the next visit', async () => {
      const { shop, product, variant, path } = await aShopWithProduct()
      expect(stockOf((await visitTwice(path)).body)).toBe('En stock')

      await setVariantStock(server.deps, undefined, shop.id, product.id, variant.id, 2)
      expect(stockOf((await visit(path)).body)).toBe('Stock limité (2 restants)')

      await setVariantStock(server.deps, undefined, shop.id, product.id, variant.id, 0)
      const soldOut = await visit(path)
      expect(stockOf(soldOut.body)).toBe('Épuisé')
      expect(soldOut.body).toContain('https://schema.org/OutOfStock')
    })

    it('shows a new name and price at the next visit, and no page once the product is hidden', async () => {
      const { shop, product, variant, path } = await aShopWithProduct()
      const before = await visitTwice(path)
      expect(priceOf(before.body)).toBe('2,50 €')

      const edited = aProductInput({
        name: 'Pain au levain',
        variants: [{ id: variant.id, name: 'Pièce', priceCents: 310 }],
      })
      await updateProduct(server.deps, undefined, shop.id, product.id, edited)
      const after = await visit(path)
      expect(productNameOf(after.body)).toBe('Pain au levain')
      expect(priceOf(after.body)).toBe('3,10 €')

      await updateProduct(server.deps, undefined, shop.id, product.id, { ...edited, status: 'hidden' })
      const hidden = await visit(path)
      expect(hidden.status).toBe(404)
      expect(hidden.body).toContain('Page introuvable')
    })

    it('shows a photo as soon as it is added, and the placeholder as soon as it is taken down', async () => {
      const { shop, product, path } = await aShopWithProduct()
      expect((await visitTwice(path)).body).toContain('class="photo-placeholder"')

      const photo = await addProductPhoto(
        server.deps,
        undefined,
        shop.id,
        product.id,
        await photoPng(),
        'Miche dorée sur une planche',
      )
      const withPhoto = await visit(path)
      expect(withPhoto.body).toContain(`src="/media/${photo.id}-`)
      expect(withPhoto.body).toContain('alt="Miche dorée sur une planche"')
      expect(withPhoto.body).not.toContain('class="photo-placeholder"')
      await visitTwice(path)

      await removeProductPhoto(server.deps, undefined, shop.id, product.id, photo.id)
      const without = await visit(path)
      expect(without.body).not.toContain(photo.id)
      expect(without.body).toContain('class="photo-placeholder"')
    })

    it('shows the shop’s new name on its product pages at the next visit', async () => {
      const { shop, profile, path } = await aShopWithProduct()
      const other = await aShopWithProduct()
      expect(shopNameOf((await visitTwice(path)).body)).toBe(profile.name)
      const otherBefore = await visitTwice(other.path)

      await updateShopProfile(server.deps, platform, shop.id, { ...profile, name: 'Le Fournil du Marché' })

      const after = await visit(path)
      expect(shopNameOf(after.body)).toBe('Le Fournil du Marché')
      expect(after.body).toContain('<title>Pain de campagne — Le Fournil du Marché — Comptoir</title>')
      // Another shop's pages stay in the cache.
      expect((await visit(other.path)).etag).toBe(otherBefore.etag)
    })

    it('shows the shop closed at the next visit when its hours change', async () => {
      const { shop, path } = await aShopWithProduct()
      expect(openingOf((await visitTwice(path)).body)).toBe('Ouvert · ferme à 12 h')

      await setWeeklyHours(
        server.deps,
        platform,
        shop.id,
        WEEK.filter((r) => r.weekday !== 1),
      ) // no longer open on Mondays
      expect(openingOf((await visit(path)).body)).toBe('Fermé · ouvre demain à 9 h')
    })

    it('shows the shop closed at the next visit when a closure is added for today', async () => {
      const { shop, path } = await aShopWithProduct()
      expect(openingOf((await visitTwice(path)).body)).toBe('Ouvert · ferme à 12 h')

      await addClosure(server.deps, platform, shop.id, {
        startsOn: '2026-11-23',
        endsOn: '2026-11-23',
        reason: 'Inventaire',
      })
      expect(openingOf((await visit(path)).body)).toBe('Fermé · ouvre demain à 9 h')
    })
  })

  describe('changes made over HTTP', () => {
    it('shows a stock count set by staff through the API', async () => {
      const { shop, product, variant, path } = await aShopWithProduct()
      const staff = await apiSession(await aMemberOf(shop, 'staff'))
      expect(stockOf((await visitTwice(path)).body)).toBe('En stock')

      const res = await staff.api(
        'PUT',
        `/api/v1/shops/${shop.id}/admin/products/${product.id}/variants/${variant.id}/stock`,
        { onHand: 1 },
      )
      expect(res.status).toBe(200)

      expect(stockOf((await visit(path)).body)).toBe('Stock limité (1 restant)')
    })

    it('shows a closure added by the owner in the back-office form', async () => {
      const { shop, path } = await aShopWithProduct()
      const owner = new FormClient(server.baseUrl)
      await owner.signIn(await aMemberOf(shop, 'owner'), PASSWORD)
      expect(openingOf((await visitTwice(path)).body)).toBe('Ouvert · ferme à 12 h')

      await owner.get(`/admin/${shop.id}/horaires`)
      const res = await owner.postForm(`/admin/${shop.id}/horaires/fermetures`, {
        startsOn: '2026-11-23',
        endsOn: '',
        reason: 'Inventaire',
      })
      expect(res.status).toBe(303)

      expect(openingOf((await visit(path)).body)).toBe('Fermé · ouvre demain à 9 h')
    })

    it('shows the shop’s new name set by the owner through the API', async () => {
      const { shop, profile, path } = await aShopWithProduct()
      const owner = await apiSession(await aMemberOf(shop, 'owner'))
      expect(shopNameOf((await visitTwice(path)).body)).toBe(profile.name)

      const res = await owner.api('PUT', `/api/v1/shops/${shop.id}/profile`, {
        ...profile,
        name: 'Le Fournil du Marché',
      })
      expect(res.status).toBe(200)

      expect(shopNameOf((await visit(path)).body)).toBe('Le Fournil du Marché')
    })
  })

  describe('time', () => {
    it('shows the shop closed once the clock passes its closing time, with no write', async () => {
      const { path } = await aShopWithProduct()
      const cached = await visitTwice(path)
      expect(openingOf(cached.body)).toBe('Ouvert · ferme à 12 h')

      clock.set('2026-11-23T10:59:00Z') // 11:59 in Paris: still open, still the same copy
      expect((await visit(path)).etag).toBe(cached.etag)

      clock.set('2026-11-23T11:00:00Z') // noon in Paris
      expect(openingOf((await visit(path)).body)).toBe('Fermé · ouvre à 14 h')
    })

    it('says "ouvre à 9 h" instead of "ouvre demain" once the day turns, with no write', async () => {
      const { path } = await aShopWithProduct()
      clock.set('2026-11-23T18:30:00Z') // Monday 19:30 in Paris
      expect(openingOf((await visitTwice(path)).body)).toBe('Fermé · ouvre demain à 9 h')

      clock.set('2026-11-23T23:10:00Z') // Tuesday 0:10 in Paris
      expect(openingOf((await visit(path)).body)).toBe('Fermé · ouvre à 9 h')
    })

    it('stops claiming a stock count once it is older than the shop’s freshness window, with no write', async () => {
      const { path } = await aShopWithProduct() // counted on Monday at 10:00 UTC; the window is 48 hours
      clock.set('2026-11-25T09:30:00Z') // Wednesday 10:30 in Paris: open, the count is 47 h 30 old
      expect(stockOf((await visitTwice(path)).body)).toBe('En stock')

      clock.set('2026-11-25T10:01:00Z')
      expect(stockOf((await visit(path)).body)).toBe('Disponibilité à confirmer')
    })

    it('stops claiming a stock count even when the page was rendered at the very instant the window ends', async () => {
      const { path } = await aShopWithProduct()
      clock.set('2026-11-25T10:00:00.000Z') // exactly 48 h after the count: still "En stock" at this instant
      expect(stockOf((await visit(path)).body)).toBe('En stock')

      clock.set('2026-11-25T10:01:00Z') // 48 h 01 min: the count no longer says anything
      expect(stockOf((await visit(path)).body)).toBe('Disponibilité à confirmer')
    })
  })

  describe('signed-in residents', () => {
    async function aSignedInResident() {
      const email = `resident-${Math.random().toString(36).slice(2, 10)}@example.fr`
      await createUser(setup(), { email, password: PASSWORD, displayName: 'Léa Martin' })
      const client = new FormClient(server.baseUrl)
      await client.signIn(email, PASSWORD)
      return client
    }

    it('never receive the anonymous copy', async () => {
      const { path } = await aShopWithProduct()
      const resident = await aSignedInResident()
      await visitTwice(path)

      const res = await resident.get(path)
      expect(res.status).toBe(200)
      expect(res.body).toContain('Léa Martin')
      expect(res.body).not.toContain('Se connecter')
      expect(res.headers.get('cache-control')).toBe('private, no-store')
      expect(res.headers.get('etag')).toBeNull()
    })

    it('see what the database holds even while an anonymous copy is kept', async () => {
      const { product, path } = await aShopWithProduct()
      const resident = await aSignedInResident()
      await visitTwice(path)
      await renameBehindTheFeed(product.id, 'Pain tout frais')

      expect(productNameOf(plain((await resident.get(path)).body))).toBe('Pain tout frais')
    })

    it('do not leave their personal page in the cache', async () => {
      const { product, path } = await aShopWithProduct()
      const resident = await aSignedInResident()
      expect((await resident.get(path)).body).toContain('Léa Martin')
      await renameBehindTheFeed(product.id, 'Pain tout frais') // shows whether a copy was kept by that visit

      const anonymous = await visit(path)
      expect(anonymous.body).toContain('Se connecter')
      expect(anonymous.body).not.toContain('Léa Martin')
      expect(productNameOf(anonymous.body)).toBe('Pain tout frais')
    })
  })

  describe('revalidation with ETag', () => {
    it('answers 304 with no body to a browser holding the current page, and 200 with the new page after a change', async () => {
      const { shop, product, variant, path } = await aShopWithProduct()
      const first = await visit(path)

      const unchanged = await visit(path, { 'if-none-match': first.etag! })
      expect(unchanged.status).toBe(304)
      expect(unchanged.body).toBe('')
      expect(unchanged.etag).toBe(first.etag)

      await setVariantStock(server.deps, undefined, shop.id, product.id, variant.id, 3)

      const changed = await visit(path, { 'if-none-match': first.etag! })
      expect(changed.status).toBe(200)
      expect(stockOf(changed.body)).toBe('Stock limité (3 restants)')
      expect(changed.etag).not.toBe(first.etag)
      expect((await visit(path, { 'if-none-match': changed.etag! })).status).toBe(304)
    })
  })

  it('renders the page at each visit when the cache is off', async () => {
    const uncached = await startTestApp(db(), { clock, pageCacheMb: 0 })
    try {
      const { product, path } = await aShopWithProduct()
      expect(productNameOf((await visitAt(uncached.baseUrl, path)).body)).toBe('Pain de campagne')
      await renameBehindTheFeed(product.id, 'Nom changé en douce')
      expect(productNameOf((await visitAt(uncached.baseUrl, path)).body)).toBe('Nom changé en douce')
    } finally {
      await uncached.close()
    }
  })

  it('never shows a stock count older than the last one saved before the visit, while visits race the counts', async () => {
    const { shop, product, variant, path } = await aShopWithProduct()
    await visitTwice(path)
    const COUNTS = 15
    let saved = 0 // how many counts have been saved (their write has returned)
    let counting = true
    const seen: Array<{ savedBefore: number; shown: number }> = []
    const aVisitor = async () => {
      while (counting) {
        const savedBefore = saved
        const page = await visit(path)
        expect(page.status).toBe(200)
        seen.push({ savedBefore, shown: countNumberOf(page.body) })
      }
    }
    const count = async () => {
      for (let k = 1; k <= COUNTS; k++) {
        clock.set(new Date(Date.parse(NOW) + k * 60_000)) // count k is stamped "mis à jour … à 11 h 0k"
        await setVariantStock(
          server.deps,
          undefined,
          shop.id,
          product.id,
          variant.id,
          k === COUNTS ? 0 : 10 + k,
        )
        saved = k
        await new Promise((resolve) => setTimeout(resolve, 2)) // lets the visitors' requests in between counts
      }
      counting = false
    }

    await Promise.all([count(), ...Array.from({ length: 20 }, aVisitor)])

    expect(seen.length).toBeGreaterThan(COUNTS)
    expect(seen.filter((s) => !(s.shown >= s.savedBefore))).toEqual([])
    const after = await visit(path)
    expect(countNumberOf(after.body)).toBe(COUNTS)
    expect(stockOf(after.body)).toBe('Épuisé')
    // The copy kept from that visit says the same.
    const again = await visit(path)
    expect(again.etag).toBe(after.etag)
    expect(stockOf(again.body)).toBe('Épuisé')
  })
})
