import { AppError } from '../../src/lib/app-error.js'

/** The error code a promise is rejected with, or 'ok': races and refusals read as one list of outcomes. */
export async function outcomeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise
    return 'ok'
  } catch (error) {
    if (error instanceof AppError) return error.code
    throw error
  }
}
