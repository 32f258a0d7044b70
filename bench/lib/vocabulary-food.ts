import { words, type KindVocabulary } from './vocabulary.js'

/** Food shops: bakery, cheese shop, butcher, grocer, restaurant, wine merchant. */
export const BOULANGERIE: KindVocabulary = {
  shopWords: words('Boulangerie|Au Fournil|Le Pain de|Boulangerie-pâtisserie|Maison'),
  tagline: 'Pains au levain et viennoiseries pur beurre, cuits sur place.',
  lines: [
    {
      category: 'pains',
      kind: 'product',
      vatRateBp: 550,
      variants: 'weight',
      priceCents: [90, 650],
      nouns: words(
        'Pain|Baguette|Boule|Tourte|Ficelle|Pain de mie|Fougasse|Miche|Bâtard|Couronne|Pain brié|Petit pain',
      ),
      qualifiers: words(
        'au levain|de campagne|complet|aux céréales|aux noix|aux figues|de seigle|d’épeautre|tradition|aux olives|au sarrasin|aux graines de lin|bio|viennois|au maïs',
      ),
      origins: words(
        'du Moulin de la Roche|à la farine Label Rouge|de la Vallée|du fournil|cuit au feu de bois|à l’ancienne|des bords de Loire',
      ),
      sentences: words(
        '{name} pétri à la main et cuit sur sole chaque matin.|{name} au levain naturel, longue fermentation et croûte dorée.|Une mie alvéolée et une croûte qui chante : {name}.|{name} à la farine du moulin voisin, se garde trois jours dans un torchon.',
      ),
    },
    {
      category: 'pains',
      kind: 'product',
      vatRateBp: 550,
      variants: 'unit',
      priceCents: [110, 320],
      nouns: words(
        'Croissant|Pain au chocolat|Pain aux raisins|Chausson aux pommes|Brioche|Chouquettes|Kouign-amann|Palmier|Croissant aux amandes|Torsade|Pain suisse',
      ),
      qualifiers: words(
        'pur beurre|au beurre AOP|feuilleté|maison|au sucre perlé|tressée|à la crème pâtissière|aux pépites de chocolat|géant',
      ),
      origins: words('du matin|de la boulangerie|à l’ancienne|de Charentes-Poitou|façon Bretagne'),
      sentences: words(
        '{name} feuilleté en trois tours, cuit toutes les heures le matin.|Beurre de Charentes-Poitou et feuilletage croustillant pour ce {name}.|{name} doré, fondant et encore tiède à l’ouverture.',
      ),
    },
    {
      category: 'patisseries',
      kind: 'product',
      vatRateBp: 550,
      variants: 'portion',
      priceCents: [280, 3200],
      nouns: words(
        'Tarte|Éclair|Gâteau|Flan pâtissier|Millefeuille|Paris-Brest|Fraisier|Macarons|Crème brûlée|Far breton|Religieuse|Tartelette|Cake|Financier|Opéra',
      ),
      qualifiers: words(
        'au chocolat|au café|aux pommes|au citron meringuée|aux fraises|à la vanille|praliné noisette|aux framboises|au caramel beurre salé|à la pistache|aux poires|aux abricots',
      ),
      origins: words('maison|du chef pâtissier|de Bourbon|de saison|comme chez grand-mère|à partager'),
      sentences: words(
        '{name} préparé chaque matin par notre pâtissier.|{name} à commander la veille pour les grands formats.|Une pâte sablée maison et {name} généreux.',
      ),
    },
  ],
}

export const FROMAGERIE: KindVocabulary = {
  shopWords: words('Fromagerie|La Cave à fromages|Crèmerie|Aux Fromages de|La Meule'),
  tagline: 'Fromages fermiers et AOP affinés dans nos caves.',
  lines: [
    {
      category: 'fromages',
      kind: 'product',
      vatRateBp: 550,
      variants: 'weight',
      priceCents: [250, 2800],
      nouns: words(
        'Fromage de chèvre|Comté|Tomme|Brie|Camembert|Crottin|Bleu|Reblochon|Beaufort|Roquefort|Sainte-Maure|Saint-Nectaire|Morbier|Munster|Époisses|Ossau-Iraty|Mimolette|Emmental|Raclette|Fourme d’Ambert|Valençay|Selles-sur-Cher|Pouligny|Cantal|Salers',
      ),
      qualifiers: words(
        'fermier|au lait cru|affiné 12 mois|affiné 24 mois|frais|cendré|aux herbes|demi-sec|crémeux|extra-vieux|au poivre|à la truffe|AOP',
      ),
      origins: words(
        'de Touraine|du Jura|de Savoie|d’Auvergne|de la ferme des Tilleuls|du Berry|de Normandie|des Pyrénées|de Lorraine|du Poitou',
      ),
      sentences: words(
        '{name} affiné dans notre cave voûtée.|Un {name} de petit producteur, pâte souple et goût de noisette.|{name} à déguster à température ambiante avec un pain de campagne.|Notre fromager coupe {name} à la demande.',
      ),
    },
    {
      category: 'fromages',
      kind: 'product',
      vatRateBp: 550,
      variants: 'volume',
      priceCents: [180, 950],
      nouns: words('Beurre|Crème fraîche|Yaourt|Fromage blanc|Lait|Œufs|Faisselle|Crème dessert'),
      qualifiers: words(
        'de baratte|demi-sel|doux|épaisse|au lait entier|bio|fermier|à la vanille|nature|extra-frais',
      ),
      origins: words('d’Isigny|de la ferme du Bois|de Normandie|des Charentes|du Perche'),
      sentences: words(
        '{name} de la ferme, livré deux fois par semaine.|{name} d’un élevage de la région, vaches nourries à l’herbe.',
      ),
    },
  ],
}

export const BOUCHERIE: KindVocabulary = {
  shopWords: words('Boucherie|Boucherie-charcuterie|Maison|Aux Saveurs de|La Table de'),
  tagline: 'Viandes de race élevées dans la région, charcuterie maison.',
  lines: [
    {
      category: 'boucherie',
      kind: 'product',
      vatRateBp: 550,
      variants: 'weight',
      priceCents: [350, 4500],
      nouns: words(
        'Entrecôte|Côte de bœuf|Rôti de porc|Filet mignon|Gigot d’agneau|Poulet|Saucisses|Merguez|Jambon blanc|Bavette|Escalope de veau|Steak haché|Rôti de bœuf|Magret de canard|Côtelettes d’agneau|Pintade|Lapin|Échine de porc|Onglet|Paleron',
      ),
      qualifiers: words(
        'Label Rouge|fermier|maison|aux herbes|fumé|à l’ancienne|maturé 30 jours|marinée|bio|fermière',
      ),
      origins: words(
        'du Limousin|d’Aubrac|de Vendée|de la ferme du Bois|de Bretagne|du Maine|de Challans|des Deux-Sèvres|de race normande',
      ),
      sentences: words(
        '{name} découpé devant vous par notre boucher.|{name} d’un éleveur que nous connaissons depuis vingt ans.|{name} à saisir à feu vif, puis laisser reposer avant de servir.',
      ),
    },
    {
      category: 'traiteur',
      kind: 'product',
      vatRateBp: 550,
      variants: 'portion',
      priceCents: [450, 2400],
      nouns: words(
        'Pâté en croûte|Rillettes|Rillons|Terrine|Andouillette|Boudin noir|Saucisson sec|Lasagnes|Hachis parmentier|Choucroute garnie|Blanquette de veau|Bœuf bourguignon',
      ),
      qualifiers: words(
        'maison|de campagne|au poivre vert|aux pistaches|à l’ancienne|du traiteur|aux pommes|de canard|cuisiné',
      ),
      origins: words('de Tours|de Vouvray|de la maison|du Mans|de Troyes'),
      sentences: words(
        '{name} cuisiné dans notre laboratoire.|{name} prêt à réchauffer, à emporter pour le déjeuner.',
      ),
    },
  ],
}

export const EPICERIE: KindVocabulary = {
  shopWords: words('Épicerie|L’Épicerie de|Comptoir|Au Panier de|Primeur'),
  tagline: 'Produits du terroir, vrac et fruits et légumes de saison.',
  lines: [
    {
      category: 'epicerie',
      kind: 'product',
      vatRateBp: 550,
      variants: 'volume',
      priceCents: [190, 2400],
      nouns: words(
        'Huile d’olive|Confiture|Miel|Moutarde|Pâtes|Riz|Lentilles vertes|Thé|Café en grains|Chocolat noir|Biscuits|Sel de Guérande|Vinaigre|Sardines|Terrine|Farine|Sucre de canne|Pois chiches|Tapenade|Noisettes',
      ),
      qualifiers: words(
        'bio|artisanal|aux fruits rouges|de fleurs|à l’ancienne|vierge extra|de châtaignier|au gingembre|fumé|torréfié|sans gluten|équitable|en vrac',
      ),
      origins: words(
        'de Provence|de Bretagne|du Périgord|d’Anjou|de Dijon|du Puy|de Sicile|d’Éthiopie|de la Drôme|de Corse',
      ),
      sentences: words(
        '{name} sélectionné auprès de petits producteurs.|Notre {name} se vend aussi en vrac, apportez votre bocal.|{name} pour relever vos plats du quotidien.',
      ),
    },
    {
      category: 'fruits',
      kind: 'product',
      vatRateBp: 550,
      variants: 'weight',
      priceCents: [120, 900],
      nouns: words(
        'Pommes|Poires|Tomates|Carottes|Pommes de terre|Salade|Fraises|Champignons de Paris|Courgettes|Poireaux|Oignons|Asperges|Cerises|Abricots|Potimarron|Radis|Haricots verts|Clémentines',
      ),
      qualifiers: words(
        'bio|de saison|anciennes|nouvelles|variété Gala|cœur de bœuf|primeur|extra|du jardin|en botte',
      ),
      origins: words(
        'd’Anjou|du Val de Loire|de Saumur|du maraîcher|de Plougastel|de Corse|du verger des Aulnes',
      ),
      sentences: words(
        '{name} cueillies à maturité chez nos maraîchers.|{name} récoltés cette semaine, à conserver au frais.',
      ),
    },
  ],
}

export const RESTAURANT: KindVocabulary = {
  shopWords: words('Restaurant|Le Bistrot de|La Table de|Brasserie|Chez'),
  tagline: 'Cuisine de saison, sur place ou à emporter.',
  lines: [
    {
      category: 'restaurant',
      kind: 'product',
      vatRateBp: 1000,
      variants: 'portion',
      priceCents: [650, 2800],
      nouns: words(
        'Plat du jour|Bœuf bourguignon|Blanquette de veau|Quiche lorraine|Salade de chèvre chaud|Croque-monsieur|Soupe à l’oignon|Tarte tatin|Moules-frites|Magret de canard|Filet de sandre|Risotto aux champignons|Burger|Poulet rôti|Galette complète|Tartare de bœuf|Pot-au-feu|Curry de légumes|Fish and chips|Mousse au chocolat',
      ),
      qualifiers: words(
        'maison|du chef|à emporter|végétarien|au beurre blanc|gratiné|façon bistrot|aux légumes du marché|sauce au poivre|fermier',
      ),
      origins: words('de la semaine|du marché|à la ligérienne|comme à Lyon|du terroir|de saison'),
      sentences: words(
        '{name} préparé par notre chef avec les produits du marché.|{name} servi avec des légumes de saison.|Notre {name} se commande aussi à emporter, prêt en quinze minutes.',
      ),
    },
  ],
}

export const CAVISTE: KindVocabulary = {
  shopWords: words('Cave|Le Cellier de|Cave à vins|Aux Vins de|La Vinothèque'),
  tagline: 'Vins de Loire et d’ailleurs, bières et spiritueux.',
  lines: [
    {
      category: 'vins',
      kind: 'product',
      vatRateBp: 2000,
      variants: 'bottle',
      priceCents: [650, 6500],
      nouns: words(
        'Vin rouge|Vin blanc|Vin rosé|Crémant de Loire|Champagne|Saumur-Champigny|Chinon|Vouvray|Muscadet|Sancerre|Bourgueil|Anjou|Côtes-du-Rhône|Bordeaux supérieur|Chablis|Savennières|Coteaux du Layon|Pinot noir|Sauvignon|Chenin',
      ),
      qualifiers: words(
        'bio|vieilles vignes|cuvée prestige|demi-sec|brut|élevé en fût de chêne|2019|2020|2021|2022|2023|nature|sans sulfites ajoutés|moelleux',
      ),
      origins: words(
        'Domaine des Rochelles|Château de la Grille|Domaine du Clos|Clos des Perrières|Domaine de la Butte|Cave de Saumur|Domaine Filliatreau|Château de Villeneuve',
      ),
      sentences: words(
        '{name} à servir à 16 degrés sur une viande rouge.|{name} d’un vigneron indépendant en agriculture biologique.|Un {name} gourmand, aux arômes de fruits rouges.|{name} à garder cinq ans en cave ou à boire dès maintenant.',
      ),
    },
    {
      category: 'boissons',
      kind: 'product',
      vatRateBp: 2000,
      variants: 'bottle',
      priceCents: [250, 4800],
      nouns: words(
        'Bière blonde|Bière ambrée|Bière blanche|IPA|Cidre brut|Cidre doux|Jus de pomme|Poiré|Whisky|Rhum|Cognac|Calvados|Limonade|Jus de raisin|Liqueur de poire|Gin',
      ),
      qualifiers: words(
        'artisanale|bio|fermier|pétillant|pur jus|hors d’âge|12 ans|triple|sans alcool|aromatisé',
      ),
      origins: words(
        'de la brasserie du Coin|de Normandie|de Bretagne|des Vergers|d’Écosse|de la Martinique|de Touraine',
      ),
      sentences: words(
        '{name} brassé ou pressé par un artisan de la région.|{name} à servir bien frais à l’apéritif.',
      ),
    },
  ],
}
