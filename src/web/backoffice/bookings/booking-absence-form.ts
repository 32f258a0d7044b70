import { html } from 'ghtml'
import type { AppError, FieldProblem } from '../../../lib/app-error.js'
import { frenchDate, frenchMinuteOfDay } from '../../../lib/french-format.js'
import { addDays, fromZoned, isValidLocalDate, parseTimeOfDay, toZoned } from '../../../lib/zoned-time.js'
import type { Absence } from '../../../modules/bookings/index.js'
import { fieldErrors, fieldProblemsOf, text, type FormBody } from '../../forms.js'
import { fieldMessage, t } from '../../i18n/index.js'
import { field, type FormErrors } from '../../views/components.js'

/** The absence form as typed: dates and times on the shop's wall clock, as the date and time inputs send them. */
export interface AbsenceValues {
  startDate: string
  startTime: string
  endDate: string
  endTime: string
  reason: string
}

export const emptyAbsence = (today: string): AbsenceValues => ({
  startDate: today,
  startTime: '',
  endDate: '',
  endTime: '',
  reason: '',
})

const TIME_HINT = 'Indiquez une heure, par exemple 09:00, ou laissez vide pour la journée entière.'

/**
 * Reads the form into the instants the module takes. Most absences are whole days ("congés du 1er au 5"), so
 * an empty start time means the start of the first day, an empty end date the first day again, and an empty
 * end time the end of the last day. Problems the form can see on its own are named by its own inputs.
 */
export function readAbsence(
  body: FormBody,
  timeZone: string,
): {
  values: AbsenceValues
  input?: { startsAt: string; endsAt: string; reason: string }
  errors: FormErrors
} {
  const values: AbsenceValues = {
    startDate: text(body, 'startDate', 20).trim(),
    startTime: text(body, 'startTime', 10).trim(),
    endDate: text(body, 'endDate', 20).trim(),
    endTime: text(body, 'endTime', 10).trim(),
    reason: text(body, 'reason', 300).trim(),
  }
  const errors: Record<string, string> = {}
  if (!isValidLocalDate(values.startDate))
    errors.startDate = fieldMessage(values.startDate ? 'invalid_date' : 'required')
  const endDate = values.endDate || values.startDate
  if (values.endDate && !isValidLocalDate(values.endDate)) errors.endDate = fieldMessage('invalid_date')
  const startMinute = values.startTime ? parseTimeOfDay(values.startTime) : 0
  if (startMinute === undefined || startMinute >= 1440) errors.startTime = TIME_HINT
  // "24:00" cannot be typed in a time input, but an empty end time stands for it: the end of the last day.
  const endMinute = values.endTime ? parseTimeOfDay(values.endTime) : 1440
  if (endMinute === undefined) errors.endTime = TIME_HINT
  if (Object.keys(errors).length > 0 || startMinute === undefined || endMinute === undefined)
    return { values, errors }
  return {
    values,
    input: {
      startsAt: fromZoned(values.startDate, startMinute, timeZone).toISOString(),
      endsAt: fromZoned(endDate, endMinute, timeZone).toISOString(),
      reason: values.reason,
    },
    errors,
  }
}

/** The module's problems next to the input that caused them: an end before the start by its date, or by its time. */
export function absenceErrors(error: AppError, values: AbsenceValues): FormErrors {
  const endsBeforeStart = (p: FieldProblem) => p.field === 'endsAt' && p.code === 'ends_before_start'
  const endInput =
    (values.endDate || values.startDate) < values.startDate || !values.endTime ? 'endDate' : 'endTime'
  const errors = fieldErrors(fieldProblemsOf(error), {
    inputOf: (p) => (endsBeforeStart(p) ? endInput : ABSENCE_INPUT[p.field]),
    wordsFor: (p) =>
      endsBeforeStart(p)
        ? 'La fin de l’absence doit venir après son début.'
        : p.field === 'reason'
          ? 'Le motif compte 200 caractères au plus.'
          : undefined,
  })
  if (Object.keys(errors).length === 0) errors.startDate = t(error.code)
  return errors
}

const ABSENCE_INPUT: Record<string, string> = { startsAt: 'startDate', endsAt: 'endDate', reason: 'reason' }

/** "le lundi 24 novembre de 14 h à 16 h", "du lundi 1 décembre au vendredi 5 décembre (journées entières)", on the shop's clock. */
export function absenceText(a: Absence, timeZone: string): string {
  const start = toZoned(new Date(a.startsAt), timeZone)
  const end = toZoned(new Date(a.endsAt), timeZone)
  if (start.minuteOfDay === 0 && end.minuteOfDay === 0) {
    const lastDay = addDays(end.date, -1)
    return lastDay === start.date
      ? `le ${frenchDate(start.date)} (toute la journée)`
      : `du ${frenchDate(start.date)} au ${frenchDate(lastDay)} (journées entières)`
  }
  if (start.date === end.date)
    return `le ${frenchDate(start.date)} de ${frenchMinuteOfDay(start.minuteOfDay)} à ${frenchMinuteOfDay(end.minuteOfDay)}`
  return `du ${frenchDate(start.date)} à ${frenchMinuteOfDay(start.minuteOfDay)} au ${frenchDate(end.date)} à ${frenchMinuteOfDay(end.minuteOfDay)}`
}

/** The fields of the absence form (the page wraps them in its form, with its CSRF token and button). */
export function absenceFields(values: AbsenceValues, errors: FormErrors): string {
  return html`<fieldset>
      <legend>Début (heure du commerce)</legend>
      <div class="row-2">
        !${field({ name: 'startDate', label: 'Premier jour', type: 'date', value: values.startDate, errors, required: true })}
        !${field({ name: 'startTime', label: 'À partir de', type: 'time', value: values.startTime, errors, hint: 'Vide : dès le début de la journée.', attrs: { step: 300 } })}
      </div>
    </fieldset>
    <fieldset>
      <legend>Fin (heure du commerce)</legend>
      <div class="row-2">
        !${field({ name: 'endDate', label: 'Dernier jour', type: 'date', value: values.endDate, errors, hint: 'Vide : le même jour.' })}
        !${field({ name: 'endTime', label: 'Jusqu’à', type: 'time', value: values.endTime, errors, hint: 'Vide : jusqu’à la fin de la journée.', attrs: { step: 300 } })}
      </div>
    </fieldset>
    !${field({ name: 'reason', label: 'Motif (facultatif)', value: values.reason, errors, hint: 'Par exemple : congés, formation. Les clients ne le voient pas.', attrs: { maxlength: 200 } })}`
}
