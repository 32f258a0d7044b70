import type { ShopKind, ShopProfileInput } from '../modules/shops/index.js'
import { demoLegalIdentity } from './legal-numbers.js'
import { DEMO_TOWN } from './town.js'

/** The kinds of shop the demo town has, one shop each. */
export type DemoShopKind = Exclude<ShopKind, 'autre'>

export interface DemoShop {
  slug: string
  kind: DemoShopKind
  /** Who runs the shop: the owner account's display name. */
  ownerName: string
  profile: ShopProfileInput
}

interface ShopFacts {
  slug: string
  name: string
  kind: DemoShopKind
  ownerName: string
  tagline: string
  description: string
  street: string
  phone: string
  /** Metres from the town centre, east and north: keeps every shop within a short walk. */
  offsetMeters: [east: number, north: number]
  /** Digits the SIREN and the establishment number start from; the Luhn digits are computed. */
  legal: [sirenPrefix: string, establishmentPrefix: string]
  pickupInstructions: string
}

const FACTS: ShopFacts[] = [
  {
    slug: 'fournil-de-la-halle',
    name: 'Au Fournil de la Halle',
    kind: 'boulangerie',
    ownerName: 'Martine Lefèvre',
    tagline: 'Pains au levain et viennoiseries pur beurre depuis 1987',
    description:
      'Boulangerie artisanale face à la halle. Nos pains sont pétris chaque nuit avec des farines du moulin de Gennes et cuits dans un four à sole.',
    street: '3 place de la Halle',
    phone: '02 41 51 20 14',
    offsetMeters: [0, 40],
    legal: ['41237856', '0001'],
    pickupInstructions:
      'Retrait au comptoir, annoncez votre nom ; les commandes de pâtisseries sont prêtes à partir de 10 h.',
  },
  {
    slug: 'fromagerie-bertin',
    name: 'Fromagerie Bertin',
    kind: 'fromagerie',
    ownerName: 'Olivier Bertin',
    tagline: 'Fromages fermiers affinés dans notre cave de tuffeau',
    description:
      'Plus de cent fromages, dont les chèvres de Touraine et du Berry, affinés dans la cave creusée sous la boutique.',
    street: '8 rue du Marché',
    phone: '02 41 51 33 08',
    offsetMeters: [-60, 20],
    legal: ['50318492', '0002'],
    pickupInstructions: 'Les commandes attendent au frais : présentez votre code de retrait à la caisse.',
  },
  {
    slug: 'librairie-les-mots-passants',
    name: 'Librairie Les Mots Passants',
    kind: 'librairie',
    ownerName: 'Hélène Garnier',
    tagline: 'Librairie indépendante, conseils et rencontres d’auteurs',
    description:
      'Romans, jeunesse, bande dessinée et un grand rayon consacré à la Loire et à la région. Commandes de livres en 48 heures.',
    street: '21 rue Nationale',
    phone: '02 41 51 47 62',
    offsetMeters: [140, -30],
    legal: ['81546023', '0001'],
    pickupInstructions: 'Retrait au comptoir de la caisse, au fond de la librairie.',
  },
  {
    slug: 'cellier-des-mariniers',
    name: 'Le Cellier des Mariniers',
    kind: 'caviste',
    ownerName: 'Thomas Chevalier',
    tagline: 'Vins de Loire de vignerons indépendants',
    description:
      'Cave installée dans un ancien chai de mariniers. Nous goûtons tout ce que nous vendons, et la plupart des vignerons sont à moins de cinquante kilomètres.',
    street: '5 quai des Mariniers',
    phone: '02 41 51 62 90',
    offsetMeters: [-120, -180],
    legal: ['79204518', '0001'],
    pickupInstructions: 'Retrait à la cave ; une pièce d’identité peut vous être demandée pour l’alcool.',
  },
  {
    slug: 'jardins-de-lise',
    name: 'Les Jardins de Lise',
    kind: 'fleuriste',
    ownerName: 'Lise Moreau',
    tagline: 'Fleurs de saison et plantes d’ici',
    description:
      'Fleuriste engagée pour les fleurs locales et de saison : nos bouquets viennent en grande partie des producteurs du Val de Loire.',
    street: '14 rue des Tanneurs',
    phone: '02 41 51 18 45',
    offsetMeters: [80, 110],
    legal: ['84470391', '0001'],
    pickupInstructions: 'Votre bouquet vous attend dans l’eau, à l’atelier derrière la boutique.',
  },
  {
    slug: 'cycles-moreau',
    name: 'Cycles Moreau',
    kind: 'cycles',
    ownerName: 'Julien Moreau',
    tagline: 'Vente, réparation et location de vélos',
    description:
      'Vélos de ville, électriques et enfants, et un atelier de réparation sur rendez-vous. Location de vélos pour les balades en bord de Loire.',
    street: '27 avenue de la Gare',
    phone: '02 41 51 75 33',
    offsetMeters: [320, 150],
    legal: ['52861937', '0003'],
    pickupInstructions: 'Déposez et reprenez votre vélo à l’atelier, porte de droite.',
  },
  {
    slug: 'bistrot-des-mariniers',
    name: 'Le Bistrot des Mariniers',
    kind: 'restaurant',
    ownerName: 'Sophie Lambert',
    tagline: 'Cuisine de bistrot et produits du marché, face à la Loire',
    description:
      'Une cuisine de saison faite avec les commerçants de la ville : pain du Fournil, fromages Bertin, vins du Cellier. Terrasse sur le quai.',
    street: '9 quai des Mariniers',
    phone: '02 41 51 29 71',
    offsetMeters: [-70, -190],
    legal: ['88103564', '0001'],
    pickupInstructions: 'Plats à emporter au bar, dans les vingt minutes suivant l’heure choisie.',
  },
  {
    slug: 'camille-coiffure',
    name: 'Camille Coiffure',
    kind: 'coiffure',
    ownerName: 'Camille Rousseau',
    tagline: 'Salon de coiffure mixte, sur rendez-vous',
    description:
      'Coupes femmes, hommes et enfants, couleurs végétales et barbier. Produits sans sulfates en vente au salon.',
    street: '6 rue Saint-Jean',
    phone: '02 41 51 56 12',
    offsetMeters: [40, -90],
    legal: ['83159276', '0001'],
    pickupInstructions: 'Produits à retirer à l’accueil du salon.',
  },
  {
    slug: 'panier-ligerien',
    name: 'Le Panier Ligérien',
    kind: 'epicerie',
    ownerName: 'Nadia Benali',
    tagline: 'Épicerie fine, fruits et légumes des producteurs voisins',
    description:
      'Produits du terroir ligérien et d’ailleurs, fruits et légumes de saison livrés chaque matin par les maraîchers de l’île.',
    street: '17 rue du Marché',
    phone: '02 41 51 84 26',
    offsetMeters: [-110, 60],
    legal: ['90274615', '0001'],
    pickupInstructions: 'Votre panier est prêt au comptoir ; pensez à rapporter vos bocaux consignés.',
  },
  {
    slug: 'boucherie-martin',
    name: 'Boucherie Martin',
    kind: 'boucherie',
    ownerName: 'Franck Martin',
    tagline: 'Boucher-charcutier-traiteur, viandes de race locales',
    description:
      'Viandes parthenaises et agneaux du Poitou choisis à la ferme, charcuterie et plats cuisinés faits maison.',
    street: '11 rue du Marché',
    phone: '02 41 51 40 57',
    offsetMeters: [-80, 35],
    legal: ['39810427', '0002'],
    pickupInstructions: 'Les commandes sont gardées en chambre froide : demandez-les au comptoir.',
  },
]

const round6 = (value: number) => Math.round(value * 1e6) / 1e6

/** The ten shops of the demo town, with legal numbers that pass the Luhn check. */
export const DEMO_SHOPS: DemoShop[] = FACTS.map((facts) => {
  const { siret, vatNumber } = demoLegalIdentity(...facts.legal)
  const [east, north] = facts.offsetMeters
  return {
    slug: facts.slug,
    kind: facts.kind,
    ownerName: facts.ownerName,
    profile: {
      name: facts.name,
      kind: facts.kind,
      tagline: facts.tagline,
      description: facts.description,
      street: facts.street,
      postalCode: DEMO_TOWN.postalCode,
      city: DEMO_TOWN.name,
      phone: facts.phone,
      email: `bonjour@${facts.slug}.demo`,
      // About 111 km per degree of latitude; a degree of longitude is shorter by cos(latitude).
      latitude: round6(DEMO_TOWN.latitude + north / 111_000),
      longitude: round6(
        DEMO_TOWN.longitude + east / (111_000 * Math.cos((DEMO_TOWN.latitude * Math.PI) / 180)),
      ),
      timeZone: 'Europe/Paris',
      siret,
      vatNumber,
      pickupInstructions: facts.pickupInstructions,
    },
  }
})
