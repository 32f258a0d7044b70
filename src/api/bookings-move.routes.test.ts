import { expect, it } from 'vitest'
import { aSalon } from '../../test/factories/bookings.js'
import { MONDAY_MORNING } from '../../test/factories/ordering.js'
import { callApi, useTestApp } from '../../test/harness/app.js'
import { forEachEngine } from '../../test/harness/engines.js'
import { fixedClock } from '../lib/clock.js'
import { newId } from '../lib/ids.js'
import { bookAppointment } from '../modules/bookings/index.js'

// Monday 23 November 2026, 9:00 in Paris. The salon opens 9:00–19:00; a 45-minute haircut (+15 to tidy up), every
// 15 minutes from 2 hours ahead, cancellable and movable online until 24 hours before.
forEachEngine('the resident moves their booking over HTTP (issue #5, UX-15)', ({ db }) => {
  const clock = fixedClock(MONDAY_MORNING)
  const server = useTestApp(db, { clock, checkoutRateLimit: 100_000 })

  const call = (method: string, path: string, body?: unknown) =>
    callApi(server.baseUrl, '', method, path, body)
  const contact = { name: 'Camille Martin', email: 'camille@example.fr', phone: '' }

  /** A booking made through the API (the answer carries the link's secret), Wednesday 11:00 Paris with Léa. */
  // Each booking its own resident: one person cannot hold the same time at two salons (UX-17).
  let residents = 0
  async function aBooking(startsAt = '2026-11-25T10:00:00.000Z') {
    clock.set(MONDAY_MORNING)
    const salon = await aSalon(db(), clock)
    const booked = await call('POST', `/api/v1/shops/${salon.shopId}/bookings`, {
      variantId: salon.haircut.variantId,
      startsAt,
      resourceId: salon.lea.id,
      contact: { name: contact.name, email: `camille.${++residents}@example.fr` },
    })
    expect(booked.status).toBe(201)
    return { ...salon, id: booked.json.booking.id as string, token: booked.json.cancelToken as string }
  }
  const freeTimes = (id: string, query: string) => call('GET', `/api/v1/bookings/${id}/free-times?${query}`)

  it('lists the times the link’s booking may move to, as if it were not there, with the booking', async () => {
    const { id, token, lea, hugo } = await aBooking()
    const answer = await freeTimes(
      id,
      `token=${encodeURIComponent(token)}&from=2026-11-25&days=1&resourceId=${lea.id}`,
    )
    expect(answer.status).toBe(200)
    expect(answer.json.booking).toMatchObject({
      id,
      status: 'confirmed',
      startsAt: '2026-11-25T10:00:00.000Z',
      resourceName: 'Léa',
      partySize: 1,
      cancellableUntil: '2026-11-24T10:00:00.000Z',
    })
    expect(answer.json.booking.userId).toBeUndefined()
    // Its own time and those overlapping it, which it blocks for everyone else.
    const around = answer.json.items.filter(
      (t: { startsAt: string }) =>
        t.startsAt >= '2026-11-25T09:45:00.000Z' && t.startsAt <= '2026-11-25T10:15:00.000Z',
    )
    expect(around).toEqual([
      { startsAt: '2026-11-25T09:45:00.000Z', endsAt: '2026-11-25T10:30:00.000Z', resourceIds: [lea.id] },
      { startsAt: '2026-11-25T10:00:00.000Z', endsAt: '2026-11-25T10:45:00.000Z', resourceIds: [lea.id] },
      { startsAt: '2026-11-25T10:15:00.000Z', endsAt: '2026-11-25T11:00:00.000Z', resourceIds: [lea.id] },
    ])
    // Anyone: the resident's own hairdresser first, from today when `from` is absent (7 days).
    const anyone = await freeTimes(id, `token=${encodeURIComponent(token)}`)
    expect(anyone.status).toBe(200)
    expect(anyone.json.items[0]).toEqual({
      startsAt: '2026-11-23T10:00:00.000Z',
      endsAt: '2026-11-23T10:45:00.000Z',
      resourceIds: [lea.id, hugo.id],
    })
    expect(anyone.json.items.at(-1).startsAt < '2026-11-30T00:00:00.000Z').toBe(true)
  })

  it('answers a wrong, missing or replaced secret like an unknown booking, and a bad period with 400', async () => {
    const { id, token } = await aBooking()
    const wrong = await freeTimes(id, `token=${encodeURIComponent(`${token.slice(0, -2)}xx`)}`)
    expect([wrong.status, wrong.json.code]).toEqual([404, 'bookings.booking_not_found'])
    expect((await freeTimes(newId(), `token=${encodeURIComponent(token)}`)).status).toBe(404)
    expect((await freeTimes('not-an-id', `token=${encodeURIComponent(token)}`)).status).toBe(404)
    expect((await freeTimes(id, '')).status).toBe(400)
    expect((await freeTimes(id, `token=${encodeURIComponent(token)}&days=400`)).status).toBe(400)
    expect((await freeTimes(id, `token=${encodeURIComponent(token)}&from=2026-02-30`)).status).toBe(400)
    const moveWrong = await call('POST', `/api/v1/bookings/${id}/move`, {
      token: 'nope',
      startsAt: '2026-11-25T13:00:00.000Z',
    })
    expect([moveWrong.status, moveWrong.json.code]).toEqual([404, 'bookings.booking_not_found'])
  })

  it('moves the booking and answers it with the new secret; the old one then opens nothing', async () => {
    const { id, token, lea, shopId } = await aBooking()
    const moved = await call('POST', `/api/v1/bookings/${id}/move`, {
      token,
      startsAt: '2026-11-25T13:00:00.000Z',
    })
    expect(moved.status).toBe(200)
    expect(Object.keys(moved.json).sort()).toEqual(['booking', 'cancelToken'])
    expect(moved.json.booking).toMatchObject({
      id,
      shopId,
      status: 'confirmed',
      startsAt: '2026-11-25T13:00:00.000Z',
      endsAt: '2026-11-25T13:45:00.000Z',
      resourceId: lea.id,
      cancellableUntil: '2026-11-24T13:00:00.000Z',
      cancelledAt: null,
      cancelledBy: null,
    })
    expect(moved.json.booking.userId).toBeUndefined()
    expect(moved.json.cancelToken).not.toBe(token)
    const stale = await call('POST', `/api/v1/bookings/${id}/move`, {
      token,
      startsAt: '2026-11-25T15:00:00.000Z',
    })
    expect([stale.status, stale.json.code]).toEqual([404, 'bookings.booking_not_found'])
    expect((await freeTimes(id, `token=${encodeURIComponent(token)}`)).status).toBe(404)
    // The new secret lists, moves (to a given hairdresser) and cancels.
    expect(
      (await freeTimes(id, `token=${encodeURIComponent(moved.json.cancelToken)}&from=2026-11-25&days=1`))
        .status,
    ).toBe(200)
    const again = await call('POST', `/api/v1/bookings/${id}/move`, {
      token: moved.json.cancelToken,
      startsAt: '2026-11-25T15:00:00.000Z',
      resourceId: lea.id,
    })
    expect([again.status, again.json.booking.startsAt]).toEqual([200, '2026-11-25T15:00:00.000Z'])
    const cancelled = await call('POST', `/api/v1/bookings/${id}/cancel`, { token: again.json.cancelToken })
    expect([cancelled.status, cancelled.json.status]).toEqual([200, 'cancelled'])
  })

  it('refuses as problem details: a time taken (409), a time not offered (400), too late (409), a cancelled booking (409), bad input (400)', async () => {
    const { id, token, shopId, lea, haircut } = await aBooking()
    await bookAppointment({ db: db(), clock }, shopId, {
      variantId: haircut.variantId,
      startsAt: '2026-11-25T13:00:00.000Z',
      resourceId: lea.id,
      contact: { ...contact, email: 'sam@example.fr' },
      userId: undefined,
    })
    const move = (body: Record<string, unknown>) =>
      fetch(`${server.baseUrl}/api/v1/bookings/${id}/move`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token, ...body }),
      })
    const taken = await move({ startsAt: '2026-11-25T13:00:00.000Z', resourceId: lea.id })
    expect(taken.headers.get('content-type')).toMatch(/^application\/problem\+json/)
    expect(await taken.json()).toMatchObject({
      status: 409,
      code: 'bookings.time_taken',
      field: 'startsAt',
      type: '/problems/bookings.time_taken',
    })
    const notOffered = await move({ startsAt: '2026-11-25T18:30:00.000Z' })
    expect(await notOffered.json()).toMatchObject({
      status: 400,
      code: 'bookings.time_not_offered',
      field: 'startsAt',
    })
    for (const body of [
      { startsAt: 'demain' },
      { startsAt: '2026-11-25T15:00:00.000Z', partySize: 2 },
      { startsAt: '2026-11-25T15:00:00.000Z', token: '' },
    ]) {
      expect((await move(body)).status).toBe(400)
    }
    expect(
      (await call('GET', `/api/v1/bookings/${id}/free-times?token=${encodeURIComponent(token)}`)).json.booking
        .startsAt,
    ).toBe('2026-11-25T10:00:00.000Z')

    // Past the deadline (Tuesday 11:00 Paris), and a cancelled booking.
    clock.set('2026-11-24T10:00:01.000Z')
    const late = await call('POST', `/api/v1/bookings/${id}/move`, {
      token,
      startsAt: '2026-11-25T15:00:00.000Z',
    })
    expect([late.status, late.json.code, late.json.cancellableUntil]).toEqual([
      409,
      'bookings.too_late_to_change',
      '2026-11-24T10:00:00.000Z',
    ])
    expect((await freeTimes(id, `token=${encodeURIComponent(token)}`)).json.code).toBe(
      'bookings.too_late_to_change',
    )
    const other = await aBooking()
    expect((await call('POST', `/api/v1/bookings/${other.id}/cancel`, { token: other.token })).status).toBe(
      200,
    )
    const cancelled = await call('POST', `/api/v1/bookings/${other.id}/move`, {
      token: other.token,
      startsAt: '2026-11-25T15:00:00.000Z',
    })
    expect([cancelled.status, cancelled.json.code]).toEqual([409, 'bookings.booking_not_movable'])
  })

  it('documents both routes in the OpenAPI document, with their problems', async () => {
    const doc = (await (await fetch(`${server.baseUrl}/api/openapi.json`)).json()) as {
      paths: Record<
        string,
        Record<
          string,
          {
            tags: string[]
            summary: string
            responses: Record<string, unknown>
            requestBody?: unknown
            security?: unknown
          }
        >
      >
    }
    const list = doc.paths['/api/v1/bookings/{bookingId}/free-times']?.get
    const move = doc.paths['/api/v1/bookings/{bookingId}/move']?.post
    for (const operation of [list, move]) {
      expect(operation?.tags).toEqual(['Bookings'])
      expect(operation?.security).toBeUndefined()
      expect(Object.keys(operation?.responses ?? {})).toEqual(
        expect.arrayContaining(['200', '400', '404', '409', '429']),
      )
    }
    expect(move?.requestBody).toBeDefined()
  })
})
