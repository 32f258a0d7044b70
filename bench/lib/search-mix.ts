import type { CatalogSort } from '../../src/modules/catalog/index.js'
import type { ShopKind } from '../../src/modules/shops/index.js'
import { seededPrng } from './prng.js'
import { shopKindAt, townShops, type TownSize } from './town.js'
import { slugify } from '../../src/lib/slug.js'
import { BENCH_CATEGORIES, type BenchCategory } from './vocabulary.js'

/** One query of the mix, with its filters named by slug so it can be resolved on any engine's ids. */
export interface MixQuery {
  q: string
  categoryKey?: BenchCategory
  shopSlug?: string
  inStock?: boolean
  sort?: CatalogSort
  page?: number
}

/** What residents type: [text, the category it belongs to (for the category and shop filters)]. */
const TEXTS: ReadonlyArray<readonly [string, BenchCategory?]> = [
  // one common word
  ['pain', 'pains'],
  ['baguette', 'pains'],
  ['croissant', 'pains'],
  ['fromage', 'fromages'],
  ['comté', 'fromages'],
  ['vin', 'vins'],
  ['champagne', 'vins'],
  ['bière', 'boissons'],
  ['cidre', 'boissons'],
  ['miel', 'epicerie'],
  ['confiture', 'epicerie'],
  ['roses', 'fleurs'],
  ['bouquet', 'fleurs'],
  ['orchidée', 'fleurs'],
  ['vélo', 'velos'],
  ['casque', 'velos'],
  ['coupe', 'coiffure'],
  ['coloration', 'coiffure'],
  ['roman', 'livres'],
  ['manga', 'livres'],
  ['carnet', 'papeterie'],
  ['bougie', 'papeterie'],
  ['entrecôte', 'boucherie'],
  ['poulet', 'boucherie'],
  ['rillettes', 'traiteur'],
  ['tarte', 'patisseries'],
  ['macarons', 'patisseries'],
  ['café', 'epicerie'],
  ['chocolat'],
  ['tomates', 'fruits'],
  ['asperges', 'fruits'],
  ['burger', 'restaurant'],
  ['bio'],
  ['maison'],
  // two or three words
  ['pain au levain', 'pains'],
  ['fromage de chèvre', 'fromages'],
  ['vin rouge', 'vins'],
  ['vin blanc loire', 'vins'],
  ['bouquet de roses', 'fleurs'],
  ['coupe homme', 'coiffure'],
  ['réparation crevaison', 'reparations'],
  ['vélo électrique', 'velos'],
  ['tarte aux pommes', 'patisseries'],
  ['huile d’olive', 'epicerie'],
  ['côte de bœuf', 'boucherie'],
  ['poulet fermier', 'boucherie'],
  ['beurre demi-sel', 'fromages'],
  ['crémant de loire', 'vins'],
  ['guide randonnée', 'livres'],
  ['bande dessinée', 'livres'],
  ['pain complet bio', 'pains'],
  ['croissant pur beurre', 'pains'],
  ['plante verte', 'fleurs'],
  ['taille de barbe', 'coiffure'],
  ['miel de châtaignier', 'epicerie'],
  ['saumur champigny', 'vins'],
  ['jus de pomme', 'boissons'],
  ['bière artisanale', 'boissons'],
  ['magret de canard', 'boucherie'],
  ['éclair au café', 'patisseries'],
  ['plat du jour', 'restaurant'],
  ['révision complète', 'reparations'],
  ['fromage lait cru affiné', 'fromages'],
  // accents missing
  ['chevre', 'fromages'],
  ['creme brulee', 'patisseries'],
  ['eclair cafe', 'patisseries'],
  ['velo electrique', 'velos'],
  ['epeautre', 'pains'],
  ['pate en croute', 'traiteur'],
  ['gateau chocolat', 'patisseries'],
  ['cote de boeuf', 'boucherie'],
  ['entrecote', 'boucherie'],
  ['reparation', 'reparations'],
  ['the vert', 'epicerie'],
  ['legumes de saison', 'fruits'],
  // plurals
  ['croissants', 'pains'],
  ['baguettes', 'pains'],
  ['fromages de chèvre', 'fromages'],
  ['vins rouges', 'vins'],
  ['bouquets', 'fleurs'],
  ['vélos', 'velos'],
  ['casques', 'velos'],
  ['tartes aux pommes', 'patisseries'],
  ['saucisses', 'boucherie'],
  ['livres', 'livres'],
  ['éclairs', 'patisseries'],
  ['chevaux'],
  // one typo
  ['croisant', 'pains'],
  ['baguete', 'pains'],
  ['fromgae', 'fromages'],
  ['chocolta'],
  ['bouqet', 'fleurs'],
  ['reparation crevasion', 'reparations'],
  ['champagen', 'vins'],
  ['camenbert', 'fromages'],
  ['rilletes', 'traiteur'],
  ['confitur', 'epicerie'],
  ['coloraton', 'coiffure'],
  ['magnifique'],
  // rare or absent
  ['trottinette'],
  ['sushi'],
  ['ordinateur portable'],
  ['pain sans gluten', 'pains'],
]

const CATEGORY_KINDS: Record<BenchCategory, ShopKind> = {
  pains: 'boulangerie',
  patisseries: 'boulangerie',
  fromages: 'fromagerie',
  boucherie: 'boucherie',
  traiteur: 'boucherie',
  epicerie: 'epicerie',
  fruits: 'epicerie',
  vins: 'caviste',
  boissons: 'caviste',
  livres: 'librairie',
  papeterie: 'librairie',
  fleurs: 'fleuriste',
  velos: 'cycles',
  reparations: 'cycles',
  restaurant: 'restaurant',
  coiffure: 'coiffure',
}

/**
 * The fixed mix of 200 queries: mostly plain searches by relevance, and in each block of 20 also
 * in-stock filters, category and shop filters, other sorts and a second page, as the storefront sends them.
 */
export function searchMix(size: TownSize, count = 200): MixQuery[] {
  const prng = seededPrng(4242)
  const shops = townShops(size)
  const order = [...TEXTS]
  for (let i = order.length - 1; i > 0; i--) {
    const j = prng.int(0, i)
    ;[order[i], order[j]] = [order[j]!, order[i]!]
  }
  return Array.from({ length: count }, (_, i): MixQuery => {
    const [q, category] = order[i % order.length]!
    const slot = i % 20
    if (slot === 12 || slot === 13) return { q, inStock: true }
    if ((slot === 14 || slot === 15) && category) return { q, categoryKey: category }
    if (slot === 16 && category) {
      const candidates = shops.filter((_, index) => shopKindAt(index) === CATEGORY_KINDS[category])
      if (candidates.length > 0) return { q, shopSlug: prng.pick(candidates).slug }
    }
    if (slot === 17) return { q, sort: 'price_asc', inStock: true }
    if (slot === 18) return { q, sort: 'price_desc' }
    if (slot === 19) return i % 40 === 19 ? { q, sort: 'newest' } : { q, page: 2 }
    return { q }
  })
}

/**
 * The storefront address of a mix query, with the search page's own parameter names
 * (src/web/storefront/search.page.ts: q, stock, rayon, commerce, tri, page).
 */
export function searchPagePath(route: string, m: MixQuery): string {
  const params = new URLSearchParams({ q: m.q })
  if (m.inStock) params.set('stock', '1')
  if (m.categoryKey) params.set('rayon', slugify(BENCH_CATEGORIES[m.categoryKey]))
  if (m.shopSlug) params.set('commerce', m.shopSlug)
  if (m.sort) params.set('tri', m.sort)
  if (m.page) params.set('page', String(m.page))
  return `${route}?${params.toString()}`
}
