import { byWeight, choices, shelf, unit, type DemoItem } from './catalog-item.js'

const grocery = shelf('epicerie', 550)
const produce = shelf('fruits', 550)
const household = shelf('epicerie', 2000)

export const EPICERIE_ITEMS: DemoItem[] = [
  grocery(
    'Huile d’olive vierge extra',
    'Première pression à froid, fruité vert, d’un moulin de la vallée des Baux.',
    choices(['50 cl', 1290], ['1 L', 2390]),
  ),
  grocery(
    'Huile de noix',
    'Pressée à l’ancienne au moulin de la Tourelle, pour les salades d’automne.',
    choices(['25 cl', 890]),
  ),
  grocery('Vinaigre de cidre', 'Vieilli en fût, doux et fruité.', choices(['50 cl', 490])),
  grocery('Moutarde à l’ancienne', 'Graines entières, piquant franc, pot en grès.', choices(['200 g', 450])),
  grocery(
    'Fleur de sel de Guérande',
    'Récoltée à la main par un paludier de la presqu’île.',
    choices(['125 g', 490], ['250 g', 890]),
  ),
  grocery(
    'Miel de fleurs des bords de Loire',
    'Récolté par un apiculteur de Saint-Aubin, crémeux et doux.',
    choices(['250 g', 750], ['500 g', 1350]),
  ),
  grocery(
    'Confiture de fraises',
    'Fraises de Loire cuites en chaudron de cuivre, 60 % de fruits.',
    choices(['370 g', 650]),
  ),
  grocery('Confiture d’abricots', 'Abricots du Roussillon, peu sucrée.', choices(['370 g', 650])),
  grocery(
    'Pâte à tartiner noisettes',
    'Quarante pour cent de noisettes, sans huile de palme.',
    choices(['250 g', 790]),
  ),
  grocery(
    'Lentilles vertes du Puy AOP',
    'Cuisson rapide, tiennent bien en salade.',
    byWeight(900, [500, 1000]),
  ),
  grocery('Riz de Camargue IGP', 'Riz long complet, parfumé.', byWeight(640, [500, 1000])),
  grocery('Pâtes artisanales', 'Fusilli au blé dur bio, séchées lentement.', choices(['500 g', 390])),
  grocery(
    'Café moulu pur arabica',
    'Torréfié chaque semaine à Saumur, notes de cacao.',
    byWeight(3200, [250, 1000]),
  ),
  grocery(
    'Thé vert au jasmin',
    'Thé de Chine parfumé aux fleurs fraîches de jasmin.',
    choices(['100 g', 890]),
  ),
  grocery(
    'Chocolat noir 70 %',
    'Tablette de grand cru de Tanzanie, torréfié en France.',
    choices(['Tablette 100 g', 450]),
  ),
  grocery(
    'Sablés au beurre',
    'Sablés bretons pur beurre, croquants et fondants.',
    choices(['Boîte de 250 g', 590]),
  ),
  grocery(
    'Rillettes de sardines',
    'Sardines de Bretagne, citron et piment d’Espelette.',
    choices(['Bocal de 100 g', 590]),
  ),
  grocery(
    'Soupe de poissons',
    'Recette de pêcheur, avec rouille et croûtons à part.',
    choices(['Bocal de 75 cl', 890]),
  ),
  grocery(
    'Terrine de canard au poivre vert',
    'Terrine artisanale du Périgord.',
    choices(['Bocal de 180 g', 750]),
  ),
  grocery(
    'Farine de blé T65',
    'Moulue sur meule de pierre, idéale pour le pain maison.',
    choices(['1 kg', 290], ['5 kg', 1190]),
  ),
  grocery('Sucre de canne complet', 'Rapadura, au goût de réglisse et de caramel.', choices(['500 g', 390])),
  grocery(
    'Sirop artisanal de framboise',
    'Framboises du Val de Loire, à diluer dans l’eau fraîche.',
    choices(['50 cl', 690]),
  ),
  produce(
    'Pommes Reinette',
    'Reinettes grises du Canada, acidulées, parfaites pour les tartes.',
    byWeight(380, [500, 1000, 2000]),
  ),
  produce(
    'Poires Conférence',
    'Juteuses et sucrées, du verger des Fontaines.',
    byWeight(420, [500, 1000, 2000]),
  ),
  produce(
    'Pommes de terre à chair ferme',
    'Charlotte des sables de la vallée, pour la vapeur et les salades.',
    byWeight(240, [1000, 2500]),
  ),
  produce('Carottes des sables', 'Douces et croquantes, lavées.', byWeight(260, [500, 1000])),
  produce('Poireaux', 'Poireaux de pleine terre du maraîcher de l’île.', choices(['Botte de 3', 290])),
  produce('Salade batavia', 'Cueillie le matin même.', unit(150)),
  produce(
    'Tomates anciennes',
    'Cœur de bœuf, noire de Crimée et green zebra, en saison.',
    byWeight(690, [500, 1000]),
  ),
  produce(
    'Champignons de Paris des caves de Saumur',
    'Cultivés dans les galeries de tuffeau, blonds et fermes.',
    byWeight(790, [250, 500]),
  ),
  produce('Oignons rosés', 'Doux et parfumés, se conservent bien.', byWeight(350, [500, 1000])),
  produce('Citrons bio', 'Citrons non traités, zeste utilisable.', choices(['Filet de 4', 290])),
  produce('Bananes bio', 'De Martinique, commerce équitable.', byWeight(290, [1000])),
  household('Savon de Marseille', 'Cube de 72 % d’huiles végétales, sans parfum.', choices(['300 g', 490])),
]
