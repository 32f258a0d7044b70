import { choices, shelf, unit, type DemoItem } from './catalog-item.js'

const book = shelf('livres', 550)
const paper = shelf('papeterie', 2000)

export const LIBRAIRIE_ITEMS: DemoItem[] = [
  book(
    'Le Petit Prince',
    'Antoine de Saint-Exupéry. Le conte poétique qui se lit à tout âge, avec les aquarelles de l’auteur.',
    choices(['Poche', 750], ['Grand format illustré', 1590]),
  ),
  book(
    'Les Misérables, tome 1',
    'Victor Hugo. Fantine, Cosette et Jean Valjean : le premier tome de la grande fresque.',
    choices(['Poche', 990]),
  ),
  book(
    'Madame Bovary',
    'Gustave Flaubert. Les rêves et l’ennui d’Emma, dans la Normandie du XIXe siècle.',
    choices(['Poche', 450]),
  ),
  book(
    'Le Comte de Monte-Cristo, tome 1',
    'Alexandre Dumas. Trahison, évasion du château d’If et vengeance.',
    choices(['Poche', 890]),
  ),
  book(
    'Germinal',
    'Émile Zola. La grève des mineurs du Nord, un roman qui n’a rien perdu de sa force.',
    choices(['Poche', 590]),
  ),
  book('Le Rouge et le Noir', 'Stendhal. L’ascension et la chute de Julien Sorel.', choices(['Poche', 590])),
  book(
    'Eugénie Grandet',
    'Honoré de Balzac. L’avarice du père Grandet dans la ville de Saumur, à quelques kilomètres d’ici.',
    choices(['Poche', 390]),
  ),
  book(
    'Le Lys dans la vallée',
    'Honoré de Balzac. Un amour impossible dans la Touraine des bords de l’Indre.',
    choices(['Poche', 550]),
  ),
  book(
    'Gargantua',
    'François Rabelais. Les aventures du géant né près de Chinon, en français modernisé.',
    choices(['Poche', 490]),
  ),
  book(
    'Les Trois Mousquetaires',
    'Alexandre Dumas. D’Artagnan, Athos, Porthos et Aramis : un pour tous, tous pour un.',
    choices(['Poche', 790]),
  ),
  book(
    'Bel-Ami',
    'Guy de Maupassant. L’ascension d’un séducteur sans scrupules dans le Paris de la presse.',
    choices(['Poche', 450]),
  ),
  book('Notre-Dame de Paris', 'Victor Hugo. Esmeralda, Quasimodo et la cathédrale.', choices(['Poche', 690])),
  book(
    'Vingt mille lieues sous les mers',
    'Jules Verne. À bord du Nautilus avec le capitaine Nemo.',
    choices(['Poche', 590], ['Édition illustrée', 2490]),
  ),
  book(
    'Le Tour du monde en quatre-vingts jours',
    'Jules Verne. Le pari de Phileas Fogg, à lire dès dix ans.',
    choices(['Poche', 490]),
  ),
  book(
    'Fables de La Fontaine',
    'Jean de La Fontaine. Les douze livres des fables, avec les gravures de Gustave Doré.',
    choices(['Poche', 550], ['Relié', 2900]),
  ),
  book(
    'Contes de Perrault',
    'Charles Perrault. Cendrillon, le Petit Chaperon rouge, la Belle au bois dormant…',
    choices(['Poche', 350]),
  ),
  book(
    'Cyrano de Bergerac',
    'Edmond Rostand. La comédie héroïque en cinq actes, pour la scène comme pour le salon.',
    choices(['Poche', 390]),
  ),
  book(
    'Le Grand Meaulnes',
    'Alain-Fournier. L’adolescence, le domaine mystérieux et la fête étrange.',
    choices(['Poche', 450]),
  ),
  book(
    'Poil de Carotte',
    'Jules Renard. Les souvenirs d’un enfant mal aimé, drôles et cruels.',
    choices(['Poche', 350]),
  ),
  book(
    'Les Fleurs du mal',
    'Charles Baudelaire. Le recueil de 1857 et ses pièces condamnées.',
    choices(['Poche', 450]),
  ),
  book(
    'Balades en bord de Loire',
    'Trente-deux itinéraires à pied et à vélo autour de Saint-Aubin, avec cartes et points de vue.',
    unit(1800),
  ),
  book(
    'Histoire de Saint-Aubin-sur-Loire',
    'Des mariniers aux caves de tuffeau : mille ans d’histoire de notre ville, par la Société historique locale.',
    unit(2400),
  ),
  book(
    'La cuisine des bords de Loire',
    'Quatre-vingts recettes : sandre au beurre blanc, rillons, fouées et tarte Tatin.',
    unit(2900),
  ),
  book(
    'Oiseaux de la Loire',
    'Guide de terrain illustré des espèces des grèves et des îles, de la sterne au balbuzard.',
    unit(2200),
  ),
  book(
    'Le potager au naturel',
    'Semis, paillage et rotations : un guide pratique pour un potager sans pesticides.',
    unit(1990),
  ),
  book(
    'Les Mariniers de la Loire, tome 1',
    'Bande dessinée. Sur une gabare chargée de tuffeau, une aventure au fil du fleuve en 1850.',
    unit(1495),
  ),
  book('Imagier des animaux de la ferme', 'Livre cartonné pour les tout-petits, dès un an.', unit(990)),
  book(
    'Cahier de vacances CE2 vers CM1',
    'Révisions en français et en mathématiques, avec les corrigés détachables.',
    unit(890),
  ),
  paper(
    'Carnet de notes ligné',
    'Couverture en toile, papier 90 g, fabriqué en France.',
    choices(['A6', 690], ['A5', 1190]),
  ),
  paper('Stylo plume écolier', 'Plume moyenne et cartouches bleues standard.', unit(1290)),
  paper(
    'Carte postale de Saint-Aubin',
    'Vues de la ville et de la Loire par des photographes d’ici.',
    choices(['À l’unité', 150], ['Lot de 5', 600]),
  ),
  paper(
    'Marque-pages en cuir',
    'Cuir tanné végétal, gravé de la silhouette du pont de Saint-Aubin.',
    unit(590),
  ),
  paper('Boîte de crayons de couleur', 'Vingt-quatre couleurs vives, mine tendre.', unit(1450)),
]
