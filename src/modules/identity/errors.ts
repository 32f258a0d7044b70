import { AppError, invalidFields, type FieldProblem } from '../../lib/app-error.js'

export const invalidSignUp = (problems: readonly FieldProblem[]) =>
  invalidFields('identity.invalid_sign_up', problems)
export const emailTaken = () =>
  new AppError('conflict', 'identity.email_taken', 'an account already uses this email', { field: 'email' })
