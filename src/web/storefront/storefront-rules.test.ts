import { describe, expect, it } from 'vitest'
import { frenchDuration, frenchTime } from '../../lib/french-format.js'
import type { Closure } from '../../modules/shops/index.js'
import { openingStatusText } from '../views/opening-status-text.js'
import { businessType, decimalPrice } from '../views/storefront-jsonld.js'
import { parseListingQuery } from './search.page.js'
import { shorten } from './shop.page.js'
import { countParts, partRange, sitemapIndexXml, urlsetXml } from './sitemap.page.js'

const PARIS = 'Europe/Paris'
// Monday 23 November 2026, 11:00 in Paris.
const now = new Date('2026-11-23T10:00:00Z')
/** Times use no-break spaces so "19 h 30" never wraps; compare them as typed. */
const plain = (text: string) => text.replace(/\u00a0/g, ' ')

describe('French wording of opening times', () => {
  it('writes times the French way, on the shop’s clock', () => {
    expect(plain(frenchTime(new Date('2026-11-23T18:30:00Z'), PARIS))).toBe('19 h 30')
    expect(plain(frenchTime(new Date('2026-11-24T06:00:00Z'), PARIS))).toBe('7 h')
    expect(plain(frenchTime(new Date('2026-11-23T23:00:00Z'), PARIS))).toBe('minuit')
    // Summer time: 17:30 UTC is 19:30 in Paris in July.
    expect(plain(frenchTime(new Date('2026-07-01T17:30:00Z'), PARIS))).toBe('19 h 30')
  })

  it('says when an open shop closes and when a closed one opens', () => {
    expect(
      plain(openingStatusText({ state: 'open', closesAt: new Date('2026-11-23T18:30:00Z') }, now, PARIS)),
    ).toBe('Ouvert · ferme à 19 h 30')
    expect(
      plain(openingStatusText({ state: 'open', closesAt: new Date('2026-11-23T23:00:00Z') }, now, PARIS)),
    ).toBe('Ouvert · ferme à minuit')
    const closure: Closure = { id: 'c', startsOn: '2026-11-23', endsOn: '2026-11-23', reason: 'Inventaire' }
    expect(
      plain(
        openingStatusText(
          { state: 'closed', nextOpensAt: new Date('2026-11-24T06:00:00Z'), closure },
          now,
          PARIS,
        ),
      ),
    ).toBe('Fermé · ouvre demain à 7 h')
    expect(
      plain(
        openingStatusText(
          { state: 'closed', nextOpensAt: new Date('2026-11-23T14:30:00Z'), closure: undefined },
          now,
          PARIS,
        ),
      ),
    ).toBe('Fermé · ouvre à 15 h 30')
    expect(
      plain(
        openingStatusText(
          { state: 'closed', nextOpensAt: new Date('2026-11-27T08:00:00Z'), closure: undefined },
          now,
          PARIS,
        ),
      ),
    ).toBe('Fermé · ouvre vendredi à 9 h')
    expect(
      plain(
        openingStatusText(
          { state: 'closed', nextOpensAt: new Date('2026-12-02T08:00:00Z'), closure: undefined },
          now,
          PARIS,
        ),
      ),
    ).toBe('Fermé · ouvre mercredi 2 décembre à 9 h')
    expect(plain(openingStatusText({ state: 'closed', nextOpensAt: undefined, closure }, now, PARIS))).toBe(
      'Fermé',
    )
    expect(
      plain(openingStatusText({ state: 'closed', nextOpensAt: undefined, closure: undefined }, now, PARIS)),
    ).toBe('Horaires non communiqués')
  })

  it('writes durations in hours and minutes', () => {
    expect(plain(frenchDuration(45))).toBe('45 min')
    expect(plain(frenchDuration(90))).toBe('1 h 30')
    expect(plain(frenchDuration(120))).toBe('2 h')
  })
})

describe('schema.org values', () => {
  it('writes prices as plain decimals', () => {
    expect(decimalPrice(1250)).toBe('12.50')
    expect(decimalPrice(5)).toBe('0.05')
    expect(decimalPrice(100000)).toBe('1000.00')
  })

  it('picks the LocalBusiness subtype of each kind of shop', () => {
    expect(businessType('boulangerie')).toBe('Bakery')
    expect(businessType('fromagerie')).toBe('GroceryStore')
    expect(businessType('epicerie')).toBe('GroceryStore')
    expect(businessType('caviste')).toBe('LiquorStore')
    expect(businessType('autre')).toBe('LocalBusiness')
  })
})

describe('listing parameters from the URL', () => {
  it('keeps valid values', () => {
    expect(
      parseListingQuery({
        q: ' pain  au levain ',
        commerce: 'boulangerie-du-marche',
        rayon: 'pains',
        type: 'service',
        stock: '1',
        ouvert: 'on',
        tri: 'price_asc',
        page: '3',
      }),
    ).toEqual({
      q: 'pain au levain',
      shop: 'boulangerie-du-marche',
      category: 'pains',
      kind: 'service',
      inStock: true,
      openNow: true,
      sort: 'price_asc',
      page: 3,
    })
  })

  it('drops or clamps anything malformed instead of failing', () => {
    const parsed = parseListingQuery({
      q: 'x'.repeat(10_000),
      commerce: '../etc',
      rayon: '',
      type: 'drop',
      stock: 'maybe',
      tri: 'drop table',
      page: '-1',
    })
    expect(parsed).toEqual({
      q: 'x'.repeat(200),
      shop: undefined,
      category: undefined,
      kind: undefined,
      inStock: false,
      openNow: false,
      sort: undefined,
      page: 1,
    })
    expect(parseListingQuery({ page: 'abc' }).page).toBe(1)
    expect(parseListingQuery({ page: '99999' }).page).toBe(200)
    expect(parseListingQuery({ page: '1.5' }).page).toBe(1)
    expect(parseListingQuery({ q: ['a', 'b'], page: ['2', '3'] })).toMatchObject({ q: 'a', page: 2 })
    expect(parseListingQuery(undefined).q).toBe('')
  })
})

describe('sitemap split (UX-29)', () => {
  it('cuts the fixed URLs then the products into parts of the given size', () => {
    // 3 fixed URLs, parts of 5: part 1 = 3 fixed + products 0–1, part 2 = products 2–6.
    expect(partRange(1, 5, 3)).toEqual({ fixedStart: 0, fixedEnd: 3, productOffset: 0, productLimit: 2 })
    expect(partRange(2, 5, 3)).toEqual({ fixedStart: 3, fixedEnd: 3, productOffset: 2, productLimit: 5 })
    // More fixed URLs than a part holds.
    expect(partRange(1, 5, 7)).toEqual({ fixedStart: 0, fixedEnd: 5, productOffset: 0, productLimit: 0 })
    expect(partRange(2, 5, 7)).toEqual({ fixedStart: 5, fixedEnd: 7, productOffset: 0, productLimit: 3 })
  })

  it('counts parts by probing one product per boundary', async () => {
    const products = (n: number) => async (offset: number) => offset < n
    expect(await countParts(50_000, 40, products(0))).toBe(1)
    expect(await countParts(50_000, 40, products(49_960))).toBe(1)
    expect(await countParts(50_000, 40, products(49_961))).toBe(2)
    expect(await countParts(5, 3, products(12))).toBe(3)
  })

  it('writes escaped XML', () => {
    expect(urlsetXml([{ loc: 'https://x.fr/a?b=1&c=2', lastmod: '2026-11-22' }])).toContain(
      '<loc>https://x.fr/a?b=1&#38;c=2</loc><lastmod>2026-11-22</lastmod>',
    )
    expect(sitemapIndexXml(['https://x.fr/sitemap-1.xml'])).toContain(
      '<sitemap><loc>https://x.fr/sitemap-1.xml</loc></sitemap>',
    )
  })
})

describe('meta descriptions', () => {
  it('cuts long text on a word', () => {
    const text = 'mot '.repeat(100)
    const short = shorten(text)
    expect(short.length).toBeLessThanOrEqual(155)
    expect(short.endsWith('mot…')).toBe(true)
    expect(shorten('court')).toBe('court')
  })
})
