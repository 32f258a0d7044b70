import { html } from 'ghtml'
import type { AppError, FieldProblem } from '../../../lib/app-error.js'
import {
  CANCEL_HOURS_RANGE,
  MAX_BUFFER_MINUTES,
  MAX_HORIZON_DAYS,
  MAX_NOTICE_MINUTES,
  MAX_SEATS,
  STEP_CHOICES,
  type PartySettings,
  type Resource,
  type ServiceSettings,
} from '../../../modules/bookings/index.js'
import { frenchDuration } from '../../../lib/french-format.js'
import { fieldErrors, fieldProblemsOf, text, wholeNumber, type FormBody } from '../../forms.js'
import { fieldMessage } from '../../i18n/index.js'
import { field, selectField, type FormErrors } from '../../views/components.js'
import {
  depositError,
  depositFields,
  depositValuesOf,
  readDepositValues,
  type DepositValues,
} from './booking-deposit-form.js'
import { seatsText } from './booking-views.js'

type NumberField = Exclude<keyof ServiceSettings, 'resourceIds' | 'party' | 'deposit'>

/** The "by party" part as typed: whether it is ticked, and its numbers as strings (rows of durations, empty ones too). */
interface PartyValues {
  on: boolean
  maxParty: string
  onRequestFrom: string
  durations: Array<{ fromParty: string; minutes: string }>
}

/** The settings form as typed: numbers as strings, the ids of the resources ticked, and the booking by party. */
export type ServiceValues = Record<NumberField, string> & {
  resourceIds: string[]
  party: PartyValues
  deposit: DepositValues
}

/** Rows of "from N people: M minutes" offered; a service set through the API with more (up to 6) shows them all. */
const PARTY_ROWS = 3
const MAX_PARTY_ROWS = 6

/** A new bookable service starts from these: the common case of a salon or a workshop. */
const DEFAULTS: Omit<ServiceSettings, 'resourceIds'> = {
  bufferBeforeMinutes: 0,
  bufferAfterMinutes: 0,
  stepMinutes: 15,
  noticeMinutes: 120,
  horizonDays: 60,
  cancelHoursBefore: 24,
}

/** Notices a merchant picks from, in minutes: the module takes any whole number up to MAX_NOTICE_MINUTES. */
const NOTICE_CHOICES = [
  0,
  15,
  30,
  60,
  120,
  180,
  240,
  360,
  720,
  1440,
  2880,
  4320,
  7 * 1440,
  14 * 1440,
  MAX_NOTICE_MINUTES,
]

/** The module's field problems, in words that say the bounds (rules.ts of the bookings module). */
const FIELD_TEXTS: Record<string, Record<string, string>> = {
  bufferBeforeMinutes: { out_of_range: `De 0 à ${MAX_BUFFER_MINUTES} minutes.` },
  bufferAfterMinutes: { out_of_range: `De 0 à ${MAX_BUFFER_MINUTES} minutes.` },
  stepMinutes: { out_of_range: 'Choisissez un des intervalles proposés.' },
  noticeMinutes: { out_of_range: 'Choisissez un des délais proposés.' },
  horizonDays: { out_of_range: `De 1 à ${MAX_HORIZON_DAYS} jours.` },
  cancelHoursBefore: {
    out_of_range: `De ${CANCEL_HOURS_RANGE.min} à ${CANCEL_HOURS_RANGE.max} heures (14 jours).`,
  },
  resourceIds: {
    required: 'Cochez au moins une personne ou ressource.',
    invalid_format: 'Cochez chaque personne ou ressource une seule fois.',
    not_a_table: 'Pour réserver par couverts, ne cochez que des tables (avec des couverts).',
  },
  'party.maxParty': {
    out_of_range: `De 1 à ${MAX_SEATS} personnes.`,
    no_table_that_large: 'Aucune table cochée n’accueille autant de personnes.',
  },
  'party.durations': { invalid_format: 'Deux lignes ne peuvent pas commencer au même nombre de personnes.' },
  'party.durations.fromParty': { out_of_range: `De 1 à ${MAX_SEATS} personnes.` },
  // The bounds of party.ts in the bookings module (15 min to 8 h, on the five-minute grid).
  'party.durations.minutes': { out_of_range: 'De 15 à 480 minutes (8 h), par multiples de 5.' },
}

/** Where each of the module's party fields is shown in the form; a row of durations by its place among the rows filled. */
function partyInputOf(field: string, party: PartyValues): string | undefined {
  if (field === 'party.maxParty') return 'partyMax'
  if (field === 'party.onRequestFrom') return 'partyOnRequestFrom'
  if (field === 'party.durations') return 'partyDurations'
  const row = /^party\.durations\.(\d+)\.(fromParty|minutes)$/.exec(field)
  if (!row) return undefined
  const formRow = filledRows(party)[Number(row[1])]
  return formRow === undefined
    ? 'partyDurations'
    : `${row[2] === 'fromParty' ? 'partyFrom' : 'partyMinutes'}${formRow}`
}

/** The form's rows of durations that say something, in order: those the module numbers 0, 1, … */
const filledRows = (party: PartyValues) =>
  party.durations.flatMap((d, i) => (d.fromParty !== '' || d.minutes !== '' ? [i] : []))

const resourceKey = (id: string) => `r_${id}`

export function serviceValuesOf(
  settings: ServiceSettings | undefined,
  resources: readonly Resource[],
): ServiceValues {
  // A new service is offered with everyone who takes bookings ticked: the merchant unticks who does not do it.
  const s = settings ?? { ...DEFAULTS, resourceIds: resources.filter((r) => r.active).map((r) => r.id) }
  return {
    bufferBeforeMinutes: String(s.bufferBeforeMinutes),
    bufferAfterMinutes: String(s.bufferAfterMinutes),
    stepMinutes: String(s.stepMinutes),
    noticeMinutes: String(s.noticeMinutes),
    horizonDays: String(s.horizonDays),
    cancelHoursBefore: String(s.cancelHoursBefore),
    resourceIds: [...s.resourceIds],
    party: partyValuesOf(
      s.party,
      settings ? undefined : resources.filter((r) => s.resourceIds.includes(r.id)),
    ),
    deposit: depositValuesOf(settings?.deposit),
  }
}

/**
 * The party part of the form; for a new service (`ticked` given), booking by party starts ticked when everything
 * ticked is a table, with the largest table as the largest party (a restaurant's usual case).
 */
function partyValuesOf(
  party: PartySettings | undefined,
  ticked: readonly Resource[] | undefined,
): PartyValues {
  const rows = (durations: PartySettings['durations']) =>
    Array.from({ length: Math.max(PARTY_ROWS, durations.length) }, (_, i) => ({
      fromParty: durations[i] ? String(durations[i].fromParty) : '',
      minutes: durations[i] ? String(durations[i].minutes) : '',
    }))
  if (party)
    return {
      on: true,
      maxParty: String(party.maxParty),
      onRequestFrom: party.onRequestFrom === undefined ? '' : String(party.onRequestFrom),
      durations: rows(party.durations),
    }
  const tables = ticked?.filter((r) => r.seats) ?? []
  const allTables = ticked !== undefined && tables.length > 0 && tables.length === ticked.length
  return {
    on: allTables,
    maxParty: allTables ? String(Math.max(...tables.map((r) => r.seats!.max))) : '',
    onRequestFrom: '',
    durations: rows([]),
  }
}

/** The form as typed, and the settings it asks for; an empty or unreadable number becomes NaN, which the module refuses. */
export function readServiceValues(
  body: FormBody,
  resources: readonly Resource[],
): { values: ServiceValues; settings: ServiceSettings } {
  const read = (name: NumberField) => text(body, name, 20).trim()
  const values: ServiceValues = {
    bufferBeforeMinutes: read('bufferBeforeMinutes'),
    bufferAfterMinutes: read('bufferAfterMinutes'),
    stepMinutes: read('stepMinutes'),
    noticeMinutes: read('noticeMinutes'),
    horizonDays: read('horizonDays'),
    cancelHoursBefore: read('cancelHoursBefore'),
    resourceIds: resources.filter((r) => text(body, resourceKey(r.id), 5) === '1').map((r) => r.id),
    party: readPartyValues(body),
    deposit: { kind: 'none', amount: '', percent: '' },
  }
  const deposit = readDepositValues(body)
  values.deposit = deposit.values
  const number = (value: string) => wholeNumber(value) ?? Number.NaN
  const { party } = values
  // Unticked, the party numbers are kept as typed (shown again) but not asked for: the service is by person.
  const partySettings: PartySettings | undefined = party.on
    ? {
        maxParty: number(party.maxParty),
        onRequestFrom: party.onRequestFrom === '' ? undefined : number(party.onRequestFrom),
        durations: filledRows(party).map((i) => ({
          fromParty: number(party.durations[i]!.fromParty),
          minutes: number(party.durations[i]!.minutes),
        })),
      }
    : undefined
  return {
    values,
    settings: {
      bufferBeforeMinutes: number(values.bufferBeforeMinutes),
      bufferAfterMinutes: number(values.bufferAfterMinutes),
      stepMinutes: number(values.stepMinutes),
      noticeMinutes: number(values.noticeMinutes),
      horizonDays: number(values.horizonDays),
      cancelHoursBefore: number(values.cancelHoursBefore),
      resourceIds: values.resourceIds,
      party: partySettings,
      deposit: deposit.policy,
    },
  }
}

function readPartyValues(body: FormBody): PartyValues {
  const read = (name: string) => text(body, name, 20).trim()
  const durations = Array.from({ length: MAX_PARTY_ROWS }, (_, i) => ({
    fromParty: read(`partyFrom${i}`),
    minutes: read(`partyMinutes${i}`),
  }))
  // Rows past the usual three exist only when a service came with more; empty ones there are not shown again.
  const last = durations.findLastIndex((d) => d.fromParty !== '' || d.minutes !== '')
  return {
    on: text(body, 'party', 5) === '1',
    maxParty: read('partyMax'),
    onRequestFrom: read('partyOnRequestFrom'),
    durations: durations.slice(0, Math.max(PARTY_ROWS, last + 1)),
  }
}

/** Each problem next to its input, saying the bounds; an empty field says it is required. */
export function serviceErrors(error: AppError, values: ServiceValues): FormErrors {
  const isParty = (p: FieldProblem) => p.field.startsWith('party.')
  return fieldErrors(fieldProblemsOf(error), {
    inputOf: (p) =>
      depositError(p, values.deposit)?.[0] ?? (isParty(p) ? partyInputOf(p.field, values.party) : p.field),
    typed: values,
    wordsFor: (p, input) =>
      depositError(p, values.deposit)?.[1] ??
      (!isParty(p)
        ? FIELD_TEXTS[p.field]?.[p.code]
        : partyTyped(values.party, input) === ''
          ? fieldMessage('required')
          : partyText(p.field, p.code, values.party)),
  })
}

/** What was typed in a party input ('' when empty); undefined for the rows as a whole. */
function partyTyped(party: PartyValues, input: string): string | undefined {
  if (input === 'partyMax') return party.maxParty
  const row = /^party(From|Minutes)(\d+)$/.exec(input)
  const d = row ? party.durations[Number(row[2])] : undefined
  return d ? (row![1] === 'From' ? d.fromParty : d.minutes) : undefined
}

function partyText(field: string, code: string, party: PartyValues): string {
  if (field === 'party.onRequestFrom') {
    const max = wholeNumber(party.maxParty)
    const upTo =
      max !== undefined && max >= 2 && max <= MAX_SEATS
        ? `De 2 à ${max} personnes (le groupe le plus grand en ligne)`
        : 'De 2 personnes au groupe le plus grand en ligne'
    return `${upTo} ; laissez vide pour ne jamais demander.`
  }
  const key = field.replace(/^party\.durations\.\d+\./, 'party.durations.')
  return FIELD_TEXTS[key]?.[code] ?? fieldMessage(code)
}

const noticeLabel = (minutes: number) =>
  minutes === 0
    ? 'Aucun : jusqu’au dernier moment'
    : minutes % 1440 === 0
      ? `${minutes / 1440} jour${minutes >= 2880 ? 's' : ''}`
      : frenchDuration(minutes)

/** The settings fields (the page wraps them in its form with the CSRF token and the button). */
export function serviceFields(
  values: ServiceValues,
  errors: FormErrors,
  resources: readonly Resource[],
  priceCents?: number,
): string {
  // A notice set through the API (say 90 minutes) stays selectable, so saving other settings keeps it.
  const typed = wholeNumber(values.noticeMinutes)
  const kept =
    typed !== undefined && typed >= 0 && typed <= MAX_NOTICE_MINUTES && !NOTICE_CHOICES.includes(typed)
  const notices = kept ? [...NOTICE_CHOICES, typed].sort((a, b) => a - b) : NOTICE_CHOICES
  const number = (name: NumberField, label: string, hint: string, min: number, max: number) =>
    field({
      name,
      label,
      type: 'number',
      value: values[name],
      errors,
      hint,
      required: true,
      attrs: { inputmode: 'numeric', min, max, step: 1 },
    })
  const resourceError = errors.resourceIds
  return html`<fieldset class="resource-choice!${resourceError ? ' has-error' : ''}"!${resourceError ? ' aria-describedby="f-resourceIds-error"' : ''}>
      <legend>Qui fait cette prestation</legend>
      !${resourceError ? html`<p class="error" id="f-resourceIds-error">${resourceError}</p>` : ''}
      !${resources
        .map(
          (r) =>
            html`<label class="check"><input type="checkbox" name="${resourceKey(r.id)}" value="1"!${values.resourceIds.includes(r.id) ? ' checked' : ''} /> ${r.name}!${r.seats ? html` (${seatsText(r.seats)})` : ''}!${r.active ? '' : ' (en pause)'}</label>`,
        )
        .join('')}
      <p class="hint">Le client choisit parmi elles, ou prend la première libre.</p>
    </fieldset>
    <fieldset>
      <legend>Créneaux proposés</legend>
      !${selectField({ name: 'stepMinutes', label: 'Un début de rendez-vous toutes les', value: values.stepMinutes, errors, options: STEP_CHOICES.map((m) => ({ value: String(m), label: frenchDuration(m) })) })}
      <div class="row-2">
        !${number('bufferBeforeMinutes', 'Préparation avant (minutes)', `Temps bloqué avant chaque rendez-vous, de 0 à ${MAX_BUFFER_MINUTES}.`, 0, MAX_BUFFER_MINUTES)}
        !${number('bufferAfterMinutes', 'Rangement après (minutes)', `Temps bloqué après chaque rendez-vous, de 0 à ${MAX_BUFFER_MINUTES}.`, 0, MAX_BUFFER_MINUTES)}
      </div>
    </fieldset>
    <fieldset>
      <legend>Quand réserver et annuler</legend>
      !${selectField({ name: 'noticeMinutes', label: 'Délai minimum avant le rendez-vous', value: values.noticeMinutes, errors, options: notices.map((m) => ({ value: String(m), label: noticeLabel(m) })) })}
      !${number('horizonDays', 'Réservable jusqu’à (jours à l’avance)', `Aujourd’hui compte pour le premier jour ; de 1 à ${MAX_HORIZON_DAYS}.`, 1, MAX_HORIZON_DAYS)}
      !${number('cancelHoursBefore', 'Annulation en ligne jusqu’à (heures avant)', `Ensuite, le client doit vous appeler ; de ${CANCEL_HOURS_RANGE.min} à ${CANCEL_HOURS_RANGE.max} heures.`, CANCEL_HOURS_RANGE.min, CANCEL_HOURS_RANGE.max)}
    </fieldset>
    !${
      resources.some((r) => r.seats) || values.party.on
        ? partyFields(values.party, errors)
        : html`<p class="hint">Un restaurant ? Donnez des couverts à ses tables (dans leurs réglages) pour réserver par nombre de personnes.</p>`
    }
    !${depositFields(values.deposit, errors, priceCents)}`
}

/** "Réservation par table": ticked, residents say how many they are and get the smallest free table that seats them. */
function partyFields(party: PartyValues, errors: FormErrors): string {
  const count = (name: string, label: string, value: string, hint?: string) =>
    field({
      name,
      label,
      type: 'number',
      value,
      errors,
      ...(hint ? { hint } : {}),
      attrs: { inputmode: 'numeric', min: 1, max: MAX_SEATS, step: 1 },
    })
  const rowsError = errors.partyDurations
  return html`<fieldset class="party-settings">
    <legend>Réservation par table (restaurant)</legend>
    <label class="check"><input type="checkbox" name="party" value="1"!${party.on ? ' checked' : ''} /> Réserver par nombre de couverts</label>
    <p class="hint">Le client indique combien ils sont et reçoit la plus petite table libre qui les accueille. Ne cochez alors que des tables ci-dessus.</p>
    <div class="row-2">
      !${count('partyMax', 'Groupe le plus grand en ligne (personnes)', party.maxParty, `Au-delà, le client vous appelle ; de 1 à ${MAX_SEATS}.`)}
      !${count('partyOnRequestFrom', 'Sur demande à partir de (personnes)', party.onRequestFrom, 'Ces groupes envoient une demande : vous la confirmez ou la refusez depuis le calendrier. Vide : jamais.')}
    </div>
    <fieldset class="party-durations!${rowsError ? ' has-error' : ''}" aria-describedby="f-partyDurations-hint!${rowsError ? ' f-partyDurations-error' : ''}">
      <legend>Durée selon le groupe</legend>
      <p class="hint" id="f-partyDurations-hint">Sans ligne qui s’applique, la durée de la prestation. De 15 à 480 minutes ; lignes vides ignorées.</p>
      !${rowsError ? html`<p class="error" id="f-partyDurations-error">${rowsError}</p>` : ''}
      !${party.durations
        .map(
          (d, i) => html`<div class="row-2" role="group" aria-label="Ligne ${String(i + 1)}">
            !${count(`partyFrom${i}`, 'À partir de (personnes)', d.fromParty)}
            !${field({ name: `partyMinutes${i}`, label: 'Durée (minutes)', type: 'number', value: d.minutes, errors, attrs: { inputmode: 'numeric', min: 15, max: 480, step: 5 } })}
          </div>`,
        )
        .join('')}
    </fieldset>
  </fieldset>`
}
