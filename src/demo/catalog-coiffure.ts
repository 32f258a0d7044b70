import { choices, shelf, timed, unit, type DemoItem } from './catalog-item.js'

const hair = shelf('coiffure', 2000, 'service')
const care = shelf('soins', 2000)

export const COIFFURE_ITEMS: DemoItem[] = [
  hair(
    'Coupe homme',
    'Shampoing, coupe aux ciseaux ou à la tondeuse, coiffage.',
    timed(['Coupe', 30, 2200], ['Coupe et barbe', 45, 3200]),
  ),
  hair(
    'Coupe femme',
    'Shampoing, diagnostic, coupe et séchage naturel.',
    timed(['Cheveux courts', 45, 3500], ['Cheveux mi-longs', 60, 4200], ['Cheveux longs', 75, 4900]),
  ),
  hair(
    'Coupe enfant',
    'Pour les moins de douze ans, avec un diplôme du courage à la clé.',
    timed(['Moins de 12 ans', 20, 1500]),
  ),
  hair(
    'Shampoing, coupe et brushing',
    'La formule complète pour repartir coiffée.',
    timed(['Cheveux courts', 60, 4500], ['Cheveux mi-longs', 75, 5200], ['Cheveux longs', 90, 5900]),
  ),
  hair(
    'Brushing',
    'Shampoing et mise en forme à la brosse.',
    timed(['Cheveux courts', 30, 2500], ['Cheveux mi-longs', 40, 3000], ['Cheveux longs', 50, 3500]),
  ),
  hair(
    'Couleur',
    'Coloration sans ammoniaque, teinte choisie ensemble.',
    timed(['Racines', 60, 4200], ['Complète', 90, 5900]),
  ),
  hair(
    'Balayage',
    'Éclaircissement naturel à main levée, patine incluse.',
    timed(['Cheveux courts', 105, 7500], ['Cheveux longs', 150, 9900]),
  ),
  hair(
    'Mèches',
    'Mèches au papier pour un effet lumineux.',
    timed(['Demi-tête', 90, 5900], ['Tête complète', 120, 7900]),
  ),
  hair(
    'Décoloration',
    'Avec soin protecteur des fibres, sur diagnostic préalable.',
    timed(['Racines', 75, 5500], ['Complète', 120, 8500]),
  ),
  hair(
    'Permanente',
    'Boucles souples et durables, adaptées à la nature de vos cheveux.',
    timed(['Cheveux courts', 90, 6500], ['Cheveux longs', 120, 8500]),
  ),
  hair(
    'Lissage brésilien',
    'Lissage à la kératine qui dure trois à quatre mois.',
    timed(['Cheveux mi-longs', 150, 15000], ['Cheveux longs', 180, 19000]),
  ),
  hair(
    'Soin profond à la kératine',
    'Masque réparateur et massage, pour les cheveux abîmés.',
    timed(['Soin', 30, 2500]),
  ),
  hair('Soin du cuir chevelu', 'Gommage doux et massage relaxant.', timed(['Soin', 30, 2200])),
  hair(
    'Chignon de soirée',
    'Attache haute ou basse, pour un mariage ou une soirée.',
    timed(['Chignon', 60, 5500]),
  ),
  hair(
    'Coiffure de mariée',
    'Un essai quelques semaines avant, puis le jour J au salon ou à domicile.',
    timed(['Essai', 60, 6000], ['Jour J', 90, 12000]),
  ),
  hair('Taille de barbe', 'Tracé, taille et huile à barbe.', timed(['Taille', 20, 1500])),
  hair('Rasage à l’ancienne', 'Serviette chaude, blaireau et coupe-chou.', timed(['Rasage', 30, 2800])),
  hair('Coupe tondeuse', 'Une seule hauteur, rapide et nette.', timed(['Coupe', 15, 1300])),
  hair(
    'Forfait étudiant',
    'Shampoing, coupe et coiffage sur présentation de la carte étudiante.',
    timed(['Forfait', 40, 2500]),
  ),
  care(
    'Shampoing doux usage fréquent',
    'Base lavante douce, pour tous les types de cheveux.',
    choices(['250 ml', 1490], ['500 ml', 2490]),
  ),
  care(
    'Shampoing cheveux colorés',
    'Préserve l’éclat de la couleur, sans sulfates.',
    choices(['250 ml', 1690], ['500 ml', 2790]),
  ),
  care('Shampoing solide', 'Zéro emballage plastique, dure autant que deux flacons.', unit(1190)),
  care('Après-shampoing nourrissant', 'Démêle et nourrit sans alourdir.', choices(['200 ml', 1590])),
  care('Masque réparateur', 'À l’huile d’argan, pour les longueurs sèches.', choices(['200 ml', 2290])),
  care('Sérum anti-frisottis', 'Quelques gouttes sur cheveux secs ou humides.', choices(['50 ml', 1990])),
  care('Huile sèche pour cheveux', 'Nourrit et fait briller, sans effet gras.', choices(['100 ml', 2190])),
  care('Spray coiffant', 'Tenue souple, se brosse facilement.', choices(['150 ml', 1490])),
  care(
    'Cire coiffante mate',
    'Fixation forte et fini naturel, pour cheveux courts.',
    choices(['75 ml', 1690]),
  ),
  care('Huile à barbe', 'Cèdre et bergamote, adoucit la barbe et la peau.', choices(['30 ml', 1890])),
  care('Brosse en poils de sanglier', 'Manche en hêtre, pour lisser et faire briller.', unit(3490)),
  care('Peigne en bois', 'Taillé dans du bois de poirier, antistatique.', unit(990)),
]
