import { choices, shelf, unit, type DemoItem } from './catalog-item.js'

const bread = shelf('pains', 550)
const pastry = shelf('patisseries', 550)

export const BOULANGERIE_ITEMS: DemoItem[] = [
  bread(
    'Baguette tradition',
    'Farine Label Rouge, pétrissage lent et longue fermentation : une mie alvéolée et une croûte qui chante.',
    choices(['Demi-baguette', 70], ['Baguette', 130]),
  ),
  bread(
    'Baguette classique',
    'La baguette de tous les jours, dorée et croustillante.',
    choices(['Baguette', 110]),
  ),
  bread(
    'Pain au levain',
    'Levain naturel entretenu au fournil depuis quinze ans. Se garde quatre à cinq jours dans un torchon.',
    choices(['500 g', 390], ['1 kg', 720]),
  ),
  bread(
    'Pain de campagne',
    'Farine de blé et une pointe de seigle, cuit sur sole pour une croûte épaisse.',
    choices(['400 g', 280], ['800 g', 520]),
  ),
  bread(
    'Pain complet',
    'Farine complète moulue sur meule de pierre, riche en fibres.',
    choices(['400 g', 310], ['800 g', 580]),
  ),
  bread(
    'Pain aux céréales',
    'Graines de lin, de tournesol, de sésame et de millet dans une pâte au levain.',
    choices(['400 g', 340]),
  ),
  bread(
    'Pain de seigle',
    'Une mie dense et légèrement acidulée, parfaite avec les huîtres et le fromage.',
    choices(['400 g', 360]),
  ),
  bread(
    'Pain aux noix',
    'Généreux en cerneaux de noix, idéal avec un plateau de fromages.',
    choices(['300 g', 390], ['600 g', 740]),
  ),
  bread(
    'Pain aux figues',
    'Figues séchées et une touche de miel, à servir avec le foie gras ou le chèvre.',
    choices(['300 g', 420]),
  ),
  bread(
    'Pain d’épeautre',
    'Petit épeautre de Haute-Provence, goût de noisette, plus digeste.',
    choices(['400 g', 450]),
  ),
  bread(
    'Tourte de meule',
    'Grande tourte au levain vendue au poids, croûte farinée.',
    choices(['Demi-tourte 1 kg', 650], ['Tourte 2 kg', 1250]),
  ),
  bread('Ficelle', 'Plus fine que la baguette, tout en croûte.', unit(90)),
  bread('Fougasse aux olives', 'Olives noires et vertes, huile d’olive et herbes de Provence.', unit(350)),
  bread(
    'Pain de mie',
    'Moelleux, pour les tartines du matin et les croque-monsieur.',
    choices(['Nature', 320], ['Complet', 350]),
  ),
  bread(
    'Boule de campagne bio',
    'Farines biologiques du moulin voisin, levain naturel.',
    choices(['500 g', 420]),
  ),
  bread(
    'Croissant au beurre',
    'Beurre AOP Charentes-Poitou, feuilletage en trois tours, cuit toutes les heures le matin.',
    choices(['À l’unité', 120], ['Sachet de 6', 690]),
  ),
  bread(
    'Pains au chocolat',
    'Deux barres de chocolat noir dans un feuilletage pur beurre.',
    choices(['À l’unité', 130], ['Sachet de 6', 750]),
  ),
  bread('Pain aux raisins', 'Crème pâtissière vanillée et raisins macérés au rhum.', unit(150)),
  bread(
    'Croissant aux amandes',
    'Croissant de la veille garni de crème d’amande et d’amandes effilées.',
    unit(210),
  ),
  bread('Chausson aux pommes', 'Compote de pommes de nos vergers, feuilletage croustillant.', unit(190)),
  bread(
    'Brioche tressée',
    'Brioche au beurre et aux œufs frais, tressée à la main.',
    choices(['Petite', 350], ['Grande', 620]),
  ),
  bread('Brioche au sucre', 'Petite brioche individuelle parsemée de sucre perlé.', unit(140)),
  bread(
    'Kouign-amann',
    'La spécialité bretonne, caramélisée et fondante.',
    choices(['Individuel', 260], ['À partager', 1200]),
  ),
  bread(
    'Chouquettes',
    'Pâte à choux et sucre perlé, encore tièdes à la sortie du four.',
    choices(['Sachet de 10', 250], ['Sachet de 20', 480]),
  ),
  pastry(
    'Gâteau au chocolat',
    'Fondant au chocolat noir 70 %, cœur moelleux. Se commande la veille pour les grands formats.',
    choices(['4 parts', 1600], ['6 parts', 2300], ['8 parts', 3000]),
  ),
  pastry(
    'Éclair au chocolat',
    'Pâte à choux garnie de crème pâtissière au chocolat, glaçage fondant.',
    unit(320),
  ),
  pastry('Éclair au café', 'Crème au café torréfié à Saumur, glaçage café.', unit(320)),
  pastry(
    'Tarte aux pommes',
    'Pâte brisée maison et pommes reinettes en fines lamelles.',
    choices(['Part', 350], ['6 parts', 1900]),
  ),
  pastry(
    'Tarte au citron meringuée',
    'Crème de citron acidulée et meringue italienne dorée au chalumeau.',
    choices(['Part', 390], ['6 parts', 2200]),
  ),
  pastry(
    'Flan pâtissier',
    'Flan vanillé à la vanille de Madagascar sur pâte feuilletée.',
    choices(['Part', 290], ['Entier 8 parts', 1700]),
  ),
  pastry(
    'Paris-Brest',
    'Couronne de pâte à choux et crème mousseline praliné noisette.',
    choices(['Individuel', 450], ['6 parts', 2600]),
  ),
  pastry('Millefeuille', 'Feuilletage caramélisé et crème pâtissière à la vanille.', unit(420)),
  pastry(
    'Fraisier',
    'Génoise, crème mousseline et fraises de Loire, en saison.',
    choices(['4 parts', 2000], ['6 parts', 2900]),
  ),
  pastry(
    'Macarons',
    'Assortiment de saison : framboise, pistache, chocolat, vanille, caramel au beurre salé.',
    choices(['Boîte de 6', 950], ['Boîte de 12', 1800]),
  ),
  pastry(
    'Crème brûlée à la vanille',
    'En pot individuel, à caraméliser vous-même ou déjà brûlée à la demande.',
    unit(350),
  ),
  pastry(
    'Far breton',
    'Aux pruneaux d’Agen, dense et parfumé.',
    choices(['Part', 280], ['Entier 6 parts', 1500]),
  ),
]
