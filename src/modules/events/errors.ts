import { AppError, invalidFields, type FieldProblem } from '../../lib/app-error.js'

// Events left the bookings module (issue #15); their codes did not: they are public (API problems, French
// messages), so they keep the bookings namespace. bookings.too_late_to_cancel, which a booking and a registration
// share, is declared in bookings.

export const eventNotFound = () => new AppError('not_found', 'bookings.event_not_found', 'event not found')
export const registrationNotFound = () =>
  new AppError('not_found', 'bookings.registration_not_found', 'registration not found')
export const invalidEvent = (problems: FieldProblem[]) => invalidFields('bookings.invalid_event', problems)
export const invalidRegistration = (problems: FieldProblem[]) =>
  invalidFields('bookings.invalid_registration', problems)
export const eventClosed = () =>
  new AppError('conflict', 'bookings.event_closed', 'registrations for this event are closed')
export const alreadyRegistered = () =>
  new AppError(
    'conflict',
    'bookings.already_registered',
    'this email already holds a registration for this event',
    { field: 'contact.email' },
  )
export const offerExpired = () =>
  new AppError(
    'conflict',
    'bookings.offer_expired',
    'this offer has ended: the seats went to the next person',
  )
