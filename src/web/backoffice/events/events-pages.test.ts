import { expect, it } from 'vitest'
import { aTasting, residentContact } from '../../../../test/factories/events.js'
import { aPickupShop, MONDAY_MORNING } from '../../../../test/factories/ordering.js'
import { aSignedInStaffMember, useTestApp } from '../../../../test/harness/app.js'
import { forEachEngine } from '../../../../test/harness/engines.js'
import { fixedClock } from '../../../lib/clock.js'
import { getEvent, getRegistration, listShopEvents, registerForEvent } from '../../../modules/events/index.js'

const plain = (body: string) => body.replace(/[\u202f\u00a0]/g, ' ')
const errorOf = (body: string, name: string) => new RegExp(`id="f-${name}-error">([^<]*)<`).exec(body)?.[1]
const FORM_OK = {
  title: 'Atelier bouquets de saison',
  description: 'Repartez avec votre bouquet.',
  place: '',
  date: '2026-11-28',
  startTime: '10:00',
  endTime: '12:00',
  capacity: '12',
  seatsPerPerson: '2',
  price: '25,00',
  offerHours: '6',
  cancelHoursBefore: '48',
}

forEachEngine('back-office: events, their seats and waitlist (issue #5)', ({ db }) => {
  const clock = fixedClock(MONDAY_MORNING)
  const server = useTestApp(db, { clock, loginRateLimit: 1_000 })

  it('schedules an event from the form, each problem next to its field, and lands on its page', async () => {
    clock.set(MONDAY_MORNING)
    const shop = await aPickupShop(db(), clock)
    const staff = await aSignedInStaffMember(server, shop.id)
    const empty = plain((await staff.get(`/admin/${shop.id}/evenements`)).body)
    expect(empty).toContain('Aucun événement pour le moment')
    expect(empty).toMatch(/aria-current="page">Événements<\/a>/)

    const refused = await staff.postForm(`/admin/${shop.id}/evenements`, {
      ...FORM_OK,
      title: '',
      date: '2026-11-20',
      endTime: '09:00',
      capacity: '0',
      price: 'gratuit',
    })
    expect(refused.status).toBe(400)
    const body = plain(refused.body)
    expect(errorOf(body, 'title')).toBe('Ce champ est obligatoire.')
    expect(errorOf(body, 'startTime')).toBe('Le début doit être à venir.')
    expect(errorOf(body, 'capacity')).toBe('De 1 à 5000 places.')
    expect(errorOf(body, 'price')).toBe(
      'Indiquez un prix, par exemple 15,00, ou 0 pour un événement gratuit.',
    )
    expect(body).toContain('>Repartez avec votre bouquet.</textarea>')
    expect(await listShopEvents(db(), shop.id, clock.now())).toEqual([])

    await staff.get(`/admin/${shop.id}/evenements`)
    const done = await staff.postForm(`/admin/${shop.id}/evenements`, FORM_OK)
    expect(done.status).toBe(303)
    const [event] = await listShopEvents(db(), shop.id, clock.now())
    expect(event).toMatchObject({
      title: 'Atelier bouquets de saison',
      startsAt: '2026-11-28T09:00:00.000Z',
      endsAt: '2026-11-28T11:00:00.000Z',
      capacity: 12,
      seatsPerPerson: 2,
      priceCents: 2500,
      offerHours: 6,
      cancelHoursBefore: 48,
    })
    expect(done.location).toBe(`/admin/${shop.id}/evenements/${event!.id}?ok=evenement-programme`)
    const page = plain((await staff.get(done.location!)).body)
    expect(page).toContain('Événement programmé : sa page publique prend les inscriptions.')
    expect(page).toContain('samedi 28 novembre à 10:00 · 25,00 € la place')
    expect(page).toContain('0 / 12 places prises')
  })

  it('lists who has seats and the waitlist in order, and a cancelled registration’s seats go to the first in line', async () => {
    clock.set(MONDAY_MORNING)
    const { shopId, event } = await aTasting(db(), clock, { capacity: 2, seatsPerPerson: 2 })
    const deps = { db: db(), clock }
    const first = await registerForEvent(deps, event.id, {
      seats: 2,
      contact: residentContact(1),
      userId: undefined,
    })
    const second = await registerForEvent(deps, event.id, {
      seats: 1,
      contact: residentContact(2),
      userId: undefined,
    })
    await registerForEvent(deps, event.id, { seats: 1, contact: residentContact(3), userId: undefined })
    const staff = await aSignedInStaffMember(server, shopId)
    const page = plain((await staff.get(`/admin/${shopId}/evenements/${event.id}`)).body)
    expect(page).toContain('2 / 2 places prises · 2 personnes en liste d’attente')
    expect(page).toContain('Inscrits (1)')
    expect(page.indexOf('1. <strong>1 place</strong> · Résident 2')).toBeGreaterThan(-1)
    expect(page.indexOf('1. <strong>1 place</strong> · Résident 2')).toBeLessThan(
      page.indexOf('2. <strong>1 place</strong> · Résident 3'),
    )

    const cancelled = await staff.postForm(
      `/admin/${shopId}/evenements/inscriptions/${first.registration.id}/annuler`,
      {},
    )
    expect(cancelled.location).toBe(`/admin/${shopId}/evenements/${event.id}?ok=inscription-annulee`)
    const after = plain((await staff.get(cancelled.location!)).body)
    expect(after).toContain('Place proposée (2)')
    expect((await getRegistration(db(), second.registration.id)).status).toBe('offered')

    // Calling the event off tells everyone and closes it.
    await staff.postForm(`/admin/${shopId}/evenements/${event.id}/annuler`, {})
    expect((await getEvent(db(), event.id)).status).toBe('cancelled')
    expect(plain((await staff.get(`/admin/${shopId}/evenements`)).body)).toContain('Annulé')
  })

  it('answers another shop’s staff with 404 for the event and its registrations', async () => {
    clock.set(MONDAY_MORNING)
    const { shopId, event } = await aTasting(db(), clock)
    const mine = await registerForEvent({ db: db(), clock }, event.id, {
      seats: 1,
      contact: residentContact(1),
      userId: undefined,
    })
    const other = await aPickupShop(db(), clock)
    const stranger = await aSignedInStaffMember(server, other.id)
    expect((await stranger.get(`/admin/${shopId}/evenements/${event.id}`)).status).toBe(404)
    expect((await stranger.get(`/admin/${other.id}/evenements/${event.id}`)).status).toBe(404)
    expect(
      (
        await stranger.postForm(
          `/admin/${other.id}/evenements/inscriptions/${mine.registration.id}/annuler`,
          {},
        )
      ).status,
    ).toBe(404)
    expect((await stranger.postForm(`/admin/${other.id}/evenements/${event.id}/annuler`, {})).status).toBe(
      404,
    )
    expect((await getRegistration(db(), mine.registration.id)).status).toBe('seated')
    expect((await getEvent(db(), event.id)).status).toBe('scheduled')
  })
})
