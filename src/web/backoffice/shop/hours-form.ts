import { html } from 'ghtml'
import { formatTimeOfDay, parseTimeOfDay } from '../../../lib/zoned-time.js'
import { checkWeeklyHours, type OpeningRange } from '../../../modules/shops/index.js'
import { text, type FormBody } from '../../forms.js'
import { fieldMessage, WEEKDAYS_FR } from '../../i18n/index.js'
import type { FormErrors } from '../../views/components.js'

/** Two ranges a day (morning, afternoon) cover nearly every shop; a day that has more keeps them all. */
const MIN_RANGES = 2
const MAX_RANGES = 4
const RANGE_NAMES = ['Matin', 'Après-midi', 'Soir', 'Plage 4']

/** The form as typed: "08:00" strings by input name (h<weekday>_<range>_opens / _closes). */
export type HoursValues = Record<string, string>

const key = (weekday: number, range: number, end: 'opens' | 'closes') => `h${weekday}_${range}_${end}`

export function hoursValuesOf(hours: readonly OpeningRange[]): HoursValues {
  const values: HoursValues = {}
  for (let weekday = 1; weekday <= 7; weekday++) {
    hours
      .filter((r) => r.weekday === weekday)
      .sort((a, b) => a.opensMinute - b.opensMinute)
      .slice(0, MAX_RANGES)
      .forEach((r, i) => {
        values[key(weekday, i, 'opens')] = formatTimeOfDay(r.opensMinute)
        // <input type="time"> cannot show 24:00: midnight at the end of the day is typed and shown as 00:00.
        values[key(weekday, i, 'closes')] = formatTimeOfDay(r.closesMinute % 1440)
      })
  }
  return values
}

/**
 * Reads the week from the form. Each range is checked on its own day with the shops module's rule, so a
 * mistake is shown next to the very range (or day) it concerns. Empty range = closed.
 */
export function parseHours(body: FormBody): {
  values: HoursValues
  ranges: OpeningRange[]
  errors: FormErrors
} {
  const values: HoursValues = {}
  const ranges: OpeningRange[] = []
  const errors: Record<string, string> = {}
  for (let weekday = 1; weekday <= 7; weekday++) {
    const day: Array<{ range: OpeningRange; index: number }> = []
    for (let i = 0; i < MAX_RANGES; i++) {
      const opensKey = key(weekday, i, 'opens')
      const closesKey = key(weekday, i, 'closes')
      const opens = text(body, opensKey, 10).trim()
      const closes = text(body, closesKey, 10).trim()
      if (opens) values[opensKey] = opens
      if (closes) values[closesKey] = closes
      if (!opens && !closes) continue
      const opensMinute = opens ? parseTimeOfDay(opens) : undefined
      const closesMinute = closes ? parseTimeOfDay(closes) : undefined
      if (opensMinute === undefined) errors[opensKey] = fieldMessage(opens ? 'invalid_format' : 'required')
      if (closesMinute === undefined) errors[closesKey] = fieldMessage(closes ? 'invalid_format' : 'required')
      if (opensMinute === undefined || closesMinute === undefined) continue
      day.push({
        range: { weekday, opensMinute, closesMinute: closesMinute === 0 ? 1440 : closesMinute },
        index: i,
      })
    }
    for (const problem of checkWeeklyHours(day.map((d) => d.range))) {
      const at = /^hours\[(\d+)\]/.exec(problem.field)
      const target = at ? key(weekday, day[Number(at[1])]!.index, 'closes') : `h${weekday}`
      errors[target] ??= fieldMessage(problem.code)
    }
    ranges.push(...day.map((d) => d.range))
  }
  return { values, ranges, errors }
}

export function hoursFieldsets(values: HoursValues, errors: FormErrors): string {
  return Array.from({ length: 7 }, (_, i) => dayFieldset(i + 1, values, errors)).join('')
}

function dayFieldset(weekday: number, values: HoursValues, errors: FormErrors): string {
  const dayName = WEEKDAYS_FR[weekday - 1]!
  let count = MIN_RANGES
  for (let i = MIN_RANGES; i < MAX_RANGES; i++)
    if (values[key(weekday, i, 'opens')] || values[key(weekday, i, 'closes')]) count = i + 1
  const dayError = errors[`h${weekday}`]
  return html`<fieldset class="day!${dayError ? ' has-error' : ''}" id="h${weekday}">
    <legend>${capitalize(dayName)}</legend>
    !${dayError ? html`<p class="error">${dayError}</p>` : ''}
    !${Array.from({ length: count }, (_, i) => rangeGroup(weekday, dayName, i, values, errors)).join('')}
  </fieldset>`
}

function rangeGroup(
  weekday: number,
  dayName: string,
  index: number,
  values: HoursValues,
  errors: FormErrors,
): string {
  const name = RANGE_NAMES[index]!
  const input = (end: 'opens' | 'closes', label: string) => {
    const k = key(weekday, index, end)
    const error = errors[k]
    return html`<span class="time-field!${error ? ' has-error' : ''}">
      <label for="${k}">${label}</label>
      <input id="${k}" name="${k}" type="time" step="300" value="${values[k] ?? ''}"!${error ? html` aria-invalid="true" aria-describedby="${k}-error"` : ''} />
      !${error ? html`<span class="error" id="${k}-error">${error}</span>` : ''}
    </span>`
  }
  return html`<div class="range" role="group" aria-label="${capitalize(dayName)}, ${name.toLowerCase()}">
    <span class="range-name" aria-hidden="true">${name}</span>
    !${input('opens', 'de')} !${input('closes', 'à')}
  </div>`
}

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1)
