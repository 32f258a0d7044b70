import { html } from 'ghtml'
import { formatEuros } from '../../../lib/french-format.js'
import { parseEuros } from '../../../lib/money.js'
import {
  CARD_HOLD_RANGE_CENTS,
  DEPOSIT_PERCENT_RANGE,
  depositDue,
  type DepositPolicy,
} from '../../../modules/bookings/index.js'
import { text, wholeNumber, type FormBody } from '../../forms.js'
import { fieldMessage } from '../../i18n/index.js'
import { field, type FormErrors } from '../../views/components.js'

/** « Garantie » as typed: the kind ticked, the card hold in euros and the deposit in percent, as strings. */
export interface DepositValues {
  kind: string
  amount: string
  percent: string
}

/** Where each of the module's deposit fields is shown in the form. */
const INPUT_OF: Record<string, keyof DepositValues> = {
  'deposit.kind': 'kind',
  'deposit.amountCents': 'amount',
  'deposit.percent': 'percent',
}
const inputName = (key: keyof DepositValues) => `deposit${key[0]!.toUpperCase()}${key.slice(1)}`

const FIELD_TEXTS: Record<string, Record<string, string>> = {
  'deposit.amountCents': {
    out_of_range: `De ${formatEuros(CARD_HOLD_RANGE_CENTS.min)} à ${formatEuros(CARD_HOLD_RANGE_CENTS.max)}, par exemple 20 ou 20,00.`,
  },
  'deposit.percent': {
    out_of_range: `De ${DEPOSIT_PERCENT_RANGE.min} à ${DEPOSIT_PERCENT_RANGE.max} % du prix, en nombre entier.`,
  },
}

export function depositValuesOf(policy: DepositPolicy | undefined): DepositValues {
  const p = policy ?? { kind: 'none' }
  return {
    kind: p.kind,
    amount: p.kind === 'card_hold' ? formatEuros(p.amountCents).replace(/\s*€$/, '') : '',
    percent: p.kind === 'deposit' ? String(p.percent) : '',
  }
}

/** The form as typed, and the policy it asks for; an unreadable amount becomes NaN, which the module refuses. */
export function readDepositValues(body: FormBody): { values: DepositValues; policy: DepositPolicy } {
  const values = {
    kind: text(body, inputName('kind'), 20),
    amount: text(body, inputName('amount'), 20).trim(),
    percent: text(body, inputName('percent'), 20).trim(),
  }
  const kind = values.kind || 'none'
  const policy: DepositPolicy =
    kind === 'card_hold'
      ? { kind, amountCents: values.amount === '' ? Number.NaN : (parseEuros(values.amount) ?? Number.NaN) }
      : kind === 'deposit'
        ? { kind, percent: wholeNumber(values.percent) ?? Number.NaN }
        : // An unknown kind goes to the module as typed: it answers deposit.kind.
          ({ kind } as DepositPolicy)
  return { values: { ...values, kind }, policy }
}

/** The French message of a deposit problem, keyed by the input it belongs to; undefined for another field. */
export function depositError(
  problem: { field: string; code: string },
  values: DepositValues,
): [string, string] | undefined {
  const key = INPUT_OF[problem.field]
  if (!key) return undefined
  const typed = key === 'kind' ? undefined : values[key]
  return [
    inputName(key),
    typed === ''
      ? fieldMessage('required')
      : (FIELD_TEXTS[problem.field]?.[problem.code] ?? fieldMessage(problem.code)),
  ]
}

/** « Garantie »: what a booking leaves, chosen among four, with the amount or the percent next to its choice. */
export function depositFields(
  values: DepositValues,
  errors: FormErrors,
  priceCents: number | undefined,
): string {
  const kindError = errors[inputName('kind')]
  const choice = (kind: string, label: string, hint: string, extra = '') =>
    html`<div class="deposit-choice">
      <label class="check"><input type="radio" name="${inputName('kind')}" value="${kind}"!${values.kind === kind ? ' checked' : ''} /> ${label}</label>
      <p class="hint">${hint}</p>
      !${extra}
    </div>`
  const percent = wholeNumber(values.percent)
  const example =
    priceCents !== undefined &&
    percent !== undefined &&
    Number.isFinite(percent) &&
    percent >= 1 &&
    percent <= 100
      ? ` Aujourd’hui : ${formatEuros(depositDue({ kind: 'deposit', percent }, priceCents)?.amountCents ?? 0)} sur ${formatEuros(priceCents)}.`
      : ''
  return html`<fieldset class="deposit-settings!${kindError ? ' has-error' : ''}"!${kindError ? ' aria-describedby="f-depositKind-error"' : ''}>
    <legend>Garantie</legend>
    <p class="hint">Ce que le client laisse en réservant en ligne, annoncé avant qu’il confirme. Tout est rendu s’il annule dans les délais ou si vous annulez.</p>
    !${kindError ? html`<p class="error" id="f-depositKind-error">${kindError}</p>` : ''}
    !${choice('none', 'Aucune', 'Le client réserve sans carte bancaire.')}
    !${choice(
      'card_hold',
      'Empreinte bancaire',
      'Le montant est réservé sur sa carte, rien n’est débité ; vous le prélevez seulement s’il ne vient pas.',
      field({
        name: inputName('amount'),
        label: 'Montant de l’empreinte (€)',
        value: values.amount,
        errors,
        hint: `De ${formatEuros(CARD_HOLD_RANGE_CENTS.min)} à ${formatEuros(CARD_HOLD_RANGE_CENTS.max)}.`,
        attrs: { inputmode: 'decimal' },
      }),
    )}
    !${choice(
      'deposit',
      'Acompte',
      'Une part du prix est débitée à la réservation et déduite de la note sur place ; gardée s’il ne vient pas.',
      field({
        name: inputName('percent'),
        label: 'Acompte (% du prix)',
        value: values.percent,
        errors,
        hint: `De ${DEPOSIT_PERCENT_RANGE.min} à ${DEPOSIT_PERCENT_RANGE.max} %.${example}`,
        attrs: { inputmode: 'numeric', min: 1, max: 100, step: 1 },
      }),
    )}
    !${choice('prepayment', 'Prépaiement', 'Le prix entier est débité à la réservation ; gardé s’il ne vient pas.')}
  </fieldset>`
}

/** « Empreinte bancaire de 20,00 € », « Acompte de 30 % (10,50 €) », « Prépaiement (35,00 €) », « Aucune ». */
export function depositPolicyText(policy: DepositPolicy, priceCents: number): string {
  const due = depositDue(policy, priceCents)
  if (policy.kind === 'card_hold') return `Empreinte bancaire de ${formatEuros(policy.amountCents)}`
  if (policy.kind === 'deposit')
    return `Acompte de ${policy.percent} %${due ? ` (${formatEuros(due.amountCents)})` : ''}`
  if (policy.kind === 'prepayment') return `Prépaiement (${formatEuros(priceCents)})`
  return 'Aucune'
}
