import { html } from 'ghtml'
import { depositSentence } from '../../lib/deposit-words.js'
import { formatEuros } from '../../lib/french-format.js'
import type { BookingDeposit } from '../../modules/bookings/index.js'
import { TEST_CARD_TOKENS } from '../../modules/payments/index.js'

/** The test card the resident picked ('' when the form showed no card: nothing is sent to the provider). */
export type TestCardChoice = 'accepted' | 'declined' | ''

export const readTestCard = (value: string): TestCardChoice =>
  value === 'declined' ? 'declined' : value === 'accepted' ? 'accepted' : ''

/** What bookAppointment gets: the built-in test provider's token for the choice, or nothing. */
export const testCardPayment = (choice: TestCardChoice) =>
  choice
    ? {
        method: 'test_card',
        token: choice === 'declined' ? TEST_CARD_TOKENS.declined : TEST_CARD_TOKENS.accepted,
      }
    : undefined

/**
 * The guarantee, said before the button (UX-16): how much, what happens to it, until when cancelling is free;
 * `forced` when the shop asks it after missed bookings (UX-18), `isRequest` when the card waits for the shop's yes.
 */
export function depositNotice(
  deposit: BookingDeposit,
  cancelDeadline: string,
  forced: boolean,
  isRequest: boolean,
): string {
  const sentence = depositSentence(deposit, `jusqu’à ${cancelDeadline}`)
  return html`<div class="deposit-notice" role="note">
    !${forced ? html`<p>Après plusieurs rendez-vous manqués, ce commerce demande une garantie pour réserver en ligne.</p>` : ''}
    <p><strong>${sentence}</strong></p>
    !${isRequest && deposit.kind !== 'card_hold' ? html`<p class="hint">Pour une demande, votre carte n’est débitée que si le commerce la confirme ; s’il la refuse, rien n’est débité.</p>` : ''}
  </div>`
}

/**
 * The card, as the provider's page would hand it back: here the built-in test provider (no real card, no money;
 * card data never reaches Comptoir, LAW H1). The checkout offers the same test card.
 */
export function testCardFields(choice: TestCardChoice, error: string | undefined): string {
  const chosen = choice || 'accepted'
  return html`<fieldset class="test-card!${error ? ' has-error' : ''}"!${error ? ' aria-describedby="f-carteTest-error"' : ''}>
    <legend>Carte bancaire (paiement de test)</legend>
    !${error ? html`<p class="error" id="f-carteTest-error">${error}</p>` : ''}
    <label class="choice"><input type="radio" name="carteTest" value="accepted"!${chosen === 'accepted' ? ' checked' : ''} /> Carte de test acceptée</label>
    <label class="choice"><input type="radio" name="carteTest" value="declined"!${chosen === 'declined' ? ' checked' : ''} /> Carte de test refusée</label>
    <p class="hint">Aucune vraie carte : le paiement de test montre ce qui se passe avec une carte acceptée ou refusée.</p>
  </fieldset>`
}

/** The button says when booking means paying (LAW F5): « Réserver et payer 10,50 € ». */
export function bookButtonLabel(deposit: BookingDeposit | undefined, isRequest: boolean): string {
  if (isRequest) return 'Envoyer ma demande'
  if (deposit && deposit.kind !== 'card_hold') return `Réserver et payer ${formatEuros(deposit.amountCents)}`
  return deposit ? 'Réserver avec empreinte bancaire' : 'Réserver'
}
