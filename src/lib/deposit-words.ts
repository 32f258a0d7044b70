import { formatEuros } from './french-format.js'

/** A booking's guarantee as its messages name it (decision 006, "Deposits"). */
export interface DepositTerms {
  kind: 'card_hold' | 'deposit' | 'prepayment'
  amountCents: number
}

/**
 * How a booking's price is paid, after « Prix : »: all on site, on site less the deposit, or already online.
 * '' for a free booking (a restaurant's table: the bill comes at the table).
 */
export function pricePaidHow(priceCents: number, deposit: DepositTerms | undefined): string {
  if (priceCents <= 0) return ''
  const price = `${formatEuros(priceCents)} TTC`
  if (deposit?.kind === 'prepayment') return `${price}, déjà réglé en ligne`
  if (deposit?.kind === 'deposit')
    return `${price}, à régler sur place moins l’acompte de ${formatEuros(deposit.amountCents)}`
  return `${price}, à régler sur place`
}

/**
 * The guarantee in one French sentence, said before the resident confirms and in the confirmation (UX-16):
 * what happens to the money, and until when cancelling costs nothing. `until` carries its preposition:
 * « avant le mardi 24 novembre à 11:00 » once the time is known, « jusqu’à 24 h avant le rendez-vous » before.
 */
export function depositSentence(deposit: DepositTerms, until: string): string {
  const amount = formatEuros(deposit.amountCents)
  if (deposit.kind === 'card_hold')
    return `Empreinte bancaire de ${amount} : rien n’est débité si vous venez ou annulez ${until}. Si vous ne venez pas, les ${amount} sont débités.`
  const what =
    deposit.kind === 'deposit'
      ? `Acompte de ${amount} débité à la réservation et déduit de votre note sur place`
      : `Prépaiement de ${amount} débité à la réservation`
  return `${what} : remboursé si vous annulez ${until} ou si le commerce annule ; gardé si vous ne venez pas.`
}
