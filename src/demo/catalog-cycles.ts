import { choices, shelf, timed, unit, type DemoItem } from './catalog-item.js'

const bike = shelf('velos', 2000)
const repair = shelf('reparations', 2000, 'service')
const rental = shelf('velos', 2000, 'service')

const FRAME_SIZES = ['Taille S (1,55 à 1,70 m)', 'Taille M (1,70 à 1,83 m)', 'Taille L (1,83 à 1,95 m)']
const framed = (priceCents: number) =>
  choices(...FRAME_SIZES.map((size): [string, number] => [size, priceCents]))

export const CYCLES_ITEMS: DemoItem[] = [
  bike(
    'Vélo de ville',
    'Cadre aluminium, sept vitesses dans le moyeu, garde-boue, porte-bagages et éclairage dynamo.',
    framed(64900),
  ),
  bike(
    'Vélo à assistance électrique urbain',
    'Moteur central, batterie 500 Wh pour 60 à 100 km d’autonomie. Réglé et garanti deux ans à l’atelier.',
    framed(219000),
  ),
  bike(
    'Vélo tout chemin',
    'Le VTC polyvalent pour les chemins de halage et les routes de campagne.',
    framed(79900),
  ),
  bike(
    'Vélo cargo biporteur',
    'Caisse en bois pour deux enfants ou les courses de la semaine, assistance électrique.',
    choices(['Taille unique', 389000]),
  ),
  bike(
    'Vélo enfant',
    'Léger et robuste, freins adaptés aux petites mains.',
    choices(
      ['16 pouces (4 à 6 ans)', 25900],
      ['20 pouces (6 à 9 ans)', 32900],
      ['24 pouces (9 à 12 ans)', 39900],
    ),
  ),
  bike('Draisienne en bois', 'Pour apprendre l’équilibre dès deux ans.', unit(8900)),
  bike(
    'Casque urbain',
    'Coque ventilée, éclairage arrière intégré, norme EN 1078.',
    choices(['S (52 à 56 cm)', 5900], ['M (56 à 59 cm)', 5900], ['L (59 à 62 cm)', 5900]),
  ),
  bike('Antivol en U', 'Acier trempé 16 mm, niveau de sécurité élevé, livré avec support.', unit(5490)),
  bike('Kit d’éclairage LED', 'Avant et arrière, rechargeables par USB, 4 heures d’autonomie.', unit(3990)),
  bike(
    'Chambre à air',
    'Valve Presta ou Schrader selon le modèle, précisez-le à la commande.',
    choices(['26 pouces', 690], ['28 pouces / 700c', 790]),
  ),
  bike(
    'Pneu urbain renforcé',
    'Bande anti-crevaison et flancs réfléchissants.',
    choices(['26 x 1,75', 2490], ['700 x 35c', 2690]),
  ),
  bike('Sacoche de porte-bagages', 'Étanche, fixation rapide, 20 litres.', unit(6900)),
  bike('Panier avant en osier', 'Osier tressé à la main, fixation au cintre.', unit(3900)),
  bike('Pompe à pied avec manomètre', 'Pour toutes les valves, jusqu’à 11 bars.', unit(3490)),
  bike(
    'Gants d’hiver',
    'Doublés et coupe-vent, paume renforcée.',
    choices(['S', 2990], ['M', 2990], ['L', 2990]),
  ),
  bike('Sonnette en laiton', 'Le son clair d’autrefois.', unit(1290)),
  bike('Béquille latérale', 'Réglable en hauteur, pour roues de 24 à 28 pouces.', unit(1990)),
  bike(
    'Garde-boue (paire)',
    'Polymère résistant, fixations fournies.',
    choices(['26 pouces', 2490], ['28 pouces', 2690]),
  ),
  bike(
    'Kit de réparation crevaison',
    'Rustines, colle, démonte-pneus et papier de verre dans une petite boîte.',
    unit(690),
  ),
  bike('Chaîne 8 vitesses', 'Avec attache rapide, compatible Shimano et SRAM.', unit(1890)),
  bike('Plaquettes de frein (paire)', 'Pour freins à disque, composé organique silencieux.', unit(1690)),
  bike('Huile pour chaîne', 'Lubrifiant toutes saisons, biodégradable.', choices(['100 ml', 890])),
  repair(
    'Réparation de crevaison',
    'Démontage, recherche de la fuite, rustine ou chambre neuve (chambre facturée en plus).',
    timed(['Roue avant', 20, 1200], ['Roue arrière', 30, 1500]),
  ),
  repair(
    'Révision complète',
    'Nettoyage, réglage des freins et des vitesses, contrôle du jeu de direction et des roues, graissage.',
    timed(['Vélo classique', 90, 6900], ['Vélo à assistance électrique', 120, 8900]),
  ),
  repair(
    'Réglage des freins',
    'Centrage, tension des câbles ou purge des freins hydrauliques.',
    timed(['Freins à patins', 30, 1500], ['Freins à disque hydrauliques', 45, 3500]),
  ),
  repair(
    'Réglage du dérailleur',
    'Pour des vitesses qui passent du premier coup.',
    timed(['Réglage', 30, 1800]),
  ),
  repair(
    'Changement de chaîne',
    'Pose d’une chaîne neuve et contrôle de l’usure des pignons (chaîne en sus).',
    timed(['Pose', 30, 1500]),
  ),
  repair(
    'Dévoilage de roue',
    'Retension des rayons pour une roue qui tourne rond.',
    timed(['Une roue', 30, 2000]),
  ),
  repair(
    'Montage d’accessoire',
    'Porte-bagages, panier, éclairage, béquille ou siège enfant.',
    timed(['Un accessoire', 20, 1000]),
  ),
  repair(
    'Diagnostic vélo électrique',
    'Lecture des codes d’erreur, test de la batterie et du moteur, devis détaillé.',
    timed(['Diagnostic', 45, 3000]),
  ),
  repair(
    'Marquage antivol Bicycode',
    'Gravure d’un numéro unique sur le cadre, enregistré au fichier national.',
    timed(['Marquage', 20, 1000]),
  ),
  rental(
    'Location de vélo',
    'Vélo de ville avec antivol et casque, pour découvrir les bords de Loire.',
    timed(['Demi-journée', 240, 1200], ['Journée', 480, 2000]),
  ),
]
