import type { Translate } from '../../http/problem-details.js'
import { fr } from './fr.js'

/** French is the only complete catalogue; an unknown key falls back to the given text, then to the key. */
export const t: Translate = (key, fallback) => fr[key] ?? fallback ?? key

/** The message for a field problem code ('required' → "Ce champ est obligatoire."). */
export const fieldMessage = (code: string) => fr[`field.${code}`] ?? fr['field.invalid_format']!

export const WEEKDAYS_FR = ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche'] as const
