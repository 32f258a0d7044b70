import { expect, it } from 'vitest'
import { aProduct } from '../../test/factories/catalog.js'
import { aPickupShop, MONDAY_MORNING } from '../../test/factories/ordering.js'
import { aStaffSession, callApi, useTestApp } from '../../test/harness/app.js'
import { forEachEngine } from '../../test/harness/engines.js'
import { fixedClock } from '../lib/clock.js'

// Monday 23 November 2026, 9:00 in Paris. The salon opens 9:00–19:00 Monday to Saturday.
forEachEngine('booking deposits over HTTP (UX-16)', ({ db }) => {
  const clock = fixedClock(MONDAY_MORNING)
  const server = useTestApp(db, { clock, checkoutRateLimit: 100_000 })
  const call = (cookie: string, method: string, path: string, body?: unknown) =>
    callApi(server.baseUrl, cookie, method, path, body)

  async function aSalon() {
    const shop = await aPickupShop(db(), clock)
    const owner = (await aStaffSession(server, shop.id, 'owner')).cookieHeader()
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
    const settings = {
      bufferBeforeMinutes: 0,
      bufferAfterMinutes: 15,
      stepMinutes: 15,
      noticeMinutes: 120,
      horizonDays: 60,
      cancelHoursBefore: 24,
      resourceIds: [lea.json.id],
    }
    const path = `/api/v1/shops/${shop.id}/admin/bookable-services/${haircut.variants[0]!.id}`
    return {
      shop,
      owner,
      settings,
      path,
      variantId: haircut.variants[0]!.id as string,
      lea: lea.json as { id: string },
    }
  }
  const contact = { name: 'Camille Martin', email: 'camille@example.fr' }

  it('sets a guarantee on a service, shows it to residents, and refuses one out of bounds with the field', async () => {
    const { shop, owner, settings, path } = await aSalon()
    const set = await call(owner, 'PUT', path, { ...settings, deposit: { kind: 'deposit', percent: 30 } })
    expect([set.status, set.json.deposit]).toEqual([200, { kind: 'deposit', percent: 30 }])
    const listed = await call('', 'GET', `/api/v1/shops/${shop.id}/bookable-services`)
    expect(listed.json.items[0].deposit).toEqual({ kind: 'deposit', percent: 30 })
    const tooMuch = await call(owner, 'PUT', path, {
      ...settings,
      deposit: { kind: 'card_hold', amountCents: 60_000 },
    })
    expect(tooMuch.status).toBe(400)
    const unknown = await call(owner, 'PUT', path, { ...settings, deposit: { kind: 'gift' } })
    expect(unknown.status).toBe(400)
    // Without a guarantee, the service asks none (a PUT says everything).
    expect((await call(owner, 'PUT', path, settings)).json.deposit).toEqual({ kind: 'none' })
  })

  it('books with a test card, says the guarantee in the answer, and refuses a declined card with nothing booked', async () => {
    const { shop, owner, settings, path, variantId, lea } = await aSalon()
    await call(owner, 'PUT', path, { ...settings, deposit: { kind: 'card_hold', amountCents: 2000 } })
    const body = { variantId, startsAt: '2026-11-24T10:00:00.000Z', resourceId: lea.id, contact }
    const noCard = await call('', 'POST', `/api/v1/shops/${shop.id}/bookings`, body)
    expect([
      noCard.status,
      noCard.json.code,
      noCard.json.field,
      noCard.json.deposit,
      noCard.json.amountCents,
    ]).toEqual([400, 'bookings.payment_required', 'payment', 'card_hold', 2000])
    const refused = await call('', 'POST', `/api/v1/shops/${shop.id}/bookings`, {
      ...body,
      payment: { method: 'test_card', token: 'tok_declined' },
    })
    expect([refused.status, refused.json.code, refused.json.field]).toEqual([
      409,
      'bookings.payment_declined',
      'payment',
    ])
    const calendar = () =>
      call(
        owner,
        'GET',
        `/api/v1/shops/${shop.id}/admin/bookings?from=2026-11-24T00:00:00Z&to=2026-11-25T00:00:00Z`,
      )
    expect((await calendar()).json.items).toEqual([])
    const booked = await call('', 'POST', `/api/v1/shops/${shop.id}/bookings`, {
      ...body,
      payment: { method: 'test_card', token: 'tok_visa' },
    })
    expect([booked.status, booked.json.booking.status, booked.json.booking.deposit]).toEqual([
      201,
      'confirmed',
      { kind: 'card_hold', amountCents: 2000 },
    ])
    expect((await calendar()).json.items.map((b: { deposit: unknown }) => b.deposit)).toEqual([
      { kind: 'card_hold', amountCents: 2000 },
    ])
    // A service without a guarantee ignores a card sent anyway, and says so with null.
    await call(owner, 'PUT', path, settings)
    const plain = await call('', 'POST', `/api/v1/shops/${shop.id}/bookings`, {
      ...body,
      startsAt: '2026-11-24T13:00:00.000Z',
      payment: { method: 'test_card', token: 'tok_visa' },
    })
    expect([plain.status, plain.json.booking.deposit]).toEqual([201, null])
  })
})
