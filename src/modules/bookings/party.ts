import type { FieldProblem } from '../../lib/app-error.js'
import type { BookableService, PartySettings, Resource, SeatRange } from './types.js'
import { invalidPartySize } from './errors.js'

/** The most people one table seats, and the largest party a service can take online. */
export const MAX_SEATS = 60
/** At most this many party-size durations per service (from 3 people, from 5, from 8…). */
const MAX_PARTY_DURATIONS = 6
const DURATION_RANGE = { min: 15, max: 8 * 60 } as const

const isWhole = (value: number, min: number, max: number) =>
  Number.isInteger(value) && value >= min && value <= max

export function checkSeatRange(seats: SeatRange): FieldProblem[] {
  if (!isWhole(seats.min, 1, MAX_SEATS)) return [{ field: 'seats.min', code: 'out_of_range' }]
  if (!isWhole(seats.max, seats.min, MAX_SEATS)) return [{ field: 'seats.max', code: 'out_of_range' }]
  return []
}

/**
 * A party service's settings against its resources: every one a table, and a table for the largest party online
 * (a larger one would be offered no time at all).
 */
export function checkPartySettings(party: PartySettings, resources: readonly Resource[]): FieldProblem[] {
  const problems: FieldProblem[] = []
  if (!isWhole(party.maxParty, 1, MAX_SEATS)) problems.push({ field: 'party.maxParty', code: 'out_of_range' })
  else if (resources.every((r) => r.seats) && !resources.some((r) => r.seats!.max >= party.maxParty))
    problems.push({ field: 'party.maxParty', code: 'no_table_that_large' })
  if (party.onRequestFrom !== undefined && !isWhole(party.onRequestFrom, 2, Math.max(2, party.maxParty)))
    problems.push({ field: 'party.onRequestFrom', code: 'out_of_range' })
  if (
    party.durations.length > MAX_PARTY_DURATIONS ||
    new Set(party.durations.map((d) => d.fromParty)).size !== party.durations.length
  ) {
    problems.push({ field: 'party.durations', code: 'invalid_format' })
  } else {
    party.durations.forEach((d, i) => {
      if (!isWhole(d.fromParty, 1, MAX_SEATS))
        problems.push({ field: `party.durations.${i}.fromParty`, code: 'out_of_range' })
      if (!isWhole(d.minutes, DURATION_RANGE.min, DURATION_RANGE.max) || d.minutes % 5 !== 0)
        problems.push({ field: `party.durations.${i}.minutes`, code: 'out_of_range' })
    })
  }
  if (resources.some((r) => !r.seats)) problems.push({ field: 'resourceIds', code: 'not_a_table' })
  return problems
}

/** How long a party of this size stays: the row of the largest `fromParty` it reaches, else the catalog's duration. */
export function partyDuration(party: PartySettings, partySize: number, catalogMinutes: number): number {
  const row = [...party.durations]
    .sort((a, b) => b.fromParty - a.fromParty)
    .find((d) => d.fromParty <= partySize)
  return row?.minutes ?? catalogMinutes
}

/**
 * The party size a request names, checked against the service: from 1 to the largest party online for a party
 * service; for any other service, one person (or nothing said). Throws bookings.invalid_party_size (field partySize).
 */
export function checkPartySize(party: PartySettings | undefined, partySize: number | undefined): number {
  const max = party?.maxParty ?? 1
  if (partySize === undefined && !party) return 1
  if (partySize === undefined || !isWhole(partySize, 1, max)) {
    const message = party
      ? `a party of 1 to ${max} people online; for more, call the shop`
      : 'this service is booked for one person'
    throw invalidPartySize(message, max)
  }
  return partySize
}

/** The tables a party fits, smallest first (fewest empty seats), then in the service's order. */
export function tablesFor<T extends Pick<Resource, 'seats'>>(tables: readonly T[], partySize: number): T[] {
  return tables
    .filter((t) => t.seats && t.seats.min <= partySize && partySize <= t.seats.max)
    .sort((a, b) => a.seats!.max - b.seats!.max)
}

/** Whether a booking of this size at this service is only a request the shop confirms. */
export const isRequest = (party: PartySettings | undefined, partySize: number) =>
  party?.onRequestFrom !== undefined && partySize >= party.onRequestFrom

/**
 * The service as the shop books it on the phone: up to the last minute (the online notice is for residents), and
 * for any party a table seats (the largest party online is where residents must call: the shop takes the call).
 */
export const asTheShopBooks = (service: BookableService): BookableService => ({
  ...service,
  noticeMinutes: 0,
  party: service.party && { ...service.party, maxParty: MAX_SEATS },
})
