import { expect, it } from 'vitest'
import { residentContact, TASTING, TOWN_EVENING } from '../../test/factories/events.js'
import { aPickupShop, MONDAY_MORNING } from '../../test/factories/ordering.js'
import { aUser } from '../../test/factories/users.js'
import { aStaffSession, callApi, useTestApp } from '../../test/harness/app.js'
import { forEachEngine } from '../../test/harness/engines.js'
import { fixedClock } from '../lib/clock.js'
import { openSession } from '../modules/identity/index.js'
import { SESSION_COOKIE } from '../http/auth.js'

forEachEngine('town events over HTTP (issue #5 item 3)', ({ db }) => {
  const clock = fixedClock(MONDAY_MORNING)
  const server = useTestApp(db, { clock, checkoutRateLimit: 100_000 })

  const call = (cookie: string, method: string, path: string, body?: unknown) =>
    callApi(server.baseUrl, cookie, method, path, body)
  /** A signed-in account of that role (its session opened by the test: no login rate limit). */
  async function sessionOf(role: 'resident' | 'coordinator') {
    const user = await aUser(db(), { role }, clock)
    const { token } = await openSession({ db: db(), clock }, user.id)
    return `${SESSION_COOKIE}=${token}`
  }

  it('lets the coordinator schedule a town event (201), list it, see its waitlist and cancel a registration or the event', async () => {
    clock.set(MONDAY_MORNING)
    const coordinator = await sessionOf('coordinator')
    const created = await call(coordinator, 'POST', '/api/v1/town/events', {
      ...TOWN_EVENING,
      capacity: 1,
      seatsPerPerson: 1,
    })
    expect(created.status).toBe(201)
    expect(created.json).toMatchObject({
      shopId: null,
      place: 'Place du marché',
      seatsLeft: 1,
      status: 'scheduled',
    })
    const event = created.json
    expect(
      (await call(coordinator, 'GET', '/api/v1/town/events')).json.items.map((e: { id: string }) => e.id),
    ).toContain(event.id)

    // Residents register through the same public route as for a shop's event.
    const first = await call('', 'POST', `/api/v1/events/${event.id}/registrations`, {
      seats: 1,
      contact: residentContact(1),
    })
    const second = await call('', 'POST', `/api/v1/events/${event.id}/registrations`, {
      seats: 1,
      contact: residentContact(2),
    })
    expect([first.json.registration.status, second.json.registration.status]).toEqual(['seated', 'waiting'])
    const listed = await call(coordinator, 'GET', `/api/v1/town/events/${event.id}/registrations`)
    expect(listed.status).toBe(200)
    expect(listed.json.items.map((r: { status: string }) => r.status)).toEqual(['seated', 'waiting'])

    const cancelled = await call(
      coordinator,
      'POST',
      `/api/v1/town/event-registrations/${first.json.registration.id}/cancel`,
    )
    expect([cancelled.status, cancelled.json.status]).toEqual([200, 'cancelled'])
    const after = await call(coordinator, 'GET', `/api/v1/town/events/${event.id}/registrations`)
    expect(after.json.items.map((r: { id: string; status: string }) => [r.id, r.status])).toEqual([
      [second.json.registration.id, 'offered'],
    ])

    const off = await call(coordinator, 'POST', `/api/v1/town/events/${event.id}/cancel`)
    expect([off.status, off.json.status]).toEqual([200, 'cancelled'])
  })

  it('lists what’s on for anyone: the town’s and the shops’ coming events, soonest first, not the cancelled or started ones', async () => {
    clock.set(MONDAY_MORNING)
    const coordinator = await sessionOf('coordinator')
    const shop = await aPickupShop(db(), clock)
    const staff = (await aStaffSession(server, shop.id)).cookieHeader()
    const at = (day: string, hour: string) => ({
      startsAt: `2026-12-${day}T${hour}:00:00.000Z`,
      endsAt: `2026-12-${day}T23:00:00.000Z`,
    })
    const town = (
      await call(coordinator, 'POST', '/api/v1/town/events', {
        ...TOWN_EVENING,
        title: 'Marché de Noël',
        ...at('12', '15'),
      })
    ).json
    const tasting = (
      await call(staff, 'POST', `/api/v1/shops/${shop.id}/admin/events`, { ...TASTING, ...at('05', '18') })
    ).json
    const calledOff = (
      await call(staff, 'POST', `/api/v1/shops/${shop.id}/admin/events`, {
        ...TASTING,
        title: 'Annulée',
        ...at('08', '18'),
      })
    ).json
    const tonight = (
      await call(staff, 'POST', `/api/v1/shops/${shop.id}/admin/events`, {
        ...TASTING,
        title: 'Ce soir',
        ...at('01', '18'),
      })
    ).json
    expect(
      (await call(staff, 'POST', `/api/v1/shops/${shop.id}/admin/events/${calledOff.id}/cancel`, {})).status,
    ).toBe(200)
    // 1 December 19:00 in Paris has started by then: too late to join.
    clock.set('2026-12-01T18:30:00Z')
    const listed = await call('', 'GET', '/api/v1/events')
    expect(listed.status).toBe(200)
    const mine = listed.json.items.filter((e: { id: string }) =>
      [town.id, tasting.id, calledOff.id, tonight.id].includes(e.id),
    )
    expect(mine.map((e: { title: string; shopId: string | null }) => [e.title, e.shopId])).toEqual([
      [TASTING.title, shop.id],
      ['Marché de Noël', null],
    ])
    const starts = listed.json.items.map((e: { startsAt: string }) => e.startsAt)
    expect(starts).toEqual([...starts].sort())
    clock.set(MONDAY_MORNING)
  })

  it('refuses a town event without a place, by field', async () => {
    clock.set(MONDAY_MORNING)
    const coordinator = await sessionOf('coordinator')
    const missing = await call(coordinator, 'POST', '/api/v1/town/events', {
      ...TOWN_EVENING,
      place: undefined,
    })
    expect(missing.status).toBe(400)
    const blank = await call(coordinator, 'POST', '/api/v1/town/events', { ...TOWN_EVENING, place: '   ' })
    expect([blank.status, blank.json.code]).toEqual([400, 'bookings.invalid_event'])
    expect(blank.json.errors).toEqual([{ field: 'place', code: 'required' }])
  })

  it('answers 401 signed out and 403 to residents and shop staff; nothing is written', async () => {
    clock.set(MONDAY_MORNING)
    const coordinator = await sessionOf('coordinator')
    const event = (await call(coordinator, 'POST', '/api/v1/town/events', TOWN_EVENING)).json
    const registered = await call('', 'POST', `/api/v1/events/${event.id}/registrations`, {
      seats: 1,
      contact: residentContact(1),
    })
    const shop = await aPickupShop(db(), clock)
    const staff = (await aStaffSession(server, shop.id, 'owner')).cookieHeader()
    const resident = await sessionOf('resident')
    for (const [who, status] of [
      ['', 401],
      [resident, 403],
      [staff, 403],
    ] as const) {
      expect((await call(who, 'POST', '/api/v1/town/events', TOWN_EVENING)).status).toBe(status)
      expect((await call(who, 'GET', '/api/v1/town/events')).status).toBe(status)
      expect((await call(who, 'GET', `/api/v1/town/events/${event.id}/registrations`)).status).toBe(status)
      expect((await call(who, 'POST', `/api/v1/town/events/${event.id}/cancel`)).status).toBe(status)
      expect(
        (
          await call(
            who,
            'POST',
            `/api/v1/town/event-registrations/${registered.json.registration.id}/cancel`,
          )
        ).status,
      ).toBe(status)
    }
    // A shop's staff cannot reach the town event through their shop's routes either: not found.
    expect(
      (await call(staff, 'GET', `/api/v1/shops/${shop.id}/admin/events/${event.id}/registrations`)).status,
    ).toBe(404)
    expect(
      (await call(staff, 'POST', `/api/v1/shops/${shop.id}/admin/events/${event.id}/cancel`)).status,
    ).toBe(404)
    expect(
      (
        await call(
          staff,
          'POST',
          `/api/v1/shops/${shop.id}/admin/event-registrations/${registered.json.registration.id}/cancel`,
        )
      ).status,
    ).toBe(404)
    const listed = await call(coordinator, 'GET', `/api/v1/town/events/${event.id}/registrations`)
    expect(listed.json).toMatchObject({
      event: { status: 'scheduled', seatsLeft: 19 },
      items: [{ status: 'seated' }],
    })
  })

  it('the coordinator cannot touch a shop’s event through the town routes: 404', async () => {
    clock.set(MONDAY_MORNING)
    const coordinator = await sessionOf('coordinator')
    const shop = await aPickupShop(db(), clock)
    const staff = (await aStaffSession(server, shop.id)).cookieHeader()
    const tasting = (await call(staff, 'POST', `/api/v1/shops/${shop.id}/admin/events`, TASTING)).json
    const registered = await call('', 'POST', `/api/v1/events/${tasting.id}/registrations`, {
      seats: 1,
      contact: residentContact(1),
    })
    expect((await call(coordinator, 'GET', `/api/v1/town/events/${tasting.id}/registrations`)).status).toBe(
      404,
    )
    expect((await call(coordinator, 'POST', `/api/v1/town/events/${tasting.id}/cancel`)).status).toBe(404)
    expect(
      (
        await call(
          coordinator,
          'POST',
          `/api/v1/town/event-registrations/${registered.json.registration.id}/cancel`,
        )
      ).status,
    ).toBe(404)
    expect(
      (await call(coordinator, 'GET', '/api/v1/town/events')).json.items.map((e: { id: string }) => e.id),
    ).not.toContain(tasting.id)
    expect(
      (await call(staff, 'GET', `/api/v1/shops/${shop.id}/admin/events/${tasting.id}/registrations`)).json
        .items,
    ).toHaveLength(1)
  })
})
