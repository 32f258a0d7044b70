import { expect, it } from 'vitest'
import { aSalon, aWorkshopToSetUp } from '../../../../test/factories/bookings.js'
import { aPickupShop, MONDAY_MORNING } from '../../../../test/factories/ordering.js'
import { aSignedInStaffMember, useTestApp } from '../../../../test/harness/app.js'
import { forEachEngine } from '../../../../test/harness/engines.js'
import { fixedClock } from '../../../lib/clock.js'
import {
  addAbsence,
  bookAppointment,
  getResource,
  listAbsences,
  listBookableServices,
  listShopBookings,
} from '../../../modules/bookings/index.js'

const plain = (body: string) => body.replace(/[\u202f\u00a0]/g, ' ')
let clients = 0
/** A client with an address of their own: one person cannot hold two salons at the same time (UX-17). */
const contact = (name: string) => ({
  name,
  email: `${name.toLowerCase()}.${++clients}@example.fr`,
  phone: '06 12 34 56 78',
})
/** The message shown under an input, by the input's name (field() ties it with id f-<name>-error). */
const errorOf = (body: string, name: string) => new RegExp(`id="f-${name}-error">([^<]*)<`).exec(body)?.[1]
/** The booking settings a merchant types for the bike repair: 10 minutes to tidy up, a start every 30 minutes. */
const SETTINGS_OK = {
  bufferBeforeMinutes: '0',
  bufferAfterMinutes: '10',
  stepMinutes: '30',
  noticeMinutes: '60',
  horizonDays: '30',
  cancelHoursBefore: '12',
}

forEachEngine('back-office: the day’s bookings (issue #5)', ({ db }) => {
  const clock = fixedClock(MONDAY_MORNING)
  const server = useTestApp(db, { clock, loginRateLimit: 1_000 })

  it('shows a day’s bookings by hairdresser, moves from day to day, and cancels one (the client is told)', async () => {
    clock.set(MONDAY_MORNING)
    const { shopId, lea, hugo, haircut } = await aSalon(db(), clock)
    const deps = { db: db(), clock }
    const book = (resourceId: string, startsAt: string, name: string) =>
      bookAppointment(deps, shopId, {
        variantId: haircut.variantId,
        startsAt,
        resourceId,
        contact: contact(name),
        userId: undefined,
      })
    await book(lea.id, '2026-11-23T13:00:00.000Z', 'Lou')
    await book(hugo.id, '2026-11-23T10:00:00.000Z', 'Sam')
    const { booking } = await book(lea.id, '2026-11-24T10:00:00.000Z', 'Noa')
    const staff = await aSignedInStaffMember(server, shopId)

    const today = plain((await staff.get(`/admin/${shopId}/rendez-vous`)).body)
    expect(today).toMatch(/<a href="\/admin\/[^"]+\/rendez-vous" aria-current="page">Rendez-vous<\/a>/)
    expect(today).toContain('lundi 23 novembre (aujourd’hui) — 2 rendez-vous')
    expect(today.indexOf('>Hugo</h3>')).toBeLessThan(today.indexOf('>Léa</h3>'))
    expect(today).toContain('<strong>11 h – 11 h 45</strong> · Coupe femme (Cheveux courts) · 35,00 €')
    expect(today).toMatch(
      /Sam · <a href="mailto:(sam\.\d+@example\.fr)">\1<\/a> · <a href="tel:0612345678">06 12 34 56 78<\/a>/,
    )
    expect(today).not.toContain('Noa')

    const tomorrow = plain((await staff.get(`/admin/${shopId}/rendez-vous?jour=2026-11-24`)).body)
    expect(tomorrow).toContain('mardi 24 novembre — 1 rendez-vous')
    const cancelled = await staff.postForm(`/admin/${shopId}/rendez-vous/${booking.id}/annuler`, {})
    expect([cancelled.status, cancelled.location]).toEqual([
      303,
      `/admin/${shopId}/rendez-vous?ok=rendez-vous-annule&jour=2026-11-24`,
    ])
    expect(plain((await staff.get(cancelled.location!)).body)).toContain(
      'Rendez-vous annulé : le client est prévenu par e-mail.',
    )
    expect(
      await listShopBookings(db(), shopId, { from: '2026-11-24T00:00:00Z', to: '2026-11-25T00:00:00Z' }),
    ).toEqual([])
    const told = await db()
      .selectFrom('outbox')
      .select('topic')
      .where('key', '=', booking.id)
      .orderBy('topic')
      .execute()
    expect(told.map((m) => m.topic)).toEqual(['booking.cancelled', 'booking.confirmed'])
  })

  it('adds a booking taken by phone from the day view, moves it to another time and person, and says what does not fit', async () => {
    clock.set(MONDAY_MORNING)
    const { shopId, lea, hugo, haircut } = await aSalon(db(), clock)
    const staff = await aSignedInStaffMember(server, shopId)
    const day = plain((await staff.get(`/admin/${shopId}/rendez-vous`)).body)
    expect(day).toContain('Ajouter un rendez-vous pris par téléphone')

    const nobody = await staff.postForm(`/admin/${shopId}/rendez-vous/ajouter`, {
      variantId: haircut.variantId,
      resourceId: lea.id,
      date: '2026-11-23',
      time: '09:30',
      name: 'M. Petit',
      phone: '',
      email: '',
    })
    expect(nobody.status).toBe(400)
    expect(errorOf(plain(nobody.body), 'phone')).toBe('Indiquez un téléphone ou un e-mail.')
    expect(nobody.body).toContain('value="M. Petit"')
    const added = await staff.postForm(`/admin/${shopId}/rendez-vous/ajouter`, {
      variantId: haircut.variantId,
      resourceId: lea.id,
      date: '2026-11-23',
      time: '09:30',
      name: 'M. Petit',
      phone: '06 12 34 56 78',
      email: '',
    })
    expect(added.status).toBe(303)
    expect(added.location).toMatch(/\?ok=rendez-vous-ajoute&jour=2026-11-23#rdv-/)
    const [booking] = await listShopBookings(db(), shopId, {
      from: '2026-11-23T00:00:00Z',
      to: '2026-11-24T00:00:00Z',
    })
    expect(booking).toMatchObject({
      startsAt: '2026-11-23T08:30:00.000Z',
      resourceId: lea.id,
      contact: { name: 'M. Petit', email: '', phone: '06 12 34 56 78' },
    })
    const listed = plain((await staff.get(added.location!.split('#')[0]!)).body)
    expect(listed).toContain('Rendez-vous ajouté.')
    expect(listed).toContain('M. Petit · <a href="tel:0612345678">06 12 34 56 78</a>')

    // 19:30 is after closing; Tuesday 10:30 with Hugo is free.
    const late = await staff.postForm(`/admin/${shopId}/rendez-vous/${booking!.id}/deplacer`, {
      date: '2026-11-23',
      time: '19:30',
      resourceId: hugo.id,
    })
    expect(late.status).toBe(400)
    expect(plain(late.body)).toContain('Rendez-vous non déplacé : Cet horaire n’est pas proposé')
    const moved = await staff.postForm(`/admin/${shopId}/rendez-vous/${booking!.id}/deplacer`, {
      date: '2026-11-24',
      time: '10:30',
      resourceId: hugo.id,
    })
    expect(moved.location).toMatch(/\?ok=rendez-vous-deplace&jour=2026-11-24#rdv-/)
    const after = await listShopBookings(db(), shopId, {
      from: '2026-11-23T00:00:00Z',
      to: '2026-11-25T00:00:00Z',
    })
    expect(after.map((b) => [b.startsAt, b.resourceName])).toEqual([['2026-11-24T09:30:00.000Z', 'Hugo']])
  })

  it('asks, once a booking has started, whether the client came, and shows a client’s no-shows here', async () => {
    clock.set(MONDAY_MORNING)
    const { shopId, lea, haircut } = await aSalon(db(), clock)
    const { booking } = await bookAppointment({ db: db(), clock }, shopId, {
      variantId: haircut.variantId,
      startsAt: '2026-11-23T10:00:00.000Z',
      resourceId: lea.id,
      contact: contact('Noa'),
      userId: undefined,
    })
    const staff = await aSignedInStaffMember(server, shopId)
    const before = plain((await staff.get(`/admin/${shopId}/rendez-vous`)).body)
    expect(before).toContain('Déplacer…')
    expect(before).not.toContain('value="no_show"')
    clock.set('2026-11-23T10:10:00.000Z')
    const started = plain((await staff.get(`/admin/${shopId}/rendez-vous`)).body)
    expect(started).toContain('value="no_show" class="button small danger">Absent</button>')
    expect(started).not.toContain('Déplacer…')
    const marked = await staff.postForm(`/admin/${shopId}/rendez-vous/${booking.id}/presence`, {
      outcome: 'no_show',
    })
    expect(marked.location).toMatch(/\?ok=rendez-vous-absent&jour=2026-11-23#rdv-/)
    const after = plain((await staff.get(marked.location!.split('#')[0]!)).body)
    expect(after).toContain('<span class="badge badge-muted">Absent</span>')
    expect(after).toContain('1 absence sur 12 mois chez vous')
  })

  it('answers another shop’s staff with 404, for the page and for a booking', async () => {
    clock.set(MONDAY_MORNING)
    const { shopId, lea, haircut } = await aSalon(db(), clock)
    const { booking } = await bookAppointment({ db: db(), clock }, shopId, {
      variantId: haircut.variantId,
      startsAt: '2026-11-24T10:00:00.000Z',
      resourceId: lea.id,
      contact: contact('Lou'),
      userId: undefined,
    })
    const other = await aPickupShop(db(), clock)
    const stranger = await aSignedInStaffMember(server, other.id)
    expect((await stranger.get(`/admin/${shopId}/rendez-vous`)).status).toBe(404)
    await stranger.get(`/admin/${other.id}/rendez-vous`)
    expect((await stranger.postForm(`/admin/${other.id}/rendez-vous/${booking.id}/annuler`, {})).status).toBe(
      404,
    )
    expect(
      (
        await listShopBookings(db(), shopId, { from: '2026-11-24T00:00:00Z', to: '2026-11-25T00:00:00Z' })
      ).map((b) => b.status),
    ).toEqual(['confirmed'])
  })

  it('lets the owner set bookings up from a phone: a repairer, their hours, an absence, and a bookable service', async () => {
    clock.set(MONDAY_MORNING)
    const { shopId, repair } = await aWorkshopToSetUp(db(), clock)
    const owner = await aSignedInStaffMember(server, shopId, 'owner')
    const setup = `/admin/${shopId}/rendez-vous/reglages`

    expect((await owner.get(`/admin/${shopId}/rendez-vous`)).body).toContain(
      `<a href="${setup}">Réglages des rendez-vous</a>`,
    )
    const empty = plain((await owner.get(setup)).body)
    expect(empty).toContain('Aucune personne ni ressource pour l’instant.')
    expect(empty).toContain('Réparation vélo')
    expect(empty).toContain('Pas réservable en ligne')

    // A name left empty is refused next to the name, the kind chosen kept.
    const nameless = await owner.postForm(`${setup}/ressources`, { name: ' ', kind: 'resource' })
    expect(nameless.status).toBe(400)
    expect(errorOf(nameless.body, 'name')).toBe('Ce champ est obligatoire.')
    expect(nameless.body).toContain('value="resource" checked')
    const added = await owner.postForm(`${setup}/ressources`, { name: 'Karim', kind: 'staff' })
    expect(added.status).toBe(303)
    const resourcePage = added.location!
    expect(resourcePage).toMatch(new RegExp(`^${setup}/ressources/[^/?]+\\?ok=ressource-ajoutee$`))
    const karimId = resourcePage.split('/').at(-1)!.split('?')[0]!
    const welcome = plain((await owner.get(resourcePage)).body)
    expect(welcome).toContain('<h1>Karim</h1>')
    expect(welcome).toContain('Ajoutée. Indiquez maintenant ses horaires')
    expect(welcome).toContain('Aucune absence prévue.')

    // Hours: a range that closes before it opens is refused next to its closing time, as typed.
    const backwards = await owner.postForm(`${setup}/ressources/${karimId}/horaires`, {
      h1_0_opens: '10:00',
      h1_0_closes: '09:00',
    })
    expect(backwards.status).toBe(400)
    expect(backwards.body).toMatch(/id="h1_0_closes-error">L’ouverture doit précéder la fermeture\.</)
    expect(backwards.body).toContain('name="h1_0_opens" type="time" step="300" value="10:00"')
    const hours = await owner.postForm(`${setup}/ressources/${karimId}/horaires`, {
      h1_0_opens: '10:00',
      h1_0_closes: '12:00',
      h1_1_opens: '14:00',
      h1_1_closes: '18:00',
    })
    expect([hours.status, hours.location]).toEqual([
      303,
      `${setup}/ressources/${karimId}?ok=horaires-enregistres`,
    ])
    expect((await owner.get(hours.location!)).body).toContain(
      'name="h1_1_closes" type="time" step="300" value="18:00"',
    )
    expect((await getResource(db(), shopId, karimId)).hours).toEqual([
      { weekday: 1, opensMinute: 600, closesMinute: 720 },
      { weekday: 1, opensMinute: 840, closesMinute: 1080 },
    ])

    // Absences: an end before the start is refused next to the end time, the times typed kept.
    const inverted = await owner.postForm(`${setup}/ressources/${karimId}/absences`, {
      startDate: '2026-11-24',
      startTime: '15:00',
      endDate: '',
      endTime: '14:00',
      reason: 'Dentiste',
    })
    expect(inverted.status).toBe(400)
    expect(errorOf(inverted.body, 'endTime')).toBe('La fin de l’absence doit venir après son début.')
    expect(inverted.body).toContain('value="15:00"')
    expect(inverted.body).toContain('value="Dentiste"')
    const away = await owner.postForm(`${setup}/ressources/${karimId}/absences`, {
      startDate: '2026-11-24',
      startTime: '',
      endDate: '2026-11-25',
      endTime: '',
      reason: 'Salon du cycle',
    })
    expect([away.status, away.location]).toEqual([303, `${setup}/ressources/${karimId}?ok=absence-ajoutee`])
    const listed = plain((await owner.get(away.location!)).body)
    expect(listed).toContain('Absence ajoutée : aucun créneau n’est proposé pendant ce temps.')
    expect(listed).toContain(
      'Absence du mardi 24 novembre au mercredi 25 novembre (journées entières) — Salon du cycle',
    )
    // Whole days on the shop's clock: Paris midnight is 23:00Z the day before.
    expect(
      await listAbsences(db(), shopId, karimId, { endingAfter: clock.now().toISOString() }),
    ).toMatchObject([{ startsAt: '2026-11-23T23:00:00.000Z', endsAt: '2026-11-25T23:00:00.000Z' }])
    const removeAction = /action="([^"]+\/absences\/[^"]+\/supprimer)"/.exec(listed)![1]!
    const removed = await owner.postForm(removeAction, {})
    expect([removed.status, removed.location]).toEqual([
      303,
      `${setup}/ressources/${karimId}?ok=absence-retiree`,
    ])
    const none = plain((await owner.get(removed.location!)).body)
    expect(none).toContain('Absence retirée : ses créneaux sont de nouveau proposés.')
    expect(none).toContain('Aucune absence prévue.')

    // The service: Karim is ticked by default; a buffer out of range and an empty horizon are explained by their fields.
    const servicePage = `${setup}/prestations/${repair.variantId}`
    const form = plain((await owner.get(servicePage)).body)
    expect(form).toContain('<h1>Réparation vélo (Crevaison)</h1>')
    expect(form).toContain(`name="r_${karimId}" value="1" checked`)
    expect(form).toContain('Rendre réservable en ligne')
    const refused = await owner.postForm(servicePage, {
      ...SETTINGS_OK,
      bufferAfterMinutes: '500',
      horizonDays: '',
      [`r_${karimId}`]: '1',
    })
    expect(refused.status).toBe(400)
    expect(errorOf(refused.body, 'bufferAfterMinutes')).toBe('De 0 à 120 minutes.')
    expect(errorOf(refused.body, 'horizonDays')).toBe('Ce champ est obligatoire.')
    expect(refused.body).toContain('value="500"')
    expect(refused.body).toContain('<option value="30" selected>')
    const nobody = await owner.postForm(servicePage, SETTINGS_OK)
    expect(errorOf(nobody.body, 'resourceIds')).toBe('Cochez au moins une personne ou ressource.')
    const saved = await owner.postForm(servicePage, { ...SETTINGS_OK, [`r_${karimId}`]: '1' })
    expect([saved.status, saved.location]).toEqual([303, `${servicePage}?ok=prestation-enregistree`])
    expect(plain((await owner.get(saved.location!)).body)).toContain(
      'Réglages enregistrés : la prestation se réserve en ligne.',
    )
    const overview = plain((await owner.get(setup)).body)
    expect(overview).toContain('<span class="badge badge-ok">Réservable en ligne</span> avec Karim')
    expect(await listBookableServices(db(), shopId)).toMatchObject([
      {
        variantId: repair.variantId,
        bufferAfterMinutes: 10,
        stepMinutes: 30,
        noticeMinutes: 60,
        horizonDays: 30,
        cancelHoursBefore: 12,
        resourceIds: [karimId],
      },
    ])

    const stopped = await owner.postForm(`${servicePage}/retirer`, {})
    expect([stopped.status, stopped.location]).toEqual([303, `${servicePage}?ok=prestation-retiree`])
    expect(plain((await owner.get(stopped.location!)).body)).toContain(
      'La prestation ne se réserve plus en ligne. Les rendez-vous déjà pris restent.',
    )
    expect(plain((await owner.get(setup)).body)).toContain('Pas réservable en ligne')
  })

  it('shows staff the set-up and lets them record an absence, but keeps the set-up itself to the owner', async () => {
    clock.set(MONDAY_MORNING)
    const { shopId, lea, haircut } = await aSalon(db(), clock)
    const staff = await aSignedInStaffMember(server, shopId)
    const setup = `/admin/${shopId}/rendez-vous/reglages`

    const overview = plain((await staff.get(setup)).body)
    expect(overview).toContain(
      'Seul le propriétaire ou la propriétaire du commerce peut modifier les personnes, les ressources et les prestations réservables.',
    )
    expect(overview).not.toContain(`action="${setup}/ressources"`)
    expect(overview).toContain('Voir les réglages')
    const resourcePage = plain((await staff.get(`${setup}/ressources/${lea.id}`)).body)
    expect(resourcePage).toContain('Horaires du commerce.')
    expect(resourcePage).not.toContain('Enregistrer les horaires')
    const servicePage = plain((await staff.get(`${setup}/prestations/${haircut.variantId}`)).body)
    expect(servicePage).toContain('Un début toutes les 15 min')
    expect(servicePage).not.toContain('Enregistrer les réglages')

    const refusals = [
      await staff.postForm(`${setup}/ressources`, { name: 'Intrus', kind: 'staff' }),
      await staff.postForm(`${setup}/ressources/${lea.id}`, { name: 'Léa', kind: 'staff' }),
      await staff.postForm(`${setup}/ressources/${lea.id}/horaires`, {
        h1_0_opens: '10:00',
        h1_0_closes: '11:00',
      }),
      await staff.postForm(`${setup}/prestations/${haircut.variantId}`, {
        ...SETTINGS_OK,
        [`r_${lea.id}`]: '1',
      }),
      await staff.postForm(`${setup}/prestations/${haircut.variantId}/retirer`, {}),
    ]
    expect(refusals.map((r) => r.status)).toEqual([403, 403, 403, 403, 403])
    expect(refusals[0]!.body).toContain('Réservé au propriétaire')
    expect(await getResource(db(), shopId, lea.id)).toMatchObject({ name: 'Léa', active: true, hours: [] })
    expect((await listBookableServices(db(), shopId)).map((s) => s.stepMinutes)).toEqual([15])

    const away = await staff.postForm(`${setup}/ressources/${lea.id}/absences`, {
      startDate: '2026-11-26',
      startTime: '14:00',
      endDate: '',
      endTime: '16:30',
      reason: 'Formation',
    })
    expect([away.status, away.location]).toEqual([303, `${setup}/ressources/${lea.id}?ok=absence-ajoutee`])
    expect(plain((await staff.get(away.location!)).body)).toContain(
      'Absence le jeudi 26 novembre de 14 h à 16 h 30 — Formation',
    )
  })

  it('answers another shop’s staff with 404 on every set-up page and form', async () => {
    clock.set(MONDAY_MORNING)
    const { shopId, lea, haircut } = await aSalon(db(), clock)
    const absence = await addAbsence({ db: db(), clock }, shopId, lea.id, {
      startsAt: '2026-11-26T13:00:00Z',
      endsAt: '2026-11-26T15:00:00Z',
      reason: 'Formation',
    })
    const other = await aPickupShop(db(), clock)
    const stranger = await aSignedInStaffMember(server, other.id, 'owner')
    const theirs = `/admin/${shopId}/rendez-vous/reglages`
    const mine = `/admin/${other.id}/rendez-vous/reglages`

    expect((await stranger.get(theirs)).status).toBe(404)
    expect((await stranger.get(`${theirs}/ressources/${lea.id}`)).status).toBe(404)
    await stranger.get(mine)
    // Through their own shop, the salon's resource, absence and service are unknown.
    const answers = [
      (await stranger.get(`${mine}/ressources/${lea.id}`)).status,
      (await stranger.get(`${mine}/prestations/${haircut.variantId}`)).status,
      (await stranger.postForm(`${mine}/ressources/${lea.id}`, { name: 'Volée', kind: 'staff', active: '1' }))
        .status,
      (
        await stranger.postForm(`${mine}/ressources/${lea.id}/horaires`, {
          h1_0_opens: '10:00',
          h1_0_closes: '11:00',
        })
      ).status,
      (await stranger.postForm(`${mine}/ressources/${lea.id}/absences`, { startDate: '2026-11-27' })).status,
      (await stranger.postForm(`${mine}/ressources/${lea.id}/absences/${absence.id}/supprimer`, {})).status,
      (await stranger.postForm(`${mine}/prestations/${haircut.variantId}`, SETTINGS_OK)).status,
      (await stranger.postForm(`${mine}/prestations/${haircut.variantId}/retirer`, {})).status,
    ]
    expect(answers).toEqual([404, 404, 404, 404, 404, 404, 404, 404])
    expect(await getResource(db(), shopId, lea.id)).toMatchObject({ name: 'Léa', hours: [] })
    expect(await listAbsences(db(), shopId, lea.id, { endingAfter: clock.now().toISOString() })).toEqual([
      absence,
    ])
    expect((await listBookableServices(db(), shopId)).map((s) => s.variantId)).toEqual([haircut.variantId])
  })

  it('shows the week Monday to Sunday by hairdresser, each booking on its day and linking to it, and an empty week', async () => {
    clock.set(MONDAY_MORNING)
    const { shopId, lea, hugo, haircut } = await aSalon(db(), clock)
    const book = async (resourceId: string, startsAt: string, name: string) =>
      (
        await bookAppointment({ db: db(), clock }, shopId, {
          variantId: haircut.variantId,
          startsAt,
          resourceId,
          contact: contact(name),
          userId: undefined,
        })
      ).booking
    await book(hugo.id, '2026-11-23T13:00:00.000Z', 'Sam')
    const lou = await book(lea.id, '2026-11-24T10:00:00.000Z', 'Lou')
    await book(lea.id, '2026-11-28T09:00:00.000Z', 'Noa')
    await book(hugo.id, '2026-11-28T09:00:00.000Z', 'Eli')
    await book(lea.id, '2026-11-30T10:00:00.000Z', 'Zoé')
    const staff = await aSignedInStaffMember(server, shopId)
    const base = `/admin/${shopId}/rendez-vous`

    const week = plain((await staff.get(`${base}?vue=semaine&jour=2026-11-25`)).body)
    expect(week).toContain(
      'Semaine du lundi 23 novembre au dimanche 29 novembre (cette semaine) — 4 rendez-vous',
    )
    expect(week).toContain(`<a href="${base}?vue=semaine&jour=2026-11-25" aria-current="page">Semaine</a>`)
    expect(week).toContain(`<a href="${base}?jour=2026-11-25">Jour</a>`)
    const days = week.split('<li class="week-day">').slice(1)
    expect(days).toHaveLength(7)
    expect(days[0]).toContain(
      `<h3><a href="${base}?jour=2026-11-23">lundi 23 novembre</a> (aujourd’hui)</h3>`,
    )
    expect(days[0]).toContain('<h4>Hugo</h4>')
    expect(days[0]).toContain('<strong>14 h – 14 h 45</strong> · Coupe femme (Cheveux courts) · Sam')
    expect(days[1]).toContain(
      `<a href="${base}?jour=2026-11-24#rdv-${lou.id}"><strong>11 h – 11 h 45</strong> · Coupe femme (Cheveux courts) · Lou</a>`,
    )
    expect(days[5]!.indexOf('<h4>Hugo</h4>')).toBeLessThan(days[5]!.indexOf('<h4>Léa</h4>'))
    expect(days[5]!.indexOf('Eli')).toBeLessThan(days[5]!.indexOf('Noa'))
    expect(days[6]).toContain('Aucun rendez-vous.')
    expect(week).not.toContain('Zoé')
    expect((await staff.get(`${base}?jour=2026-11-24`)).body).toContain(`id="rdv-${lou.id}"`)

    const next = plain((await staff.get(`${base}?vue=semaine&jour=2026-11-30`)).body)
    expect(next).toContain('Semaine du lundi 30 novembre au dimanche 6 décembre — 1 rendez-vous')
    expect(next).toContain('Zoé')
    expect(next).toContain(`<a href="${base}?vue=semaine&jour=2026-11-23">← Semaine précédente</a>`)
    expect(next).toContain(`<a href="${base}?vue=semaine">Cette semaine</a>`)

    const quiet = plain((await staff.get(`${base}?vue=semaine&jour=2026-12-16`)).body)
    expect(quiet).toContain('Semaine du lundi 14 décembre au dimanche 20 décembre — aucun rendez-vous')
    expect(quiet).toContain('Aucun rendez-vous cette semaine.')
    expect(quiet).not.toContain('week-day')

    const workshop = await aWorkshopToSetUp(db(), clock)
    const newcomer = await aSignedInStaffMember(server, workshop.shopId, 'owner')
    const blank = plain((await newcomer.get(`/admin/${workshop.shopId}/rendez-vous?vue=semaine`)).body)
    expect(blank).toContain('Aucun rendez-vous cette semaine.')
    expect(blank).toContain(
      `rendez-les réservables : <a href="/admin/${workshop.shopId}/rendez-vous/reglages">Réglages des rendez-vous</a>`,
    )
  })
})
