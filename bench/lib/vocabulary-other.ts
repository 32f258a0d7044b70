import { words, type KindVocabulary } from './vocabulary.js'

/** Shops that are not food: books, flowers, bicycles, hairdressers, gifts. */
export const LIBRAIRIE: KindVocabulary = {
  shopWords: words('Librairie|Le Livre de|La Page|Bouquinerie|Les Mots de'),
  tagline: 'Romans, guides et livres pour la jeunesse, conseils de libraires.',
  lines: [
    {
      category: 'livres',
      kind: 'product',
      vatRateBp: 550,
      variants: 'unit',
      priceCents: [690, 4500],
      nouns: words(
        'Roman policier|Guide de randonnée|Livre de cuisine|Bande dessinée|Album jeunesse|Carnet de voyage|Recueil de poèmes|Roman historique|Manga|Essai|Atlas|Beau livre|Roman graphique|Livre audio|Dictionnaire',
      ),
      qualifiers: words(
        'illustré|en poche|édition collector|grand format|pour les enfants|de poche|relié|dédicacé|en gros caractères|bilingue',
      ),
      origins: words(
        'sur la Loire|de Touraine|des châteaux|du Val de Loire|de l’été|de la rentrée|des cuisines du monde|pour débutants|des jardins',
      ),
      sentences: words(
        '{name} choisi par nos libraires, coup de cœur de la saison.|{name} que nous pouvons commander sous 48 heures s’il manque en rayon.|Un {name} à offrir, emballage cadeau gratuit.',
      ),
    },
    {
      category: 'papeterie',
      kind: 'product',
      vatRateBp: 2000,
      variants: 'unit',
      priceCents: [150, 3500],
      nouns: words(
        'Carnet|Stylo plume|Cartes postales|Agenda|Crayons de couleur|Marque-page|Cahier|Calendrier|Puzzle|Jeu de société',
      ),
      qualifiers: words('ligné|à pois|recyclé|en cuir|A5|A4|illustré|de voyage|pour enfants|en bois'),
      origins: words('de Saumur|des bords de Loire|de l’atelier|de la papeterie|made in France'),
      sentences: words(
        '{name} fabriqué en France par un petit atelier.|{name} pour les écoliers comme pour les grands.',
      ),
    },
  ],
}

export const FLEURISTE: KindVocabulary = {
  shopWords: words('Fleurs de|L’Atelier floral|Au Jardin de|La Rose de|Fleuriste'),
  tagline: 'Bouquets de saison, plantes et compositions sur commande.',
  lines: [
    {
      category: 'fleurs',
      kind: 'product',
      vatRateBp: 1000,
      variants: 'size',
      priceCents: [900, 8500],
      nouns: words(
        'Bouquet de roses|Bouquet de pivoines|Bouquet de tulipes|Orchidée|Composition florale|Plante verte|Ficus|Monstera|Cactus|Bouquet champêtre|Couronne de deuil|Lavande en pot|Bouquet de renoncules|Hortensia|Bonsaï|Bouquet de mariée|Plant de tomates|Géranium|Olivier en pot',
      ),
      qualifiers: words(
        'rouges|blanches|roses|de saison|séchées|en pot|multicolore|parfumées|du jardin|pastel|XXL',
      ),
      origins: words('de la Vallée|de Hollande|d’Anjou|des serres du Val|du marché aux fleurs|de Provence'),
      sentences: words(
        '{name} composé le jour même par nos fleuristes.|{name} livré avec un petit mot si vous le souhaitez.|{name} arrosé une fois par semaine, il tiendra longtemps.',
      ),
    },
    {
      category: 'fleurs',
      kind: 'service',
      vatRateBp: 2000,
      variants: 'duration',
      priceCents: [2500, 6500],
      nouns: words(
        'Atelier composition florale|Atelier couronne de Noël|Atelier bouquet sec|Décoration de mariage',
      ),
      qualifiers: words('pour débutants|en famille|du samedi|sur mesure|de saison'),
      origins: words('à l’atelier|en boutique|à domicile'),
      sentences: words('{name} animé par notre fleuriste, fleurs et matériel fournis.'),
    },
  ],
}

export const CYCLES: KindVocabulary = {
  shopWords: words('Cycles|L’Atelier vélo|Vélos de|Roue libre|Au Guidon de'),
  tagline: 'Vélos de ville, électriques et enfants ; réparations sur rendez-vous.',
  lines: [
    {
      category: 'velos',
      kind: 'product',
      vatRateBp: 2000,
      variants: 'size',
      priceCents: [450, 189000],
      nouns: words(
        'Vélo de ville|Vélo électrique|VTT|Vélo enfant|Vélo pliant|Casque|Antivol|Chambre à air|Pneu|Éclairage LED|Sacoche|Pompe|Selle|Panier|Garde-boue|Siège enfant|Béquille|Gants',
      ),
      qualifiers: words(
        '26 pouces|28 pouces|reconditionné|urbain|à assistance électrique|cadre aluminium|réfléchissant|étanche|antichoc|léger|renforcé',
      ),
      origins: words('Loirecycle|des Ateliers du Val|de randonnée|de l’atelier|de route|tout chemin'),
      sentences: words(
        '{name} testé et réglé par notre atelier avant la remise.|{name} garanti deux ans, pièces et main-d’œuvre.|{name} adapté aux trajets quotidiens en ville.',
      ),
    },
    {
      category: 'reparations',
      kind: 'service',
      vatRateBp: 2000,
      variants: 'duration',
      priceCents: [900, 12000],
      nouns: words(
        'Réparation de crevaison|Révision complète|Réglage des freins|Changement de chaîne|Réglage du dérailleur|Dévoilage de roue|Entretien vélo électrique|Pose d’accessoires|Changement de pneu|Remplacement de câbles',
      ),
      qualifiers: words(
        'roue avant|roue arrière|express|vélo électrique|vélo enfant|sans rendez-vous|avec diagnostic',
      ),
      origins: words('à l’atelier|en 24 heures|le jour même'),
      sentences: words(
        '{name} effectuée par un mécanicien diplômé.|{name} : déposez votre vélo le matin, récupérez-le le soir.',
      ),
    },
  ],
}

export const COIFFURE: KindVocabulary = {
  shopWords: words('Salon|Coiffure|L’Atelier de|Barbier|Les Ciseaux de'),
  tagline: 'Coupes, couleurs et soins, sur rendez-vous.',
  lines: [
    {
      category: 'coiffure',
      kind: 'service',
      vatRateBp: 2000,
      variants: 'duration',
      priceCents: [1200, 9500],
      nouns: words(
        'Coupe homme|Coupe femme|Coupe enfant|Brushing|Coloration|Balayage|Mèches|Taille de barbe|Shampoing et coiffage|Permanente|Chignon de mariage|Soin profond|Lissage',
      ),
      qualifiers: words(
        'cheveux courts|cheveux longs|mi-longs|sans rendez-vous|étudiant|avec soin|express|végétale',
      ),
      origins: words('au salon|du samedi|à domicile'),
      sentences: words(
        '{name} réalisé par nos coiffeurs diplômés.|{name} avec diagnostic et conseils personnalisés.',
      ),
    },
    {
      category: 'coiffure',
      kind: 'product',
      vatRateBp: 2000,
      variants: 'volume',
      priceCents: [650, 3800],
      nouns: words(
        'Shampoing|Après-shampoing|Masque capillaire|Huile pour barbe|Peigne|Brosse|Spray coiffant|Cire',
      ),
      qualifiers: words('au karité|à l’argan|cheveux secs|cheveux gras|bio|doux|fixation forte|en bois'),
      origins: words('de Provence|du salon|fabriqué en France'),
      sentences: words('{name} recommandé par nos coiffeurs.|{name} sans silicone, formule douce.'),
    },
  ],
}

export const AUTRE: KindVocabulary = {
  shopWords: words('Bazar|Boutique|La Malle de|Idées cadeaux'),
  tagline: 'Cadeaux, décoration et petits objets du quotidien.',
  lines: [
    {
      category: 'papeterie',
      kind: 'product',
      vatRateBp: 2000,
      variants: 'unit',
      priceCents: [300, 6500],
      nouns: words('Bougie parfumée|Savon|Tote bag|Mug|Torchon|Vase|Cadre photo|Porte-clés|Coussin|Plaid'),
      qualifiers: words('artisanal|en lin|en céramique|à la lavande|à la figue|brodé|vintage|fait main'),
      origins: words('de Marseille|de la Loire|de l’atelier|made in France|de Bretagne'),
      sentences: words('{name} fabriqué à la main par des artisans.|{name} à offrir ou à garder pour soi.'),
    },
  ],
}
