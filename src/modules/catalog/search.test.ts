import { beforeAll, expect, it } from 'vitest'
import { forEachEngine } from '../../../test/harness/engines.js'
import { aCategory, aProduct } from '../../../test/factories/catalog.js'
import { aShop } from '../../../test/factories/shops.js'
import { fixedClock } from '../../lib/clock.js'
import type { Shop } from '../shops/index.js'
import {
  MAX_PAGE,
  MAX_PER_PAGE,
  searchCatalog,
  type Category,
  type CatalogQuery,
  type CatalogResults,
  type ProductInput,
} from './index.js'

/**
 * The shared search test set: one small town catalog, the same queries on SQLite and PostgreSQL, and a check
 * that each engine puts the same products at the top for every query (SAME_TOP_FIVE).
 */

const NOW = new Date('2026-05-05T08:00:00Z')
const clock = fixedClock(NOW)

type Seed = Partial<ProductInput> & {
  name: string
  shop: 'baker' | 'grocer' | 'cycles' | 'barber'
  category?: string
}

const piece = (priceCents: number, onHand = 10) => [{ name: 'Pièce', priceCents, onHand }]
const session = (priceCents: number, durationMinutes = 30) => [
  { name: 'Séance', priceCents, durationMinutes },
]

const CATALOG: Seed[] = [
  // Boulangerie
  { shop: 'baker', category: 'Boulangerie', name: 'Baguette tradition', variants: piece(130, 50) },
  { shop: 'baker', category: 'Boulangerie', name: 'Demi-baguette', variants: piece(70, 20) },
  {
    shop: 'baker',
    category: 'Boulangerie',
    name: 'Pain au levain',
    description: 'Levain naturel, farine de meule.',
    variants: piece(450, 8),
  },
  { shop: 'baker', category: 'Boulangerie', name: 'Pain de campagne', variants: piece(380, 6) },
  {
    shop: 'baker',
    category: 'Viennoiseries',
    name: 'Croissant au beurre',
    description: 'Pur beurre AOP.',
    variants: piece(120, 40),
  },
  {
    shop: 'baker',
    category: 'Viennoiseries',
    name: 'Pains au chocolat',
    description: 'Deux barres de chocolat noir.',
    variants: piece(135, 0),
  },
  { shop: 'baker', category: 'Viennoiseries', name: 'Brioche tressée', variants: piece(600, 3) },
  { shop: 'baker', category: 'Pâtisserie', name: 'Tarte aux pommes', variants: piece(1800, 4) },
  {
    shop: 'baker',
    category: 'Pâtisserie',
    name: 'Crème brûlée',
    description: 'Vanille de Madagascar.',
    variants: piece(350, 12),
  },
  {
    shop: 'baker',
    category: 'Snacking',
    name: 'Sandwich jambon-beurre',
    description: 'Jambon blanc et beurre demi-sel dans une baguette tradition.',
    variants: piece(550, 15),
  },
  {
    shop: 'baker',
    category: 'Boulangerie',
    name: 'Baguette du chef',
    description: 'Recette secrète.',
    status: 'hidden',
    variants: piece(150, 5),
  },
  // Épicerie fine
  { shop: 'grocer', category: 'Crèmerie', name: 'Fromage de chèvre frais', variants: piece(450, 9) },
  { shop: 'grocer', category: 'Crèmerie', name: 'Crème fraîche épaisse', variants: piece(320, 10) },
  { shop: 'grocer', category: 'Crèmerie', name: 'Tomme de Savoie', variants: piece(1900, 2) },
  {
    shop: 'grocer',
    category: 'Traiteur',
    name: 'Bœuf bourguignon',
    description: 'Mijoté six heures au vin rouge.',
    variants: piece(1450, 7),
  },
  { shop: 'grocer', category: 'Traiteur', name: 'Terrine de campagne', variants: piece(890, 5) },
  {
    shop: 'grocer',
    category: 'Traiteur',
    name: 'Plateau de desserts',
    description: 'Un assortiment : crème brûlée, tarte aux pommes et mousse au chocolat.',
    variants: piece(2500, 3),
  },
  {
    shop: 'grocer',
    category: 'Épicerie sucrée',
    name: 'Confiture de fraises',
    description: 'Parfaite sur un croissant ou une tartine de pain au levain.',
    variants: piece(520, 14),
  },
  // Cycles
  {
    shop: 'cycles',
    category: 'Cycles',
    name: 'Vélo de ville',
    description: 'Cadre acier, trois vitesses.',
    variants: piece(49_900, 2),
  },
  { shop: 'cycles', category: 'Cycles', name: 'Casque de vélo', variants: piece(4500, 6) },
  { shop: 'cycles', category: 'Cycles', name: 'Antivol en U', variants: piece(3500, 0) },
  {
    shop: 'cycles',
    category: 'Ateliers',
    name: 'Réparation de crevaison',
    kind: 'service',
    vatRateBp: 2000,
    variants: session(1500),
  },
  {
    shop: 'cycles',
    category: 'Ateliers',
    name: 'Révision complète',
    kind: 'service',
    vatRateBp: 2000,
    description: 'Réglage des freins et des vitesses ; la réparation d’une crevaison est incluse.',
    variants: session(6500, 90),
  },
  // Coiffure
  {
    shop: 'barber',
    category: 'Coiffure',
    name: 'Coupe homme',
    kind: 'service',
    vatRateBp: 2000,
    variants: session(2200),
  },
  {
    shop: 'barber',
    category: 'Coiffure',
    name: 'Coupe femme',
    kind: 'service',
    vatRateBp: 2000,
    variants: session(3800, 45),
  },
  {
    shop: 'barber',
    category: 'Coiffure',
    name: 'Taille de barbe',
    kind: 'service',
    vatRateBp: 2000,
    description: 'Avec serviette chaude.',
    variants: session(1500, 20),
  },
]
const PUBLISHED = CATALOG.filter((p) => p.status !== 'hidden')
const namesOf = (results: CatalogResults) => results.items.map((item) => item.name)

// 'croissant beurre ' is 17 characters; 12 copies reach past the 200 characters read, ending in a cut word.
const PASTE_10_KB = 'croissant beurre '.repeat(700).slice(0, 10_240)
// Built from whole words only, the first 200 characters hold the two words: the croissant is found.
const WHOLE_WORDS_10_KB = ('croissant beurre '.repeat(11) + ' '.repeat(13) + 'x'.repeat(10_000)).slice(
  0,
  10_240,
)
const NOISE_10_KB = 'é'.repeat(2_000) + ' zq'.repeat(2_000)

/** The first five names of the plain catalog listing (no words), in its order. */
const LISTING_TOP_FIVE = [
  'Antivol en U',
  'Baguette tradition',
  'Brioche tressée',
  'Bœuf bourguignon',
  'Casque de vélo',
]
const BREADS = ['Pain au levain', 'Pain de campagne', 'Pains au chocolat', 'Confiture de fraises']

/**
 * Every query of this file with the top five names both engines give, in order: each engine is held to the same
 * list, so SQLite and PostgreSQL rank alike (the French word handling of search-text.ts is shared; the SQL is not).
 */
const SAME_TOP_FIVE: Array<{
  label: string
  query: (c: { shops: Record<Seed['shop'], Shop>; categories: Map<string, Category> }) => CatalogQuery
  top: string[]
}> = [
  {
    label: 'creme brulee',
    query: () => ({ q: 'creme brulee' }),
    top: ['Crème brûlée', 'Plateau de desserts'],
  },
  {
    label: 'baguettes',
    query: () => ({ q: 'baguettes' }),
    top: ['Baguette tradition', 'Demi-baguette', 'Sandwich jambon-beurre'],
  },
  {
    label: 'baguette',
    query: () => ({ q: 'baguette' }),
    top: ['Baguette tradition', 'Demi-baguette', 'Sandwich jambon-beurre'],
  },
  {
    label: 'croisant',
    query: () => ({ q: 'croisant' }),
    top: ['Croissant au beurre', 'Confiture de fraises'],
  },
  {
    label: 'crevaisons',
    query: () => ({ q: 'crevaisons' }),
    top: ['Réparation de crevaison', 'Révision complète'],
  },
  { label: 'boeuf', query: () => ({ q: 'boeuf' }), top: ['Bœuf bourguignon'] },
  { label: 'BŒUF', query: () => ({ q: 'BŒUF' }), top: ['Bœuf bourguignon'] },
  { label: 'vélos', query: () => ({ q: 'vélos' }), top: ['Casque de vélo', 'Vélo de ville'] },
  { label: 'velo', query: () => ({ q: 'velo' }), top: ['Casque de vélo', 'Vélo de ville'] },
  { label: 'chevre', query: () => ({ q: 'chevre' }), top: ['Fromage de chèvre frais'] },
  { label: 'pain', query: () => ({ q: 'pain' }), top: BREADS },
  { label: 'xyzzy', query: () => ({ q: 'xyzzy' }), top: [] },
  { label: 'baguette xyzzy', query: () => ({ q: 'baguette xyzzy' }), top: [] },
  { label: 'chef (hidden)', query: () => ({ q: 'chef' }), top: [] },
  { label: '10 kB paste', query: () => ({ q: PASTE_10_KB }), top: ['Croissant au beurre'] },
  { label: '10 kB whole words', query: () => ({ q: WHOLE_WORDS_10_KB }), top: ['Croissant au beurre'] },
  { label: '10 kB noise', query: () => ({ q: NOISE_10_KB }), top: [] },
  ...['%', '_', '"', "'", '*', '\\', '()', '--'].map((q) => ({
    label: `punctuation ${q}`,
    query: () => ({ q, perPage: MAX_PER_PAGE }),
    top: LISTING_TOP_FIVE,
  })),
  { label: "' or 1=1 --", query: () => ({ q: "' or 1=1 --" }), top: [] },
  {
    label: '%croissant%',
    query: () => ({ q: '%croissant%' }),
    top: ['Croissant au beurre', 'Confiture de fraises'],
  },
  {
    label: "croissant' --",
    query: () => ({ q: "croissant' --" }),
    top: ['Croissant au beurre', 'Confiture de fraises'],
  },
  {
    label: 'croissant',
    query: () => ({ q: 'croissant' }),
    top: ['Croissant au beurre', 'Confiture de fraises'],
  },
  ...[
    '"pain" OR "tarte"',
    'pain NEAR tarte',
    'pain AND NOT tarte',
    'pain & !tarte | boeuf',
    'NOT',
    'or and not',
  ].map((q) => ({ label: `operators ${q}`, query: () => ({ q }), top: [] })),
  { label: 'operators pain:*', query: () => ({ q: 'pain:*' }), top: BREADS },
  {
    label: 'operators tarte*',
    query: () => ({ q: 'tarte*' }),
    top: ['Tarte aux pommes', 'Plateau de desserts'],
  },
  { label: 'operators ^pain', query: () => ({ q: '^pain' }), top: BREADS },
  { label: 'beurre', query: () => ({ q: 'beurre' }), top: ['Croissant au beurre', 'Sandwich jambon-beurre'] },
  {
    label: 'tarte pommes',
    query: () => ({ q: 'tarte pommes' }),
    top: ['Tarte aux pommes', 'Plateau de desserts'],
  },
  {
    label: 'pain in the bakery',
    query: ({ shops }) => ({ q: 'pain', shopId: shops.baker.id }),
    top: ['Pain au levain', 'Pain de campagne', 'Pains au chocolat'],
  },
  {
    label: 'category Crèmerie',
    query: ({ categories }) => ({ categoryId: categories.get('Crèmerie')!.id }),
    top: ['Crème fraîche épaisse', 'Fromage de chèvre frais', 'Tomme de Savoie'],
  },
  {
    label: 'creme in Crèmerie',
    query: ({ categories }) => ({ q: 'creme', categoryId: categories.get('Crèmerie')!.id }),
    top: ['Crème fraîche épaisse'],
  },
  {
    label: 'pain, in stock',
    query: () => ({ q: 'pain', inStock: true }),
    top: ['Pain au levain', 'Pain de campagne', 'Confiture de fraises'],
  },
  {
    label: 'cycles in stock',
    query: ({ shops }) => ({ shopId: shops.cycles.id, inStock: true }),
    top: ['Casque de vélo', 'Réparation de crevaison', 'Révision complète', 'Vélo de ville'],
  },
  {
    label: 'cycles shop',
    query: ({ shops }) => ({ shopId: shops.cycles.id }),
    top: ['Antivol en U', 'Casque de vélo', 'Réparation de crevaison', 'Révision complète', 'Vélo de ville'],
  },
  {
    label: 'services',
    query: () => ({ kind: 'service' }),
    top: ['Coupe femme', 'Coupe homme', 'Réparation de crevaison', 'Révision complète', 'Taille de barbe'],
  },
  { label: 'products', query: () => ({ kind: 'product', perPage: MAX_PER_PAGE }), top: LISTING_TOP_FIVE },
  {
    label: 'price_asc',
    query: () => ({ sort: 'price_asc', perPage: MAX_PER_PAGE }),
    top: [
      'Demi-baguette',
      'Croissant au beurre',
      'Baguette tradition',
      'Pains au chocolat',
      'Crème fraîche épaisse',
    ],
  },
  {
    label: 'price_desc',
    query: () => ({ sort: 'price_desc', perPage: MAX_PER_PAGE }),
    top: ['Vélo de ville', 'Révision complète', 'Casque de vélo', 'Coupe femme', 'Antivol en U'],
  },
  {
    label: 'pain by price',
    query: () => ({ q: 'pain', sort: 'price_asc' }),
    top: ['Pains au chocolat', 'Pain de campagne', 'Pain au levain', 'Confiture de fraises'],
  },
  { label: 'page 1 of 2', query: () => ({ perPage: 2 }), top: ['Antivol en U', 'Baguette tradition'] },
  { label: 'pain, one page', query: () => ({ q: 'pain', perPage: MAX_PER_PAGE }), top: BREADS },
]

forEachEngine('catalog search', ({ db }) => {
  const shops = {} as Record<Seed['shop'], Shop>
  const categories = new Map<string, Category>()

  beforeAll(async () => {
    const tag = Math.random().toString(36).slice(2, 8)
    shops.baker = await aShop(
      db(),
      { name: 'Boulangerie Dupont', kind: 'boulangerie', slug: `boulangerie-${tag}` },
      clock,
    )
    shops.grocer = await aShop(
      db(),
      { name: 'Épicerie des Halles', kind: 'epicerie', slug: `epicerie-${tag}` },
      clock,
    )
    shops.cycles = await aShop(
      db(),
      { name: 'Cycles du Centre', kind: 'cycles', slug: `cycles-${tag}` },
      clock,
    )
    shops.barber = await aShop(db(), { name: 'Salon Figaro', kind: 'coiffure', slug: `salon-${tag}` }, clock)
    // Category names are searchable too; unique names come from the catalog itself, so none are random.
    for (const name of new Set(CATALOG.map((p) => p.category!)))
      categories.set(name, await aCategory(db(), { name }))
    for (const { shop, category, ...input } of CATALOG) {
      await aProduct(
        db(),
        shops[shop].id,
        { description: '', ...input, categoryId: categories.get(category!)!.id },
        { clock },
      )
    }
  })

  const search = (query: CatalogQuery): Promise<CatalogResults> =>
    searchCatalog({ db: db(), now: NOW }, query)

  it('finds "Crème brûlée" first when typed without accents', async () => {
    const results = await search({ q: 'creme brulee' })
    expect(namesOf(results)[0]).toBe('Crème brûlée')
    // Every word must match: the crème fraîche does not, the dessert plate does (in its description).
    expect(namesOf(results)).toEqual(['Crème brûlée', 'Plateau de desserts'])
    expect(results.corrections).toEqual([])
  })

  it('finds the same products for "baguette" and "baguettes", names first', async () => {
    const plural = await search({ q: 'baguettes' })
    const singular = await search({ q: 'baguette' })
    expect(namesOf(plural)).toEqual(['Baguette tradition', 'Demi-baguette', 'Sandwich jambon-beurre'])
    expect(namesOf(singular)).toEqual(namesOf(plural))
  })

  it('forgives a typo in "croisant" and says what it searched for instead', async () => {
    const results = await search({ q: 'croisant' })
    expect(namesOf(results)[0]).toBe('Croissant au beurre')
    expect(namesOf(results)).toContain('Confiture de fraises')
    expect(results.corrections).toEqual([{ word: 'croisant', matched: ['croiss'] }])
  })

  it('finds the puncture repair for "crevaisons", above the service that mentions it', async () => {
    const results = await search({ q: 'crevaisons' })
    expect(namesOf(results)).toEqual(['Réparation de crevaison', 'Révision complète'])
  })

  it('finds "Bœuf bourguignon" for "boeuf" and for "bœuf"', async () => {
    expect(namesOf(await search({ q: 'boeuf' }))).toEqual(['Bœuf bourguignon'])
    expect(namesOf(await search({ q: 'BŒUF' }))).toEqual(['Bœuf bourguignon'])
  })

  it('finds bicycles for "vélos" typed with or without the accent', async () => {
    const accented = await search({ q: 'vélos' })
    expect(namesOf(accented)).toEqual(['Casque de vélo', 'Vélo de ville'])
    expect(namesOf(await search({ q: 'velo' }))).toEqual(namesOf(accented))
  })

  it('finds the goat cheese for "chevre"', async () => {
    expect(namesOf(await search({ q: 'chevre' }))).toEqual(['Fromage de chèvre frais'])
  })

  it('finds every bread for "pain", the ones named so first', async () => {
    const results = await search({ q: 'pain' })
    expect(namesOf(results)).toEqual([
      'Pain au levain',
      'Pain de campagne',
      'Pains au chocolat',
      'Confiture de fraises',
    ])
    expect(results.corrections).toEqual([])
  })

  it('finds nothing for a word nobody sells', async () => {
    const results = await search({ q: 'xyzzy' })
    expect(results).toMatchObject({ items: [], total: 0, page: 1, pageCount: 1, corrections: [] })
  })

  it('finds nothing when one of the words matches nothing', async () => {
    expect((await search({ q: 'baguette xyzzy' })).total).toBe(0)
  })

  it('never lists a hidden product', async () => {
    const results = await search({ q: 'chef' })
    expect(results.total).toBe(0)
    const everything = await searchCatalog({ db: db(), now: NOW }, { perPage: MAX_PER_PAGE })
    expect(namesOf(everything)).not.toContain('Baguette du chef')
  })

  it('answers a 10 kB query without error', async () => {
    const results = await search({ q: PASTE_10_KB })
    expect(results.items.length).toBeLessThanOrEqual(results.perPage)
    expect(namesOf(await search({ q: WHOLE_WORDS_10_KB }))[0]).toBe('Croissant au beurre')
    const noise = await search({ q: NOISE_10_KB })
    expect(noise.total).toBe(0)
  })

  it('treats SQL and full-text metacharacters as plain text', async () => {
    const everything = await searchCatalog({ db: db(), now: NOW }, { perPage: MAX_PER_PAGE })
    expect(everything.total).toBe(PUBLISHED.length)
    // Only punctuation: no search words, so the listing is the plain catalog, not a wildcard match.
    for (const q of ['%', '_', '"', "'", '*', '\\', '()', '--']) {
      const results = await search({ q, perPage: MAX_PER_PAGE })
      expect(namesOf(results)).toEqual(namesOf(everything))
    }
    // Words around the metacharacters are searched as words, nothing more.
    expect((await search({ q: "' or 1=1 --" })).total).toBe(0)
    expect((await search({ q: '%croissant%' })).items[0]?.name).toBe('Croissant au beurre')
    expect(namesOf(await search({ q: "croissant' --" }))).toEqual(namesOf(await search({ q: 'croissant' })))
    for (const q of [
      '"pain" OR "tarte"',
      'pain NEAR tarte',
      'pain AND NOT tarte',
      'pain & !tarte | boeuf',
      'pain:*',
      'tarte*',
      '^pain',
      'NOT',
      'or and not',
    ]) {
      await expect(search({ q })).resolves.toBeDefined()
    }
    expect((await search({ q: '"pain" OR "tarte"' })).total).toBe(0)
    expect((await searchCatalog({ db: db(), now: NOW }, { perPage: MAX_PER_PAGE })).total).toBe(
      PUBLISHED.length,
    )
  })

  it('ranks name matches above description-only matches', async () => {
    const results = await search({ q: 'beurre' })
    const names = namesOf(results)
    expect(names.slice(0, 2).sort()).toEqual(['Croissant au beurre', 'Sandwich jambon-beurre'])
    expect(names.slice(2)).toEqual([])
    const tarte = namesOf(await search({ q: 'tarte pommes' }))
    expect(tarte).toEqual(['Tarte aux pommes', 'Plateau de desserts'])
  })

  it('filters by shop', async () => {
    const results = await search({ q: 'pain', shopId: shops.baker.id })
    expect(namesOf(results)).toEqual(['Pain au levain', 'Pain de campagne', 'Pains au chocolat'])
    expect(
      results.items.every((item) => item.shopId === shops.baker.id && item.shopName === 'Boulangerie Dupont'),
    ).toBe(true)
  })

  it('filters by category', async () => {
    const results = await search({ categoryId: categories.get('Crèmerie')!.id })
    expect(namesOf(results)).toEqual(['Crème fraîche épaisse', 'Fromage de chèvre frais', 'Tomme de Savoie'])
    const withWords = await search({ q: 'creme', categoryId: categories.get('Crèmerie')!.id })
    expect(namesOf(withWords)).toEqual(['Crème fraîche épaisse'])
  })

  it('leaves out what is out of stock when asked, but keeps services', async () => {
    const all = await search({ q: 'pain' })
    const inStock = await search({ q: 'pain', inStock: true })
    expect(namesOf(all)).toContain('Pains au chocolat')
    expect(namesOf(inStock)).not.toContain('Pains au chocolat')
    expect(namesOf(inStock)).toHaveLength(namesOf(all).length - 1)
    const cycles = await search({ shopId: shops.cycles.id, inStock: true })
    expect(namesOf(cycles)).toEqual([
      'Casque de vélo',
      'Réparation de crevaison',
      'Révision complète',
      'Vélo de ville',
    ])
  })

  it('shows honest stock states on the cards', async () => {
    const results = await search({ shopId: shops.cycles.id })
    const state = Object.fromEntries(results.items.map((item) => [item.name, item.stockState]))
    expect(state).toEqual({
      'Antivol en U': 'out_of_stock',
      'Casque de vélo': 'in_stock',
      'Réparation de crevaison': 'service',
      'Révision complète': 'service',
      'Vélo de ville': 'limited',
    })
  })

  it('filters services from products', async () => {
    const services = await search({ kind: 'service' })
    expect(namesOf(services)).toEqual([
      'Coupe femme',
      'Coupe homme',
      'Réparation de crevaison',
      'Révision complète',
      'Taille de barbe',
    ])
    expect(services.items.every((item) => item.kind === 'service' && item.available === undefined)).toBe(true)
    const products = await search({ kind: 'product', perPage: MAX_PER_PAGE })
    expect(products.total).toBe(PUBLISHED.filter((p) => p.kind !== 'service').length)
  })

  it('sorts by price, cheapest or dearest first', async () => {
    const ascending = await search({ sort: 'price_asc', perPage: MAX_PER_PAGE })
    const descending = await search({ sort: 'price_desc', perPage: MAX_PER_PAGE })
    const asc = ascending.items.map((i) => i.fromPriceCents)
    const desc = descending.items.map((i) => i.fromPriceCents)
    expect(asc).toEqual([...asc].sort((a, b) => a - b))
    expect(desc).toEqual([...desc].sort((a, b) => b - a))
    expect(ascending.items[0]!.name).toBe('Demi-baguette')
    expect(descending.items[0]!.name).toBe('Vélo de ville')
    expect(ascending.total).toBe(PUBLISHED.length)
    const breadByPrice = await search({ q: 'pain', sort: 'price_asc' })
    expect(namesOf(breadByPrice)).toEqual([
      'Pains au chocolat',
      'Pain de campagne',
      'Pain au levain',
      'Confiture de fraises',
    ])
  })

  it('pages through every result exactly once, two at a time', async () => {
    const first = await search({ perPage: 2 })
    expect(first).toMatchObject({
      page: 1,
      perPage: 2,
      total: PUBLISHED.length,
      pageCount: Math.ceil(PUBLISHED.length / 2),
    })
    const seen: string[] = []
    for (let page = 1; page <= first.pageCount; page++) {
      const results = await searchCatalog({ db: db(), now: NOW }, { perPage: 2, page })
      expect(results.items.length).toBeLessThanOrEqual(2)
      seen.push(...results.items.map((i) => i.id))
    }
    expect(seen).toHaveLength(PUBLISHED.length)
    expect(new Set(seen).size).toBe(PUBLISHED.length)
    expect(
      (await searchCatalog({ db: db(), now: NOW }, { perPage: 2, page: first.pageCount + 1 })).items,
    ).toEqual([])
  })

  it('pages through search results in relevance order without repeats', async () => {
    const all = await search({ q: 'pain', perPage: MAX_PER_PAGE })
    const paged: string[] = []
    for (let page = 1; page <= 3; page++)
      paged.push(...namesOf(await searchCatalog({ db: db(), now: NOW }, { q: 'pain', perPage: 2, page })))
    expect(paged).toEqual(namesOf(all))
  })

  it('clamps impossible pages and page sizes instead of failing', async () => {
    const first = await searchCatalog({ db: db(), now: NOW }, { perPage: 2, page: 1 })
    for (const page of [0, -1, Number.NaN, 1.7]) {
      const results = await searchCatalog({ db: db(), now: NOW }, { perPage: 2, page })
      expect(results.page).toBe(1)
      expect(results.items).toEqual(first.items)
    }
    const huge = await searchCatalog({ db: db(), now: NOW }, { perPage: 2, page: 1e12 })
    expect(huge).toMatchObject({ page: MAX_PAGE, items: [], total: PUBLISHED.length })
    expect((await searchCatalog({ db: db(), now: NOW }, { perPage: 0 })).perPage).toBe(1)
    expect((await searchCatalog({ db: db(), now: NOW }, { perPage: -5 })).perPage).toBe(1)
    expect((await searchCatalog({ db: db(), now: NOW }, { perPage: 10_000 })).perPage).toBe(MAX_PER_PAGE)
    expect(
      (await searchCatalog({ db: db(), now: NOW }, { perPage: Number.POSITIVE_INFINITY })).perPage,
    ).toBeGreaterThanOrEqual(1)
  })

  // Self-contained: it runs every query itself, so it means the same run alone, on one engine or on both.
  it('puts the same products at the top for every query, in the same order on SQLite and PostgreSQL', async () => {
    const ranked = []
    for (const { label, query } of SAME_TOP_FIVE)
      ranked.push({ label, top: namesOf(await search(query({ shops, categories }))).slice(0, 5) })
    expect(ranked).toEqual(SAME_TOP_FIVE.map(({ label, top }) => ({ label, top })))
  })
})
