import { expect, it } from 'vitest'
import { residentContact, TASTING } from '../../test/factories/events.js'
import { aPickupShop, MONDAY_MORNING } from '../../test/factories/ordering.js'
import { aStaffSession, callApi, useTestApp } from '../../test/harness/app.js'
import { forEachEngine } from '../../test/harness/engines.js'
import { fixedClock } from '../lib/clock.js'
import { newId, type ShopId } from '../lib/ids.js'

forEachEngine('events over HTTP (issue #5)', ({ db }) => {
  const clock = fixedClock(MONDAY_MORNING)
  const server = useTestApp(db, { clock, checkoutRateLimit: 100_000 })

  const call = (cookie: string, method: string, path: string, body?: unknown) =>
    callApi(server.baseUrl, cookie, method, path, body)

  const staffOf = async (shopId: ShopId) => (await aStaffSession(server, shopId)).cookieHeader()

  async function aTastingOverHttp(overrides: Partial<typeof TASTING> = {}) {
    clock.set(MONDAY_MORNING)
    const shop = await aPickupShop(db(), clock)
    const staff = await staffOf(shop.id)
    const created = await call(staff, 'POST', `/api/v1/shops/${shop.id}/admin/events`, {
      ...TASTING,
      ...overrides,
    })
    expect(created.status).toBe(201)
    return { shop, staff, event: created.json }
  }

  it(
    '300 residents at once for 50 seats: 50 seated, 250 in line in the order they reached it; a cancellation promotes exactly one',
    { timeout: 60_000 },
    async () => {
      const { shop, staff, event } = await aTastingOverHttp({ capacity: 50, seatsPerPerson: 1 })
      const answers = await Promise.all(
        Array.from({ length: 300 }, (_, i) =>
          call('', 'POST', `/api/v1/events/${event.id}/registrations`, {
            seats: 1,
            contact: residentContact(i),
          }),
        ),
      )
      expect(answers.map((a) => a.status).filter((s) => s !== 201)).toEqual([])
      const seated = answers.filter((a) => a.json.registration.status === 'seated')
      expect(seated).toHaveLength(50)
      const listed = await call(
        staff,
        'GET',
        `/api/v1/shops/${shop.id}/admin/events/${event.id}/registrations`,
      )
      expect(listed.json.event).toMatchObject({ seatsLeft: 0, waitingCount: 250 })
      const line = listed.json.items.filter((r: { status: string }) => r.status === 'waiting')
      expect(line.map((r: { waitlistPosition: number }) => r.waitlistPosition)).toEqual(
        Array.from({ length: 250 }, (_, i) => i),
      )
      // Each resident's own answer gave the place the staff list shows.
      const placeOf = new Map(
        answers.map((a) => [a.json.registration.id, a.json.registration.waitlistPosition]),
      )
      expect(line.map((r: { id: string }) => placeOf.get(r.id))).toEqual(
        Array.from({ length: 250 }, (_, i) => i),
      )

      const leaving = seated[0]!.json
      const cancelled = await call(
        '',
        'POST',
        `/api/v1/event-registrations/${leaving.registration.id}/cancel`,
        { token: leaving.linkToken },
      )
      expect(cancelled.json.status).toBe('cancelled')
      const after = await call(
        staff,
        'GET',
        `/api/v1/shops/${shop.id}/admin/events/${event.id}/registrations`,
      )
      const offered = after.json.items.filter((r: { status: string }) => r.status === 'offered')
      expect(offered.map((r: { id: string }) => r.id)).toEqual([line[0].id])
      expect(after.json.event).toMatchObject({ seatsLeft: 0, waitingCount: 249 })
    },
  )

  it('answers bad input in words: 0 or 500 seats, a bad contact, an unknown event, a tampered link; nothing half-written', async () => {
    const { shop, staff, event } = await aTastingOverHttp()
    for (const seats of [0, 500]) {
      const refused = await call('', 'POST', `/api/v1/events/${event.id}/registrations`, {
        seats,
        contact: residentContact(1),
      })
      expect([refused.status, refused.json.code, refused.json.field]).toEqual([
        400,
        'bookings.invalid_registration',
        'seats',
      ])
    }
    const badContact = await call('', 'POST', `/api/v1/events/${event.id}/registrations`, {
      seats: 1,
      contact: { name: '', email: 'non' },
    })
    expect(badContact.json.code).toBe('bookings.invalid_registration')
    expect(
      (
        await call('', 'POST', `/api/v1/events/${newId()}/registrations`, {
          seats: 1,
          contact: residentContact(1),
        })
      ).status,
    ).toBe(404)
    const mine = await call('', 'POST', `/api/v1/events/${event.id}/registrations`, {
      seats: 2,
      contact: residentContact(1),
    })
    expect(mine.status).toBe(201)
    const tampered = await call(
      '',
      'POST',
      `/api/v1/event-registrations/${mine.json.registration.id}/cancel`,
      { token: `${mine.json.linkToken}x` },
    )
    expect([tampered.status, tampered.json.code]).toEqual([404, 'bookings.registration_not_found'])
    const linkUrl = `/api/v1/event-registrations/${mine.json.registration.id}?token=${encodeURIComponent(mine.json.linkToken)}`
    const seen = await call('', 'GET', linkUrl)
    expect(seen.json).toMatchObject({ status: 'seated', seats: 2 })
    // The secret rides in the query: the answer, with the resident's details, is kept by no cache and no referrer.
    const { headers } = await fetch(server.baseUrl + linkUrl)
    expect([headers.get('cache-control'), headers.get('referrer-policy')]).toEqual([
      'private, no-store',
      'no-referrer',
    ])
    expect((await call('', 'GET', `/api/v1/events/${event.id}`)).json).toMatchObject({
      seatsLeft: 48,
      waitingCount: 0,
    })
    expect(
      (await call('', 'GET', `/api/v1/shops/${shop.id}/events`)).json.items.map((e: { id: string }) => e.id),
    ).toEqual([event.id])

    // Scheduling is the shop's: a visitor or another shop's staff cannot.
    expect((await call('', 'POST', `/api/v1/shops/${shop.id}/admin/events`, TASTING)).status).toBe(401)
    const other = await aPickupShop(db(), clock)
    const stranger = await staffOf(other.id)
    expect((await call(stranger, 'POST', `/api/v1/shops/${shop.id}/admin/events`, TASTING)).status).toBe(404)
    expect(
      (
        await call(
          stranger,
          'POST',
          `/api/v1/shops/${other.id}/admin/event-registrations/${mine.json.registration.id}/cancel`,
          {},
        )
      ).status,
    ).toBe(404)
    expect(
      (await call(staff, 'GET', `/api/v1/shops/${shop.id}/admin/events/${event.id}/registrations`)).json
        .items,
    ).toHaveLength(1)
  })
})
