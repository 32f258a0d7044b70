import { expect, it } from 'vitest'
import { aSalon } from '../../../test/factories/bookings.js'
import { MONDAY_MORNING } from '../../../test/factories/ordering.js'
import { FormClient, useTestApp } from '../../../test/harness/app.js'
import { forEachEngine } from '../../../test/harness/engines.js'
import { fixedClock } from '../../lib/clock.js'
import { bookAppointment, getBooking } from '../../modules/bookings/index.js'

const plain = (body: string) => body.replace(/[\u202f\u00a0]/g, ' ')

// Monday 23 November 2026, 9:00 in Paris; the salon (Léa, Hugo) opens 9:00–19:00; a haircut is movable online
// until 24 hours before.
forEachEngine('a booking’s change link, without JavaScript (issue #5, UX-15)', ({ db }) => {
  const clock = fixedClock(MONDAY_MORNING)
  const server = useTestApp(db, { clock, checkoutRateLimit: 1_000 })

  // Each booking its own resident: one person cannot hold the same time at two salons (UX-17).
  let residents = 0
  async function aBooking(startsAt = '2026-11-25T10:00:00.000Z') {
    clock.set(MONDAY_MORNING)
    const salon = await aSalon(db(), clock)
    const contact = { name: 'Lou Bernard', email: `lou.${++residents}@example.fr`, phone: '' }
    const { booking, cancelToken } = await bookAppointment({ db: db(), clock }, salon.shopId, {
      variantId: salon.haircut.variantId,
      startsAt,
      resourceId: salon.lea.id,
      contact,
      userId: undefined,
    })
    const jeton = encodeURIComponent(cancelToken)
    return {
      ...salon,
      booking,
      token: cancelToken,
      changeLink: `/reservations/${booking.id}/changer?jeton=${jeton}`,
      bookingLink: `/reservations/${booking.id}/annulation?jeton=${jeton}`,
    }
  }

  it('offers the change from the booking’s page, moves it to the time picked, and lands back on the booking, moved', async () => {
    const { booking, token, changeLink, bookingLink, lea } = await aBooking()
    const visitor = new FormClient(server.baseUrl)
    const bookingPage = await visitor.get(bookingLink)
    expect(bookingPage.body).toContain(
      `<a class="button" href="${changeLink.replace(/&/g, '&amp;')}">Changer l’horaire</a>`,
    )

    const page = await visitor.get(changeLink)
    expect(page.status).toBe(200)
    expect(page.headers.get('cache-control')).toBe('private, no-store')
    expect(page.headers.get('referrer-policy')).toBe('no-referrer')
    const body = plain(page.body)
    expect(body).toContain(
      'Votre réservation : <strong>mercredi 25 novembre à 11:00</strong>, Coupe femme (Cheveux courts), avec Léa.',
    )
    expect(body).toContain('Possible jusqu’au mardi 24 novembre à 11:00.')
    // Its own time is shown, not offered; the one just after is offered (the booking does not block itself).
    expect(body).toMatch(
      /<input type="radio" id="t-20261125100000000" disabled \/> 11 h <span class="hint">\(votre horaire actuel\)<\/span>/,
    )
    expect(body).toContain(
      `value="2026-11-25T10:15:00.000Z|" required /> 11 h 15 <span class="hint">(Léa)</span>`,
    )
    expect(body).toContain('<option value="">N’importe qui</option>')
    expect(body).toContain('Jours suivants →')

    expect(
      (
        await visitor.postForm(
          `/reservations/${booking.id}/changer`,
          { jeton: token, startsAt: '2026-11-25T13:00:00.000Z|' },
          { withCsrf: false },
        )
      ).status,
    ).toBe(403)
    const empty = await visitor.postForm(`/reservations/${booking.id}/changer`, { jeton: token })
    expect(empty.status).toBe(400)
    expect(plain(empty.body)).toContain('Choisissez un nouvel horaire dans la liste.')

    const moved = await visitor.postForm(`/reservations/${booking.id}/changer`, {
      jeton: token,
      startsAt: `2026-11-25T13:00:00.000Z|${lea.id}`,
    })
    expect(moved.status).toBe(303)
    expect(moved.location).toMatch(
      new RegExp(`^/reservations/${booking.id}/annulation\\?jeton=.+&deplacee=1$`),
    )
    expect(moved.location).not.toContain(encodeURIComponent(token))
    const landed = plain((await visitor.get(moved.location!)).body)
    expect(landed).toContain('Votre réservation est déplacée au mercredi 25 novembre à 14:00.')
    expect(landed).toContain('Changer l’horaire</a>')
    expect((await getBooking(db(), booking.id)).startsAt).toBe('2026-11-25T13:00:00.000Z')

    // The old link opens nothing now, and says to use the latest email's.
    const stale = await visitor.get(changeLink)
    expect(stale.status).toBe(404)
    expect(plain(stale.body)).toContain('utilisez le lien du dernier e-mail reçu')
    expect((await visitor.get(bookingLink)).status).toBe(404)
  })

  it('shows the form again when the time was just taken, and says when it is too late or the booking is cancelled', async () => {
    const { booking, token, changeLink, bookingLink, shopId, haircut, lea } = await aBooking()
    const visitor = new FormClient(server.baseUrl)
    await visitor.get(`${changeLink}&avec=${lea.id}`)
    // Someone books Léa at 14:00 while the page is open.
    await bookAppointment({ db: db(), clock }, shopId, {
      variantId: haircut.variantId,
      startsAt: '2026-11-25T13:00:00.000Z',
      resourceId: lea.id,
      contact: { name: 'Sam', email: 'sam@example.fr', phone: '' },
      userId: undefined,
    })
    const taken = await visitor.postForm(`/reservations/${booking.id}/changer`, {
      jeton: token,
      avec: lea.id,
      startsAt: `2026-11-25T13:00:00.000Z|${lea.id}`,
    })
    expect(taken.status).toBe(409)
    expect(plain(taken.body)).toContain('Cet horaire vient d’être pris : choisissez-en un autre.')
    expect(taken.body).toContain(`<option value="${lea.id}" selected>Léa</option>`)
    expect((await getBooking(db(), booking.id)).startsAt).toBe('2026-11-25T10:00:00.000Z')

    // Past the deadline: the page sends the resident to the shop, and the booking's page no longer offers the change.
    clock.set('2026-11-24T10:00:01.000Z')
    const late = plain((await visitor.get(changeLink)).body)
    expect(late).toContain(
      'Il est trop tard pour changer l’horaire en ligne (c’était possible jusqu’au mardi 24 novembre à 11:00)',
    )
    expect(late).not.toContain('Choisir cet horaire')
    const lateMove = await visitor.postForm(`/reservations/${booking.id}/changer`, {
      jeton: token,
      startsAt: '2026-11-25T15:00:00.000Z|',
    })
    expect(lateMove.status).toBe(409)
    expect(plain((await visitor.get(bookingLink)).body)).not.toContain('Changer l’horaire')

    const other = await aBooking()
    const page = new FormClient(server.baseUrl)
    await page.get(other.bookingLink)
    await page.postForm(`/reservations/${other.booking.id}/annulation`, { jeton: other.token })
    const cancelled = await page.get(other.changeLink)
    expect(plain(cancelled.body)).toContain(
      'Cette réservation est annulée : son horaire ne peut plus changer.',
    )
    expect(plain((await page.get(other.bookingLink)).body)).not.toContain('Changer l’horaire')
  })
})
