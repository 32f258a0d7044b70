import { choices, shelf, timed, unit, type DemoItem } from './catalog-item.js'

// Meals and soft drinks served at the restaurant: 10 % VAT; alcohol is always 20 %.
const dish = shelf('restaurant', 1000)
const wine = shelf('restaurant', 2000)
const event = shelf('ateliers', 2000, 'service')
const table = shelf('restaurant', 1000, 'service')

export const RESTAURANT_ITEMS: DemoItem[] = [
  dish(
    'Rillettes de Tours et pain grillé',
    'Rillettes de porc cuites sept heures, cornichons et pain de campagne grillé.',
    unit(850),
  ),
  dish(
    'Soupe à l’oignon gratinée',
    'Bouillon de bœuf, oignons confits et croûtons au comté gratinés.',
    unit(950),
  ),
  dish(
    'Salade de chèvre chaud',
    'Toasts de Sainte-Maure, miel de la Loire, noix et mesclun.',
    choices(['Entrée', 950], ['Plat', 1450]),
  ),
  dish('Œuf mayonnaise', 'Œufs plein air, mayonnaise maison à la moutarde à l’ancienne.', unit(650)),
  dish('Terrine de campagne maison', 'Terrine de porc aux noisettes, chutney d’oignons.', unit(890)),
  dish('Velouté de potimarron', 'Crème fraîche et graines de courge torréfiées. En saison.', unit(790)),
  dish(
    'Assiette de charcuterie',
    'Jambon sec, saucisson, rillons et terrine du boucher de la rue du Marché.',
    choices(['Pour une personne', 1290], ['À partager', 2200]),
  ),
  dish(
    'Bœuf bourguignon, pommes vapeur',
    'Joue de bœuf mijotée au vin de Chinon, carottes, lardons et champignons.',
    unit(1890),
  ),
  dish('Sandre au beurre blanc', 'Filet de sandre de Loire, beurre blanc nantais et riz pilaf.', unit(2290)),
  dish('Magret de canard aux cerises', 'Magret rosé, sauce aux griottes, gratin dauphinois.', unit(2190)),
  dish('Blanquette de veau à l’ancienne', 'Sauce crémée au citron, riz et légumes de saison.', unit(1850)),
  dish('Coq au vin', 'Coq fermier mariné au vin rouge, petits oignons et champignons.', unit(1950)),
  dish(
    'Steak frites',
    'Viande de race parthenaise, frites maison et sauce au poivre.',
    choices(['Bavette 250 g', 1890], ['Entrecôte 300 g', 2590]),
  ),
  dish('Andouillette de Troyes', 'Andouillette grillée, sauce moutarde et frites maison.', unit(1790)),
  dish(
    'Risotto aux champignons',
    'Champignons des caves de Saumur, parmesan et huile de noisette. Végétarien.',
    unit(1690),
  ),
  dish(
    'Fricassée de volaille aux morilles',
    'Volaille fermière, crème aux morilles et tagliatelles fraîches.',
    unit(2390),
  ),
  dish(
    'Burger du bistrot',
    'Pain brioché du fournil voisin, bœuf haché minute, cheddar affiné et frites.',
    unit(1750),
  ),
  dish('Plat du jour', 'Selon le marché, annoncé chaque matin sur l’ardoise.', unit(1400)),
  dish(
    'Menu du midi',
    'Du mardi au vendredi, entrée, plat et dessert du jour.',
    choices(['Entrée + plat', 1790], ['Plat + dessert', 1790], ['Entrée + plat + dessert', 2190]),
  ),
  dish(
    'Menu enfant',
    'Steak haché ou poisson pané, frites ou légumes, une boule de glace et un sirop.',
    unit(1050),
  ),
  dish('Crème brûlée', 'À la vanille bourbon, caramélisée au moment de servir.', unit(750)),
  dish('Tarte Tatin et crème fraîche', 'Pommes caramélisées au beurre salé, servie tiède.', unit(850)),
  dish('Mousse au chocolat', 'Chocolat noir 70 %, servie à la louche dans un grand saladier.', unit(690)),
  dish('Profiteroles', 'Choux croustillants, glace vanille et chocolat chaud.', unit(890)),
  dish('Île flottante', 'Blancs en neige pochés, crème anglaise et caramel.', unit(690)),
  dish('Café gourmand', 'Un expresso et quatre mignardises du moment.', unit(890)),
  dish('Assiette de fromages', 'Trois fromages de la fromagerie Bertin, confiture de figues.', unit(950)),
  dish(
    'Planche apéritive',
    'Rillons, fromages, olives et pain grillé, pour deux ou trois personnes.',
    unit(1600),
  ),
  dish('Limonade artisanale', 'Limonade au citron brassée en Anjou.', choices(['33 cl', 450])),
  dish('Café expresso', 'Café torréfié à Saumur.', unit(220)),
  wine(
    'Verre de vin de Loire',
    'Sélection du moment du Cellier des Mariniers.',
    choices(['Blanc (12 cl)', 550], ['Rouge (12 cl)', 550], ['Rosé (12 cl)', 500]),
  ),
  // Booked by party on the tables (demo-bookings.ts): nothing to pay online, the bill is settled at the table.
  table(
    'Réserver une table',
    'Au déjeuner ou au dîner, de 1 à 8 personnes en ligne ; à partir de 7, le bistrot confirme votre demande.',
    timed(['Déjeuner ou dîner', 90, 0]),
  ),
  event(
    'Atelier cuisine du samedi',
    'Le chef vous apprend un menu de saison en petit groupe, puis on le déguste ensemble à table.',
    timed(['Une place', 180, 6500]),
  ),
  event(
    'Privatisation de la salle',
    'La salle du bistrot rien que pour vous (jusqu’à 40 personnes), menu sur devis.',
    timed(['Soirée', 240, 50000]),
  ),
]
