import { expect, it } from 'vitest'
import { aSalon } from '../../../../test/factories/bookings.js'
import { MONDAY_MORNING } from '../../../../test/factories/ordering.js'
import { aSignedInStaffMember, useTestApp } from '../../../../test/harness/app.js'
import { forEachEngine } from '../../../../test/harness/engines.js'
import { fixedClock } from '../../../lib/clock.js'
import { bookAppointment } from '../../../modules/bookings/index.js'

const plain = (body: string) => body.replace(/[\u202f\u00a0]/g, ' ')
const contact = (name: string) => ({ name, email: `${name.toLowerCase()}@example.fr`, phone: '' })
/** The link shown once on the page, as the owner copies it. */
const shownLink = (body: string) =>
  /id="agenda-url" type="text" readonly value="([^"]+)"/
    .exec(body)?.[1]
    ?.replace(/&#61;/g, '=')
    .replace(/&amp;/g, '&')

forEachEngine('back-office: the agenda as a private calendar feed (issue #5)', ({ db }) => {
  const clock = fixedClock(MONDAY_MORNING)
  const server = useTestApp(db, { clock, loginRateLimit: 1_000 })

  /** What a calendar app gets from a link of the page (whose host is the public URL's). */
  const subscribe = async (link: string) => {
    const url = new URL(link)
    const res = await fetch(`${server.baseUrl}${url.pathname}${url.search}`, {
      headers: { accept: 'text/calendar' },
    })
    return { status: res.status, type: res.headers.get('content-type'), body: await res.text() }
  }

  it('the owner makes the link, shown once; a calendar app reads the shop’s bookings with it; revoking it stops it', async () => {
    clock.set(MONDAY_MORNING)
    const { shopId, lea, haircut } = await aSalon(db(), clock)
    const other = await aSalon(db(), clock)
    const { booking } = await bookAppointment({ db: db(), clock }, shopId, {
      variantId: haircut.variantId,
      startsAt: '2026-11-24T10:00:00.000Z',
      resourceId: lea.id,
      contact: contact('Lou'),
      userId: undefined,
    })
    const { booking: elsewhere } = await bookAppointment({ db: db(), clock }, other.shopId, {
      variantId: other.haircut.variantId,
      startsAt: '2026-11-24T10:00:00.000Z',
      resourceId: other.lea.id,
      contact: contact('Sam'),
      userId: undefined,
    })
    const owner = await aSignedInStaffMember(server, shopId, 'owner')
    const page = `/admin/${shopId}/rendez-vous/agenda`

    const empty = plain((await owner.get(page)).body)
    expect(empty).toContain('<h1>Agenda des rendez-vous sur votre téléphone</h1>')
    expect(empty).toContain('Aucun lien pour le moment.')
    expect(empty).toContain('Ajouter un calendrier avec abonnement')
    // Without the form's CSRF token nothing is made.
    expect((await owner.postForm(page, {}, { withCsrf: false })).status).toBe(403)
    expect(plain((await owner.get(page)).body)).toContain('Aucun lien pour le moment.')

    const made = await owner.postForm(page, {})
    expect(made.status).toBe(200)
    const link = shownLink(made.body)!
    expect(link).toMatch(new RegExp(`^http://localhost/agenda/${shopId}\\.ics\\?jeton=[A-Za-z0-9_-]{43}$`))
    expect(made.body).toContain(`href="webcal://localhost/agenda/${shopId}.ics?jeton`)
    expect(plain(made.body)).toContain('Copiez-le maintenant : il ne sera plus affiché.')

    const feed = await subscribe(link)
    expect([feed.status, feed.type]).toEqual([200, 'text/calendar; charset=utf-8'])
    expect(feed.body.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true)
    expect(feed.body).toContain(`UID:${booking.id}@comptoir`)
    expect(feed.body).toContain('DTSTART:20261124T100000Z')
    expect(feed.body).not.toContain(elsewhere.id)
    // The link names its shop: the same secret with another shop's id opens nothing.
    expect((await subscribe(link.replace(shopId, other.shopId))).status).toBe(404)
    expect((await subscribe(link.replace(/jeton=.*/, 'jeton=devine'))).status).toBe(404)

    // Later the page says a link exists and since when, but never shows it again.
    const later = plain((await owner.get(page)).body)
    expect(later).toContain('Un lien existe depuis le 23 novembre à 09:00.')
    expect(later).not.toContain(new URL(link).searchParams.get('jeton')!)

    const revoked = await owner.postForm(`${page}/revoquer`, {})
    expect([revoked.status, revoked.location]).toEqual([303, `${page}?ok=agenda-revoque`])
    expect(plain((await owner.get(revoked.location!)).body)).toContain(
      'Lien d’agenda révoqué : les agendas abonnés ne reçoivent plus les rendez-vous.',
    )
    expect((await subscribe(link)).status).toBe(404)
    expect(plain((await owner.get(page)).body)).toContain('Aucun lien pour le moment.')
  })

  it('is the owner’s alone: the shop’s staff get 403, another shop’s owner 404, and neither makes or revokes a link', async () => {
    clock.set(MONDAY_MORNING)
    const { shopId } = await aSalon(db(), clock)
    const other = await aSalon(db(), clock)
    const owner = await aSignedInStaffMember(server, shopId, 'owner')
    await owner.get(`/admin/${shopId}/rendez-vous/agenda`)
    const link = shownLink((await owner.postForm(`/admin/${shopId}/rendez-vous/agenda`, {})).body)
    expect(link).toBeDefined()

    const staff = await aSignedInStaffMember(server, shopId, 'staff')
    const refused = await staff.get(`/admin/${shopId}/rendez-vous/agenda`)
    expect(refused.status).toBe(403)
    expect(refused.body).toContain('Réservé au propriétaire')
    await staff.get(`/admin/${shopId}/rendez-vous`)
    expect((await staff.postForm(`/admin/${shopId}/rendez-vous/agenda/revoquer`, {})).status).toBe(403)
    expect((await staff.postForm(`/admin/${shopId}/rendez-vous/agenda`, {})).status).toBe(403)

    const stranger = await aSignedInStaffMember(server, other.shopId, 'owner')
    expect((await stranger.get(`/admin/${shopId}/rendez-vous/agenda`)).status).toBe(404)
    await stranger.get(`/admin/${other.shopId}/rendez-vous/agenda`)
    expect((await stranger.postForm(`/admin/${shopId}/rendez-vous/agenda/revoquer`, {})).status).toBe(404)
    expect((await stranger.postForm(`/admin/${shopId}/rendez-vous/agenda`, {})).status).toBe(404)

    // None of their attempts replaced or revoked the owner's link.
    expect((await subscribe(link!)).status).toBe(200)
  })
})
