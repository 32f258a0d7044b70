export type ErrorKind =
  | 'invalid'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'rate_limited'
  | 'too_large'
  | 'unavailable'

/** An expected failure the caller may show to a person. Anything else is a bug and becomes a 500. */
export class AppError extends Error {
  constructor(
    readonly kind: ErrorKind,
    /** Stable and namespaced, e.g. 'catalog.product_not_found'; UI text comes from i18n by this code. */
    readonly code: string,
    message: string,
    /** E.g. { field: 'price' }; never personal data. */
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message)
    this.name = 'AppError'
  }
}

export const notFound = (code: string, what: string) => new AppError('not_found', code, `${what} not found`)

export const invalid = (
  code: string,
  field: string,
  message: string,
  details: Record<string, unknown> = {},
) => new AppError('invalid', code, message, { field, ...details })

export interface FieldProblem {
  field: string
  /** Stable code, translated by the edge: 'required', 'invalid_siret', … */
  code: string
}

/** Several field problems at once, so a form can show each next to its field. */
export const invalidFields = (code: string, problems: readonly FieldProblem[]) =>
  new AppError('invalid', code, `invalid: ${problems.map((p) => `${p.field} ${p.code}`).join(', ')}`, {
    field: problems[0]?.field,
    errors: problems,
  })
