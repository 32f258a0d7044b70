import type { FieldProblem } from '../../lib/app-error.js'
import type { SignUpInput } from './types.js'

export const MIN_PASSWORD_LENGTH = 10
const MAX_PASSWORD_LENGTH = 256

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase()
}

export function checkSignUp(input: SignUpInput): FieldProblem[] {
  const problems: FieldProblem[] = []
  const email = normalizeEmail(input.email)
  if (!email) problems.push({ field: 'email', code: 'required' })
  else if (email.length > 254 || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))
    problems.push({ field: 'email', code: 'invalid_email' })
  if (input.password.length < MIN_PASSWORD_LENGTH)
    problems.push({ field: 'password', code: 'password_too_short' })
  if (input.password.length > MAX_PASSWORD_LENGTH) problems.push({ field: 'password', code: 'too_long' })
  if (!input.displayName.trim()) problems.push({ field: 'displayName', code: 'required' })
  if (input.displayName.length > 80) problems.push({ field: 'displayName', code: 'too_long' })
  return problems
}
