import { expect, it } from 'vitest'
import { LUNCH_SETTINGS } from '../../test/factories/bookings.js'
import { aProduct } from '../../test/factories/catalog.js'
import { aPickupShop, MONDAY_MORNING } from '../../test/factories/ordering.js'
import { aStaffSession, callApi, useTestApp } from '../../test/harness/app.js'
import { forEachEngine } from '../../test/harness/engines.js'
import { fixedClock } from '../lib/clock.js'

// Tuesday 24 November 2026, 12:00 in Paris: a lunch time the restaurant offers.
const NOON = '2026-11-24T11:00:00.000Z'

forEachEngine('restaurant tables over HTTP (issue #5)', ({ db }) => {
  const clock = fixedClock(MONDAY_MORNING)
  const server = useTestApp(db, { clock, checkoutRateLimit: 100_000 })

  const call = (cookie: string, method: string, path: string, body?: unknown) =>
    callApi(server.baseUrl, cookie, method, path, body)
  const contact = { name: 'Famille Roux', email: 'roux@example.fr' }

  /** A restaurant set up through the API: a table for 2, one for 2–4, a large one for 4–8, lunch on request from 6. */
  async function aRestaurant() {
    clock.set(MONDAY_MORNING)
    const shop = await aPickupShop(db(), clock)
    const owner = (await aStaffSession(server, shop.id, 'owner')).cookieHeader()
    const waiter = (await aStaffSession(server, shop.id, 'staff')).cookieHeader()
    const lunch = await aProduct(
      db(),
      shop.id,
      { name: 'Déjeuner', kind: 'service', variants: [{ name: 'Menu', priceCents: 0, durationMinutes: 90 }] },
      { clock },
    )
    const table = async (name: string, min: number, max: number) => {
      const answer = await call(owner, 'POST', `/api/v1/shops/${shop.id}/admin/booking-resources`, {
        name,
        kind: 'resource',
        seats: { min, max },
      })
      expect(answer.status).toBe(201)
      return answer.json as { id: string; seats: { min: number; max: number } }
    }
    const tables = {
      two: await table('Table 1', 1, 2),
      four: await table('Table 2', 2, 4),
      large: await table('Grande table', 4, 8),
    }
    const settings = {
      ...LUNCH_SETTINGS,
      resourceIds: [tables.two.id, tables.four.id, tables.large.id],
      party: { maxParty: 8, onRequestFrom: 6, durations: [{ fromParty: 5, minutes: 120 }] },
    }
    const service = await call(
      owner,
      'PUT',
      `/api/v1/shops/${shop.id}/admin/bookable-services/${lunch.variants[0]!.id}`,
      settings,
    )
    expect(service.status).toBe(200)
    expect(service.json.party).toEqual(settings.party)
    return { shop, owner, waiter, tables, variantId: lunch.variants[0]!.id as string }
  }

  it('lists tables with their seats and offers a party the tables it fits, for as long as it stays', async () => {
    const { shop, owner, tables, variantId } = await aRestaurant()
    const listed = await call(owner, 'GET', `/api/v1/shops/${shop.id}/admin/booking-resources`)
    expect(listed.json.items.map((r: { name: string; seats?: unknown }) => [r.name, r.seats])).toEqual([
      ['Grande table', { min: 4, max: 8 }],
      ['Table 1', { min: 1, max: 2 }],
      ['Table 2', { min: 2, max: 4 }],
    ])
    const freeFor = async (partySize: number) =>
      (
        await call(
          '',
          'GET',
          `/api/v1/shops/${shop.id}/bookable-services/${variantId}/free-times?from=2026-11-24&days=1&partySize=${partySize}`,
        )
      ).json.items
    expect((await freeFor(2))[0]).toEqual({
      startsAt: '2026-11-24T08:00:00.000Z',
      endsAt: '2026-11-24T09:30:00.000Z',
      resourceIds: [tables.two.id, tables.four.id],
    })
    expect((await freeFor(5))[0]).toEqual({
      startsAt: '2026-11-24T08:00:00.000Z',
      endsAt: '2026-11-24T10:00:00.000Z',
      resourceIds: [tables.large.id],
    })
    // No size, or one the restaurant does not take online: a problem naming the field and the largest party.
    for (const query of ['', '&partySize=0', '&partySize=9']) {
      const refused = await call(
        '',
        'GET',
        `/api/v1/shops/${shop.id}/bookable-services/${variantId}/free-times?from=2026-11-24&days=1${query}`,
      )
      expect([refused.status, refused.json.code, refused.json.field], query).toEqual([
        400,
        'bookings.invalid_party_size',
        'partySize',
      ])
    }
    expect(
      (
        await call(
          '',
          'GET',
          `/api/v1/shops/${shop.id}/bookable-services/${variantId}/free-times?partySize=deux`,
        )
      ).status,
    ).toBe(400)
    // Seats that make no sense are refused by field.
    const bad = await call(owner, 'POST', `/api/v1/shops/${shop.id}/admin/booking-resources`, {
      name: 'Table 9',
      kind: 'resource',
      seats: { min: 6, max: 2 },
    })
    expect([bad.status, bad.json.errors]).toEqual([400, [{ field: 'seats.max', code: 'out_of_range' }]])
  })

  it('takes a large party as a request that any staff member confirms or declines, and only the shop’s own', async () => {
    const { shop, owner, waiter, tables, variantId } = await aRestaurant()
    const booked = await call('', 'POST', `/api/v1/shops/${shop.id}/bookings`, {
      variantId,
      startsAt: NOON,
      partySize: 7,
      contact,
    })
    expect(booked.status).toBe(201)
    expect(booked.json.booking).toMatchObject({
      status: 'requested',
      partySize: 7,
      resourceId: tables.large.id,
      endsAt: '2026-11-24T13:00:00.000Z',
    })
    const id = booked.json.booking.id as string
    const calendar = await call(
      waiter,
      'GET',
      `/api/v1/shops/${shop.id}/admin/bookings?from=2026-11-24T00:00:00Z&to=2026-11-25T00:00:00Z`,
    )
    expect(calendar.json.items.map((b: { id: string; status: string }) => [b.id, b.status])).toEqual([
      [id, 'requested'],
    ])

    const other = await aRestaurant()
    expect(
      (await call(other.owner, 'POST', `/api/v1/shops/${other.shop.id}/admin/bookings/${id}/confirm`)).status,
    ).toBe(404)
    // Another shop's staff are answered as if the shop's bookings did not exist.
    expect(
      (await call(other.owner, 'POST', `/api/v1/shops/${shop.id}/admin/bookings/${id}/confirm`)).status,
    ).toBe(404)
    expect((await call('', 'POST', `/api/v1/shops/${shop.id}/admin/bookings/${id}/confirm`)).status).toBe(401)
    const confirmed = await call(waiter, 'POST', `/api/v1/shops/${shop.id}/admin/bookings/${id}/confirm`)
    expect([confirmed.status, confirmed.json.status]).toEqual([200, 'confirmed'])
    const late = await call(owner, 'POST', `/api/v1/shops/${shop.id}/admin/bookings/${id}/decline`)
    expect([late.status, late.json.code]).toEqual([409, 'bookings.not_a_request'])

    // Declined: the large table is free again for the next group.
    const second = await call('', 'POST', `/api/v1/shops/${shop.id}/bookings`, {
      variantId,
      startsAt: '2026-11-24T14:00:00.000Z',
      partySize: 6,
      contact,
    })
    const declined = await call(
      waiter,
      'POST',
      `/api/v1/shops/${shop.id}/admin/bookings/${second.json.booking.id}/decline`,
    )
    expect([declined.status, declined.json.status, declined.json.cancelledBy]).toEqual([
      200,
      'cancelled',
      'shop',
    ])
    const again = await call('', 'POST', `/api/v1/shops/${shop.id}/bookings`, {
      variantId,
      startsAt: '2026-11-24T14:00:00.000Z',
      partySize: 5,
      contact,
    })
    expect([again.status, again.json.booking.status, again.json.booking.resourceId]).toEqual([
      201,
      'confirmed',
      tables.large.id,
    ])
    // The shop books a group of 8 on the phone: confirmed at once.
    const phone = await call(waiter, 'POST', `/api/v1/shops/${shop.id}/admin/bookings`, {
      variantId,
      startsAt: '2026-11-25T11:00:00.000Z',
      resourceId: tables.large.id,
      partySize: 8,
      contact: { name: 'M. Garnier', phone: '06 00 00 00 00' },
    })
    expect([phone.status, phone.json.status, phone.json.partySize]).toEqual([201, 'confirmed', 8])
  })
})
