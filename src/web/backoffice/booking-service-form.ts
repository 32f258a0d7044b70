import { html } from 'ghtml'
import type { AppError, FieldProblem } from '../../lib/app-error.js'
import {
  CANCEL_HOURS_RANGE,
  MAX_BUFFER_MINUTES,
  MAX_HORIZON_DAYS,
  MAX_NOTICE_MINUTES,
  STEP_CHOICES,
  type Resource,
  type ServiceSettings,
} from '../../modules/bookings/index.js'
import { fieldMessage } from '../i18n/index.js'
import { field, selectField, type FormErrors } from '../views/components.js'
import { frenchDuration } from '../views/storefront-format.js'
import { text, wholeNumber, type FormBody } from './form-input.js'

type NumberField = Exclude<keyof ServiceSettings, 'resourceIds'>

/** The settings form as typed: numbers as strings, and the ids of the resources ticked. */
export type ServiceValues = Record<NumberField, string> & { resourceIds: string[] }

/** A new bookable service starts from these: the common case of a salon or a workshop. */
const DEFAULTS: Omit<ServiceSettings, 'resourceIds'> = { bufferBeforeMinutes: 0, bufferAfterMinutes: 0, stepMinutes: 15, noticeMinutes: 120, horizonDays: 60, cancelHoursBefore: 24 }

/** Notices a merchant picks from, in minutes: the module takes any whole number up to MAX_NOTICE_MINUTES. */
const NOTICE_CHOICES = [0, 15, 30, 60, 120, 180, 240, 360, 720, 1440, 2880, 4320, 7 * 1440, 14 * 1440, MAX_NOTICE_MINUTES]

/** The module's field problems, in words that say the bounds (rules.ts of the bookings module). */
const FIELD_TEXTS: Record<string, Record<string, string>> = {
  bufferBeforeMinutes: { out_of_range: `De 0 à ${MAX_BUFFER_MINUTES} minutes.` },
  bufferAfterMinutes: { out_of_range: `De 0 à ${MAX_BUFFER_MINUTES} minutes.` },
  stepMinutes: { out_of_range: 'Choisissez un des intervalles proposés.' },
  noticeMinutes: { out_of_range: 'Choisissez un des délais proposés.' },
  horizonDays: { out_of_range: `De 1 à ${MAX_HORIZON_DAYS} jours.` },
  cancelHoursBefore: { out_of_range: `De ${CANCEL_HOURS_RANGE.min} à ${CANCEL_HOURS_RANGE.max} heures (14 jours).` },
  resourceIds: { required: 'Cochez au moins une personne ou ressource.', invalid_format: 'Cochez chaque personne ou ressource une seule fois.' },
}

const resourceKey = (id: string) => `r_${id}`

export function serviceValuesOf(settings: ServiceSettings | undefined, resources: readonly Resource[]): ServiceValues {
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
  }
}

/** The form as typed, and the settings it asks for; an empty or unreadable number becomes NaN, which the module refuses. */
export function readServiceValues(body: FormBody, resources: readonly Resource[]): { values: ServiceValues; settings: ServiceSettings } {
  const read = (name: NumberField) => text(body, name, 20).trim()
  const values: ServiceValues = {
    bufferBeforeMinutes: read('bufferBeforeMinutes'),
    bufferAfterMinutes: read('bufferAfterMinutes'),
    stepMinutes: read('stepMinutes'),
    noticeMinutes: read('noticeMinutes'),
    horizonDays: read('horizonDays'),
    cancelHoursBefore: read('cancelHoursBefore'),
    resourceIds: resources.filter((r) => text(body, resourceKey(r.id), 5) === '1').map((r) => r.id),
  }
  const number = (value: string) => wholeNumber(value) ?? Number.NaN
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
    },
  }
}

/** Each problem next to its input, saying the bounds; an empty field says it is required. */
export function serviceErrors(error: AppError, values: ServiceValues): FormErrors {
  const errors: Record<string, string> = {}
  for (const p of (error.details.errors as FieldProblem[] | undefined) ?? []) {
    const typed = p.field in values && p.field !== 'resourceIds' ? values[p.field as NumberField] : undefined
    errors[p.field] ??= typed === '' ? fieldMessage('required') : (FIELD_TEXTS[p.field]?.[p.code] ?? fieldMessage(p.code))
  }
  return errors
}

const noticeLabel = (minutes: number) =>
  minutes === 0 ? 'Aucun : jusqu’au dernier moment' : minutes % 1440 === 0 ? `${minutes / 1440} jour${minutes >= 2880 ? 's' : ''}` : frenchDuration(minutes)

/** The settings fields (the page wraps them in its form with the CSRF token and the button). */
export function serviceFields(values: ServiceValues, errors: FormErrors, resources: readonly Resource[]): string {
  // A notice set through the API (say 90 minutes) stays selectable, so saving other settings keeps it.
  const typed = wholeNumber(values.noticeMinutes)
  const kept = typed !== undefined && typed >= 0 && typed <= MAX_NOTICE_MINUTES && !NOTICE_CHOICES.includes(typed)
  const notices = kept ? [...NOTICE_CHOICES, typed].sort((a, b) => a - b) : NOTICE_CHOICES
  const number = (name: NumberField, label: string, hint: string, min: number, max: number) =>
    field({ name, label, type: 'number', value: values[name], errors, hint, required: true, attrs: { inputmode: 'numeric', min, max, step: 1 } })
  const resourceError = errors.resourceIds
  return html`<fieldset class="resource-choice!${resourceError ? ' has-error' : ''}"!${resourceError ? ' aria-describedby="f-resourceIds-error"' : ''}>
      <legend>Qui fait cette prestation</legend>
      !${resourceError ? html`<p class="error" id="f-resourceIds-error">${resourceError}</p>` : ''}
      !${resources
        .map((r) => html`<label class="check"><input type="checkbox" name="${resourceKey(r.id)}" value="1"!${values.resourceIds.includes(r.id) ? ' checked' : ''} /> ${r.name}!${r.active ? '' : ' (en pause)'}</label>`)
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
    </fieldset>`
}
