import { byWeight, choices, shelf, unit, type DemoItem } from './catalog-item.js'

const meat = shelf('boucherie', 550)
const deli = shelf('traiteur', 550)

export const BOUCHERIE_ITEMS: DemoItem[] = [
  meat(
    'Entrecôte de bœuf',
    'Race parthenaise élevée à l’herbe, maturée trois semaines.',
    byWeight(3590, [300, 600]),
  ),
  meat(
    'Bavette d’aloyau',
    'Fibres longues et goût prononcé, à saisir vivement.',
    byWeight(2690, [200, 400, 800]),
  ),
  meat('Faux-filet', 'Tendre et persillé, pour les grillades.', byWeight(3390, [250, 500])),
  meat(
    'Filet de bœuf',
    'Le morceau le plus tendre, pour un rôti ou des tournedos.',
    byWeight(5490, [300, 600, 1000]),
  ),
  meat(
    'Côte de bœuf maturée',
    'Maturée quatre semaines en cave, pour deux ou trois personnes.',
    byWeight(4290, [1000, 1500]),
  ),
  meat(
    'Bœuf à bourguignon',
    'Paleron et joue coupés en gros cubes, prêts à mijoter.',
    byWeight(1690, [500, 1000, 1500]),
  ),
  meat('Viande hachée pur bœuf 5 %', 'Hachée à la demande devant vous.', byWeight(1890)),
  meat('Rôti de veau', 'Veau de lait du Limousin, ficelé et bardé.', byWeight(3290, [800, 1200])),
  meat('Escalope de veau', 'Taillée fine dans la noix.', byWeight(3690, [250, 500])),
  meat(
    'Tendron et épaule pour blanquette',
    'Morceaux fondants, prêts pour la blanquette de dimanche.',
    byWeight(2190, [800, 1500]),
  ),
  meat('Gigot d’agneau', 'Agneau du Poitou, entier ou raccourci.', byWeight(2690, [1500, 2500])),
  meat('Côtelettes d’agneau', 'Premières et secondes, à griller.', byWeight(3290, [400, 800])),
  meat('Rôti de porc', 'Échine ou filet, porc fermier d’Anjou.', byWeight(1490, [800, 1200])),
  meat('Côtes de porc échine', 'Persillées, idéales au barbecue.', byWeight(1290, [500, 1000])),
  meat(
    'Poulet fermier de Loué',
    'Élevé en plein air au moins 81 jours.',
    choices(['Entier (environ 1,6 kg)', 1690]),
  ),
  meat('Cuisses de poulet fermier', 'Pour le four ou la cocotte.', byWeight(1190, [500, 1000])),
  meat('Saucisses de Toulouse', 'Pur porc, embossées à la boutique.', byWeight(1390, [500, 1000])),
  meat('Merguez maison', 'Bœuf et agneau, épices douces.', byWeight(1590, [500, 1000])),
  meat('Chipolatas aux herbes', 'Fines et parfumées, pour les grillades d’été.', byWeight(1390, [500, 1000])),
  meat(
    'Jambon blanc à l’os',
    'Cuit à la boutique dans un bouillon aromatisé.',
    choices(['2 tranches', 490], ['4 tranches', 950]),
  ),
  meat('Jambon de pays', 'Séché douze mois, tranché à la demande.', byWeight(3290, [100, 200])),
  meat('Saucisson sec', 'Pur porc, séché six semaines.', choices(['Pièce de 250 g', 790])),
  meat('Pâté en croûte', 'Volaille, porc et pistaches sous une pâte dorée.', byWeight(3290, [150, 300])),
  meat(
    'Rillons de Touraine',
    'Poitrine de porc confite dans sa graisse, à déguster tiède.',
    byWeight(2490, [250, 500]),
  ),
  meat(
    'Boudin noir à l’ancienne',
    'Aux oignons, à poêler doucement avec des pommes.',
    byWeight(1490, [250, 500]),
  ),
  deli(
    'Bœuf bourguignon',
    'Mijoté quatre heures au vin rouge de Chinon, lardons, carottes et champignons. À réchauffer doucement.',
    choices(['1 part', 950], ['2 parts', 1850], ['4 parts', 3600]),
  ),
  deli(
    'Hachis parmentier',
    'Bœuf braisé effiloché et purée au beurre, gratiné.',
    choices(['1 part', 790], ['4 parts', 2990]),
  ),
  deli(
    'Lasagnes à la bolognaise',
    'Pâtes fraîches, sauce tomate au bœuf haché, béchamel.',
    choices(['1 part', 750], ['4 parts', 2790]),
  ),
  deli(
    'Quiche lorraine',
    'Lardons fumés maison, crème et œufs plein air.',
    choices(['Part', 390], ['Entière 6 parts', 1990]),
  ),
  deli(
    'Poulet rôti',
    'Poulet fermier rôti à la broche, le dimanche matin et sur commande.',
    choices(['Demi-poulet', 950], ['Poulet entier', 1790]),
  ),
  deli(
    'Gratin dauphinois',
    'Pommes de terre, crème et une pointe d’ail.',
    choices(['2 parts', 690], ['4 parts', 1290]),
  ),
  deli('Céleri rémoulade', 'Céleri-rave râpé, mayonnaise à la moutarde.', byWeight(1590, [250, 500])),
  deli('Feuilleté à la saucisse', 'Chair à saucisse maison en feuilletage pur beurre.', unit(320)),
]
