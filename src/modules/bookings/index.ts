/**
 * Bookings (issue #5, decision 006): a shop's resources (staff, chairs, rooms) perform its catalog services at
 * free times computed from hours, absences and bookings; a booking occupies five-minute cells of its resource,
 * each cell a unique key, so a resource is never given twice. Residents cancel by the link in their confirmation.
 */
export { createResource, listResources, getResource, setResourceHours, addAbsence, type BookingsDeps } from './resources.js'
export { setBookableService, getBookableService, listBookableServices } from './services.js'
export { listFreeTimes, MAX_FREE_TIME_DAYS, type FreeTimesRequest } from './free-times.js'
export { bookAppointment, getBooking, bookingOfLink, cancelBookingByLink, cancelBookingByShop, listShopBookings, type BookInput } from './book.js'
export { cellsOf, occupiedCells, freeTimesOn, CELL_MINUTES, STEP_CHOICES, MAX_BUFFER_MINUTES, MAX_HORIZON_DAYS, CANCEL_HOURS_RANGE } from './rules.js'
export { RESOURCE_KINDS, type Resource, type ResourceKind, type Absence, type ServiceSettings, type BookableService, type FreeTime, type Booking, type BookingStatus } from './types.js'
