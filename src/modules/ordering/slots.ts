import { addDays, fromZoned, toZoned, weekdayOf } from '../../lib/zoned-time.js'
import { closureOn, type Closure, type OpeningRange, type PickupSettings } from '../shops/index.js'

export interface PickupSlot {
  startsAt: Date
  endsAt: Date
  /** Orders the slot can still take; 0 means full. */
  remaining: number
}

/**
 * The pickup slots a shop offers from `now` (UX-07): cut from each opening range on the shop's wall clock,
 * none on a closure day, none starting before now + preparation time, none ending after closing minus the
 * handover margin, each with the orders it can still take. Pure: `loads` maps a slot's start (ISO) to its
 * orders so far.
 */
export function offeredSlots(
  hours: readonly OpeningRange[],
  closures: readonly Closure[],
  settings: PickupSettings,
  timeZone: string,
  now: Date,
  loads: ReadonlyMap<string, number> = new Map(),
): PickupSlot[] {
  if (!settings.enabled) return []
  const earliest = now.getTime() + settings.preparationMinutes * 60_000
  const today = toZoned(now, timeZone).date
  const slots: PickupSlot[] = []
  for (let offset = 0; offset < settings.horizonDays; offset++) {
    const date = addDays(today, offset)
    if (closureOn(date, closures)) continue
    const weekday = weekdayOf(date)
    const ranges = hours.filter((r) => r.weekday === weekday).sort((a, b) => a.opensMinute - b.opensMinute)
    for (const range of ranges) {
      // Slots step in real time between the range's two instants, so a night that loses or repeats an hour
      // (DST) neither lists a time twice nor offers a slot of the wrong length.
      const opens = fromZoned(date, range.opensMinute, timeZone).getTime()
      const lastEnd = fromZoned(date, range.closesMinute - settings.handoverMarginMinutes, timeZone).getTime()
      const length = settings.slotMinutes * 60_000
      for (let start = opens; start + length <= lastEnd; start += length) {
        if (start < earliest) continue
        const startsAt = new Date(start)
        const taken = loads.get(startsAt.toISOString()) ?? 0
        slots.push({
          startsAt,
          endsAt: new Date(start + length),
          remaining: Math.max(0, settings.slotCapacity - taken),
        })
      }
    }
  }
  return slots
}

/**
 * The offered slot that starts at `startsAt`, if any: what `offeredSlots` would list, found without listing
 * the whole horizon (a checkout checks one slot per shop). Capacity is not looked at here.
 */
export function offeredSlotAt(
  hours: readonly OpeningRange[],
  closures: readonly Closure[],
  settings: PickupSettings,
  timeZone: string,
  now: Date,
  startsAt: Date,
): { startsAt: Date; endsAt: Date } | undefined {
  const start = startsAt.getTime()
  if (
    !settings.enabled ||
    Number.isNaN(start) ||
    start < now.getTime() + settings.preparationMinutes * 60_000
  )
    return undefined
  const today = toZoned(now, timeZone).date
  const date = toZoned(startsAt, timeZone).date
  if (date < today || date > addDays(today, settings.horizonDays - 1) || closureOn(date, closures))
    return undefined
  const length = settings.slotMinutes * 60_000
  const weekday = weekdayOf(date)
  for (const range of hours) {
    if (range.weekday !== weekday) continue
    const opens = fromZoned(date, range.opensMinute, timeZone).getTime()
    const lastEnd = fromZoned(date, range.closesMinute - settings.handoverMarginMinutes, timeZone).getTime()
    if (start >= opens && (start - opens) % length === 0 && start + length <= lastEnd)
      return { startsAt: new Date(start), endsAt: new Date(start + length) }
  }
  return undefined
}
