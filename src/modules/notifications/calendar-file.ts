import { createEvent } from 'ics'
import type { MailAttachment } from './types.js'

export interface CalendarEntry {
  /** Stable across the messages about one booking, so a calendar replaces the entry instead of adding one. */
  uid: string
  startsAt: string
  endsAt: string
  title: string
  location: string
  description: string
  /** A cancellation: METHOD:CANCEL with a higher SEQUENCE removes the entry imported before. */
  cancelled: boolean
  /** Grows with each change of the entry (RFC 5545 SEQUENCE); by default 0, or 1 for a cancellation. */
  sequence?: number | undefined
  filename: string
}

/** One event as a calendar file (RFC 5545) attached to a message. */
export function calendarAttachment(entry: CalendarEntry): MailAttachment {
  const { error, value } = createEvent({
    uid: entry.uid,
    productId: 'comptoir',
    method: entry.cancelled ? 'CANCEL' : 'PUBLISH',
    status: entry.cancelled ? 'CANCELLED' : 'CONFIRMED',
    sequence: entry.sequence ?? (entry.cancelled ? 1 : 0),
    start: Date.parse(entry.startsAt),
    startInputType: 'utc',
    startOutputType: 'utc',
    end: Date.parse(entry.endsAt),
    endInputType: 'utc',
    endOutputType: 'utc',
    title: entry.title,
    location: entry.location,
    description: entry.description,
  })
  if (error || !value) throw error ?? new Error('calendar file not generated')
  return {
    filename: entry.filename,
    contentType: `text/calendar; charset=utf-8; method=${entry.cancelled ? 'CANCEL' : 'PUBLISH'}`,
    base64: Buffer.from(value).toString('base64'),
  }
}
