import { expect, it } from 'vitest'
import { aSalon } from '../../../test/factories/bookings.js'
import { MONDAY_MORNING } from '../../../test/factories/ordering.js'
import { FormClient, useTestApp } from '../../../test/harness/app.js'
import { forEachEngine } from '../../../test/harness/engines.js'
import { fixedClock } from '../../lib/clock.js'
import { bookAppointment, listFreeTimes } from '../../modules/bookings/index.js'

const plain = (body: string) => body.replace(/[\u202f\u00a0]/g, ' ')

forEachEngine('a booking’s cancel link (UX-15)', ({ db }) => {
  const clock = fixedClock(MONDAY_MORNING)
  const server = useTestApp(db, { clock })

  async function aBooking(startsAt: string) {
    clock.set(MONDAY_MORNING)
    const salon = await aSalon(db(), clock)
    const { booking, cancelToken } = await bookAppointment({ db: db(), clock }, salon.shopId, {
      variantId: salon.haircut.variantId,
      startsAt,
      resourceId: salon.lea.id,
      contact: { name: 'Lou Bernard', email: 'lou@example.fr', phone: '' },
      userId: undefined,
    })
    return {
      ...salon,
      booking,
      link: `/reservations/${booking.id}/annulation?jeton=${encodeURIComponent(cancelToken)}`,
      cancelToken,
    }
  }

  it('shows the booking and cancels it after a confirmation, without an account; the time is free again', async () => {
    const { booking, link, shopId, haircut, lea } = await aBooking('2026-11-24T10:00:00.000Z')
    const visitor = new FormClient(server.baseUrl)
    const page = await visitor.get(link)
    expect(page.status).toBe(200)
    const body = plain(page.body)
    expect(body).toContain('Coupe femme (Cheveux courts), avec Léa')
    expect(body).toContain('mardi 24 novembre à 11:00')
    expect(body).toContain('Vous pouvez annuler jusqu’au lundi 23 novembre à 11:00.')
    expect(body).toContain('Annuler ma réservation</button>')
    // Following the link cancels nothing by itself (mail scanners follow links).
    expect(
      (
        await listFreeTimes(
          db(),
          shopId,
          haircut.variantId,
          { from: '2026-11-24', days: 1, resourceId: lea.id },
          clock.now(),
        )
      ).map((t) => t.startsAt),
    ).not.toContain(booking.startsAt)

    const token = new URL(link, server.baseUrl).searchParams.get('jeton')!
    expect(
      (
        await visitor.postForm(
          `/reservations/${booking.id}/annulation`,
          { jeton: token },
          { withCsrf: false },
        )
      ).status,
    ).toBe(403)
    const done = await visitor.postForm(`/reservations/${booking.id}/annulation`, { jeton: token })
    expect(done.status).toBe(200)
    expect(plain(done.body)).toContain('Cette réservation est annulée. Le créneau est libéré.')
    expect(
      (
        await listFreeTimes(
          db(),
          shopId,
          haircut.variantId,
          { from: '2026-11-24', days: 1, resourceId: lea.id },
          clock.now(),
        )
      ).map((t) => t.startsAt),
    ).toContain(booking.startsAt)
  })

  it('answers a tampered link as an unknown booking, and past the deadline sends the resident to the shop', async () => {
    const { booking, link } = await aBooking('2026-11-23T12:00:00.000Z')
    const visitor = new FormClient(server.baseUrl)
    expect((await visitor.get(`${link.slice(0, -3)}abc`)).status).toBe(404)
    expect((await visitor.get(`/reservations/${booking.id}/annulation`)).status).toBe(404)
    const late = plain((await visitor.get(link)).body)
    expect(late).toContain('Il est trop tard pour annuler en ligne')
    expect(late).not.toContain('Annuler ma réservation</button>')
  })
})
