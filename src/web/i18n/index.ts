import type { Translate } from '../../http/problem-details.js'
import type { Order } from '../../modules/ordering/index.js'
import { fr } from './fr.js'

/** French is the only complete catalogue; an unknown key falls back to the given text, then to the key. */
export const t: Translate = (key, fallback) => fr[key] ?? fallback ?? key

/** Why an order was cancelled, as pages and mails say it: the words given when cancelling (the shop's), else the code's. */
export const cancelReasonText = (order: Pick<Order, 'cancelReason' | 'cancelNote'>): string | undefined =>
  order.cancelNote ?? (order.cancelReason && t(`order.cancel_reason.${order.cancelReason}`))

/** The message for a field problem code ('required' → "Ce champ est obligatoire."). */
export const fieldMessage = (code: string) => fr[`field.${code}`] ?? fr['field.invalid_format']!

export const WEEKDAYS_FR = ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche'] as const
