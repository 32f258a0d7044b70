import { expect, it } from 'vitest'
import { aRestaurant, aSalon, LUNCH_SETTINGS } from '../../../test/factories/bookings.js'
import { MONDAY_MORNING } from '../../../test/factories/ordering.js'
import { forEachEngine } from '../../../test/harness/engines.js'
import { outcomeOf } from '../../../test/harness/outcome.js'
import { AppError } from '../../lib/app-error.js'
import { fixedClock } from '../../lib/clock.js'
import {
  bookAppointment,
  cancelBookingByLink,
  confirmRequest,
  createResource,
  declineRequest,
  listFreeTimes,
  listFreeTimesByLink,
  moveBookingByLink,
  listResources,
  moveBooking,
  setBookableService,
  updateResource,
} from './index.js'
import { checkPartySize, partyDuration, tablesFor } from './party.js'

// Tuesday 24 November 2026, 12:00 in Paris (11:00 UTC): a lunch time the restaurant offers.
const NOON = '2026-11-24T11:00:00.000Z'
let clients = 0
/** Each party its own address: one person cannot hold two restaurants at once (UX-17), and the tests share a database. */
const contact = (name: string) => ({
  name,
  email: `${name.toLowerCase().replace(/\W/g, '')}.${++clients}@example.fr`,
  phone: '06 12 34 56 78',
})

it('sizes a party against its service: 1 to the largest party online, whole numbers only', () => {
  const party = {
    maxParty: 8,
    onRequestFrom: 6,
    durations: [
      { fromParty: 5, minutes: 120 },
      { fromParty: 7, minutes: 150 },
    ],
  }
  expect(checkPartySize(party, 8)).toBe(8)
  for (const size of [0, 9, 500, 2.5, Number.NaN, undefined]) {
    const error = (() => {
      try {
        checkPartySize(party, size)
      } catch (e) {
        return e
      }
    })()
    expect(error, String(size)).toBeInstanceOf(AppError)
    expect(error, String(size)).toMatchObject({
      code: 'bookings.invalid_party_size',
      details: { field: 'partySize', max: 8 },
    })
  }
  // A service booked one person at a time takes 1 or nothing said.
  expect(checkPartySize(undefined, undefined)).toBe(1)
  expect(checkPartySize(undefined, 1)).toBe(1)
  expect(() => checkPartySize(undefined, 2)).toThrow(/one person/)
  // The duration of the largest row the party reaches, else the catalog's.
  expect([1, 4, 5, 6, 7, 8].map((n) => partyDuration(party, n, 90))).toEqual([90, 90, 120, 120, 150, 150])
  // Smallest table first (fewest empty seats), then in the order given.
  const tables = [
    { id: 'big', seats: { min: 4, max: 8 } },
    { id: 'b', seats: { min: 1, max: 2 } },
    { id: 'a', seats: { min: 1, max: 2 } },
    { id: 'four', seats: { min: 2, max: 4 } },
  ]
  expect(tablesFor(tables, 2).map((t) => t.id)).toEqual(['b', 'a', 'four'])
  expect(tablesFor(tables, 1).map((t) => t.id)).toEqual(['b', 'a'])
  expect(tablesFor(tables, 4).map((t) => t.id)).toEqual(['four', 'big'])
  expect(tablesFor(tables, 9)).toEqual([])
})

forEachEngine('restaurant tables: parties, durations, requests (issue #5)', ({ db }) => {
  const clock = fixedClock(MONDAY_MORNING)
  const deps = () => ({ db: db(), clock })
  const at = async (
    shopId: Parameters<typeof listFreeTimes>[1],
    variantId: string,
    partySize: number | undefined,
  ) =>
    (
      await listFreeTimes(db(), shopId, variantId, { from: '2026-11-24', days: 1, partySize }, clock.now())
    ).find((t) => t.startsAt === NOON)

  it('offers the tables a party fits, smallest first, for as long as a party that size stays', async () => {
    clock.set(MONDAY_MORNING)
    const { shopId, tables, lunch } = await aRestaurant(db(), clock)
    expect(lunch.party).toEqual({
      maxParty: 8,
      onRequestFrom: 6,
      durations: [{ fromParty: 5, minutes: 120 }],
    })
    const forTwo = await at(shopId, lunch.variantId, 2)
    expect(forTwo?.resourceIds).toEqual([tables.small1.id, tables.small2.id, tables.four.id])
    expect(Date.parse(forTwo!.endsAt) - Date.parse(forTwo!.startsAt)).toBe(90 * 60_000)
    const forFive = await at(shopId, lunch.variantId, 5)
    expect(forFive?.resourceIds).toEqual([tables.large.id])
    expect(Date.parse(forFive!.endsAt) - Date.parse(forFive!.startsAt)).toBe(120 * 60_000)
    // The last lunch of a party of five must end by closing time (19:00): 16:30 is too late for two hours.
    const fiveTimes = await listFreeTimes(
      db(),
      shopId,
      lunch.variantId,
      { from: '2026-11-24', days: 1, partySize: 5 },
      clock.now(),
    )
    expect(fiveTimes.at(-1)!.endsAt).toBe('2026-11-24T18:00:00.000Z')
    for (const size of [undefined, 0, 9, 500])
      expect(
        await outcomeOf(
          listFreeTimes(db(), shopId, lunch.variantId, { days: 1, partySize: size }, clock.now()),
        ),
        String(size),
      ).toBe('bookings.invalid_party_size')
    // A hairdresser still books one person without saying so; a party there is refused.
    const salon = await aSalon(db(), clock)
    expect(
      (
        await listFreeTimes(
          db(),
          salon.shopId,
          salon.haircut.variantId,
          { from: '2026-11-24', days: 1 },
          clock.now(),
        )
      ).length,
    ).toBeGreaterThan(0)
    expect(
      await outcomeOf(
        listFreeTimes(db(), salon.shopId, salon.haircut.variantId, { days: 1, partySize: 3 }, clock.now()),
      ),
    ).toBe('bookings.invalid_party_size')
  })

  it('seats each party at the smallest free table, and says "taken" once no table that seats it is free', async () => {
    clock.set(MONDAY_MORNING)
    const { shopId, tables, lunch } = await aRestaurant(db(), clock)
    const book = (name: string, partySize: number) =>
      bookAppointment(deps(), shopId, {
        variantId: lunch.variantId,
        startsAt: NOON,
        resourceId: undefined,
        partySize,
        contact: contact(name),
        userId: undefined,
      })
    const pairs = [await book('Alix', 2), await book('Basile', 2), await book('Chloé', 2)]
    expect(pairs.map((p) => [p.booking.resourceId, p.booking.partySize, p.booking.status])).toEqual([
      [tables.small1.id, 2, 'confirmed'],
      [tables.small2.id, 2, 'confirmed'],
      [tables.four.id, 2, 'confirmed'],
    ])
    // The large table seats 4 to 8: a fourth couple is not put there.
    expect(await outcomeOf(book('Dan', 2))).toBe('bookings.time_taken')
    expect(await at(shopId, lunch.variantId, 2)).toBeUndefined()
    const four = await book('Eva', 4)
    expect(four.booking.resourceId).toBe(tables.large.id)
    expect(await at(shopId, lunch.variantId, 4)).toBeUndefined()
    // Cancelling frees the table for the next party.
    await cancelBookingByLink(deps(), pairs[2]!.booking.id, pairs[2]!.cancelToken)
    expect((await at(shopId, lunch.variantId, 3))?.resourceIds).toEqual([tables.four.id])
  })

  it('gives the last table to exactly one of many parties booking it at once', async () => {
    clock.set(MONDAY_MORNING)
    const { shopId, tables, lunch } = await aRestaurant(db(), clock)
    // Only the tables for four are left for a party of three: the table for 2–4 (the large one seats 4 and more).
    const outcomes = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        outcomeOf(
          bookAppointment(deps(), shopId, {
            variantId: lunch.variantId,
            startsAt: NOON,
            resourceId: undefined,
            partySize: 3,
            contact: contact(`Groupe ${i}`),
            userId: undefined,
          }),
        ),
      ),
    )
    expect(outcomes.filter((o) => o === 'ok')).toHaveLength(1)
    expect(outcomes.filter((o) => o !== 'ok').every((o) => o === 'bookings.time_taken')).toBe(true)
    const held = await db()
      .selectFrom('bookings')
      .select(['resource_id', 'party_size'])
      .where('shop_id', '=', shopId)
      .where('status', '=', 'confirmed')
      .execute()
    expect(held).toEqual([{ resource_id: tables.four.id, party_size: 3 }])
    // Parties of four race for the table for 2–4 and the large one: two win, each at its own table.
    const fours = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        bookAppointment(deps(), shopId, {
          variantId: lunch.variantId,
          startsAt: '2026-11-24T12:00:00.000Z',
          resourceId: undefined,
          partySize: 4,
          contact: contact(`Quatre ${i}`),
          userId: undefined,
        }).then(
          (r) => r.booking.resourceId,
          (e: AppError) => e.code,
        ),
      ),
    )
    // 12:00 UTC overlaps the 11:00 party of three on the table for 2–4 (90 min): only the large table is left.
    expect(fours.filter((o) => o === tables.large.id)).toHaveLength(1)
    expect(fours.filter((o) => o === 'bookings.time_taken')).toHaveLength(5)
  })

  it('holds a large party’s table as a request until the shop confirms it, with the messages each step sends', async () => {
    clock.set(MONDAY_MORNING)
    const { shopId, tables, lunch } = await aRestaurant(db(), clock)
    const { booking } = await bookAppointment(deps(), shopId, {
      variantId: lunch.variantId,
      startsAt: NOON,
      resourceId: undefined,
      partySize: 7,
      contact: contact('Famille Roux'),
      userId: undefined,
    })
    expect([booking.status, booking.partySize, booking.resourceId]).toEqual(['requested', 7, tables.large.id])
    expect(Date.parse(booking.endsAt) - Date.parse(booking.startsAt)).toBe(120 * 60_000)
    // The table is held: no other party of 5 to 8 can have it meanwhile.
    expect(await at(shopId, lunch.variantId, 5)).toBeUndefined()
    const topics = async () =>
      (
        await db()
          .selectFrom('outbox')
          .select(['topic', 'key'])
          .where('key', 'like', `${booking.id}%`)
          .orderBy('id')
          .execute()
      ).map((m) => m.topic)
    // A request is acknowledged, not confirmed, and not reminded of until it is; unanswered, it lapses at its time.
    expect(await topics()).toEqual(['booking.request_due', 'booking.requested'])

    const confirmed = await confirmRequest(deps(), shopId, booking.id)
    expect(confirmed.status).toBe('confirmed')
    expect(await topics()).toEqual([
      'booking.request_due',
      'booking.requested',
      'booking.confirmed',
      'booking.reminder',
    ])
    // Confirming twice changes nothing; declining a confirmed booking is refused (the shop cancels it instead).
    expect((await confirmRequest(deps(), shopId, booking.id)).status).toBe('confirmed')
    expect(await topics()).toHaveLength(4)
    expect(await outcomeOf(declineRequest(deps(), shopId, booking.id))).toBe('bookings.not_a_request')
    // Another shop cannot answer it.
    const other = await aRestaurant(db(), clock)
    expect(await outcomeOf(confirmRequest(deps(), other.shopId, booking.id))).toBe(
      'bookings.booking_not_found',
    )
    expect(await outcomeOf(declineRequest(deps(), other.shopId, booking.id))).toBe(
      'bookings.booking_not_found',
    )
    expect(await outcomeOf(confirmRequest(deps(), shopId, 'not-an-id'))).toBe('bookings.booking_not_found')
  })

  it('frees a declined request’s table and tells the resident once; a request withdrawn or past cannot be confirmed', async () => {
    clock.set(MONDAY_MORNING)
    const { shopId, lunch } = await aRestaurant(db(), clock)
    const request = (name: string, startsAt: string) =>
      bookAppointment(deps(), shopId, {
        variantId: lunch.variantId,
        startsAt,
        resourceId: undefined,
        partySize: 6,
        contact: contact(name),
        userId: undefined,
      })
    const first = await request('Groupe Martin', NOON)
    const declined = await declineRequest(deps(), shopId, first.booking.id)
    expect([declined.status, declined.cancelledBy]).toEqual(['cancelled', 'shop'])
    expect(await at(shopId, lunch.variantId, 6)).toBeDefined()
    expect(
      (
        await db()
          .selectFrom('outbox')
          .select('topic')
          .where('key', '=', first.booking.id)
          .orderBy('id')
          .execute()
      ).map((m) => m.topic),
    ).toEqual(['booking.request_due', 'booking.requested', 'booking.declined'])
    expect(await outcomeOf(confirmRequest(deps(), shopId, first.booking.id))).toBe('bookings.not_a_request')
    expect((await declineRequest(deps(), shopId, first.booking.id)).status).toBe('cancelled')

    // The resident withdraws by their link: the shop's confirm comes too late.
    const second = await request('Groupe Petit', NOON)
    await cancelBookingByLink(deps(), second.booking.id, second.cancelToken)
    expect(await outcomeOf(confirmRequest(deps(), shopId, second.booking.id))).toBe('bookings.not_a_request')
    // Unanswered until its time has passed: it can no longer be confirmed.
    const third = await request('Groupe Blanc', NOON)
    clock.set('2026-11-24T11:30:00Z')
    expect(await outcomeOf(confirmRequest(deps(), shopId, third.booking.id))).toBe('bookings.not_a_request')
  })

  it('books any party the shop takes on the phone as confirmed, and moves a party to another table that seats it', async () => {
    clock.set(MONDAY_MORNING)
    const { shopId, tables, lunch } = await aRestaurant(db(), clock)
    const { booking } = await bookAppointment(
      deps(),
      shopId,
      {
        variantId: lunch.variantId,
        startsAt: NOON,
        resourceId: tables.large.id,
        partySize: 7,
        contact: { name: 'M. Garnier', email: '', phone: '06 00 00 00 00' },
        userId: undefined,
      },
      { byShop: true },
    )
    expect([booking.status, booking.partySize]).toEqual(['confirmed', 7])
    // Larger than the restaurant takes online, the phone is where a group of eight goes: the shop seats it.
    const {
      shopId: smaller,
      tables: its,
      lunch: itsLunch,
    } = await aRestaurant(db(), clock, { party: { maxParty: 6, onRequestFrom: undefined, durations: [] } })
    const eight = {
      variantId: itsLunch.variantId,
      startsAt: NOON,
      resourceId: undefined,
      partySize: 8,
      contact: { name: 'M. Garnier', email: 'garnier@example.fr', phone: '' },
      userId: undefined,
    }
    expect(await outcomeOf(bookAppointment(deps(), smaller, eight))).toBe('bookings.invalid_party_size')
    expect((await bookAppointment(deps(), smaller, eight, { byShop: true })).booking).toMatchObject({
      status: 'confirmed',
      partySize: 8,
      resourceId: its.large.id,
    })
    expect(
      await outcomeOf(
        bookAppointment(
          deps(),
          smaller,
          { ...eight, startsAt: '2026-11-24T14:00:00.000Z', partySize: 9 },
          { byShop: true },
        ),
      ),
    ).toBe('bookings.invalid_party_size')
    const two = await bookAppointment(deps(), shopId, {
      variantId: lunch.variantId,
      startsAt: NOON,
      resourceId: undefined,
      partySize: 2,
      contact: contact('Inès'),
      userId: undefined,
    })
    // Moved to the table for 2–4: it keeps its size and the duration for two.
    const moved = await moveBooking(deps(), shopId, two.booking.id, {
      startsAt: '2026-11-24T12:00:00.000Z',
      resourceId: tables.four.id,
    })
    expect([moved.resourceId, moved.partySize, moved.endsAt]).toEqual([
      tables.four.id,
      2,
      '2026-11-24T13:30:00.000Z',
    ])
    // Not to a table that cannot seat the party.
    expect(
      await outcomeOf(
        moveBooking(deps(), shopId, booking.id, {
          startsAt: '2026-11-24T13:00:00.000Z',
          resourceId: tables.small1.id,
        }),
      ),
    ).toBe('bookings.time_not_offered')
  })

  it('lets a couple move by its link onto the smallest table, but a group the restaurant agreed to calls', async () => {
    clock.set(MONDAY_MORNING)
    const { shopId, tables, lunch } = await aRestaurant(db(), clock)
    const book = (name: string, partySize: number, startsAt = NOON) =>
      bookAppointment(deps(), shopId, {
        variantId: lunch.variantId,
        startsAt,
        resourceId: undefined,
        partySize,
        contact: contact(name),
        userId: undefined,
      })
    await book('Alix', 2)
    await book('Basile', 2)
    const third = await book('Chloé', 2)
    expect(third.booking.resourceId).toBe(tables.four.id)
    // From 13:30 the tables for two are free again: the couple gets one, not the table for four it had.
    const moved = await moveBookingByLink(deps(), third.booking.id, third.cancelToken, {
      startsAt: '2026-11-24T12:30:00.000Z',
    })
    expect(moved.booking.resourceId).toBe(tables.small1.id)

    const group = await book('Famille Roux', 6, '2026-11-25T11:00:00.000Z')
    await confirmRequest(deps(), shopId, group.booking.id)
    const link = (
      await db()
        .selectFrom('outbox')
        .select('payload')
        .where('topic', '=', 'booking.confirmed')
        .where('key', '=', group.booking.id)
        .executeTakeFirstOrThrow()
    ).payload
    const token = (JSON.parse(link!) as { cancelToken: string }).cancelToken
    expect(
      await outcomeOf(
        moveBookingByLink(deps(), group.booking.id, token, { startsAt: '2026-11-25T12:00:00.000Z' }),
      ),
    ).toBe('bookings.group_moves_by_phone')
    expect(
      await outcomeOf(listFreeTimesByLink(db(), group.booking.id, token, { days: 1 }, clock.now())),
    ).toBe('bookings.group_moves_by_phone')
  })

  it('offers no time, rather than an error, to a party no active table fits, and refuses one larger than every table', async () => {
    clock.set(MONDAY_MORNING)
    const { shopId, tables, lunch } = await aRestaurant(db(), clock)
    for (const t of [tables.small1, tables.small2, tables.four])
      await updateResource(deps(), shopId, t.id, {
        name: t.name,
        kind: 'resource',
        seats: t.seats,
        active: false,
      })
    expect(
      await listFreeTimes(
        db(),
        shopId,
        lunch.variantId,
        { from: '2026-11-24', days: 1, partySize: 2 },
        clock.now(),
      ),
    ).toEqual([])
    expect((await at(shopId, lunch.variantId, 4))?.resourceIds).toEqual([tables.large.id])
    await updateResource(deps(), shopId, tables.large.id, {
      name: 'Grande table',
      kind: 'resource',
      seats: { min: 4, max: 6 },
      active: true,
    })
    expect(
      await outcomeOf(listFreeTimes(db(), shopId, lunch.variantId, { days: 1, partySize: 7 }, clock.now())),
    ).toBe('bookings.invalid_party_size')
  })

  it('refuses party settings the tables cannot serve, and keeps a table’s seats sensible', async () => {
    clock.set(MONDAY_MORNING)
    const { shopId, tables, lunch } = await aRestaurant(db(), clock)
    const problemsOf = async (promise: Promise<unknown>) => {
      try {
        await promise
        return []
      } catch (error) {
        if (!(error instanceof AppError)) throw error
        return (
          (error.details.errors ?? [{ field: error.details.field, code: error.code }]) as Array<{
            field: string
            code: string
          }>
        ).map((p) => `${p.field} ${p.code}`)
      }
    }
    const withParty = (party: object, resourceIds = [tables.four.id, tables.small1.id]) =>
      setBookableService(deps(), shopId, lunch.variantId, {
        ...LUNCH_SETTINGS,
        resourceIds,
        party: { onRequestFrom: undefined, durations: [], maxParty: 4, ...party },
      })
    expect(await problemsOf(withParty({ maxParty: 6 }))).toEqual(['party.maxParty no_table_that_large'])
    expect(await problemsOf(withParty({ maxParty: 0 }))).toEqual(['party.maxParty out_of_range'])
    expect(await problemsOf(withParty({ onRequestFrom: 9 }))).toEqual(['party.onRequestFrom out_of_range'])
    expect(await problemsOf(withParty({ durations: [{ fromParty: 3, minutes: 7 }] }))).toEqual([
      'party.durations.0.minutes out_of_range',
    ])
    expect(
      await problemsOf(
        withParty({
          durations: [
            { fromParty: 3, minutes: 60 },
            { fromParty: 3, minutes: 90 },
          ],
        }),
      ),
    ).toEqual(['party.durations invalid_format'])
    const chef = await createResource(deps(), shopId, { name: 'Chef', kind: 'staff' })
    expect(await problemsOf(withParty({}, [tables.four.id, chef.id]))).toEqual(['resourceIds not_a_table'])
    expect(
      (await withParty({ maxParty: 4, onRequestFrom: 4, durations: [{ fromParty: 3, minutes: 105 }] })).party,
    ).toEqual({ maxParty: 4, onRequestFrom: 4, durations: [{ fromParty: 3, minutes: 105 }] })

    expect(
      await problemsOf(
        createResource(deps(), shopId, { name: 'Table 9', kind: 'resource', seats: { min: 5, max: 2 } }),
      ),
    ).toEqual(['seats.max out_of_range'])
    expect(
      await problemsOf(
        createResource(deps(), shopId, { name: 'Table 9', kind: 'resource', seats: { min: 0, max: 2 } }),
      ),
    ).toEqual(['seats.min out_of_range'])
    expect(
      await problemsOf(
        createResource(deps(), shopId, { name: 'Banquet', kind: 'resource', seats: { min: 10, max: 61 } }),
      ),
    ).toEqual(['seats.max out_of_range'])
    // Renamed with its seats, a table stays a table.
    await updateResource(deps(), shopId, tables.four.id, {
      name: 'Table du fond',
      kind: 'resource',
      seats: { min: 2, max: 4 },
      active: true,
    })
    expect((await listResources(db(), shopId)).find((r) => r.id === tables.four.id)).toMatchObject({
      name: 'Table du fond',
      seats: { min: 2, max: 4 },
    })
  })
})
