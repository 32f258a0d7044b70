import type { ShopKind } from '../../src/modules/shops/index.js'

/**
 * The words the benchmark town is made of. Names are built as noun + qualifier + origin ("Pain au levain
 * du Moulin de la Roche"), so 100,000 products share the words residents really type ("pain", "chèvre",
 * "vin rouge") without being 100,000 copies of the same ten names, which would flatter the search.
 */

/** Town-wide categories ("rayons"): key → display name. */
export const BENCH_CATEGORIES = {
  pains: 'Pains et viennoiseries',
  patisseries: 'Pâtisseries',
  fromages: 'Fromages et crèmerie',
  boucherie: 'Boucherie-charcuterie',
  traiteur: 'Traiteur et plats cuisinés',
  epicerie: 'Épicerie fine',
  fruits: 'Fruits et légumes',
  vins: 'Vins et spiritueux',
  boissons: 'Bières, cidres et jus',
  livres: 'Livres',
  papeterie: 'Papeterie et cadeaux',
  fleurs: 'Fleurs et plantes',
  velos: 'Vélos et accessoires',
  reparations: 'Réparations et entretien',
  restaurant: 'Restaurant',
  coiffure: 'Coiffure et soins',
} as const
export type BenchCategory = keyof typeof BENCH_CATEGORIES

/** How a line's variants are named: by weight, by size, by volume, by the piece, or by duration (services). */
export type VariantScheme = 'weight' | 'size' | 'bottle' | 'volume' | 'unit' | 'portion' | 'duration'

export interface ProductLine {
  category: BenchCategory
  kind: 'product' | 'service'
  vatRateBp: 2000 | 1000 | 550
  nouns: readonly string[]
  qualifiers: readonly string[]
  origins: readonly string[]
  variants: VariantScheme
  /** Lowest and highest price of the first variant, in cents. */
  priceCents: readonly [number, number]
  /** First sentences of descriptions; `{name}` is replaced by the product's name in lower case. */
  sentences: readonly string[]
}

export interface KindVocabulary {
  /** How shops of this kind are named: "Boulangerie", "Au Fournil". */
  shopWords: readonly string[]
  tagline: string
  lines: readonly ProductLine[]
}

/** "a|b|c" → ["a", "b", "c"]: keeps the long vocabularies readable. */
export const words = (list: string): string[] => list.split('|').map((w) => w.trim())

/** Second sentences, shared by every kind: they add the everyday words a description has. */
export const CLOSING_SENTENCES = words(
  'Disponible en retrait au comptoir dès le lendemain.|Préparé chaque semaine en petites quantités.|' +
    'Une valeur sûre de la maison, demandée par nos habitués.|Conseils et idées cadeaux sur simple demande en boutique.|' +
    'Le prix peut varier selon la saison et les arrivages.|Nous travaillons avec des producteurs de la région.|' +
    'À découvrir absolument si vous passez par le marché du samedi.|Emballage recyclable, pensez à rapporter votre sac.|' +
    'Quantités limitées : réservez en ligne pour être sûr de repartir avec.|Idéal pour offrir ou pour se faire plaisir.',
)
