import { AppError, type FieldProblem } from '../lib/app-error.js'
import { fieldMessage, t } from './i18n/index.js'
import type { FormErrors } from './views/components.js'

/** A parsed form (urlencoded or multipart with attachFieldsToBody: 'keyValues'). */
export type FormBody = Readonly<Record<string, unknown>>

export const bodyOf = (body: unknown): FormBody =>
  body && typeof body === 'object' ? (body as FormBody) : {}

/** A text field as typed, cut at `max`; a missing, repeated or file field reads as ''. */
export function text(body: FormBody, key: string, max = 5000): string {
  const value = body[key]
  return typeof value === 'string' ? value.slice(0, max) : ''
}

/** An uploaded file's bytes, or undefined when the file input was left empty. */
export function fileOf(body: FormBody, key: string): Buffer | undefined {
  const value = body[key]
  return Buffer.isBuffer(value) && value.length > 0 ? value : undefined
}

/** A link's secret (jeton) as its address or its form sends it, cut at 100 characters; '' when absent. */
export const tokenOf = (value: unknown) => (typeof value === 'string' ? value.slice(0, 100) : '')

/**
 * A whole number typed in a form: '' → undefined; anything else that is not an integer → NaN, which the
 * module's own check turns into the right French message next to the field.
 */
export function wholeNumber(value: string): number | undefined {
  const trimmed = value.trim()
  if (!trimmed) return undefined
  return /^-?\d{1,9}$/.test(trimmed) ? Number(trimmed) : Number.NaN
}

/** AppErrors a form can answer by showing itself again; the rest (404, bugs) go to the error page. */
export function isFormError(error: unknown): error is AppError {
  return (
    error instanceof AppError &&
    (error.kind === 'invalid' || error.kind === 'conflict' || error.kind === 'too_large')
  )
}

/** The problems an error lists field by field (details.errors); none when it names one field or none. */
export const fieldProblemsOf = (error: AppError): readonly FieldProblem[] =>
  (error.details.errors as FieldProblem[] | undefined) ?? []

/** How a page places field problems next to its inputs. */
export interface FieldWords {
  /** The input a problem is shown next to (by default its field); undefined when the page says it elsewhere. */
  inputOf?: (problem: FieldProblem) => string | undefined
  /** What was typed, by input: one left empty says it is required, whatever the module's code. */
  typed?: object
  /** The page's own words for a problem, when it can say more than the catalogue (the bounds, the other input). */
  wordsFor?: (problem: FieldProblem, input: string) => string | undefined
}

/** Each problem's French message next to its input; an input shows the first problem it gets. */
export function fieldErrors(
  problems: readonly FieldProblem[],
  words: FieldWords = {},
): Record<string, string> {
  const typed = words.typed as Readonly<Record<string, unknown>> | undefined
  const errors: Record<string, string> = {}
  for (const problem of problems) {
    const input = words.inputOf ? words.inputOf(problem) : problem.field
    if (input === undefined || errors[input] !== undefined) continue
    errors[input] =
      typed?.[input] === ''
        ? fieldMessage('required')
        : (words.wordsFor?.(problem, input) ?? fieldMessage(problem.code))
  }
  return errors
}

/** A refused form's messages: each listed problem next to its input, or an error about one field says itself there. */
export function formErrorsOf(
  error: AppError,
  inputOf: (field: string) => string = (field) => field,
): FormErrors {
  if (error.details.errors) return fieldErrors(fieldProblemsOf(error), { inputOf: (p) => inputOf(p.field) })
  const field = error.details.field
  return typeof field === 'string' ? { [inputOf(field)]: t(error.code) } : {}
}

/** contact.email → email: the booking and registration forms name the contact's inputs plainly. */
export const contactInputOf = (problem: FieldProblem) => problem.field.replace('contact.', '')
