import { expect, it } from 'vitest'
import { aTasting, residentContact } from '../../../test/factories/events.js'
import { MONDAY_MORNING } from '../../../test/factories/ordering.js'
import { FormClient, useTestApp } from '../../../test/harness/app.js'
import { forEachEngine } from '../../../test/harness/engines.js'
import { fixedClock } from '../../lib/clock.js'
import { cancelRegistrationByShop, getEvent, registerForEvent } from '../../modules/events/index.js'
import { getShop as shopById } from '../../modules/shops/index.js'

const plain = (body: string) => body.replace(/[\u202f\u00a0]/g, ' ')

forEachEngine('event pages: seats, the waitlist and the registration’s link (issue #5)', ({ db }) => {
  const clock = fixedClock(MONDAY_MORNING)
  const server = useTestApp(db, { clock })

  it('from the shop’s page to the event, takes two seats and lands on the registration’s page, which cancels it', async () => {
    clock.set(MONDAY_MORNING)
    const { shopId, event } = await aTasting(db(), clock)
    const shop = await shopById(db(), shopId)
    const visitor = new FormClient(server.baseUrl)
    expect(plain((await visitor.get(`/commerces/${shop.slug}`)).body)).toContain('Événements (1)')
    const list = plain((await visitor.get(`/commerces/${shop.slug}/evenements`)).body)
    expect(list).toContain('Dégustation des vins de Loire')
    expect(list).toContain('50 places restantes')

    const page = plain((await visitor.get(`/evenements/${event.id}`)).body)
    expect(page).toContain('vendredi 27 novembre à 19:00')
    expect(page).toContain('15,00 € TTC la place, à régler sur place')
    expect(page).toContain('Annulation gratuite en un clic jusqu’à 24 h avant le début')
    const refused = await visitor.postForm(`/evenements/${event.id}`, {
      seats: '9',
      name: 'Lou',
      email: 'pas-un-email',
      phone: '',
    })
    expect(refused.status).toBe(400)
    expect(plain(refused.body)).toContain('Choisissez un nombre de places proposé.')
    expect(plain(refused.body)).toContain('Cette adresse e-mail n’est pas valide.')
    expect(refused.body).toContain('value="Lou"')

    await visitor.get(`/evenements/${event.id}`)
    const done = await visitor.postForm(`/evenements/${event.id}`, {
      seats: '2',
      name: 'Lou Bernard',
      email: 'lou@example.fr',
      phone: '',
    })
    expect(done.status).toBe(303)
    expect(done.location).toMatch(/^\/inscriptions\/[0-9A-Z]+\?jeton=.+&nouvelle=1$/)
    const mine = plain((await visitor.get(done.location!)).body)
    expect(mine).toContain('Inscription confirmée : 2 places.')
    expect(mine).toContain('Un e-mail vous envoie ces informations')
    expect((await getEvent(db(), event.id)).seatsTaken).toBe(2)

    const token = new URL(done.location!, server.baseUrl).searchParams.get('jeton')!
    const id = done.location!.split('/')[2]!.split('?')[0]!
    expect(
      (await visitor.postForm(`/inscriptions/${id}/annuler`, { jeton: token }, { withCsrf: false })).status,
    ).toBe(403)
    const cancelled = await visitor.postForm(`/inscriptions/${id}/annuler`, { jeton: token })
    expect(plain(cancelled.body)).toContain('Cette inscription est annulée.')
    expect((await getEvent(db(), event.id)).seatsTaken).toBe(0)
    expect((await visitor.get(`/inscriptions/${id}?jeton=${encodeURIComponent(token)}x`)).status).toBe(404)
  })

  it('full: offers the waitlist, tells the place in line, and the offered resident takes the seat from the page', async () => {
    clock.set(MONDAY_MORNING)
    const { shopId, event } = await aTasting(db(), clock, { capacity: 1, offerHours: 12 })
    const seated = await registerForEvent({ db: db(), clock }, event.id, {
      seats: 1,
      contact: residentContact(1),
      userId: undefined,
    })
    const visitor = new FormClient(server.baseUrl)
    const full = plain((await visitor.get(`/evenements/${event.id}`)).body)
    expect(full).toContain('Complet — liste d’attente ouverte')
    expect(full).toContain('M’inscrire sur la liste d’attente</button>')
    const joined = await visitor.postForm(`/evenements/${event.id}`, {
      seats: '1',
      name: 'Noé',
      email: 'noe@example.fr',
      phone: '',
    })
    const waiting = plain((await visitor.get(joined.location!)).body)
    expect(waiting).toContain(
      'Vous êtes sur la liste d’attente (1 place) : vous êtes le prochain ou la prochaine.',
    )

    await cancelRegistrationByShop({ db: db(), clock }, shopId, seated.registration.id)
    const offered = plain((await visitor.get(joined.location!)).body)
    expect(offered).toContain(
      'Une place s’est libérée : 1 place vous est gardée jusqu’au lundi 23 novembre à 21:00.',
    )
    const token = new URL(joined.location!, server.baseUrl).searchParams.get('jeton')!
    const id = joined.location!.split('/')[2]!.split('?')[0]!
    const taken = plain((await visitor.postForm(`/inscriptions/${id}/prendre`, { jeton: token })).body)
    expect(taken).toContain('Inscription confirmée : 1 place.')

    // Too late for an offer: said in words on the page, not an error page.
    const { event: other } = await aTasting(db(), clock, { capacity: 1, offerHours: 1 })
    const first = await registerForEvent({ db: db(), clock }, other.id, {
      seats: 1,
      contact: residentContact(2),
      userId: undefined,
    })
    const next = await registerForEvent({ db: db(), clock }, other.id, {
      seats: 1,
      contact: residentContact(3),
      userId: undefined,
    })
    await cancelRegistrationByShop({ db: db(), clock }, other.shopId!, first.registration.id)
    clock.set('2026-11-23T09:30:00.000Z')
    await visitor.get(`/inscriptions/${next.registration.id}?jeton=${encodeURIComponent(next.linkToken)}`)
    const late = await visitor.postForm(`/inscriptions/${next.registration.id}/prendre`, {
      jeton: next.linkToken,
    })
    expect(late.status).toBe(409)
    expect(plain(late.body)).toContain('Le délai pour prendre cette place est passé')
  })
})
