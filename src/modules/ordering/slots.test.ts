import { describe, expect, it } from 'vitest'
import type { Closure, OpeningRange, PickupSettings } from '../shops/index.js'
import { offeredSlotAt, offeredSlots, type PickupSlot } from './slots.js'

const PARIS = 'Europe/Paris'
const NEW_YORK = 'America/New_York'

// Week of Monday 1 June 2026 to Sunday 7 June 2026: Paris is on summer time (UTC+2) all week.
const MON = 1
const TUE = 2
const WED = 3
const SAT = 6
const SUN = 7

const hm = (time: string): number => {
  const [h, m] = time.split(':').map(Number)
  return h! * 60 + m!
}
const range = (weekday: number, opens: string, closes: string): OpeningRange => ({
  weekday,
  opensMinute: hm(opens),
  closesMinute: hm(closes),
})
const everyDay = (opens: string, closes: string): OpeningRange[] =>
  [1, 2, 3, 4, 5, 6, 7].map((d) => range(d, opens, closes))
const closure = (startsOn: string, endsOn: string): Closure => ({
  id: `closure-${startsOn}`,
  startsOn,
  endsOn,
  reason: 'congés',
})

const settings = (overrides: Partial<PickupSettings> = {}): PickupSettings => ({
  enabled: true,
  slotMinutes: 30,
  slotCapacity: 4,
  preparationMinutes: 0,
  handoverMarginMinutes: 0,
  horizonDays: 1,
  noShowAfterHours: 24,
  ...overrides,
})

const starts = (slots: readonly PickupSlot[]): string[] => slots.map((s) => s.startsAt.toISOString())
const ends = (slots: readonly PickupSlot[]): string[] => slots.map((s) => s.endsAt.toISOString())
const days = (slots: readonly PickupSlot[]): string[] => [
  ...new Set(slots.map((s) => s.startsAt.toISOString().slice(0, 10))),
]
const lengthsInMinutes = (slots: readonly PickupSlot[]): number[] =>
  slots.map((s) => (s.endsAt.getTime() - s.startsAt.getTime()) / 60_000)

describe('offeredSlots: slots cut from the opening hours', () => {
  it('cuts slots from the morning and the afternoon and offers none during the lunch break', () => {
    const hours = [range(TUE, '14:00', '18:00'), range(TUE, '09:00', '12:00')] // given out of order on purpose
    const slots = offeredSlots(hours, [], settings(), PARIS, new Date('2026-06-01T22:00:00Z')) // Tue 2 June, 00:00 in Paris

    expect(starts(slots)).toEqual([
      // 09:00–12:00 Paris = 07:00Z–10:00Z
      '2026-06-02T07:00:00.000Z',
      '2026-06-02T07:30:00.000Z',
      '2026-06-02T08:00:00.000Z',
      '2026-06-02T08:30:00.000Z',
      '2026-06-02T09:00:00.000Z',
      '2026-06-02T09:30:00.000Z',
      // 14:00–18:00 Paris = 12:00Z–16:00Z
      '2026-06-02T12:00:00.000Z',
      '2026-06-02T12:30:00.000Z',
      '2026-06-02T13:00:00.000Z',
      '2026-06-02T13:30:00.000Z',
      '2026-06-02T14:00:00.000Z',
      '2026-06-02T14:30:00.000Z',
      '2026-06-02T15:00:00.000Z',
      '2026-06-02T15:30:00.000Z',
    ])
    expect(slots[5]!.endsAt.toISOString()).toBe('2026-06-02T10:00:00.000Z') // last morning slot ends at noon
    expect(
      slots.some(
        (s) =>
          s.startsAt.getTime() >= Date.parse('2026-06-02T10:00:00Z') &&
          s.startsAt.getTime() < Date.parse('2026-06-02T12:00:00Z'),
      ),
    ).toBe(false)
    expect(lengthsInMinutes(slots).every((m) => m === 30)).toBe(true)
    expect(slots.every((s) => s.remaining === 4)).toBe(true)
  })

  it('offers no slot starting before now plus the preparation time', () => {
    const hours = [range(TUE, '09:00', '12:00')]
    // Tue 2 June 09:10 Paris, 60 min of preparation: nothing before 10:10, so the first slot is 10:30.
    const slots = offeredSlots(
      hours,
      [],
      settings({ preparationMinutes: 60 }),
      PARIS,
      new Date('2026-06-02T07:10:00Z'),
    )
    expect(starts(slots)).toEqual([
      '2026-06-02T08:30:00.000Z',
      '2026-06-02T09:00:00.000Z',
      '2026-06-02T09:30:00.000Z',
    ])
  })

  it('offers a slot starting exactly at now plus the preparation time', () => {
    const hours = [range(TUE, '09:00', '12:00')]
    // Tue 2 June 09:30 Paris + 60 min = 10:30 sharp.
    const slots = offeredSlots(
      hours,
      [],
      settings({ preparationMinutes: 60 }),
      PARIS,
      new Date('2026-06-02T07:30:00Z'),
    )
    expect(starts(slots)[0]).toBe('2026-06-02T08:30:00.000Z')
    expect(slots).toHaveLength(3)
  })

  it('ends the last slot no later than closing minus the handover margin', () => {
    const hours = [range(TUE, '14:00', '18:00')]
    const now = new Date('2026-06-01T22:00:00Z')

    // 30 min slots, 15 min margin: nothing may end after 17:45, so the last slot is 17:00–17:30.
    const withMargin = offeredSlots(hours, [], settings({ handoverMarginMinutes: 15 }), PARIS, now)
    expect(ends(withMargin).at(-1)).toBe('2026-06-02T15:30:00.000Z')
    expect(withMargin).toHaveLength(7)

    // 15 min slots, 15 min margin: the last slot is 17:30–17:45.
    const short = offeredSlots(
      hours,
      [],
      settings({ slotMinutes: 15, handoverMarginMinutes: 15 }),
      PARIS,
      now,
    )
    expect(starts(short).at(-1)).toBe('2026-06-02T15:30:00.000Z')
    expect(ends(short).at(-1)).toBe('2026-06-02T15:45:00.000Z')

    // No margin: the last slot ends at closing, 18:00.
    const noMargin = offeredSlots(hours, [], settings(), PARIS, now)
    expect(ends(noMargin).at(-1)).toBe('2026-06-02T16:00:00.000Z')
    expect(noMargin).toHaveLength(8)
  })

  it('offers nothing when the margin leaves no room for a whole slot', () => {
    const hours = [range(TUE, '09:00', '10:00')]
    const slots = offeredSlots(
      hours,
      [],
      settings({ slotMinutes: 60, handoverMarginMinutes: 15 }),
      PARIS,
      new Date('2026-06-01T22:00:00Z'),
    )
    expect(slots).toEqual([])
  })
})

describe('offeredSlots: closed days and the horizon', () => {
  const mondayMorning = new Date('2026-06-01T06:00:00Z') // Mon 1 June, 08:00 Paris

  it('offers nothing on a one-day closure and nothing on any day of a several-day closure', () => {
    const closures = [closure('2026-06-03', '2026-06-03'), closure('2026-06-04', '2026-06-06')]
    const slots = offeredSlots(
      everyDay('09:00', '12:00'),
      closures,
      settings({ horizonDays: 7 }),
      PARIS,
      mondayMorning,
    )
    expect(days(slots)).toEqual(['2026-06-01', '2026-06-02', '2026-06-07'])
  })

  it('includes both ends of a closure and ignores closures outside the dates shown', () => {
    const closures = [
      closure('2026-05-20', '2026-05-31'),
      closure('2026-06-02', '2026-06-03'),
      closure('2026-06-08', '2026-06-30'),
    ]
    const slots = offeredSlots(
      everyDay('09:00', '12:00'),
      closures,
      settings({ horizonDays: 7 }),
      PARIS,
      mondayMorning,
    )
    expect(days(slots)).toEqual(['2026-06-01', '2026-06-04', '2026-06-05', '2026-06-06', '2026-06-07'])
  })

  it('offers nothing on a weekday without opening hours', () => {
    const hours = everyDay('09:00', '12:00').filter((r) => r.weekday !== SUN && r.weekday !== WED)
    const slots = offeredSlots(hours, [], settings({ horizonDays: 7 }), PARIS, mondayMorning)
    expect(days(slots)).toEqual(['2026-06-01', '2026-06-02', '2026-06-04', '2026-06-05', '2026-06-06'])
  })

  it('offers slots on horizonDays calendar days counted from today on the shop clock', () => {
    const hours = everyDay('09:00', '12:00')
    expect(days(offeredSlots(hours, [], settings({ horizonDays: 1 }), PARIS, mondayMorning))).toEqual([
      '2026-06-01',
    ])
    expect(days(offeredSlots(hours, [], settings({ horizonDays: 3 }), PARIS, mondayMorning))).toEqual([
      '2026-06-01',
      '2026-06-02',
      '2026-06-03',
    ])
    const threeDays = offeredSlots(hours, [], settings({ horizonDays: 3 }), PARIS, mondayMorning)
    expect(ends(threeDays).at(-1)).toBe('2026-06-03T10:00:00.000Z') // Wed 3 June 12:00 Paris
  })

  it('counts today in the horizon even when its slots are already past', () => {
    const mondayEvening = new Date('2026-06-01T18:00:00Z') // Mon 1 June, 20:00 Paris
    const slots = offeredSlots(
      everyDay('09:00', '12:00'),
      [],
      settings({ horizonDays: 2 }),
      PARIS,
      mondayEvening,
    )
    expect(days(slots)).toEqual(['2026-06-02'])
    expect(starts(slots)[0]).toBe('2026-06-02T07:00:00.000Z')
  })

  it('offers nothing when click & collect is turned off', () => {
    expect(
      offeredSlots(
        everyDay('09:00', '19:00'),
        [],
        settings({ enabled: false, horizonDays: 7 }),
        PARIS,
        mondayMorning,
      ),
    ).toEqual([])
  })
})

describe('offeredSlots: what each slot can still take', () => {
  it('subtracts the orders already in a slot from its capacity and shows a full slot with 0 left', () => {
    const hours = [range(TUE, '09:00', '11:00')]
    const loads = new Map([
      ['2026-06-02T07:00:00.000Z', 1], // 09:00
      ['2026-06-02T07:30:00.000Z', 4], // 09:30: full
      ['2026-06-02T08:00:00.000Z', 6], // 10:00: more than the capacity (capacity lowered since)
      ['2026-06-02T06:30:00.000Z', 3], // 08:30: not a slot, ignored
    ])
    const slots = offeredSlots(hours, [], settings(), PARIS, new Date('2026-06-01T22:00:00Z'), loads)
    expect(slots.map((s) => [s.startsAt.toISOString(), s.remaining])).toEqual([
      ['2026-06-02T07:00:00.000Z', 3],
      ['2026-06-02T07:30:00.000Z', 0],
      ['2026-06-02T08:00:00.000Z', 0],
      ['2026-06-02T08:30:00.000Z', 4],
    ])
  })

  it('gives every slot the whole capacity when no loads are given', () => {
    const slots = offeredSlots(
      [range(TUE, '09:00', '10:00')],
      [],
      settings({ slotCapacity: 7 }),
      PARIS,
      new Date('2026-06-01T22:00:00Z'),
    )
    expect(slots.map((s) => s.remaining)).toEqual([7, 7])
  })
})

describe('offeredSlots: daylight saving time in Paris', () => {
  const weekend = [range(SAT, '09:00', '12:00'), range(SUN, '09:00', '12:00'), range(MON, '09:00', '12:00')]
  const hourly = settings({ slotMinutes: 60, horizonDays: 3 })

  it('shifts the UTC instants by one hour across spring forward (Sunday 29 March 2026)', () => {
    const slots = offeredSlots(weekend, [], hourly, PARIS, new Date('2026-03-27T23:00:00Z')) // Sat 28 March, 00:00 Paris
    expect(starts(slots)).toEqual([
      '2026-03-28T08:00:00.000Z',
      '2026-03-28T09:00:00.000Z',
      '2026-03-28T10:00:00.000Z', // Saturday, UTC+1
      '2026-03-29T07:00:00.000Z',
      '2026-03-29T08:00:00.000Z',
      '2026-03-29T09:00:00.000Z', // Sunday, UTC+2
      '2026-03-30T07:00:00.000Z',
      '2026-03-30T08:00:00.000Z',
      '2026-03-30T09:00:00.000Z', // Monday, UTC+2
    ])
    expect(lengthsInMinutes(slots)).toEqual(Array(9).fill(60))
  })

  it('shifts the UTC instants by one hour across fall back (Sunday 25 October 2026)', () => {
    const slots = offeredSlots(weekend, [], hourly, PARIS, new Date('2026-10-23T22:00:00Z')) // Sat 24 October, 00:00 Paris
    expect(starts(slots)).toEqual([
      '2026-10-24T07:00:00.000Z',
      '2026-10-24T08:00:00.000Z',
      '2026-10-24T09:00:00.000Z', // Saturday, UTC+2
      '2026-10-25T08:00:00.000Z',
      '2026-10-25T09:00:00.000Z',
      '2026-10-25T10:00:00.000Z', // Sunday, UTC+1
      '2026-10-26T08:00:00.000Z',
      '2026-10-26T09:00:00.000Z',
      '2026-10-26T10:00:00.000Z', // Monday, UTC+1
    ])
    expect(lengthsInMinutes(slots)).toEqual(Array(9).fill(60))
  })

  it('keeps daytime slots exactly slotMinutes long in real time on both DST days', () => {
    const short = settings({ slotMinutes: 15, horizonDays: 1 })
    for (const now of [new Date('2026-03-28T23:00:00Z'), new Date('2026-10-24T22:00:00Z')]) {
      const slots = offeredSlots([range(SUN, '09:00', '12:00')], [], short, PARIS, now)
      expect(slots).toHaveLength(12)
      expect(lengthsInMinutes(slots)).toEqual(Array(12).fill(15))
    }
  })

  const nightShop = [range(SUN, '01:00', '04:00')]
  const night = settings({ slotMinutes: 30, horizonDays: 2 })

  it('lists each real instant once on spring-forward night for a shop open 01:00–04:00 (Sunday 29 March 2026)', () => {
    const slots = offeredSlots(nightShop, [], night, PARIS, new Date('2026-03-28T12:00:00Z'))
    // 01:00–04:00 Paris that night is only 2 real hours: 00:00Z–02:00Z.
    expect(starts(slots)).toEqual([
      '2026-03-29T00:00:00.000Z',
      '2026-03-29T00:30:00.000Z',
      '2026-03-29T01:00:00.000Z',
      '2026-03-29T01:30:00.000Z',
    ])
    expect(lengthsInMinutes(slots)).toEqual([30, 30, 30, 30])
  })

  it('offers every real half hour of fall-back night once, each 30 minutes long (Sunday 25 October 2026)', () => {
    const slots = offeredSlots(nightShop, [], night, PARIS, new Date('2026-10-24T12:00:00Z'))
    // 01:00 CEST to 04:00 CET that night is 4 real hours: 23:00Z–03:00Z.
    expect(starts(slots)).toEqual([
      '2026-10-24T23:00:00.000Z',
      '2026-10-24T23:30:00.000Z',
      '2026-10-25T00:00:00.000Z',
      '2026-10-25T00:30:00.000Z',
      '2026-10-25T01:00:00.000Z',
      '2026-10-25T01:30:00.000Z',
      '2026-10-25T02:00:00.000Z',
      '2026-10-25T02:30:00.000Z',
    ])
    expect(lengthsInMinutes(slots)).toEqual([30, 30, 30, 30, 30, 30, 30, 30])
  })
})

describe('offeredSlots: a shop in another time zone', () => {
  const hours = [range(TUE, '09:00', '12:00'), range(WED, '09:00', '12:00')]

  it('cuts slots on the New York wall clock in summer (UTC−4) and in winter (UTC−5)', () => {
    const summer = offeredSlots(
      hours,
      [],
      settings({ slotMinutes: 60 }),
      NEW_YORK,
      new Date('2026-06-16T04:00:00Z'),
    ) // Tue 16 June, 00:00 EDT
    expect(starts(summer)).toEqual([
      '2026-06-16T13:00:00.000Z',
      '2026-06-16T14:00:00.000Z',
      '2026-06-16T15:00:00.000Z',
    ])
    const winter = offeredSlots(
      hours,
      [],
      settings({ slotMinutes: 60 }),
      NEW_YORK,
      new Date('2026-01-13T05:00:00Z'),
    ) // Tue 13 January, 00:00 EST
    expect(starts(winter)).toEqual([
      '2026-01-13T14:00:00.000Z',
      '2026-01-13T15:00:00.000Z',
      '2026-01-13T16:00:00.000Z',
    ])
  })

  it('takes "today" from the shop clock, not from UTC', () => {
    // 02:00Z on Wednesday 17 June is still Tuesday 16 June, 22:00 in New York: today's slots are past, Wednesday comes next.
    const now = new Date('2026-06-17T02:00:00Z')
    expect(offeredSlots(hours, [], settings({ slotMinutes: 60, horizonDays: 1 }), NEW_YORK, now)).toEqual([])
    const twoDays = offeredSlots(hours, [], settings({ slotMinutes: 60, horizonDays: 2 }), NEW_YORK, now)
    expect(starts(twoDays)).toEqual([
      '2026-06-17T13:00:00.000Z',
      '2026-06-17T14:00:00.000Z',
      '2026-06-17T15:00:00.000Z',
    ])
  })

  it('closes on the New York date of a closure', () => {
    const slots = offeredSlots(
      hours,
      [closure('2026-06-16', '2026-06-16')],
      settings({ slotMinutes: 60, horizonDays: 2 }),
      NEW_YORK,
      new Date('2026-06-16T04:00:00Z'),
    )
    expect(days(slots)).toEqual(['2026-06-17'])
  })
})

describe('offeredSlotAt agrees with offeredSlots', () => {
  it('finds exactly the listed slots, and nothing between them, across DST nights and closures', () => {
    const hours = [
      range(SUN, '01:00', '04:00'),
      range(MON, '09:00', '12:00'),
      range(MON, '14:00', '19:00'),
      range(SAT, '08:30', '13:00'),
    ]
    const closures = [closure('2026-10-31', '2026-10-31')]
    for (const now of [
      new Date('2026-03-28T12:00:00Z'),
      new Date('2026-10-24T12:00:00Z'),
      new Date('2026-10-26T09:07:00Z'),
    ]) {
      const config = settings({
        slotMinutes: 30,
        horizonDays: 8,
        preparationMinutes: 45,
        handoverMarginMinutes: 15,
      })
      const listed = offeredSlots(hours, closures, config, PARIS, now)
      expect(listed.length).toBeGreaterThan(0)
      for (const slot of listed) {
        expect(offeredSlotAt(hours, closures, config, PARIS, now, slot.startsAt)).toEqual({
          startsAt: slot.startsAt,
          endsAt: slot.endsAt,
        })
      }
      const listedStarts = new Set(listed.map((s) => s.startsAt.getTime()))
      // Every 5 minutes over the horizon: a start that is not listed is not offered.
      for (let t = now.getTime() - 3_600_000; t < now.getTime() + 9 * 86_400_000; t += 5 * 60_000) {
        if (!listedStarts.has(t))
          expect(
            offeredSlotAt(hours, closures, config, PARIS, now, new Date(t)),
            new Date(t).toISOString(),
          ).toBeUndefined()
      }
    }
  })
})
