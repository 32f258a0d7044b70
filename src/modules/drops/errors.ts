import { AppError } from '../../lib/app-error.js'

export const dropNotFound = () => new AppError('not_found', 'drops.drop_not_found', 'drop not found')
