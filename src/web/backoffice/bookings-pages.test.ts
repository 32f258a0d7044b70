import { afterAll, beforeAll, expect, it } from 'vitest'
import { aSalon } from '../../../test/factories/bookings.js'
import { aPickupShop, MONDAY_MORNING } from '../../../test/factories/ordering.js'
import { aSignedInStaffMember, startTestApp, type TestApp } from '../../../test/harness/app.js'
import { forEachEngine } from '../../../test/harness/engines.js'
import { fixedClock } from '../../lib/clock.js'
import { bookAppointment, listShopBookings } from '../../modules/bookings/index.js'

const plain = (body: string) => body.replace(/[\u202f\u00a0]/g, ' ')
const contact = (name: string) => ({ name, email: `${name.toLowerCase()}@example.fr`, phone: '06 12 34 56 78' })

forEachEngine('back-office: the day’s bookings (issue #5)', ({ db }) => {
  const clock = fixedClock(MONDAY_MORNING)
  let server: TestApp
  beforeAll(async () => {
    server = await startTestApp(db(), { clock, loginRateLimit: 1_000 })
  })
  afterAll(async () => server.close())

  it('shows a day’s bookings by hairdresser, moves from day to day, and cancels one (the client is told)', async () => {
    clock.set(MONDAY_MORNING)
    const { shopId, lea, hugo, haircut } = await aSalon(db(), clock)
    const deps = { db: db(), clock }
    const book = (resourceId: string, startsAt: string, name: string) => bookAppointment(deps, shopId, { variantId: haircut.variantId, startsAt, resourceId, contact: contact(name), userId: undefined })
    await book(lea.id, '2026-11-23T13:00:00.000Z', 'Lou')
    await book(hugo.id, '2026-11-23T10:00:00.000Z', 'Sam')
    const { booking } = await book(lea.id, '2026-11-24T10:00:00.000Z', 'Noa')
    const staff = await aSignedInStaffMember(server, shopId)

    const today = plain((await staff.get(`/admin/${shopId}/rendez-vous`)).body)
    expect(today).toMatch(/<a href="\/admin\/[^"]+\/rendez-vous" aria-current="page">Rendez-vous<\/a>/)
    expect(today).toContain('lundi 23 novembre (aujourd’hui) — 2 rendez-vous')
    expect(today.indexOf('>Hugo</h3>')).toBeLessThan(today.indexOf('>Léa</h3>'))
    expect(today).toContain('<strong>11 h – 11 h 45</strong> · Coupe femme (Cheveux courts) · 35,00 €')
    expect(today).toContain('Sam · <a href="mailto:sam@example.fr">sam@example.fr</a> · <a href="tel:0612345678">06 12 34 56 78</a>')
    expect(today).not.toContain('Noa')

    const tomorrow = plain((await staff.get(`/admin/${shopId}/rendez-vous?jour=2026-11-24`)).body)
    expect(tomorrow).toContain('mardi 24 novembre — 1 rendez-vous')
    const cancelled = await staff.postForm(`/admin/${shopId}/rendez-vous/${booking.id}/annuler`, {})
    expect([cancelled.status, cancelled.location]).toEqual([303, `/admin/${shopId}/rendez-vous?ok=rendez-vous-annule&jour=2026-11-24`])
    expect(plain((await staff.get(cancelled.location!)).body)).toContain('Rendez-vous annulé : le client est prévenu par e-mail.')
    expect(await listShopBookings(db(), shopId, { from: '2026-11-24T00:00:00Z', to: '2026-11-25T00:00:00Z' })).toEqual([])
    const told = await db().selectFrom('outbox').select('topic').where('key', '=', booking.id).orderBy('topic').execute()
    expect(told.map((m) => m.topic)).toEqual(['booking.cancelled', 'booking.confirmed'])
  })

  it('answers another shop’s staff with 404, for the page and for a booking', async () => {
    clock.set(MONDAY_MORNING)
    const { shopId, lea, haircut } = await aSalon(db(), clock)
    const { booking } = await bookAppointment({ db: db(), clock }, shopId, { variantId: haircut.variantId, startsAt: '2026-11-24T10:00:00.000Z', resourceId: lea.id, contact: contact('Lou'), userId: undefined })
    const other = await aPickupShop(db(), clock)
    const stranger = await aSignedInStaffMember(server, other.id)
    expect((await stranger.get(`/admin/${shopId}/rendez-vous`)).status).toBe(404)
    await stranger.get(`/admin/${other.id}/rendez-vous`)
    expect((await stranger.postForm(`/admin/${other.id}/rendez-vous/${booking.id}/annuler`, {})).status).toBe(404)
    expect((await listShopBookings(db(), shopId, { from: '2026-11-24T00:00:00Z', to: '2026-11-25T00:00:00Z' })).map((b) => b.status)).toEqual(['confirmed'])
  })
})
