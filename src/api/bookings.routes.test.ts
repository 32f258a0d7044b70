import { expect, it } from 'vitest'
import { aProduct } from '../../test/factories/catalog.js'
import { aPickupShop, MONDAY_MORNING } from '../../test/factories/ordering.js'
import { aStaffSession, callApi, useTestApp } from '../../test/harness/app.js'
import { forEachEngine } from '../../test/harness/engines.js'
import { fixedClock } from '../lib/clock.js'
import { newId, type ShopId } from '../lib/ids.js'

// Monday 23 November 2026, 9:00 in Paris. The salon opens 9:00–19:00 Monday to Saturday.
forEachEngine('bookings over HTTP (issue #5)', ({ db }) => {
  const clock = fixedClock(MONDAY_MORNING)
  const server = useTestApp(db, { clock, checkoutRateLimit: 100_000 })

  const call = (cookie: string, method: string, path: string, body?: unknown) =>
    callApi(server.baseUrl, cookie, method, path, body)

  const anOwner = async (shopId: ShopId) => (await aStaffSession(server, shopId, 'owner')).cookieHeader()

  /** A salon set up through the API: one hairdresser, a 45-minute haircut bookable from 2 hours ahead. */
  async function aSalon() {
    clock.set(MONDAY_MORNING)
    const shop = await aPickupShop(db(), clock)
    const owner = await anOwner(shop.id)
    const haircut = await aProduct(
      db(),
      shop.id,
      {
        name: 'Coupe homme',
        kind: 'service',
        variants: [{ name: 'Classique', priceCents: 2200, durationMinutes: 45 }],
      },
      { clock },
    )
    const lea = await call(owner, 'POST', `/api/v1/shops/${shop.id}/admin/booking-resources`, {
      name: 'Léa',
      kind: 'staff',
    })
    expect(lea.status).toBe(201)
    const settings = {
      bufferBeforeMinutes: 0,
      bufferAfterMinutes: 15,
      stepMinutes: 15,
      noticeMinutes: 120,
      horizonDays: 60,
      cancelHoursBefore: 24,
      resourceIds: [lea.json.id],
    }
    const service = await call(
      owner,
      'PUT',
      `/api/v1/shops/${shop.id}/admin/bookable-services/${haircut.variants[0]!.id}`,
      settings,
    )
    expect(service.status).toBe(200)
    return { shop, owner, lea: lea.json, variantId: haircut.variants[0]!.id as string }
  }
  const contact = { name: 'Camille Martin', email: 'camille@example.fr' }

  it(
    'gives the last free time of one hairdresser to exactly one of 100 residents booking at once',
    { timeout: 60_000 },
    async () => {
      const { shop, owner, lea, variantId } = await aSalon()
      const times = await call(
        '',
        'GET',
        `/api/v1/shops/${shop.id}/bookable-services/${variantId}/free-times?from=2026-11-23&days=1`,
      )
      expect(times.status).toBe(200)
      expect(times.json.items[0]).toEqual({
        startsAt: '2026-11-23T10:00:00.000Z',
        endsAt: '2026-11-23T10:45:00.000Z',
        resourceIds: [lea.id],
      })
      // Léa is away the rest of Monday: nothing left to book that day.
      const away = await call(
        owner,
        'POST',
        `/api/v1/shops/${shop.id}/admin/booking-resources/${lea.id}/absences`,
        { startsAt: '2026-11-23T10:00:00Z', endsAt: '2026-11-23T18:00:00Z', reason: 'Formation' },
      )
      expect(away.status).toBe(201)
      const left = (
        await call(
          '',
          'GET',
          `/api/v1/shops/${shop.id}/bookable-services/${variantId}/free-times?from=2026-11-23&days=1`,
        )
      ).json.items
      expect(left.map((t: { startsAt: string }) => t.startsAt)).toEqual([])

      // On Tuesday she is free only from 17:00 to 18:00 (Paris): two times, and 100 residents want the first at once.
      await call(owner, 'POST', `/api/v1/shops/${shop.id}/admin/booking-resources/${lea.id}/absences`, {
        startsAt: '2026-11-24T08:00:00Z',
        endsAt: '2026-11-24T16:00:00Z',
        reason: '',
      })
      await call(owner, 'POST', `/api/v1/shops/${shop.id}/admin/booking-resources/${lea.id}/absences`, {
        startsAt: '2026-11-24T17:00:00Z',
        endsAt: '2026-11-24T18:00:00Z',
        reason: '',
      })
      const tuesday = (
        await call(
          '',
          'GET',
          `/api/v1/shops/${shop.id}/bookable-services/${variantId}/free-times?from=2026-11-24&days=1`,
        )
      ).json.items
      expect(tuesday.map((t: { startsAt: string }) => t.startsAt)).toEqual([
        '2026-11-24T16:00:00.000Z',
        '2026-11-24T16:15:00.000Z',
      ])
      const answers = await Promise.all(
        Array.from({ length: 100 }, () =>
          call('', 'POST', `/api/v1/shops/${shop.id}/bookings`, {
            variantId,
            startsAt: '2026-11-24T16:00:00.000Z',
            resourceId: lea.id,
            contact,
          }),
        ),
      )
      expect(answers.filter((a) => a.status === 201)).toHaveLength(1)
      expect(
        new Set(answers.filter((a) => a.status !== 201).map((a) => `${a.status} ${a.json.code}`)),
      ).toEqual(new Set(['409 bookings.time_taken']))
      const calendar = await call(
        owner,
        'GET',
        `/api/v1/shops/${shop.id}/admin/bookings?from=2026-11-24T00:00:00Z&to=2026-11-25T00:00:00Z`,
      )
      expect(
        calendar.json.items.map((b: { startsAt: string; resourceName: string }) => [
          b.startsAt,
          b.resourceName,
        ]),
      ).toEqual([['2026-11-24T16:00:00.000Z', 'Léa']])
    },
  )

  it('cancels with the link’s secret, frees the time, and refuses a tampered link and another shop’s staff', async () => {
    const { shop, variantId } = await aSalon()
    const booked = await call('', 'POST', `/api/v1/shops/${shop.id}/bookings`, {
      variantId,
      startsAt: '2026-11-25T10:00:00.000Z',
      contact: { ...contact, phone: '06 12 34 56 78' },
    })
    expect(booked.status).toBe(201)
    expect(booked.json.booking).toMatchObject({
      status: 'confirmed',
      serviceName: 'Coupe homme (Classique)',
      priceCents: 2200,
      cancellableUntil: '2026-11-24T10:00:00.000Z',
      cancelledAt: null,
    })
    expect(booked.json.booking.userId).toBeUndefined()
    const { id } = booked.json.booking
    const stranger = await anOwner((await aPickupShop(db(), clock)).id)
    expect(
      (await call(stranger, 'POST', `/api/v1/shops/${shop.id}/admin/bookings/${id}/cancel`)).status,
    ).toBe(404)
    expect(
      (
        await call(
          stranger,
          'GET',
          `/api/v1/shops/${shop.id}/admin/bookings?from=2026-11-25T00:00:00Z&to=2026-11-26T00:00:00Z`,
        )
      ).status,
    ).toBe(404)
    const tampered = await call('', 'POST', `/api/v1/bookings/${id}/cancel`, {
      token: `${booked.json.cancelToken.slice(0, -2)}xx`,
    })
    expect([tampered.status, tampered.json.code]).toEqual([404, 'bookings.booking_not_found'])
    const cancelled = await call('', 'POST', `/api/v1/bookings/${id}/cancel`, {
      token: booked.json.cancelToken,
    })
    expect([cancelled.status, cancelled.json.status, cancelled.json.cancelledBy]).toEqual([
      200,
      'cancelled',
      'resident',
    ])
    const again = await call('', 'POST', `/api/v1/shops/${shop.id}/bookings`, {
      variantId,
      startsAt: '2026-11-25T10:00:00.000Z',
      contact,
    })
    expect(again.status).toBe(201)
  })

  it('answers bad input with clear problems: a time not offered, a bad contact, another shop’s hairdresser, unknown fields', async () => {
    const { shop, variantId } = await aSalon()
    const notOffered = await call('', 'POST', `/api/v1/shops/${shop.id}/bookings`, {
      variantId,
      startsAt: '2026-11-23T08:30:00.000Z',
      contact,
    })
    expect([notOffered.status, notOffered.json.code, notOffered.json.field]).toEqual([
      400,
      'bookings.time_not_offered',
      'startsAt',
    ])
    const badContact = await call('', 'POST', `/api/v1/shops/${shop.id}/bookings`, {
      variantId,
      startsAt: '2026-11-23T10:00:00.000Z',
      contact: { name: '', email: 'x' },
    })
    expect([badContact.status, badContact.json.code]).toEqual([400, 'bookings.invalid_booking'])
    expect(badContact.json.errors).toEqual([
      { field: 'contact.name', code: 'required' },
      { field: 'contact.email', code: 'invalid_email' },
    ])
    const other = await aSalon()
    const elsewhere = await call('', 'POST', `/api/v1/shops/${shop.id}/bookings`, {
      variantId,
      startsAt: '2026-11-23T10:00:00.000Z',
      resourceId: other.lea.id,
      contact,
    })
    expect([elsewhere.status, elsewhere.json.code]).toEqual([404, 'bookings.resource_not_found'])
    const extra = await call('', 'POST', `/api/v1/shops/${shop.id}/bookings`, {
      variantId,
      startsAt: '2026-11-23T10:00:00.000Z',
      contact,
      partySize: 500,
    })
    expect(extra.status).toBe(400)
    const period = await call(
      '',
      'GET',
      `/api/v1/shops/${shop.id}/bookable-services/${variantId}/free-times?days=400`,
    )
    expect(period.status).toBe(400)
    expect(
      (await call('', 'GET', `/api/v1/shops/${newId()}/bookable-services/${variantId}/free-times`)).status,
    ).toBe(404)
    expect(
      (
        await call('', 'POST', `/api/v1/shops/${shop.id}/admin/booking-resources`, {
          name: 'Intrus',
          kind: 'staff',
        })
      ).status,
    ).toBe(401)
  })

  it('lets staff add a booking taken by phone and move it; another shop’s staff get 404', async () => {
    const { shop, owner, lea, variantId } = await aSalon()
    const phone = await call(owner, 'POST', `/api/v1/shops/${shop.id}/admin/bookings`, {
      variantId,
      startsAt: '2026-11-23T08:30:00.000Z',
      resourceId: lea.id,
      contact: { name: 'M. Petit', phone: '06 12 34 56 78' },
    })
    expect([phone.status, phone.json.startsAt, phone.json.contact]).toEqual([
      201,
      '2026-11-23T08:30:00.000Z',
      { name: 'M. Petit', email: '', phone: '06 12 34 56 78' },
    ])
    const noWay = await call(owner, 'POST', `/api/v1/shops/${shop.id}/admin/bookings`, {
      variantId,
      startsAt: '2026-11-23T10:00:00.000Z',
      resourceId: lea.id,
      contact: { name: 'Anonyme' },
    })
    expect([noWay.status, noWay.json.code]).toEqual([400, 'bookings.invalid_booking'])
    const moved = await call(owner, 'POST', `/api/v1/shops/${shop.id}/admin/bookings/${phone.json.id}/move`, {
      startsAt: '2026-11-23T14:00:00.000Z',
      resourceId: lea.id,
    })
    expect([moved.status, moved.json.startsAt]).toEqual([200, '2026-11-23T14:00:00.000Z'])
    const onItself = await call(
      owner,
      'POST',
      `/api/v1/shops/${shop.id}/admin/bookings/${phone.json.id}/move`,
      { startsAt: '2026-11-23T23:00:00.000Z', resourceId: lea.id },
    )
    expect([onItself.status, onItself.json.code]).toEqual([400, 'bookings.time_not_offered'])
    const other = await aSalon()
    expect(
      (
        await call(
          other.owner,
          'POST',
          `/api/v1/shops/${other.shop.id}/admin/bookings/${phone.json.id}/move`,
          { startsAt: '2026-11-23T15:00:00.000Z', resourceId: other.lea.id },
        )
      ).status,
    ).toBe(404)
    expect(
      (
        await call(other.owner, 'POST', `/api/v1/shops/${shop.id}/admin/bookings`, {
          variantId,
          startsAt: '2026-11-23T15:00:00.000Z',
          resourceId: lea.id,
          contact: { name: 'X', phone: '0612345678' },
        })
      ).status,
    ).toBe(404)
  })
})
