import { AppError, invalid, invalidFields, type FieldProblem } from '../../lib/app-error.js'

// Set-up: resources, their hours and absences, bookable services
export const resourceNotFound = (field?: string) =>
  new AppError('not_found', 'bookings.resource_not_found', 'resource not found', field ? { field } : {})
export const invalidResource = (problems: readonly FieldProblem[]) =>
  invalidFields('bookings.invalid_resource', problems)
export const tooManyResources = (max: number) =>
  new AppError('conflict', 'bookings.too_many_resources', `a shop has at most ${max} resources`)
export const invalidHours = (problems: readonly FieldProblem[]) =>
  invalidFields('bookings.invalid_hours', problems)
export const invalidAbsence = (problems: readonly FieldProblem[]) =>
  invalidFields('bookings.invalid_absence', problems)
export const absenceNotFound = () =>
  new AppError('not_found', 'bookings.absence_not_found', 'absence not found')
export const invalidService = (problems: readonly FieldProblem[]) =>
  invalidFields('bookings.invalid_service', problems)
export const notAService = () =>
  new AppError('invalid', 'bookings.not_a_service', 'choose a service of this shop with a duration', {
    field: 'variantId',
  })
export const serviceNotBookable = () =>
  new AppError('not_found', 'bookings.service_not_bookable', 'this service cannot be booked online')
export const invalidNoShowLimit = (range: { min: number; max: number }) =>
  invalid('bookings.invalid_no_show_limit', 'noShowLimit', `from ${range.min} to ${range.max} no-shows`)
export const agendaFeedExists = () =>
  new AppError('conflict', 'bookings.agenda_feed_exists', 'a link was just made: revoke it to make another')

// Booking
export const invalidPeriod = (field: 'from' | 'days', maxDays: number) =>
  new AppError('invalid', 'bookings.invalid_period', `a period of 1 to ${maxDays} days from a valid date`, {
    field,
  })
export const invalidPartySize = (message: string, max: number) =>
  new AppError('invalid', 'bookings.invalid_party_size', message, { field: 'partySize', max })
export const invalidBooking = (problems: readonly FieldProblem[]) =>
  invalidFields('bookings.invalid_booking', problems)
/** A time the resident was not offered, or (`by` the shop) one the person does not work or is not free. */
export const timeNotOffered = (by: 'resident' | 'shop' = 'resident') =>
  invalid(
    'bookings.time_not_offered',
    'startsAt',
    by === 'shop' ? 'choose a time the person works and is free' : 'choose one of the times offered',
  )
export const timeTaken = () =>
  new AppError('conflict', 'bookings.time_taken', 'this time was just taken: choose another', {
    field: 'startsAt',
  })
export const bookedElsewhere = () =>
  new AppError(
    'conflict',
    'bookings.booked_elsewhere',
    'you already have a booking at that time at another shop of the same kind: cancel it first',
    { field: 'startsAt' },
  )
export const tooManyNoShows = () =>
  new AppError(
    'conflict',
    'bookings.too_many_no_shows',
    'after several missed bookings, book this shop by phone',
  )
export const paymentRequired = (deposit: { kind: string; amountCents: number }) =>
  invalid('bookings.payment_required', 'payment', 'this booking asks for a card', {
    deposit: deposit.kind,
    amountCents: deposit.amountCents,
  })
/** The card said no, or said yes after the booking's time to pay had run out. */
export const paymentDeclined = (answer: 'declined' | 'too_late') =>
  new AppError(
    'conflict',
    'bookings.payment_declined',
    answer === 'declined'
      ? 'the card was declined: nothing is booked'
      : 'the card answered too late: nothing is booked',
    {
      field: 'payment',
    },
  )

// A booking made
export const bookingNotFound = () =>
  new AppError('not_found', 'bookings.booking_not_found', 'booking not found')
/** Events (a module above) throw it too, for a registration. */
export const tooLateToCancel = (cancellableUntil: string) =>
  new AppError(
    'conflict',
    'bookings.too_late_to_cancel',
    'the time to cancel online has passed: call the shop',
    { cancellableUntil },
  )
export const tooLateToChange = (cancellableUntil: string) =>
  new AppError(
    'conflict',
    'bookings.too_late_to_change',
    'the time to change the booking online has passed: call the shop',
    { cancellableUntil },
  )
export const bookingNotMovable = (message: string) =>
  new AppError('conflict', 'bookings.booking_not_movable', message)
export const groupMovesByPhone = () =>
  new AppError(
    'conflict',
    'bookings.group_moves_by_phone',
    'the restaurant agreed to this group: call it to change the time',
  )
export const notARequest = () =>
  new AppError('conflict', 'bookings.not_a_request', 'this booking is no longer waiting for an answer')
export const notStarted = () =>
  new AppError(
    'conflict',
    'bookings.not_started',
    'whether the client came is marked once the booking has started',
  )
