import { byWeight, choices, shelf, unit, type DemoItem } from './catalog-item.js'

const cheese = shelf('fromages', 550)
const dairy = shelf('cremerie', 550)

export const FROMAGERIE_ITEMS: DemoItem[] = [
  cheese(
    'Comté AOP 18 mois',
    'Affiné dix-huit mois dans le Jura : fruité, notes de noisette et cristaux de tyrosine.',
    byWeight(2890),
  ),
  cheese(
    'Comté AOP 30 mois',
    'Un comté de garde, puissant et long en bouche, pour les amateurs.',
    byWeight(3490),
  ),
  cheese(
    'Beaufort d’alpage',
    'Lait cru de vaches tarines nourries à l’herbe des alpages, affiné huit mois.',
    byWeight(3690),
  ),
  cheese(
    'Roquefort AOP',
    'Brebis au lait cru affiné dans les caves de Combalou, persillé et crémeux.',
    byWeight(2990, [150, 250, 500]),
  ),
  cheese(
    'Brie de Meaux AOP',
    'Croûte fleurie, pâte onctueuse et goût de sous-bois.',
    byWeight(2600, [250, 500]),
  ),
  cheese(
    'Camembert de Normandie AOP',
    'Moulé à la louche, au lait cru. À point au bout d’une semaine.',
    unit(590),
  ),
  cheese(
    'Fromage de chèvre frais',
    'Chèvre fermier du matin, doux et lactique, à tartiner ou en salade.',
    unit(290),
  ),
  cheese(
    'Crottin de Chavignol AOP',
    'Petit chèvre du Sancerrois, à déguster jeune ou sec selon vos goûts.',
    unit(330),
  ),
  cheese(
    'Sainte-Maure de Touraine AOP',
    'La bûche cendrée à la paille de seigle, fierté de la Touraine voisine.',
    unit(790),
  ),
  cheese('Selles-sur-Cher AOP', 'Chèvre cendré à la croûte bleutée, pâte fine et noisetée.', unit(650)),
  cheese('Valençay AOP', 'Pyramide tronquée cendrée, goût délicat et légèrement acidulé.', unit(850)),
  cheese('Pouligny-Saint-Pierre AOP', 'La « tour Eiffel » du Berry, ferme et fondante à la fois.', unit(890)),
  cheese('Reblochon de Savoie AOP', 'Fermier, pour la tartiflette ou à la coupe.', unit(890)),
  cheese(
    'Saint-Nectaire fermier AOP',
    'Croûte naturelle, pâte souple au goût de noisette et de champignon.',
    byWeight(2390),
  ),
  cheese(
    'Cantal entre-deux AOP',
    'Affiné trois à six mois, équilibre entre douceur et caractère.',
    byWeight(2190),
  ),
  cheese('Morbier AOP', 'Pâte souple à la raie de charbon végétal, doux et fruité.', byWeight(2290)),
  cheese(
    'Mimolette extra-vieille',
    'Vingt-deux mois d’affinage, cassante et caramélisée.',
    byWeight(3190, [200, 400]),
  ),
  cheese('Tomme de Savoie IGP', 'Pâte pressée demi-ferme, goût de lait et de cave.', byWeight(1990)),
  cheese(
    'Ossau-Iraty AOP',
    'Brebis des Pyrénées, à servir avec une confiture de cerises noires.',
    byWeight(2890),
  ),
  cheese('Époisses AOP', 'Croûte lavée au marc de Bourgogne, crémeux et puissant.', unit(1090)),
  cheese(
    'Munster fermier AOP',
    'Croûte orangée, pâte fondante ; délicieux avec du cumin.',
    choices(['Petit 200 g', 590], ['Grand 450 g', 1190]),
  ),
  cheese('Bleu d’Auvergne AOP', 'Persillé doux et fondant, idéal en sauce.', byWeight(1890, [250, 500])),
  cheese('Fourme d’Ambert AOP', 'Le plus doux des bleus, à la pâte crémeuse.', byWeight(2090, [250, 500])),
  cheese(
    'Mont d’Or AOP',
    'En saison seulement : à la cuillère ou chaud au four avec des pommes de terre.',
    choices(['Petit 500 g', 1490], ['Grand 1 kg', 2690]),
  ),
  cheese('Brillat-Savarin', 'Triple crème, doux et beurré, à déguster avec des fruits rouges.', unit(690)),
  cheese(
    'Plateau de fromages',
    'Cinq fromages choisis par le fromager, à point pour le soir, avec leurs noix.',
    choices(['4 personnes', 2400], ['8 personnes', 4500]),
  ),
  dairy(
    'Beurre demi-sel de baratte',
    'Baratté à l’ancienne à partir de crème crue, cristaux de sel de Guérande.',
    choices(['125 g', 290], ['250 g', 540]),
  ),
  dairy(
    'Beurre doux de baratte',
    'Beurre cru, parfum de noisette, pour la pâtisserie comme pour les tartines.',
    choices(['125 g', 280], ['250 g', 520]),
  ),
  dairy(
    'Crème fraîche épaisse',
    'Crème crue de ferme, épaisse et légèrement acidulée.',
    choices(['20 cl', 290], ['50 cl', 620]),
  ),
  dairy(
    'Yaourt fermier nature',
    'Au lait entier de la ferme des Noues, en pot de verre consigné.',
    choices(['À l’unité', 110], ['Pack de 4', 420]),
  ),
  dairy('Faisselle de vache', 'À déguster nature, au miel ou aux fines herbes.', unit(250)),
  dairy(
    'Lait cru entier',
    'Lait de la traite du matin. À faire bouillir avant consommation pour les plus fragiles.',
    choices(['1 L', 160]),
  ),
  dairy(
    'Œufs de poule plein air',
    'Poules élevées en plein air à Saint-Aubin, ramassés chaque matin.',
    choices(['Boîte de 6', 290], ['Boîte de 12', 540]),
  ),
  dairy('Riz au lait fermier', 'Cuit doucement au lait entier et à la vanille.', unit(260)),
]
