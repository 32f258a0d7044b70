import { AppError } from '../../lib/app-error.js'

export const wrongState = (status: string, to: string) =>
  new AppError('conflict', 'payments.wrong_state', `a ${status} payment cannot be ${to}`)
/** The provider would not move the charge (ours, the test card provider, checks the state it moves from). */
export const providerRefused = (to: string) =>
  new AppError('conflict', 'payments.provider_refused', `the charge cannot be ${to} now`)
