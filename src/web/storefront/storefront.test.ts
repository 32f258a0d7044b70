import Fastify from 'fastify'
import { beforeAll, describe, expect, it } from 'vitest'
import { FormClient, useTestApp, type TestApp } from '../../../test/harness/app.js'
import { forEachEngine } from '../../../test/harness/engines.js'
import type { Json } from '../../../test/harness/json.js'
import type { Db } from '../../db/index.js'
import { registerProblemDetails } from '../../http/problem-details.js'
import { fixedClock } from '../../lib/clock.js'
import type { CategoryId, ShopId, UserId } from '../../lib/ids.js'
import { createCategory, createProduct, type ProductInput } from '../../modules/catalog/index.js'
import { createUser } from '../../modules/identity/index.js'
import {
  addClosure,
  createShop,
  setWeeklyHours,
  type OpeningRange,
  type Shop,
  type ShopProfileInput,
} from '../../modules/shops/index.js'
import { t } from '../i18n/index.js'
import { renderErrorPage } from '../views/error-page.js'
import { registerSitemap } from './sitemap.page.js'

// Monday 23 November 2026, 11:00 in Paris (UTC+1): bakers are open, Sunday-only shops are closed.
const NOW = '2026-11-23T10:00:00Z'

/** Monday to Saturday 7:00–13:00 and 15:30–19:30, closed on Sunday: a baker's week with a lunch break. */
const BAKER_WEEK: OpeningRange[] = [1, 2, 3, 4, 5, 6].flatMap((weekday) => [
  { weekday, opensMinute: 420, closesMinute: 780 },
  { weekday, opensMinute: 930, closesMinute: 1170 },
])
const platform = undefined as unknown as UserId // data set up by the platform itself, as a seed would

const jsonLdOf = (body: string) =>
  [...body.matchAll(/<script type="application\/ld\+json">([^<]*)<\/script>/g)].map(
    (m) => JSON.parse(m[1]!) as Record<string, Json>,
  )
/** French prices and times use narrow no-break spaces; tests match them as typed. */
const plain = (body: string) => body.replace(/[\u202f\u00a0]/g, ' ')
const cardCount = (body: string) => body.match(/<li class="card">/g)?.length ?? 0

forEachEngine('storefront pages', ({ db }) => {
  const clock = fixedClock(NOW)
  const server = useTestApp(db, { clock, publicUrl: 'https://comptoir.example' })
  let get: (path: string) => Promise<{ status: number; body: string; headers: Headers }>
  const deps = () => ({ db: db(), clock, mediaDir: server.deps.mediaDir })

  async function aShop(
    slug: string,
    profile: Partial<ShopProfileInput> = {},
    hours: OpeningRange[] = BAKER_WEEK,
  ): Promise<Shop> {
    const shop = await createShop(deps(), {
      name: slug,
      kind: 'boulangerie',
      tagline: 'Pain au levain',
      description: 'Une boutique de quartier.',
      street: '3 place du Marché',
      postalCode: '49400',
      city: 'Saumur',
      phone: '02 41 51 00 00',
      email: 'contact@example.fr',
      latitude: 47.2597,
      longitude: -0.0769,
      pickupInstructions: 'Au comptoir, côté caisse.',
      slug,
      ...profile,
    })
    await setWeeklyHours(deps(), platform, shop.id, hours)
    return shop
  }
  const aProduct = (shopId: ShopId, input: Partial<ProductInput> & { categoryId?: CategoryId }) =>
    createProduct(deps(), undefined, shopId, {
      name: 'Produit',
      description: '',
      kind: 'product',
      vatRateBp: 550,
      status: 'published',
      variants: [{ name: 'Pièce', priceCents: 250, onHand: 20 }],
      ...input,
    })

  beforeAll(async () => {
    get = (path) => new FormClient(server.baseUrl).get(path)
  })

  it('says so when the town has no shop yet', async () => {
    const res = await get('/')
    expect(res.status).toBe(200)
    expect(res.body).toContain('Aucun commerce n’est encore en ligne')
  })

  describe('with a town of shops', () => {
    let baker: Shop
    beforeAll(async () => {
      baker = await aShop('boulangerie-du-marche', { name: 'Boulangerie du Marché' })
      await addClosure(deps(), platform, baker.id, {
        startsOn: '2026-12-24',
        endsOn: '2026-12-26',
        reason: 'Congés de Noël',
      })
      const cheese = await aShop('fromagerie-des-halles', {
        name: 'Fromagerie des Halles',
        kind: 'fromagerie',
        tagline: 'Fromages affinés en cave',
      })
      await addClosure(deps(), platform, cheese.id, {
        startsOn: '2026-11-23',
        endsOn: '2026-11-23',
        reason: 'Inventaire',
      })
      const cycles = await aShop('cycles-loire', { name: 'Cycles Loire', kind: 'cycles' }, [
        { weekday: 7, opensMinute: 540, closesMinute: 1080 },
      ])
      const pastry = await createCategory(db(), { name: 'Pâtisseries', description: 'Gâteaux et douceurs.' })
      await createCategory(db(), { name: 'Livres' })
      await aProduct(baker.id, {
        name: 'Crème brûlée',
        description: 'À la vanille de Madagascar.',
        categoryId: pastry.id,
        variants: [
          { name: 'Pot', priceCents: 1250, onHand: 2 },
          { name: 'Lot de 4', priceCents: 4500, onHand: 10 },
        ],
      })
      await aProduct(baker.id, {
        name: 'Croissant',
        variants: [{ name: 'Pièce', priceCents: 120, onHand: 0 }],
      })
      await aProduct(baker.id, { name: 'Gâteau secret', status: 'hidden' })
      await aProduct(baker.id, { name: '<script>alert(1)</script>' })
      await aProduct(cheese.id, { name: 'Tarte au fromage', categoryId: pastry.id })
      await aProduct(cycles.id, {
        name: 'Révision complète',
        kind: 'service',
        vatRateBp: 2000,
        variants: [{ name: 'Vélo de ville', priceCents: 4900, durationMinutes: 90 }],
      })
      // A count last confirmed three days ago is older than the shop's 48 h window (UX-01).
      clock.set('2026-11-20T10:00:00Z')
      await aProduct(baker.id, {
        name: 'Pain de seigle',
        variants: [{ name: 'Pièce', priceCents: 380, onHand: 12 }],
      })
      clock.set(NOW)
      const biscuits = await aShop('biscuiterie', { name: 'Biscuiterie', kind: 'epicerie' })
      for (let i = 1; i <= 30; i++)
        await aProduct(biscuits.id, {
          name: `Biscuit ${String(i).padStart(2, '0')}`,
          variants: [{ name: 'Sachet', priceCents: 100 + i, onHand: 5 }],
        })
    })

    it('lists the shops on the home page with their kind, opening status and closure notice', async () => {
      const res = await get('/')
      expect(res.status).toBe(200)
      expect(res.headers.get('cache-control')).toBe('public, max-age=60')
      const body = plain(res.body)
      expect(body).toContain('Les commerces de Saumur')
      expect(body).toContain('Boulangerie du Marché')
      expect(body).toContain('Boulangerie-pâtisserie')
      expect(body).toContain('Ouvert · ferme à 13 h')
      expect(body).toContain('Fermé · ouvre dimanche à 9 h')
      expect(body).toContain('Fermé exceptionnellement aujourd’hui : Inventaire')
      expect(body).toMatch(/Pâtisseries <span class="count">2 articles<\/span>/)
      expect(body).not.toContain('Livres <span') // empty categories are not offered as dead ends
    })

    it('shows a shop page with weekly hours, closures, contact and LocalBusiness JSON-LD', async () => {
      const res = await get('/commerces/boulangerie-du-marche')
      expect(res.status).toBe(200)
      const body = plain(res.body)
      expect(body).toMatch(/Lundi[\s\S]*?7 h – 13 h<\/span><span class="range">15 h 30 – 19 h 30/)
      expect(body).toMatch(/Dimanche<\/th>\s*<td class="closed">Fermé/)
      expect(body).toContain(
        'Fermeture exceptionnelle du jeudi 24 décembre au samedi 26 décembre : Congés de Noël',
      )
      expect(body).toContain('href="tel:0241510000"')
      expect(body).toContain('Au comptoir, côté caisse.')
      const business = jsonLdOf(res.body).find((d) => d['@type'] === 'Bakery')!
      expect(business.address).toEqual({
        '@type': 'PostalAddress',
        streetAddress: '3 place du Marché',
        postalCode: '49400',
        addressLocality: 'Saumur',
        addressCountry: 'FR',
      })
      expect(business.telephone).toBe('02 41 51 00 00')
      expect(business.geo).toMatchObject({ latitude: 47.2597, longitude: -0.0769 })
      expect(business.url).toBe('https://comptoir.example/commerces/boulangerie-du-marche')
      expect(business.openingHoursSpecification).toHaveLength(12)
      expect(business.openingHoursSpecification[1]).toEqual({
        '@type': 'OpeningHoursSpecification',
        dayOfWeek: 'https://schema.org/Monday',
        opens: '15:30',
        closes: '19:30',
      })
      expect(business.specialOpeningHoursSpecification).toEqual([
        {
          '@type': 'OpeningHoursSpecification',
          validFrom: '2026-12-24',
          validThrough: '2026-12-26',
          opens: '00:00',
          closes: '00:00',
        },
      ])
    })

    it('shows a product with its prices, VAT, stock per variant and Product JSON-LD', async () => {
      const res = await get('/commerces/boulangerie-du-marche/creme-brulee')
      expect(res.status).toBe(200)
      const body = plain(res.body)
      expect(body).toContain('12,50 €')
      expect(body).toContain('45,00 €')
      expect(body).toContain('TVA 5,5 % incluse')
      expect(body).toContain('Stock limité (2 restants)')
      expect(body).toContain('stock mis à jour le 23/11 à 11 h')
      expect(body).toContain('href="/rayons/patisseries"')
      const product = jsonLdOf(res.body).find((d) => d['@type'] === 'Product')!
      expect(product.name).toBe('Crème brûlée')
      expect(product.offers).toEqual([
        expect.objectContaining({
          '@type': 'Offer',
          price: '12.50',
          priceCurrency: 'EUR',
          availability: 'https://schema.org/LimitedAvailability',
        }),
        expect.objectContaining({
          '@type': 'Offer',
          price: '45.00',
          priceCurrency: 'EUR',
          availability: 'https://schema.org/InStock',
        }),
      ])
      expect(product.offers[0].seller).toMatchObject({ '@type': 'Bakery', name: 'Boulangerie du Marché' })
    })

    it('never claims "in stock" for a count older than the shop’s freshness window', async () => {
      const res = await get('/commerces/boulangerie-du-marche/pain-de-seigle')
      expect(res.body).toContain('Disponibilité à confirmer')
      expect(res.body).not.toContain('InStock')
      const sold = await get('/commerces/boulangerie-du-marche/croissant')
      expect(sold.body).toContain('Épuisé')
      expect(jsonLdOf(sold.body).find((d) => d['@type'] === 'Product')!.offers[0].availability).toBe(
        'https://schema.org/OutOfStock',
      )
    })

    it('shows a service with its duration and no stock claim', async () => {
      const res = await get('/commerces/cycles-loire/revision-complete')
      expect(plain(res.body)).toContain('Durée : 1 h 30')
      expect(res.body).toContain('Sur rendez-vous')
      expect(res.body).toContain('TVA 20 % incluse')
    })

    it('answers 404 for a hidden product, an unknown product, shop or category', async () => {
      for (const path of [
        '/commerces/boulangerie-du-marche/gateau-secret',
        '/commerces/boulangerie-du-marche/nope',
        '/commerces/nope',
        '/rayons/nope',
      ]) {
        const res = await get(path)
        expect(res.status, path).toBe(404)
        expect(res.body).toContain('Page introuvable')
      }
    })

    it('escapes a product name that looks like markup', async () => {
      for (const path of [
        '/commerces/boulangerie-du-marche',
        '/commerces/boulangerie-du-marche/script-alert-1-script',
        '/recherche?q=alert',
      ]) {
        const res = await get(path)
        expect(res.body, path).toContain('&#60;script&#62;alert(1)&#60;/script&#62;')
        expect(res.body, path).not.toContain('<script>alert(1)')
      }
    })

    it('finds "Crème brûlée" when searching "creme brulee", and corrects a typo', async () => {
      const res = await get('/recherche?q=creme+brulee')
      expect(res.status).toBe(200)
      expect(res.body).toContain('Crème brûlée')
      expect(res.body).toContain('1 résultat')
      const typo = await get('/recherche?q=croisant')
      expect(typo.body).toContain('Résultats pour « croisant » : nous avons aussi cherché « croissant »')
      expect(typo.body).toContain('href="/commerces/boulangerie-du-marche/croissant"')
    })

    it('filters by shop, category, kind, stock and open now', async () => {
      const byShop = await get('/recherche?commerce=cycles-loire')
      expect(byShop.body).toContain('Révision complète')
      expect(cardCount(byShop.body)).toBe(1)
      const byCategory = await get('/recherche?rayon=patisseries&tri=name')
      expect(cardCount(byCategory.body)).toBe(2)
      expect(byCategory.body.indexOf('Crème brûlée')).toBeLessThan(
        byCategory.body.indexOf('Tarte au fromage'),
      )
      expect(cardCount((await get('/recherche?type=service')).body)).toBe(1)
      const inStock = await get('/recherche?commerce=boulangerie-du-marche&stock=1')
      expect(inStock.body).not.toContain('>Croissant<')
      const open = await get('/recherche?ouvert=1&rayon=patisseries')
      expect(open.body).toContain('Crème brûlée')
      expect(open.body).not.toContain('Tarte au fromage') // the cheese shop is closed today
    })

    it('paginates with links that keep the filters', async () => {
      const first = await get('/recherche?commerce=biscuiterie&tri=price_desc')
      expect(cardCount(first.body)).toBe(24)
      expect(first.body).toContain('Biscuit 30')
      expect(first.body).toMatch(
        /rel="next" href="\/recherche\?commerce&#61;biscuiterie&#38;tri&#61;price_desc&#38;page&#61;2"/,
      )
      const second = await get('/recherche?commerce=biscuiterie&tri=price_desc&page=2')
      expect(cardCount(second.body)).toBe(6)
      expect(second.body).toContain('Page 2 sur 2')
      const shopPage = await get('/commerces/biscuiterie?page=2')
      expect(cardCount(shopPage.body)).toBe(6)
      const category = await get('/rayons/patisseries')
      expect(category.body).toContain('<h1>Pâtisseries</h1>')
      expect(cardCount(category.body)).toBe(2)
    })

    it('never answers 5xx to malformed or hostile search parameters', async () => {
      const paths = [
        '/recherche?page=-1',
        '/recherche?page=abc',
        '/recherche?page=99999',
        '/recherche?tri=drop',
        `/recherche?q=${'pain '.repeat(2048)}`,
        `/recherche?q=${encodeURIComponent("' OR 1=1 --")}`,
        '/recherche?commerce=unknown',
        '/recherche?commerce=../../etc',
        '/recherche?rayon=%00',
        '/recherche?q=a&q=b&page=1&page=2',
        '/recherche?type=drop&stock=maybe&ouvert[]=1',
        '/rayons/patisseries?page=-5&tri=%27',
        '/commerces/biscuiterie?page=9999999999999999999',
        `/commerces/${'x'.repeat(500)}`,
        '/commerces/%E2%80%AE/x',
      ]
      for (const path of paths) {
        const res = await get(path)
        expect(res.status, path).toBeLessThan(500)
      }
      const last = await get('/recherche?commerce=biscuiterie&page=99999')
      expect(last.status).toBe(200)
      expect(last.body).toContain('Page 2 sur 2')
      expect((await get('/recherche?commerce=unknown')).body).toContain('Le commerce demandé n’existe pas')
    })

    it('gives every page one h1, its own title and a description', async () => {
      const titles = new Set<string>()
      const paths = [
        '/',
        '/commerces/boulangerie-du-marche',
        '/commerces/boulangerie-du-marche/creme-brulee',
        '/rayons/patisseries',
        '/recherche?q=pain',
        '/recherche',
        '/accessibilite',
      ]
      for (const path of paths) {
        const { body } = await get(path)
        expect(body.match(/<h1[\s>]/g), path).toHaveLength(1)
        expect(body, path).toMatch(/<meta name="description" content="[^"]{20,}"/)
        titles.add(/<title>([^<]*)<\/title>/.exec(body)![1]!)
      }
      expect(titles.size).toBe(paths.length)
    })

    it('does not let a cache keep a page that shows a signed-in resident’s name', async () => {
      await createUser(
        { db: db(), clock },
        { email: 'lea@example.fr', password: 'un mot de passe long', displayName: 'Léa' },
      )
      const client = new FormClient(server.baseUrl)
      await client.signIn('lea@example.fr', 'un mot de passe long')
      const res = await client.get('/')
      expect(res.body).toContain('Léa')
      expect(res.headers.get('cache-control')).toBe('private, no-store')
    })

    it('publishes the accessibility statement', async () => {
      const res = await get('/accessibilite')
      expect(res.body).toContain('partiellement conforme')
      expect(res.body).toContain('RGAA')
      expect(res.body).toContain('Défenseur des droits')
    })

    it('lists shops, categories and published products in sitemap.xml, and points robots.txt to it', async () => {
      const res = await fetch(`${server.baseUrl}/sitemap.xml`)
      expect(res.headers.get('content-type')).toContain('application/xml')
      const xml = await res.text()
      expect(xml).toContain(
        '<loc>https://comptoir.example/commerces/boulangerie-du-marche/creme-brulee</loc>',
      )
      expect(xml).toContain('<loc>https://comptoir.example/commerces/cycles-loire</loc>')
      expect(xml).toContain('<loc>https://comptoir.example/rayons/patisseries</loc>')
      expect(xml).not.toContain('gateau-secret')
      const robots = await (await fetch(`${server.baseUrl}/robots.txt`)).text()
      expect(robots).toContain('Disallow: /admin')
      expect(robots).toContain('Disallow: /api')
      expect(robots).toContain('Sitemap: https://comptoir.example/sitemap.xml')
    })

    it('splits the sitemap behind an index when it holds more URLs than a file may', async () => {
      const urls = await sitemapUrls(db(), server, 5)
      const whole = [
        ...(await (await fetch(`${server.baseUrl}/sitemap.xml`)).text()).matchAll(/<loc>([^<]+)<\/loc>/g),
      ].map((m) => m[1])
      expect(urls.parts).toBe(Math.ceil(whole.length / 5))
      expect(urls.all.sort()).toEqual(whole.sort())
    })
  })
})

/** Serves the sitemap with a tiny page size on a bare Fastify, and reads the index and every part. */
async function sitemapUrls(db: Db, server: TestApp, pageSize: number) {
  const app = Fastify()
  registerProblemDetails(app, t, renderErrorPage)
  registerSitemap(app, { ...server.deps, db }, { pageSize })
  const index = await app.inject('/sitemap.xml')
  expect(index.body).toContain('<sitemapindex')
  const parts = [...index.body.matchAll(/<loc>[^<]*(\/sitemap-\d+\.xml)<\/loc>/g)].map((m) => m[1]!)
  const all: string[] = []
  for (const part of parts) {
    const res = await app.inject(part)
    const locs = [...res.body.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]!)
    expect(locs.length).toBeLessThanOrEqual(pageSize)
    all.push(...locs)
  }
  expect((await app.inject(`/sitemap-${parts.length + 1}.xml`)).statusCode).toBe(404)
  await app.close()
  return { parts: parts.length, all }
}
