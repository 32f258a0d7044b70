import { AppError, type FieldProblem } from '../../lib/app-error.js'
import { t } from '../i18n/index.js'
import { formErrors, type FormErrors } from '../views/components.js'

/** A parsed form (urlencoded or multipart with attachFieldsToBody: 'keyValues'). */
export type FormBody = Readonly<Record<string, unknown>>

export const bodyOf = (body: unknown): FormBody => (body && typeof body === 'object' ? (body as FormBody) : {})

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
  return error instanceof AppError && (error.kind === 'invalid' || error.kind === 'conflict' || error.kind === 'too_large')
}

/** Each problem's French message keyed by its field; a single-field error says its own message there. */
export function errorsOf(error: AppError, renameField: (field: string) => string = (f) => f): FormErrors {
  const problems = error.details.errors as FieldProblem[] | undefined
  if (problems) return formErrors(problems.map((p) => ({ ...p, field: renameField(p.field) })))
  const field = error.details.field
  return typeof field === 'string' ? { [renameField(field)]: t(error.code) } : {}
}
