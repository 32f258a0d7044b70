import { AppError } from '../../lib/app-error.js'

export const resourceNotFound = (field?: string) => new AppError('not_found', 'bookings.resource_not_found', 'resource not found', field ? { field } : {})
export const serviceNotBookable = () => new AppError('not_found', 'bookings.service_not_bookable', 'this service cannot be booked online')
export const bookingNotFound = () => new AppError('not_found', 'bookings.booking_not_found', 'booking not found')
export const timeTaken = () => new AppError('conflict', 'bookings.time_taken', 'this time was just taken: choose another', { field: 'startsAt' })
