/**
 * Events (issue #5, decision 006): a shop's or the town's dated events with seats. Registrations take seats or a
 * place on the waitlist; a freed seat is offered to the next in line for a time, then passed on. Invariant, on both
 * engines and under concurrency: seats taken never exceed the capacity, and the line keeps its arrival order,
 * because every decision about an event's seats locks its row first (seats.ts).
 */
export type { EventsDeps } from './deps.js'
export {
  scheduleEvent,
  scheduleTownEvent,
  getEvent,
  listComingEvents,
  listShopEvents,
  listTownEvents,
  cancelEvent,
  seatsLeft,
  EVENT_LIMITS,
} from './events.js'
export {
  registerForEvent,
  registrationOfLink,
  getRegistration,
  cancelRegistrationByLink,
  cancelRegistrationByShop,
  acceptOffer,
  expireOffer,
  listEventRegistrations,
  cancellableUntil,
} from './seats.js'
export { TOWN, type BookingEvent, type EventInput, type EventRegistration } from './types.js'
export { organiserOf, eventWhere, TOWN_ORGANISER, type EventOrganiser } from './organiser.js'
