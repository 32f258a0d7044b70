/** The town-wide categories ("rayons") of the demo town, in the order the storefront lists them. */
export const DEMO_CATEGORIES = {
  pains: {
    name: 'Pains et viennoiseries',
    description: 'Pains au levain, baguettes et viennoiseries cuits chaque matin.',
  },
  patisseries: { name: 'Pâtisseries', description: 'Gâteaux, tartes et douceurs des artisans de la ville.' },
  fromages: { name: 'Fromages', description: 'Fromages fermiers et AOP, affinés en cave.' },
  cremerie: { name: 'Crèmerie et œufs', description: 'Beurre de baratte, crème, yaourts et œufs frais.' },
  boucherie: {
    name: 'Boucherie-charcuterie',
    description: 'Viandes de race élevées dans la région, charcuterie maison.',
  },
  traiteur: {
    name: 'Traiteur et plats cuisinés',
    description: 'Plats mijotés et salades à emporter, prêts à réchauffer.',
  },
  epicerie: { name: 'Épicerie fine', description: 'Huiles, conserves, confitures et produits du terroir.' },
  fruits: {
    name: 'Fruits et légumes',
    description: 'Fruits et légumes de saison, des maraîchers des bords de Loire.',
  },
  vins: { name: 'Vins et spiritueux', description: 'Vins de Loire et d’ailleurs, eaux-de-vie et liqueurs.' },
  boissons: {
    name: 'Bières, cidres et jus',
    description: 'Bières artisanales, cidres fermiers et jus de fruits.',
  },
  livres: { name: 'Livres', description: 'Romans, classiques, guides et livres pour la jeunesse.' },
  papeterie: { name: 'Papeterie', description: 'Carnets, stylos et cartes postales.' },
  fleurs: {
    name: 'Fleurs et plantes',
    description: 'Bouquets, plantes d’intérieur et plants pour le jardin.',
  },
  velos: {
    name: 'Vélos et accessoires',
    description: 'Vélos de ville, électriques et enfants, accessoires et pièces.',
  },
  reparations: {
    name: 'Réparations et entretien',
    description: 'Réparations et révisions de vélos, sur rendez-vous.',
  },
  restaurant: { name: 'Restaurant', description: 'La carte du bistrot, sur place ou à emporter.' },
  ateliers: {
    name: 'Ateliers et dégustations',
    description: 'Ateliers de cuisine, de composition florale et dégustations.',
  },
  coiffure: { name: 'Coiffure', description: 'Coupes, couleurs et soins, sur rendez-vous.' },
  soins: {
    name: 'Soins et beauté',
    description: 'Shampoings, soins et accessoires pour les cheveux et la barbe.',
  },
} as const

export type CategoryKey = keyof typeof DEMO_CATEGORIES
