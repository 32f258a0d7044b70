import { choices, shelf, timed, unit, type DemoItem } from './catalog-item.js'

// Cut flowers, plants, bulbs and potting soil are horticultural products: 10 % VAT. Vases are not.
const flower = shelf('fleurs', 1000)
const decor = shelf('fleurs', 2000)
const workshop = shelf('ateliers', 2000, 'service')

export const FLEURISTE_ITEMS: DemoItem[] = [
  flower(
    'Bouquet de saison',
    'Composé le jour même avec les fleurs du marché et des producteurs voisins.',
    choices(['Petit', 2500], ['Moyen', 3500], ['Grand', 5000]),
  ),
  flower(
    'Bouquet de roses rouges',
    'Roses à longues tiges, feuillage de saison et papier kraft.',
    choices(['Petit (7 roses)', 2900], ['Moyen (12 roses)', 4500], ['Grand (24 roses)', 8500]),
  ),
  flower(
    'Bouquet champêtre',
    'Un air de jardin de curé : cosmos, scabieuses, graminées et fleurs des champs.',
    choices(['Petit', 2200], ['Moyen', 3200], ['Grand', 4500]),
  ),
  flower(
    'Bouquet de pivoines',
    'En saison, de mai à juin : pivoines roses et blanches aux gros boutons.',
    choices(['Petit (5 tiges)', 2900], ['Grand (10 tiges)', 5200]),
  ),
  flower(
    'Bouquet de tulipes',
    'Tulipes de pleine terre, couleurs variées.',
    choices(['Botte de 10', 1400], ['Botte de 20', 2600]),
  ),
  flower(
    'Bouquet de renoncules',
    'Pétales froissés comme du papier de soie, tons pastel.',
    choices(['Petit', 2400], ['Grand', 4200]),
  ),
  flower('Rose à l’unité', 'Une rose de saison, emballée simplement.', unit(350)),
  flower(
    'Tournesols',
    'Cultivés à deux kilomètres, pour faire entrer le soleil.',
    choices(['Botte de 5', 1500]),
  ),
  flower(
    'Orchidée Phalaenopsis',
    'Fleurit plusieurs mois près d’une fenêtre sans soleil direct.',
    choices(['1 branche', 2500], ['2 branches', 3900]),
  ),
  flower(
    'Monstera deliciosa',
    'Grandes feuilles découpées, facile à vivre, aime la lumière indirecte.',
    choices(['Pot de 14 cm', 1900], ['Pot de 21 cm', 3900], ['Pot de 27 cm', 6900]),
  ),
  flower(
    'Ficus lyrata',
    'Le « figuier lyre » aux larges feuilles vernies.',
    choices(['Pot de 17 cm', 2900], ['Pot de 24 cm', 5900]),
  ),
  flower(
    'Pothos doré',
    'Plante retombante presque indestructible, idéale pour débuter.',
    choices(['Pot de 12 cm', 990]),
  ),
  flower(
    'Cactus assortis',
    'Petits cactus en pot de terre cuite, à arroser une fois par mois.',
    choices(['Petit', 590], ['Moyen', 1290]),
  ),
  flower(
    'Succulentes en coupe',
    'Composition d’échevérias et de sédums dans une coupe en grès.',
    choices(['Petite', 2400], ['Grande', 3900]),
  ),
  flower(
    'Olivier en pot',
    'Rustique jusqu’à −10 °C, pour la terrasse ou le balcon.',
    choices(['Petit (60 cm)', 3900], ['Grand (1,20 m)', 9900]),
  ),
  flower('Lavande en pot', 'Lavande angustifolia parfumée, mellifère.', choices(['Pot de 13 cm', 650])),
  flower(
    'Géranium lierre',
    'Retombant, fleurit tout l’été sur les balcons.',
    choices(['À l’unité', 450], ['Lot de 6', 2400]),
  ),
  flower(
    'Hortensia en pot',
    'Grosses têtes bleues ou roses selon la terre.',
    choices(['Pot de 19 cm', 2490]),
  ),
  flower('Cyclamen', 'Fleurit tout l’hiver au frais.', choices(['Pot de 13 cm', 690])),
  flower(
    'Bulbes de tulipes',
    'Mélange de couleurs, à planter à l’automne pour un printemps éclatant.',
    choices(['Sachet de 20', 790]),
  ),
  flower('Plant de basilic', 'Basilic grand vert, élevé sans traitement.', unit(290)),
  flower(
    'Plant de tomates anciennes',
    'Cœur de bœuf, noire de Crimée ou ananas, selon l’arrivage.',
    choices(['À l’unité', 350], ['Lot de 6', 1800]),
  ),
  flower(
    'Plant de fraisier',
    'Variété remontante, fruits de juin aux gelées.',
    choices(['À l’unité', 390], ['Lot de 6', 1990]),
  ),
  flower(
    'Terreau universel',
    'Terreau horticole sans tourbe, pour les pots et les jardinières.',
    choices(['20 L', 990], ['40 L', 1690]),
  ),
  flower(
    'Bouquet de fleurs séchées',
    'Lagurus, lavande, eucalyptus et statice : dure des mois sans eau.',
    choices(['Petit', 2200], ['Moyen', 3200], ['Grand', 4800]),
  ),
  flower(
    'Couronne de fleurs séchées',
    'À suspendre à la porte ou au mur, faite main à l’atelier.',
    choices(['30 cm', 3900], ['45 cm', 5900]),
  ),
  flower(
    'Composition de deuil',
    'Composition sobre en coussin ou en gerbe, livrée au funérarium de Saint-Aubin.',
    choices(['Moyenne', 6500], ['Grande', 9500]),
  ),
  flower(
    'Centre de table',
    'Composition basse pour une table de fête, bougie en option sur demande.',
    choices(['Pour 6 personnes', 3500], ['Pour 12 personnes', 5500]),
  ),
  flower(
    'Bouquet de mariée',
    'Bouquet rond ou cascade, composé sur rendez-vous selon votre tenue.',
    choices(['Rond', 12000], ['Cascade', 16000]),
  ),
  decor(
    'Vase en verre soufflé',
    'Soufflé à la main par une verrière de la vallée, chaque pièce est unique.',
    choices(['Petit', 2900], ['Grand', 4900]),
  ),
  decor(
    'Cache-pot en terre cuite',
    'Terre cuite émaillée, coloris sable ou terracotta.',
    choices(['S (14 cm)', 1200], ['M (19 cm)', 1900], ['L (25 cm)', 2900]),
  ),
  workshop(
    'Atelier composition florale',
    'Deux heures pour composer votre bouquet de saison avec Lise ; fleurs et outils fournis, vous repartez avec votre création.',
    timed(['Une place', 120, 4500]),
  ),
]
