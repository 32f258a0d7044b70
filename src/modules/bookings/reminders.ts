import { addDays, fromZoned, toZoned } from '../../lib/zoned-time.js'

/**
 * When a booking's reminder leaves (UX-15: "a reminder goes out the day before"). Pure: no I/O, no clock; the
 * times come in as parameters and the shop's zone decides what "night" means.
 */

/** The reminder is due this long before the start. */
const REMINDER_HOURS_BEFORE = 24
/**
 * A booking made less than this before its start gets no reminder: it would arrive within two hours of the
 * confirmation, which already says everything (a second message so soon is noise, not help).
 */
const MIN_HOURS_AHEAD_FOR_REMINDER = 26
/**
 * Quiet hours on the shop's wall clock: no reminder between 21:00 and 08:00 (issue #5). Mail is read on the
 * phone that sits on the night table: a buzz at night for a haircut wakes people and gets the sender marked as
 * spam. LAW A6 adopts 8:00–20:00 as policy for SMS, which rings; an email may come until 21:00.
 */
const QUIET_HOURS_START_MINUTE = 21 * 60
const QUIET_HOURS_END_MINUTE = 8 * 60
/** A reminder moved out of the night arrives at 08:00 only if that still leaves this much notice… */
const MIN_NOTICE_HOURS_AFTER_MORNING = 12
/** …otherwise the evening before, just before quiet hours start, so the resident still reads it that night. */
const EVENING_FALLBACK_MINUTE = 20 * 60 + 45

const HOUR_MS = 3_600_000

/** Whether an instant falls in quiet hours on the shop's wall clock. */
export function isInQuietHours(at: Date, timeZone: string): boolean {
  const { minuteOfDay } = toZoned(at, timeZone)
  return minuteOfDay >= QUIET_HOURS_START_MINUTE || minuteOfDay < QUIET_HOURS_END_MINUTE
}

/** The evening a quiet period began (a shop date) and the 08:00 that ends it, for an instant inside it. */
function quietPeriodOf(at: Date, timeZone: string): { evening: string; morning: Date } {
  const { date, minuteOfDay } = toZoned(at, timeZone)
  // The quiet period began the evening of `date` (after 21:00) or of the day before (before 08:00).
  const evening = minuteOfDay >= QUIET_HOURS_START_MINUTE ? date : addDays(date, -1)
  return { evening, morning: fromZoned(addDays(evening, 1), QUIET_HOURS_END_MINUTE, timeZone) }
}

/** The first instant at or after `at` outside quiet hours: `at` itself by day, else 08:00 when the night ends. */
export function endOfQuietHours(at: Date, timeZone: string): Date {
  return isInQuietHours(at, timeZone) ? quietPeriodOf(at, timeZone).morning : at
}

/**
 * The instant a message due at `due` may leave: `due` itself outside quiet hours; else 08:00 when the quiet
 * period ends, if that is at least 12 hours before `startsAt`; else 20:45 the evening the quiet period began.
 * Wall-clock times are taken in the shop's zone, so a DST night moves neither bound.
 */
export function outsideQuietHours(due: Date, startsAt: Date, timeZone: string): Date {
  if (!isInQuietHours(due, timeZone)) return due
  const { evening, morning } = quietPeriodOf(due, timeZone)
  if (startsAt.getTime() - morning.getTime() >= MIN_NOTICE_HOURS_AFTER_MORNING * HOUR_MS) return morning
  return fromZoned(evening, EVENING_FALLBACK_MINUTE, timeZone)
}

/**
 * A cancellation deadline that falls up to this long before the usual reminder time brings the reminder forward
 * to LAST_CALL_HOURS before the deadline: with "cancel until 24 h before", a reminder 24 h before would come
 * just as the link stops working, the one moment it cannot help.
 */
const DEADLINE_PULL_HOURS = 12
const LAST_CALL_HOURS = 2

/**
 * When the reminder of a booking made at `bookedAt` for `startsAt` leaves, or undefined when it gets none:
 * booked less than 26 hours ahead (the confirmation is enough), or a reminder that would come before the booking
 * or within two hours of it. 24 hours before the start, or 2 hours before a cancellation deadline close to that,
 * then out of quiet hours.
 */
export function reminderTime(
  startsAt: Date,
  bookedAt: Date,
  timeZone: string,
  cancellableUntil?: Date,
): Date | undefined {
  if (startsAt.getTime() - bookedAt.getTime() < MIN_HOURS_AHEAD_FOR_REMINDER * HOUR_MS) return undefined
  const due = startsAt.getTime() - REMINDER_HOURS_BEFORE * HOUR_MS
  const deadline = cancellableUntil?.getTime()
  const at =
    deadline !== undefined && deadline <= due && due - deadline <= DEADLINE_PULL_HOURS * HOUR_MS
      ? beforeDeadline(new Date(deadline - LAST_CALL_HOURS * HOUR_MS), deadline, timeZone)
      : outsideQuietHours(new Date(due), startsAt, timeZone)
  return at.getTime() - bookedAt.getTime() >= LAST_CALL_HOURS * HOUR_MS ? at : undefined
}

/** Out of quiet hours for a reminder that must come before the cancel deadline: 08:00 if that is still before it, else 20:45 the evening before. */
function beforeDeadline(due: Date, deadline: number, timeZone: string): Date {
  if (!isInQuietHours(due, timeZone)) return due
  const { evening, morning } = quietPeriodOf(due, timeZone)
  return morning.getTime() < deadline ? morning : fromZoned(evening, EVENING_FALLBACK_MINUTE, timeZone)
}

/**
 * The outbox key of a booking's reminder: the booking and the start it reminds of, so a booking moved later gets
 * a reminder of its own and the old one finds a start that no longer matches. A reminder put off because it
 * came due at night (a retry, a worker that was down) adds the instant it was put off to.
 */
export function reminderKey(bookingId: string, startsAt: string, putOffTo?: string): string {
  return putOffTo ? `${bookingId}@${startsAt}@${putOffTo}` : `${bookingId}@${startsAt}`
}

/** The booking and the start a reminder's key names. */
export function parseReminderKey(key: string): { bookingId: string; startsAt: string } {
  const [bookingId = '', startsAt = ''] = key.split('@')
  return { bookingId, startsAt }
}
