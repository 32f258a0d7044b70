import type { CategoryId } from '../../src/lib/ids.js'
import { slugify } from '../../src/lib/slug.js'
import type { ProductInput, VariantInput } from '../../src/modules/catalog/index.js'
import type { OpeningRange, ShopKind, ShopProfileInput } from '../../src/modules/shops/index.js'
import { seededPrng, type Prng } from './prng.js'
import { CLOSING_SENTENCES, type KindVocabulary, type ProductLine, type VariantScheme } from './vocabulary.js'
import { BOUCHERIE, BOULANGERIE, CAVISTE, EPICERIE, FROMAGERIE, RESTAURANT } from './vocabulary-food.js'
import { AUTRE, COIFFURE, CYCLES, FLEURISTE, LIBRAIRIE } from './vocabulary-other.js'

/** Bump when the generated data changes shape or content, so cached databases are rebuilt. */
export const TOWN_DATA_VERSION = 2
const SEED = 20_261_122

export interface TownSize {
  shops: number
  productsPerShop: number
}
export const FULL_TOWN: TownSize = { shops: 200, productsPerShop: 500 }
export const QUICK_TOWN: TownSize = { shops: 20, productsPerShop: 500 }

const CITY = 'Saumur'

const VOCABULARY: Record<ShopKind, KindVocabulary> = {
  boulangerie: BOULANGERIE,
  fromagerie: FROMAGERIE,
  librairie: LIBRAIRIE,
  caviste: CAVISTE,
  fleuriste: FLEURISTE,
  cycles: CYCLES,
  restaurant: RESTAURANT,
  coiffure: COIFFURE,
  epicerie: EPICERIE,
  boucherie: BOUCHERIE,
  autre: AUTRE,
}

// Forty shops in the proportions of a small French town centre; a bigger town repeats the pattern.
const KIND_PATTERN: readonly ShopKind[] = [
  'boulangerie',
  'restaurant',
  'caviste',
  'fleuriste',
  'coiffure',
  'epicerie',
  'fromagerie',
  'librairie',
  'boulangerie',
  'restaurant',
  'cycles',
  'boucherie',
  'caviste',
  'coiffure',
  'epicerie',
  'fleuriste',
  'boulangerie',
  'restaurant',
  'fromagerie',
  'librairie',
  'autre',
  'boulangerie',
  'caviste',
  'coiffure',
  'epicerie',
  'fleuriste',
  'cycles',
  'boucherie',
  'restaurant',
  'boulangerie',
  'fromagerie',
  'librairie',
  'caviste',
  'fleuriste',
  'coiffure',
  'epicerie',
  'boucherie',
  'cycles',
  'restaurant',
  'boulangerie',
]

const SURNAMES =
  'Martin|Bernard|Dubois|Thomas|Robert|Richard|Petit|Durand|Leroy|Moreau|Simon|Laurent|Lefebvre|Michel|Garcia|David|Bertrand|Roux|Vincent|Fournier|Morel|Girard|André|Lefèvre|Mercier|Dupont|Lambert|Bonnet|François|Martinez|Legrand|Garnier|Faure|Rousseau|Blanc|Guérin|Muller|Henry|Roussel|Nicolas|Perrin|Morin|Mathieu|Clément|Gauthier|Dumont|Lopez|Fontaine|Chevalier|Robin'.split(
    '|',
  )
const STREETS =
  'rue du Portail Louis|rue Saint-Nicolas|place de la Bilange|rue d’Orléans|quai Mayaud|rue Dacier|rue Beaurepaire|avenue du Général de Gaulle|rue de la Tonnelle|place Saint-Pierre|rue Fourrier|rue du Maréchal Leclerc'.split(
    '|',
  )

export interface TownShop {
  profile: ShopProfileInput
  /** The slug createShop derives from the name and city, known before the shop exists. */
  slug: string
}

/** The town's shops, in creation order; pure, so the query mix can name shops before they exist. */
export function townShops(size: TownSize): TownShop[] {
  const prng = seededPrng(SEED)
  const taken = new Set<string>()
  return Array.from({ length: size.shops }, (_, index) => {
    const kind = KIND_PATTERN[index % KIND_PATTERN.length] as ShopKind
    const vocabulary = VOCABULARY[kind]
    let name = `${prng.pick(vocabulary.shopWords)} ${prng.pick(SURNAMES)}`
    // Unique by slug, since createShop refuses a taken slug.
    for (let n = 2; taken.has(slugify(name)); n++)
      name = `${prng.pick(vocabulary.shopWords)} ${prng.pick(SURNAMES)}${n > 5 ? ` ${n}` : ''}`
    taken.add(slugify(name))
    const profile: ShopProfileInput = {
      name,
      kind,
      tagline: vocabulary.tagline,
      description: `${name} vous accueille au cœur de ${CITY}. ${vocabulary.tagline}`,
      street: `${prng.int(1, 120)} ${prng.pick(STREETS)}`,
      postalCode: '49400',
      city: CITY,
      phone: `02 41 ${String(prng.int(10, 99))} ${String(prng.int(10, 99))} ${String(prng.int(10, 99))}`,
      email: `contact@${slugify(name)}.example.fr`,
      pickupInstructions: 'Retrait au comptoir, présentez votre code de retrait.',
    }
    return { profile, slug: slugify(`${name} ${CITY}`) }
  })
}

const at = (hours: number, minutes = 0) => hours * 60 + minutes
const days = (from: number, to: number, ranges: ReadonlyArray<readonly [number, number]>): OpeningRange[] =>
  Array.from({ length: to - from + 1 }, (_, i) =>
    ranges.map(([opensMinute, closesMinute]) => ({ weekday: from + i, opensMinute, closesMinute })),
  ).flat()

/**
 * Weekly hours by kind (ISO weekdays, 1 = Monday), as a town centre keeps them. Every shop has hours:
 * a shop without any would make each "open now / opens at" badge search weeks ahead, which real shops never cause.
 */
export function openingHours(kind: ShopKind): OpeningRange[] {
  switch (kind) {
    case 'boulangerie':
      return [
        ...days(2, 6, [
          [at(7), at(13, 30)],
          [at(15, 30), at(19, 30)],
        ]),
        ...days(7, 7, [[at(7), at(13)]]),
      ]
    case 'restaurant':
      return days(2, 6, [
        [at(12), at(14)],
        [at(19), at(22)],
      ])
    case 'coiffure':
      return days(2, 6, [[at(9), at(18, 30)]])
    case 'epicerie':
      return [
        ...days(1, 1, [[at(14), at(19)]]),
        ...days(2, 6, [
          [at(9), at(12, 30)],
          [at(14), at(19)],
        ]),
        ...days(7, 7, [[at(9), at(12, 30)]]),
      ]
    case 'fromagerie':
    case 'librairie':
    case 'caviste':
    case 'fleuriste':
    case 'cycles':
    case 'boucherie':
    case 'autre':
      return days(2, 6, [
        [at(9, 30), at(12, 30)],
        [at(14), at(19)],
      ])
  }
}

/** The kind of the shop at this index: kinds decide vocabularies, so queries can target a matching shop. */
export const shopKindAt = (index: number): ShopKind => KIND_PATTERN[index % KIND_PATTERN.length] as ShopKind

/**
 * The products of one shop, deterministic for (shop index, count). Names are unique within a shop
 * (a real shop does not list the same name twice); across shops they repeat, as "baguette" does in town.
 */
export function shopProducts(
  shopIndex: number,
  count: number,
  categoryIds: ReadonlyMap<string, CategoryId>,
): ProductInput[] {
  const prng = seededPrng(SEED + 7919 * (shopIndex + 1))
  const vocabulary = VOCABULARY[shopKindAt(shopIndex)]
  const names = new Set<string>()
  const products: ProductInput[] = []
  while (products.length < count) {
    const line = prng.pick(vocabulary.lines)
    let name = productName(prng, line)
    for (let attempt = 0; names.has(name) && attempt < 20; attempt++) name = productName(prng, line)
    if (names.has(name)) name = `${name} n° ${products.length + 1}`
    names.add(name)
    const categoryId = categoryIds.get(line.category)
    if (!categoryId) throw new Error(`category ${line.category} was not created`)
    products.push({
      name,
      description: description(prng, line, name),
      kind: line.kind,
      categoryId,
      vatRateBp: line.vatRateBp,
      // A few hidden products, as every real catalog has: search must skip them.
      status: prng.chance(0.02) ? 'hidden' : 'published',
      variants: variants(prng, line),
    })
  }
  return products
}

function productName(prng: Prng, line: ProductLine): string {
  let name = prng.pick(line.nouns)
  if (prng.chance(0.75)) name += ` ${prng.pick(line.qualifiers)}`
  if (prng.chance(0.5)) name += ` ${prng.pick(line.origins)}`
  return name
}

function description(prng: Prng, line: ProductLine, name: string): string {
  const template = prng.pick(line.sentences)
  const lower = name.charAt(0).toLowerCase() + name.slice(1)
  const first = template.startsWith('{name}')
    ? template.replace('{name}', name)
    : template.replace('{name}', lower)
  return prng.chance(0.6) ? `${first} ${prng.pick(CLOSING_SENTENCES)}` : first
}

const SCHEMES: Record<
  VariantScheme,
  ReadonlyArray<readonly [name: string, factor: number, minutes?: number]>
> = {
  weight: [
    ['250 g', 1],
    ['500 g', 1.9],
    ['1 kg', 3.6],
  ],
  size: [
    ['Petit', 1],
    ['Moyen', 1.5],
    ['Grand', 2.2],
  ],
  bottle: [
    ['Bouteille 75 cl', 1],
    ['Magnum 150 cl', 2.2],
    ['Carton de 6', 5.6],
  ],
  volume: [
    ['Petit format', 1],
    ['Format familial', 1.8],
    ['Lot de 3', 2.7],
  ],
  unit: [
    ['À l’unité', 1],
    ['Lot de 3', 2.8],
    ['Boîte de 6', 5.4],
  ],
  portion: [
    ['Individuel', 1],
    ['Pour 2', 1.9],
    ['Pour 4', 3.6],
  ],
  duration: [
    ['Séance de 30 min', 1, 30],
    ['Séance de 45 min', 1.4, 45],
    ['Séance d’une heure', 1.8, 60],
  ],
}

function variants(prng: Prng, line: ProductLine): VariantInput[] {
  const roll = prng.next()
  const count = roll < 0.45 ? 1 : roll < 0.8 ? 2 : 3
  const base = prng.int(line.priceCents[0], line.priceCents[1])
  return SCHEMES[line.variants].slice(0, count).map(([name, factor, minutes]) => ({
    name,
    priceCents: Math.round((base * factor) / 10) * 10,
    ...(line.kind === 'service' ? { durationMinutes: minutes ?? 30 } : { onHand: onHand(prng) }),
  }))
}

/** About 1 in 20 sold out, 1 in 10 nearly (1 to 3 left), the rest between 6 and 40. */
function onHand(prng: Prng): number {
  const roll = prng.next()
  if (roll < 0.05) return 0
  if (roll < 0.15) return prng.int(1, 3)
  return prng.int(6, 40)
}
