import { html } from 'ghtml'
import type { AppError } from '../../../lib/app-error.js'
import {
  MAX_SEATS,
  type Resource,
  type ResourceInput,
  type ResourceKind,
} from '../../../modules/bookings/index.js'
import { fieldErrors, fieldProblemsOf, text, wholeNumber, type FormBody } from '../../forms.js'
import { fieldMessage } from '../../i18n/index.js'
import { field, type FormErrors } from '../../views/components.js'

/** What a merchant chooses: the module's two kinds, and a table (to the module, a resource with seats). */
const CHOICES: Record<ResourceKind | 'table', string> = {
  staff: 'Personne',
  resource: 'Ressource (fauteuil, salle…)',
  table: 'Table (restaurant)',
}

/** The name, kind and seats as typed (a table's kind reads 'table'). */
export interface ResourceValues {
  name: string
  kind: string
  seatsMin: string
  seatsMax: string
}

export const blankResource = (): ResourceValues => ({ name: '', kind: 'staff', seatsMin: '', seatsMax: '' })

export const resourceValuesOf = (r: Resource): ResourceValues => ({
  name: r.name,
  kind: r.seats ? 'table' : r.kind,
  seatsMin: r.seats ? String(r.seats.min) : '',
  seatsMax: r.seats ? String(r.seats.max) : '',
})

const STAFF_WITH_SEATS =
  'Une personne ne se réserve pas par couverts : choisissez « Table », ou videz les couverts.'

/**
 * The form as typed and what it asks of the module. Couverts filled make a table (kind 'resource'), as does the
 * "Table" choice; an empty "de" means 1, an empty "à" reaches the module as NaN, which it refuses. The seats are
 * always sent as the form shows them: the module clears a resource's seats when an update names none, so a table
 * renamed keeps its seats only because they are in the form.
 */
export function readResourceValues(body: FormBody): {
  values: ResourceValues
  input: ResourceInput | undefined
  errors: FormErrors
} {
  const values: ResourceValues = {
    name: text(body, 'name', 200),
    kind: text(body, 'kind', 20),
    seatsMin: text(body, 'seatsMin', 20).trim(),
    seatsMax: text(body, 'seatsMax', 20).trim(),
  }
  const hasSeats = values.seatsMin !== '' || values.seatsMax !== ''
  if (values.kind === 'staff' && hasSeats)
    return { values, input: undefined, errors: { kind: STAFF_WITH_SEATS } }
  const isTable = values.kind === 'table' || hasSeats
  const number = (value: string) => wholeNumber(value) ?? Number.NaN
  const seats = isTable
    ? { min: values.seatsMin === '' ? 1 : number(values.seatsMin), max: number(values.seatsMax) }
    : undefined
  return {
    values,
    input: { name: values.name, kind: (isTable ? 'resource' : values.kind) as ResourceKind, seats },
    errors: {},
  }
}

/** The module's problems next to their inputs, saying the bounds (party.ts of the bookings module). */
export function resourceErrors(error: AppError, values: ResourceValues): FormErrors {
  const min = wholeNumber(values.seatsMin)
  const texts: Record<string, { input: string; required: string; out_of_range: string }> = {
    'seats.min': {
      input: 'seatsMin',
      required: fieldMessage('required'),
      out_of_range: `De 1 à ${MAX_SEATS} couverts.`,
    },
    'seats.max': {
      input: 'seatsMax',
      required: 'Indiquez jusqu’à combien de personnes la table accueille.',
      out_of_range:
        min !== undefined && Number.isInteger(min) && min >= 1 && min <= MAX_SEATS
          ? `De ${min} (le minimum) à ${MAX_SEATS} couverts.`
          : `Au plus ${MAX_SEATS} couverts, et pas moins que le minimum.`,
    },
  }
  return fieldErrors(fieldProblemsOf(error), {
    inputOf: (p) => texts[p.field]?.input ?? p.field,
    wordsFor: (p) => {
      const seat = texts[p.field]
      if (!seat) return undefined
      return values[seat.input as 'seatsMin' | 'seatsMax'] === ''
        ? seat.required
        : p.code === 'out_of_range'
          ? seat.out_of_range
          : undefined
    },
  })
}

/** Name, kind (Personne / Ressource / Table) and a table's couverts, with each problem under its input. */
export function resourceFields(values: ResourceValues, errors: FormErrors, nameHint?: string): string {
  const kindError = errors.kind
  const seatsError = errors.seatsMin ?? errors.seatsMax
  const seat = (name: 'seatsMin' | 'seatsMax', label: string) =>
    field({
      name,
      label,
      type: 'number',
      value: values[name],
      errors,
      attrs: { inputmode: 'numeric', min: 1, max: MAX_SEATS, step: 1 },
    })
  return html`!${field({ name: 'name', label: 'Nom', value: values.name, errors, required: true, ...(nameHint ? { hint: nameHint } : {}), attrs: { maxlength: 80, autocomplete: 'off' } })}
    <fieldset class="choice!${kindError ? ' has-error' : ''}"!${kindError ? ' aria-describedby="f-kind-error"' : ''}>
      <legend>Type</legend>
      !${(Object.keys(CHOICES) as Array<keyof typeof CHOICES>)
        .map(
          (kind) =>
            html`<label><input type="radio" name="kind" value="${kind}"!${values.kind === kind ? ' checked' : ''} /> ${CHOICES[kind]}</label>`,
        )
        .join('')}
      !${kindError ? html`<p class="error" id="f-kind-error">${kindError}</p>` : ''}
    </fieldset>
    <fieldset class="seats!${seatsError ? ' has-error' : ''}" aria-describedby="f-seats-hint">
      <legend>Couverts (pour une table)</legend>
      <p class="hint" id="f-seats-hint">Le nombre de personnes que la table accueille, de 1 à ${MAX_SEATS}. Une table se réserve par nombre de personnes ; laissez vide pour une personne ou une ressource.</p>
      <div class="row-2">
        !${seat('seatsMin', 'De')}
        !${seat('seatsMax', 'À')}
      </div>
    </fieldset>`
}
