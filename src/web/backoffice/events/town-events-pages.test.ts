import { expect, it } from 'vitest'
import { aTownEvent, residentContact } from '../../../../test/factories/events.js'
import { aPickupShop, MONDAY_MORNING } from '../../../../test/factories/ordering.js'
import { aUser } from '../../../../test/factories/users.js'
import { aSignedInStaffMember, FormClient, useTestApp } from '../../../../test/harness/app.js'
import { forEachEngine } from '../../../../test/harness/engines.js'
import { fixedClock } from '../../../lib/clock.js'
import {
  cancelEvent,
  getEvent,
  getRegistration,
  listTownEvents,
  registerForEvent,
  TOWN,
} from '../../../modules/events/index.js'

const plain = (body: string) => body.replace(/[\u202f\u00a0]/g, ' ')
const errorOf = (body: string, name: string) => new RegExp(`id="f-${name}-error">([^<]*)<`).exec(body)?.[1]
const FORM_OK = {
  title: 'Soirée des commerçants',
  description: 'Les boutiques ouvrent tard.',
  place: 'Place du marché',
  date: '2026-11-28',
  startTime: '18:00',
  endTime: '22:00',
  capacity: '20',
  seatsPerPerson: '2',
  price: '0',
  offerHours: '12',
  cancelHoursBefore: '24',
}

forEachEngine('town events in the back-office and on the storefront (issue #5 item 3)', ({ db }) => {
  const clock = fixedClock(MONDAY_MORNING)
  const server = useTestApp(db, { clock, loginRateLimit: 1_000 })

  async function signedIn(role: 'resident' | 'coordinator') {
    const user = await aUser(db(), { role }, clock)
    const client = new FormClient(server.baseUrl)
    await client.signIn(user.email, user.password)
    return client
  }

  it('the home page shows no « Événements en ville » while there is none (not even a cancelled one)', async () => {
    clock.set(MONDAY_MORNING)
    const visitor = new FormClient(server.baseUrl)
    expect((await visitor.get('/')).body).not.toContain('Événements en ville')
    const called = await aTownEvent(db(), clock)
    await cancelEvent({ db: db(), clock }, TOWN, called.id)
    expect((await visitor.get('/')).body).not.toContain('Événements en ville')
  })

  it('the coordinator schedules from the back-office, the home page lists it, and a resident registers from its page', async () => {
    clock.set(MONDAY_MORNING)
    const coordinator = await signedIn('coordinator')
    const home = plain((await coordinator.get('/admin')).body)
    expect(home).toContain('<a href="/admin/ville/evenements">Événements en ville</a>')

    const empty = plain((await coordinator.get('/admin/ville/evenements')).body)
    expect(empty).toContain('Les événements de la ville')
    expect(empty).toContain('Quand (heure de la ville)')

    // No place: there is no shop address to give, so it is required.
    const refused = await coordinator.postForm('/admin/ville/evenements', { ...FORM_OK, place: '' })
    expect(refused.status).toBe(400)
    expect(errorOf(plain(refused.body), 'place')).toBe('Ce champ est obligatoire.')
    expect(refused.body).toContain('value="Soirée des commerçants"')

    const done = await coordinator.postForm('/admin/ville/evenements', FORM_OK)
    expect(done.status).toBe(303)
    const event = (await listTownEvents(db(), clock.now())).find((e) => e.title === 'Soirée des commerçants')!
    // 18:00 on the town's clock (Paris, winter time) is 17:00 UTC.
    expect(event).toMatchObject({
      shopId: undefined,
      place: 'Place du marché',
      startsAt: '2026-11-28T17:00:00.000Z',
      endsAt: '2026-11-28T21:00:00.000Z',
      capacity: 20,
    })
    expect(done.location).toBe(`/admin/ville/evenements/${event.id}?ok=evenement-programme`)
    const page = plain((await coordinator.get(done.location!)).body)
    expect(page).toContain('Événement programmé : sa page publique prend les inscriptions.')
    expect(page).toContain('samedi 28 novembre à 18:00 · Gratuit')
    expect(page).toContain('0 / 20 places prises')

    const visitor = new FormClient(server.baseUrl)
    const front = plain((await visitor.get('/')).body)
    expect(front).toContain('Événements en ville')
    expect(front).toContain(
      `<a href="/evenements/${event.id}"><strong>Soirée des commerçants</strong></a> · samedi 28 novembre à 18:00 · Place du marché`,
    )

    const eventPage = plain((await visitor.get(`/evenements/${event.id}`)).body)
    expect(eventPage).toContain('Les commerces de la ville, Place du marché')
    expect(eventPage).toContain('samedi 28 novembre à 18:00')
    const registered = await visitor.postForm(`/evenements/${event.id}`, {
      seats: '2',
      name: 'Lou Bernard',
      email: 'lou@example.fr',
      phone: '',
    })
    expect(registered.status).toBe(303)
    const mine = plain((await visitor.get(registered.location!)).body)
    expect(mine).toContain('Inscription confirmée : 2 places.')
    expect(mine).toContain('Les commerces de la ville, Place du marché')

    // The coordinator sees the registration and cancels it, then calls the event off.
    const listed = plain((await coordinator.get(`/admin/ville/evenements/${event.id}`)).body)
    expect(listed).toContain('Inscrits (1)')
    expect(listed).toContain('Lou Bernard')
    const id = registered.location!.split('/')[2]!.split('?')[0]!
    const cancelled = await coordinator.postForm(`/admin/ville/evenements/inscriptions/${id}/annuler`, {})
    expect(cancelled.location).toBe(`/admin/ville/evenements/${event.id}?ok=inscription-annulee`)
    expect((await getRegistration(db(), id)).status).toBe('cancelled')
    await coordinator.get(cancelled.location!)
    const off = await coordinator.postForm(`/admin/ville/evenements/${event.id}/annuler`, {})
    expect(off.location).toBe(`/admin/ville/evenements/${event.id}?ok=evenement-annule`)
    expect((await getEvent(db(), event.id)).status).toBe('cancelled')
    expect(plain((await visitor.get(`/evenements/${event.id}`)).body)).toContain('Cet événement est annulé.')
  })

  it('is not there for anyone but the coordinator: 404 for residents and shop staff, the login page when signed out', async () => {
    clock.set(MONDAY_MORNING)
    const event = await aTownEvent(db(), clock)
    const { registration } = await registerForEvent({ db: db(), clock }, event.id, {
      seats: 1,
      contact: residentContact(1),
      userId: undefined,
    })
    const shop = await aPickupShop(db(), clock)
    const staff = await aSignedInStaffMember(server, shop.id, 'owner')
    const resident = await signedIn('resident')
    for (const who of [resident, staff]) {
      expect((await who.get('/admin/ville/evenements')).status).toBe(404)
      expect((await who.get(`/admin/ville/evenements/${event.id}`)).status).toBe(404)
      expect((await who.postForm('/admin/ville/evenements', FORM_OK)).status).toBe(404)
      expect((await who.postForm(`/admin/ville/evenements/${event.id}/annuler`, {})).status).toBe(404)
      expect(
        (await who.postForm(`/admin/ville/evenements/inscriptions/${registration.id}/annuler`, {})).status,
      ).toBe(404)
    }
    expect(plain((await resident.get('/admin')).body)).not.toContain('/admin/ville/evenements')
    // A shop's staff cannot reach it through their shop's pages either.
    expect((await staff.get(`/admin/${shop.id}/evenements/${event.id}`)).status).toBe(404)
    expect(
      (await staff.postForm(`/admin/${shop.id}/evenements/inscriptions/${registration.id}/annuler`, {}))
        .status,
    ).toBe(404)
    const anonymous = await new FormClient(server.baseUrl).get('/admin/ville/evenements')
    expect(anonymous.status).toBe(303)
    expect(anonymous.headers.get('location')).toMatch(/^\/connexion\?retour=/)
    expect(await getEvent(db(), event.id)).toMatchObject({ status: 'scheduled', seatsTaken: 1 })
    expect((await getRegistration(db(), registration.id)).status).toBe('seated')
  })
})
