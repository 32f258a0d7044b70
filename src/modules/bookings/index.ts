/**
 * Bookings (issue #5, decision 006): a shop's resources (staff, chairs, rooms) perform its catalog services at
 * free times computed from hours, absences and bookings; a booking occupies five-minute cells of its resource,
 * each cell a unique key, so a resource is never given twice. Residents cancel or move it by the link in their
 * confirmation. A restaurant's tables are resources with seats: a party gets the smallest free table that seats it,
 * large parties send requests the shop answers, and one person holds one table at a time in town (UX-17).
 */
export {
  createResource,
  listResources,
  getResource,
  isTableBooking,
  updateResource,
  setResourceHours,
  addAbsence,
  listAbsences,
  removeAbsence,
  type ResourceInput,
} from './resources.js'
export type { BookingsDeps } from './deps.js'
export {
  setBookableService,
  getBookableService,
  listBookableServices,
  removeBookableService,
} from './services.js'
export { listFreeTimes, MAX_FREE_TIME_DAYS } from './free-times.js'
export { bookAppointment, depositFor, type BookInput } from './book.js'
export { getBooking, bookingOfLink, listShopBookings } from './find-bookings.js'
export { cancelBookingByLink, cancelBookingByShop } from './cancel-booking.js'
export { isInQuietHours, endOfQuietHours, reminderKey, reminderTime, parseReminderKey } from './reminders.js'
export {
  createAgendaFeed,
  revokeAgendaFeed,
  findLiveAgendaFeed,
  shopOfAgendaToken,
  agendaCalendar,
  AGENDA_DAYS_AFTER,
} from './agenda-feed.js'
export type { AgendaFeed } from './types.js'
export {
  STEP_CHOICES,
  MAX_BUFFER_MINUTES,
  MAX_HORIZON_DAYS,
  MAX_NOTICE_MINUTES,
  CANCEL_HOURS_RANGE,
  CARD_HOLD_RANGE_CENTS,
  DEPOSIT_PERCENT_RANGE,
  depositDue,
} from './rules.js'
export {
  RESOURCE_KINDS,
  type Resource,
  type ResourceKind,
  type SeatRange,
  type PartySettings,
  type Absence,
  type ServiceSettings,
  type DepositPolicy,
  type BookingDeposit,
  type BookableService,
  type FreeTime,
  type Booking,
} from './types.js'
export { moveBooking, moveBookingByLink, listFreeTimesByLink } from './move.js'
export { confirmRequest, declineRequest, lapseRequest } from './requests.js'
export { isRequest, MAX_SEATS, partyDuration } from './party.js'
export { markAttendance } from './attendance.js'
export {
  noShowCount,
  noShowCounts,
  noShowLimitOf,
  setNoShowLimit,
  NO_SHOW_LIMIT,
  NO_SHOW_LIMIT_RANGE,
  NO_SHOW_WINDOW_DAYS,
} from './no-shows.js'
export { settleBookingPayment, abandonUnpaidBooking } from './deposits.js'
export { tooLateToCancel } from './errors.js'
