import { choices, shelf, timed, type DemoItem } from './catalog-item.js'

const wine = shelf('vins', 2000)
const drink = shelf('boissons', 2000)
const juice = shelf('boissons', 550)
const tasting = shelf('ateliers', 2000, 'service')

export const CAVISTE_ITEMS: DemoItem[] = [
  wine(
    'Saumur-Champigny rouge 2022',
    'Cabernet franc sur tuffeau : fruits rouges, souplesse et fraîcheur. À servir légèrement frais.',
    choices(['75 cl', 1290], ['Magnum 150 cl', 2790]),
  ),
  wine('Saumur blanc 2023', 'Chenin sec et minéral, notes de poire et d’agrumes.', choices(['75 cl', 1150])),
  wine(
    'Chinon rouge 2021',
    'Domaine familial de la rive gauche, tanins fins et notes de violette.',
    choices(['75 cl', 1390], ['Carton de 6', 7900]),
  ),
  wine(
    'Bourgueil rouge 2022',
    'Un cabernet franc plus charpenté, pour les viandes rouges.',
    choices(['75 cl', 1250]),
  ),
  wine(
    'Saint-Nicolas-de-Bourgueil 2022',
    'Gourmand et fruité, le rouge des pique-niques en bord de Loire.',
    choices(['75 cl', 1190]),
  ),
  wine('Anjou rouge 2023', 'Cabernet et grolleau, simple et joyeux.', choices(['75 cl', 890])),
  wine('Rosé de Loire 2024', 'Rosé sec, pâle et vif, notes de groseille.', choices(['75 cl', 850])),
  wine(
    'Cabernet d’Anjou rosé 2024',
    'Rosé tendre et légèrement sucré, à l’apéritif.',
    choices(['75 cl', 790]),
  ),
  wine(
    'Coteaux du Layon 2020',
    'Chenin moelleux aux arômes de coing et de miel, pour le foie gras et les desserts.',
    choices(['50 cl', 1490], ['75 cl', 1990]),
  ),
  wine('Savennières 2021', 'Grand chenin sec de garde, tendu et complexe.', choices(['75 cl', 2490])),
  wine(
    'Vouvray demi-sec 2022',
    'Chenin de Touraine, équilibre entre douceur et acidité.',
    choices(['75 cl', 1450]),
  ),
  wine(
    'Montlouis-sur-Loire sec 2022',
    'Chenin ciselé aux notes de fleurs blanches.',
    choices(['75 cl', 1590]),
  ),
  wine(
    'Sancerre blanc 2023',
    'Sauvignon sur silex, agrumes et pierre à fusil. Parfait avec le crottin de Chavignol.',
    choices(['75 cl', 1990], ['Magnum 150 cl', 4290]),
  ),
  wine('Pouilly-Fumé 2023', 'Sauvignon ample, notes fumées caractéristiques.', choices(['75 cl', 2190])),
  wine(
    'Muscadet Sèvre-et-Maine sur lie 2023',
    'Sec, iodé et léger : le compagnon des huîtres.',
    choices(['75 cl', 890]),
  ),
  wine(
    'Crémant de Loire brut',
    'Méthode traditionnelle, bulles fines et notes de pomme verte.',
    choices(['75 cl', 1390], ['Magnum 150 cl', 2990]),
  ),
  wine('Saumur brut rosé', 'Fines bulles de cabernet franc, fraises des bois.', choices(['75 cl', 1290])),
  wine(
    'Champagne brut',
    'Récoltant-manipulant de la Montagne de Reims, trois ans sur lattes.',
    choices(['75 cl', 3400], ['Magnum 150 cl', 7200]),
  ),
  wine('Côtes-du-Rhône rouge 2022', 'Grenache et syrah, épicé et généreux.', choices(['75 cl', 950])),
  wine(
    'Bordeaux supérieur 2020',
    'Merlot et cabernet-sauvignon, élevé douze mois en fût.',
    choices(['75 cl', 1390], ['Magnum 150 cl', 2990]),
  ),
  wine('Bourgogne pinot noir 2022', 'Cerise et sous-bois, tout en finesse.', choices(['75 cl', 2190])),
  wine('Beaujolais-Villages 2023', 'Gamay croquant, à boire sur le fruit.', choices(['75 cl', 990])),
  wine('Côtes de Provence rosé 2024', 'Rosé pâle et élégant pour les soirs d’été.', choices(['75 cl', 1290])),
  wine(
    'Cognac VSOP',
    'Quatre ans minimum en fût de chêne, vanille et fruits secs.',
    choices(['70 cl', 4900]),
  ),
  wine(
    'Calvados Pays d’Auge 6 ans',
    'Double distillation, pomme cuite et boisé délicat.',
    choices(['70 cl', 4200]),
  ),
  wine(
    'Whisky single malt français',
    'Distillé en Bretagne, tourbé légèrement, finition en fût de vin.',
    choices(['70 cl', 5400]),
  ),
  wine('Eau-de-vie de poire Williams', 'Une poire entière dans chaque bouteille.', choices(['70 cl', 3900])),
  wine(
    'Guignolet d’Angers',
    'Liqueur de cerises griottes, la tradition angevine de l’apéritif.',
    choices(['70 cl', 1990]),
  ),
  drink(
    'Bière blonde artisanale',
    'Brassée à Saint-Aubin, non filtrée, houblons français.',
    choices(['33 cl', 290], ['Pack de 6', 1590]),
  ),
  drink(
    'Bière ambrée artisanale',
    'Malts caramel et notes de pain grillé.',
    choices(['33 cl', 310], ['Pack de 6', 1690]),
  ),
  drink('Cidre brut fermier', 'Pommes à cidre du Maine, prise de mousse naturelle.', choices(['75 cl', 590])),
  juice(
    'Jus de pomme artisanal',
    'Pur jus de pommes du verger des Fontaines, sans sucre ajouté.',
    choices(['1 L', 390], ['Carton de 6', 2100]),
  ),
  juice(
    'Pétillant de raisin sans alcool',
    'Jus de raisin de chenin pétillant, pour trinquer sans alcool.',
    choices(['75 cl', 690]),
  ),
  tasting(
    'Soirée dégustation vins de Loire',
    'Six vins commentés par le caviste, avec une assiette de fromages. Places limitées à douze.',
    timed(['Une place', 120, 3500]),
  ),
]
