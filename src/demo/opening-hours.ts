import type { OpeningRange } from '../modules/shops/index.js'
import { addDays, parseTimeOfDay, type LocalDate } from '../lib/zoned-time.js'
import type { DemoShopKind } from './shops.js'

const TUESDAY_TO_SATURDAY = [2, 3, 4, 5, 6]

/** The same ranges on several ISO weekdays (1 = Monday): `on([2, 3], '07:00-13:00', '15:30-19:30')`. */
function on(weekdays: readonly number[], ...ranges: string[]): OpeningRange[] {
  return weekdays.flatMap((weekday) =>
    ranges.map((range) => {
      const [opens, closes] = range.split('-').map((time) => parseTimeOfDay(time))
      if (opens === undefined || closes === undefined) throw new Error(`bad range ${range}`)
      return { weekday, opensMinute: opens, closesMinute: closes }
    }),
  )
}

/** Weekly hours by kind of shop: lunch breaks for most, a closed day or two, evenings for the restaurant. */
export const DEMO_WEEKLY_HOURS: Record<DemoShopKind, OpeningRange[]> = {
  // Closed on Monday, open on Sunday morning.
  boulangerie: [...on(TUESDAY_TO_SATURDAY, '07:00-13:00', '15:30-19:30'), ...on([7], '07:00-13:00')],
  fromagerie: [...on(TUESDAY_TO_SATURDAY, '08:30-12:30', '15:00-19:00'), ...on([7], '09:00-12:30')],
  librairie: [...on([1], '14:00-19:00'), ...on(TUESDAY_TO_SATURDAY, '09:30-12:30', '14:00-19:00')],
  caviste: [...on(TUESDAY_TO_SATURDAY, '10:00-12:30', '15:00-19:30'), ...on([7], '10:00-12:30')],
  fleuriste: [...on(TUESDAY_TO_SATURDAY, '09:00-12:30', '14:30-19:00'), ...on([7], '09:00-13:00')],
  cycles: on(TUESDAY_TO_SATURDAY, '09:00-12:00', '14:00-18:30'),
  // Lunch and dinner, Sunday lunch only, closed on Monday.
  restaurant: [...on(TUESDAY_TO_SATURDAY, '12:00-14:00', '19:00-22:30'), ...on([7], '12:00-14:30')],
  // No lunch break on Saturday.
  coiffure: [...on([2, 3, 4, 5], '09:00-12:00', '13:30-19:00'), ...on([6], '08:30-17:00')],
  // Open every day but Sunday afternoon.
  epicerie: [...on([1, 2, 3, 4, 5, 6], '08:30-13:00', '15:00-19:30'), ...on([7], '09:00-12:30')],
  boucherie: [...on(TUESDAY_TO_SATURDAY, '08:00-12:45', '15:30-19:15'), ...on([7], '08:00-12:30')],
}

export interface DemoClosure {
  kind: DemoShopKind
  startsOn: LocalDate
  endsOn: LocalDate
  reason: string
}

/**
 * Exceptional closures relative to today in the town's zone: exactly one shop (the florist) is closed
 * today, so the storefront shows a closure; the bookshop has holidays coming up.
 */
export function demoClosures(today: LocalDate): DemoClosure[] {
  return [
    { kind: 'fleuriste', startsOn: today, endsOn: today, reason: 'Inventaire' },
    { kind: 'librairie', startsOn: addDays(today, 10), endsOn: addDays(today, 12), reason: 'Congés annuels' },
  ]
}
