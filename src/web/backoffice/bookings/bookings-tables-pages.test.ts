import { expect, it } from 'vitest'
import { LUNCH_SETTINGS } from '../../../../test/factories/bookings.js'
import { aProduct } from '../../../../test/factories/catalog.js'
import { aPickupShop, MONDAY_MORNING } from '../../../../test/factories/ordering.js'
import { aSignedInStaffMember, useTestApp } from '../../../../test/harness/app.js'
import { forEachEngine } from '../../../../test/harness/engines.js'
import type { Db } from '../../../db/index.js'
import { fixedClock, type Clock } from '../../../lib/clock.js'
import {
  bookAppointment,
  createResource,
  getResource,
  listBookableServices,
  listShopBookings,
  setBookableService,
} from '../../../modules/bookings/index.js'

const plain = (body: string) => body.replace(/[\u202f\u00a0]/g, ' ')
/** The message shown under an input, by the input's name (field() ties it with id f-<name>-error). */
const errorOf = (body: string, name: string) =>
  new RegExp(`id="f-${name}-error">([^<]*)<`).exec(plain(body))?.[1]
/** The value an input of the form shows, by its name. */
const valueOf = (body: string, name: string) =>
  new RegExp(`name="${name}" type="[a-z]+" value="([^"]*)"`).exec(body)?.[1]
let serial = 0
/** Each client its own address: one address booked at two restaurants at once is refused (UX-17). */
const contact = (name: string) => ({
  name,
  email: `${name.toLowerCase()}.${++serial}@example.fr`,
  phone: '06 12 34 56 78',
})
/** The booking settings a restaurant types for its dinner: a table every 30 minutes, up to 30 days ahead. */
const SETTINGS_OK = {
  bufferBeforeMinutes: '0',
  bufferAfterMinutes: '0',
  stepMinutes: '30',
  noticeMinutes: '60',
  horizonDays: '30',
  cancelHoursBefore: '4',
}
/** Tuesday 24 November, 12:00 and 14:00 in Paris. */
const TUESDAY_NOON = '2026-11-24T11:00:00.000Z'
const TUESDAY_TWO = '2026-11-24T13:00:00.000Z'

/**
 * A restaurant open 9:00–19:00 Monday to Saturday (Paris) with a table for 1–2, one for 2–4 and one for 4–6, a
 * waiter (not a table), and a 90-minute lunch in its catalog, not yet bookable.
 */
async function aRestaurant(db: Db, clock: Clock) {
  const shop = await aPickupShop(db, clock, { profile: { kind: 'restaurant' } })
  const deps = { db, clock }
  const two = await createResource(deps, shop.id, {
    name: 'Table 2',
    kind: 'resource',
    seats: { min: 1, max: 2 },
  })
  const four = await createResource(deps, shop.id, {
    name: 'Table 4',
    kind: 'resource',
    seats: { min: 2, max: 4 },
  })
  const six = await createResource(deps, shop.id, {
    name: 'Table 6',
    kind: 'resource',
    seats: { min: 4, max: 6 },
  })
  const waiter = await createResource(deps, shop.id, { name: 'Marc', kind: 'staff' })
  const product = await aProduct(
    db,
    shop.id,
    {
      name: 'Déjeuner',
      kind: 'service',
      variants: [{ name: 'Menu du jour', priceCents: 2500, durationMinutes: 90 }],
    },
    { clock },
  )
  return { shopId: shop.id, tables: { two, four, six }, waiter, lunchId: product.variants[0]!.id }
}

/** The same restaurant with its lunch booked by party: up to 6 online, from 5 on request. */
async function aRestaurantTakingRequests(db: Db, clock: Clock) {
  const restaurant = await aRestaurant(db, clock)
  const { two, four, six } = restaurant.tables
  await setBookableService({ db, clock }, restaurant.shopId, restaurant.lunchId, {
    ...LUNCH_SETTINGS,
    resourceIds: [two.id, four.id, six.id],
    party: { maxParty: 6, onRequestFrom: 5, durations: [] },
  })
  return restaurant
}

forEachEngine('back-office: restaurant tables and requests (issue #5)', ({ db }) => {
  const clock = fixedClock(MONDAY_MORNING)
  const server = useTestApp(db, { clock, loginRateLimit: 1_000 })

  it('lets the owner add a table for 2 to 4 people, lists it with its couverts, and keeps them when it is renamed', async () => {
    clock.set(MONDAY_MORNING)
    const { shopId } = await aRestaurant(db(), clock)
    const owner = await aSignedInStaffMember(server, shopId, 'owner')
    const setup = `/admin/${shopId}/rendez-vous/reglages`
    expect(plain((await owner.get(setup)).body)).toContain('Table (restaurant)')

    const added = await owner.postForm(`${setup}/ressources`, {
      name: 'Terrasse 1',
      kind: 'table',
      seatsMin: '2',
      seatsMax: '4',
    })
    expect(added.status).toBe(303)
    const tableId = added.location!.split('/').at(-1)!.split('?')[0]!
    expect(await getResource(db(), shopId, tableId)).toMatchObject({
      name: 'Terrasse 1',
      kind: 'resource',
      seats: { min: 2, max: 4 },
    })
    const listed = plain((await owner.get(setup)).body)
    expect(listed).toContain(`<a href="${setup}/ressources/${tableId}">Terrasse 1</a> · 2 à 4 couverts`)
    expect(listed).toContain('Table · horaires du commerce')
    expect(listed).toContain('>Table 6</a> · 4 à 6 couverts')

    // Its page's form shows the couverts: saving a new name sends them back, so the table stays a table.
    const page = (await owner.get(`${setup}/ressources/${tableId}`)).body
    expect(plain(page)).toContain('Table · 2 à 4 couverts')
    expect(page).toContain('value="table" checked')
    expect([valueOf(page, 'seatsMin'), valueOf(page, 'seatsMax')]).toEqual(['2', '4'])
    const renamed = await owner.postForm(`${setup}/ressources/${tableId}`, {
      name: 'Terrasse du fond',
      kind: 'table',
      seatsMin: valueOf(page, 'seatsMin')!,
      seatsMax: valueOf(page, 'seatsMax')!,
      active: '1',
    })
    expect([renamed.status, renamed.location]).toEqual([
      303,
      `${setup}/ressources/${tableId}?ok=ressource-enregistree`,
    ])
    expect(await getResource(db(), shopId, tableId)).toMatchObject({
      name: 'Terrasse du fond',
      seats: { min: 2, max: 4 },
    })

    // Couverts filled make a table even with "Ressource" chosen; an empty "de" means from 1.
    const filled = await owner.postForm(`${setup}/ressources`, {
      name: 'Comptoir',
      kind: 'resource',
      seatsMin: '',
      seatsMax: '3',
    })
    const counterId = filled.location!.split('/').at(-1)!.split('?')[0]!
    expect((await getResource(db(), shopId, counterId)).seats).toEqual({ min: 1, max: 3 })
    // Emptied and turned into a plain resource, it is no longer a table.
    await owner.get(`${setup}/ressources/${counterId}`)
    await owner.postForm(`${setup}/ressources/${counterId}`, {
      name: 'Comptoir',
      kind: 'resource',
      seatsMin: '',
      seatsMax: '',
      active: '1',
    })
    expect((await getResource(db(), shopId, counterId)).seats).toBeUndefined()
  })

  it('says next to the couverts what is wrong, keeping what was typed', async () => {
    clock.set(MONDAY_MORNING)
    const { shopId, tables } = await aRestaurant(db(), clock)
    const owner = await aSignedInStaffMember(server, shopId, 'owner')
    const setup = `/admin/${shopId}/rendez-vous/reglages`
    await owner.get(setup)

    const backwards = await owner.postForm(`${setup}/ressources`, {
      name: 'Table 9',
      kind: 'table',
      seatsMin: '5',
      seatsMax: '2',
    })
    expect(backwards.status).toBe(400)
    expect(errorOf(backwards.body, 'seatsMax')).toBe('De 5 (le minimum) à 60 couverts.')
    expect([
      valueOf(backwards.body, 'name'),
      valueOf(backwards.body, 'seatsMin'),
      valueOf(backwards.body, 'seatsMax'),
    ]).toEqual(['Table 9', '5', '2'])
    expect(backwards.body).toContain('value="table" checked')
    const tooBig = await owner.postForm(`${setup}/ressources`, {
      name: 'Banquet',
      kind: 'table',
      seatsMin: '0',
      seatsMax: '80',
    })
    expect(errorOf(tooBig.body, 'seatsMin')).toBe('De 1 à 60 couverts.')
    const noMax = await owner.postForm(`${setup}/ressources`, {
      name: 'Table 9',
      kind: 'table',
      seatsMin: '2',
      seatsMax: '',
    })
    expect(errorOf(noMax.body, 'seatsMax')).toBe('Indiquez jusqu’à combien de personnes la table accueille.')
    const person = await owner.postForm(`${setup}/ressources`, {
      name: 'Marc',
      kind: 'staff',
      seatsMin: '2',
      seatsMax: '4',
    })
    expect(person.status).toBe(400)
    expect(errorOf(person.body, 'kind')).toBe(
      'Une personne ne se réserve pas par couverts : choisissez « Table », ou videz les couverts.',
    )

    // On a table's own page too, its seats untouched.
    await owner.get(`${setup}/ressources/${tables.four.id}`)
    const edited = await owner.postForm(`${setup}/ressources/${tables.four.id}`, {
      name: 'Table 4',
      kind: 'table',
      seatsMin: '5',
      seatsMax: '2',
      active: '1',
    })
    expect(edited.status).toBe(400)
    expect(errorOf(edited.body, 'seatsMax')).toBe('De 5 (le minimum) à 60 couverts.')
    expect(edited.body).toContain('<details class="setup-details" open>')
    expect((await getResource(db(), shopId, tables.four.id)).seats).toEqual({ min: 2, max: 4 })
  })

  it('sets a lunch to be booked by party, refusing a largest party no ticked table seats and a waiter among the tables', async () => {
    clock.set(MONDAY_MORNING)
    const { shopId, tables, waiter, lunchId } = await aRestaurant(db(), clock)
    const owner = await aSignedInStaffMember(server, shopId, 'owner')
    const setup = `/admin/${shopId}/rendez-vous/reglages`
    const page = `${setup}/prestations/${lunchId}`
    const ticked = { [`r_${tables.two.id}`]: '1', [`r_${tables.four.id}`]: '1' }

    const blank = plain((await owner.get(page)).body)
    expect(blank).toContain('<legend>Réservation par table (restaurant)</legend>')
    expect(blank).toContain('Réserver par nombre de couverts')
    expect(blank).toContain('Table 4 (2 à 4 couverts)')

    const tooLarge = await owner.postForm(page, {
      ...SETTINGS_OK,
      ...ticked,
      party: '1',
      partyMax: '8',
      partyOnRequestFrom: '',
    })
    expect(tooLarge.status).toBe(400)
    expect(errorOf(tooLarge.body, 'partyMax')).toBe('Aucune table cochée n’accueille autant de personnes.')
    expect(valueOf(tooLarge.body, 'partyMax')).toBe('8')
    expect(tooLarge.body).toContain('name="party" value="1" checked')

    const withWaiter = await owner.postForm(page, {
      ...SETTINGS_OK,
      ...ticked,
      [`r_${waiter.id}`]: '1',
      party: '1',
      partyMax: '4',
    })
    expect(errorOf(withWaiter.body, 'resourceIds')).toBe(
      'Pour réserver par couverts, ne cochez que des tables (avec des couverts).',
    )

    // The third row alone is filled: its problem is shown on that row, not on the first.
    const badRow = await owner.postForm(page, {
      ...SETTINGS_OK,
      ...ticked,
      party: '1',
      partyMax: '4',
      partyOnRequestFrom: '9',
      partyFrom2: '3',
      partyMinutes2: '7',
    })
    expect(errorOf(badRow.body, 'partyMinutes2')).toBe('De 15 à 480 minutes (8 h), par multiples de 5.')
    expect(errorOf(badRow.body, 'partyOnRequestFrom')).toBe(
      'De 2 à 4 personnes (le groupe le plus grand en ligne) ; laissez vide pour ne jamais demander.',
    )
    expect(errorOf(badRow.body, 'partyMinutes0')).toBeUndefined()
    expect([valueOf(badRow.body, 'partyFrom2'), valueOf(badRow.body, 'partyMinutes2')]).toEqual(['3', '7'])
    const halfRow = await owner.postForm(page, {
      ...SETTINGS_OK,
      ...ticked,
      party: '1',
      partyMax: '4',
      partyFrom0: '3',
      partyMinutes0: '',
    })
    expect(errorOf(halfRow.body, 'partyMinutes0')).toBe('Ce champ est obligatoire.')
    const twice = await owner.postForm(page, {
      ...SETTINGS_OK,
      ...ticked,
      party: '1',
      partyMax: '4',
      partyFrom0: '3',
      partyMinutes0: '100',
      partyFrom1: '3',
      partyMinutes1: '120',
    })
    expect(errorOf(twice.body, 'partyDurations')).toBe(
      'Deux lignes ne peuvent pas commencer au même nombre de personnes.',
    )
    expect(await listBookableServices(db(), shopId, { withHidden: true })).toEqual([])
  })

  it('saves party settings and shows them again, to the owner in the form and to staff in the summary', async () => {
    clock.set(MONDAY_MORNING)
    const { shopId, tables, lunchId } = await aRestaurant(db(), clock)
    const owner = await aSignedInStaffMember(server, shopId, 'owner')
    const setup = `/admin/${shopId}/rendez-vous/reglages`
    const page = `${setup}/prestations/${lunchId}`
    await owner.get(page)

    const saved = await owner.postForm(page, {
      ...SETTINGS_OK,
      [`r_${tables.two.id}`]: '1',
      [`r_${tables.four.id}`]: '1',
      [`r_${tables.six.id}`]: '1',
      party: '1',
      partyMax: '6',
      partyOnRequestFrom: '5',
      partyFrom0: '',
      partyMinutes0: '',
      partyFrom1: '4',
      partyMinutes1: '120',
    })
    expect([saved.status, saved.location]).toEqual([303, `${page}?ok=prestation-enregistree`])
    expect(await listBookableServices(db(), shopId)).toMatchObject([
      {
        variantId: lunchId,
        resourceIds: [tables.two.id, tables.four.id, tables.six.id],
        party: { maxParty: 6, onRequestFrom: 5, durations: [{ fromParty: 4, minutes: 120 }] },
      },
    ])

    const again = (await owner.get(saved.location!)).body
    expect(again).toContain('name="party" value="1" checked')
    expect([
      valueOf(again, 'partyMax'),
      valueOf(again, 'partyOnRequestFrom'),
      valueOf(again, 'partyFrom0'),
      valueOf(again, 'partyMinutes0'),
      valueOf(again, 'partyFrom1'),
    ]).toEqual(['6', '5', '4', '120', ''])
    expect(plain((await owner.get(setup)).body)).toContain(
      'avec Table 2, Table 4, Table 6 · par couverts, jusqu’à 6 pers.',
    )

    const staff = await aSignedInStaffMember(server, shopId)
    const summary = plain((await staff.get(page)).body)
    expect(summary).toContain('Par couverts : jusqu’à 6 personnes en ligne, sur demande dès 5')
    expect(summary).toContain('Durée : 4 personnes et plus : 2 h')

    // Unticked, the lunch is booked one person at a time again: the numbers typed are not asked for.
    await owner.postForm(page, { ...SETTINGS_OK, [`r_${tables.two.id}`]: '1', partyMax: '6' })
    expect((await listBookableServices(db(), shopId))[0]!.party).toBeUndefined()
  })

  it('shows a large party’s request in the day with « Demande », and lets staff confirm one and decline another', async () => {
    clock.set(MONDAY_MORNING)
    const { shopId, lunchId, tables } = await aRestaurantTakingRequests(db(), clock)
    const deps = { db: db(), clock }
    const book = async (startsAt: string, name: string, partySize: number) =>
      (
        await bookAppointment(deps, shopId, {
          variantId: lunchId,
          startsAt,
          resourceId: undefined,
          contact: contact(name),
          userId: undefined,
          partySize,
        })
      ).booking
    const couple = await book(TUESDAY_NOON, 'Lou', 2)
    const family = await book(TUESDAY_NOON, 'Sam', 5)
    const team = await book(TUESDAY_TWO, 'Noa', 6)
    expect([couple.status, family.status, team.status]).toEqual(['confirmed', 'requested', 'requested'])
    expect(family.resourceId).toBe(tables.six.id)
    const staff = await aSignedInStaffMember(server, shopId)
    const base = `/admin/${shopId}/rendez-vous`

    const day = plain((await staff.get(`${base}?jour=2026-11-24`)).body)
    const rowOf = (id: string) =>
      day.slice(day.indexOf(`id="rdv-${id}"`), day.indexOf('</li>', day.indexOf(`id="rdv-${id}"`)))
    expect(rowOf(couple.id)).toContain(
      '<strong>12 h – 13 h 30</strong> · Déjeuner (Menu du jour) · 2 pers. · 25,00 €',
    )
    expect(rowOf(couple.id)).not.toContain('Demande')
    expect(rowOf(family.id)).toContain(
      '<span class="badge badge-warn">Demande</span> <strong>12 h – 13 h 30</strong> · Déjeuner (Menu du jour) · 5 pers.',
    )
    expect(rowOf(family.id)).toContain(`action="${base}/${family.id}/confirmer"`)
    expect(rowOf(family.id)).toContain('>Confirmer</button>')
    expect(rowOf(family.id)).toContain(`action="${base}/${family.id}/refuser"`)
    expect(rowOf(family.id)).toContain('>Refuser</button>')
    expect(rowOf(family.id)).not.toContain('Déplacer…')
    const week = plain((await staff.get(`${base}?vue=semaine&jour=2026-11-24`)).body)
    expect(week).toContain(
      '<span class="badge badge-warn">Demande</span> <strong>12 h – 13 h 30</strong> · Déjeuner (Menu du jour) · 5 pers. · Sam',
    )

    const confirmed = await staff.postForm(`${base}/${family.id}/confirmer`, {})
    expect([confirmed.status, confirmed.location]).toEqual([
      303,
      `${base}?ok=demande-confirmee&jour=2026-11-24#rdv-${family.id}`,
    ])
    const after = plain((await staff.get(confirmed.location!.split('#')[0]!)).body)
    expect(after).toContain('Demande confirmée : le client reçoit la confirmation par e-mail.')
    const declined = await staff.postForm(`${base}/${team.id}/refuser`, {})
    expect([declined.status, declined.location]).toEqual([303, `${base}?ok=demande-refusee&jour=2026-11-24`])
    expect(plain((await staff.get(declined.location!)).body)).toContain(
      'Demande refusée : la table est libérée et le client prévenu par e-mail.',
    )

    const all = await listShopBookings(
      db(),
      shopId,
      { from: '2026-11-24T00:00:00Z', to: '2026-11-25T00:00:00Z' },
      { withCancelled: true },
    )
    expect(Object.fromEntries(all.map((b) => [b.contact.name, b.status]))).toEqual({
      Lou: 'confirmed',
      Sam: 'confirmed',
      Noa: 'cancelled',
    })
    const told = async (id: string) =>
      (await db().selectFrom('outbox').select('topic').where('key', '=', id).orderBy('topic').execute()).map(
        (m) => m.topic,
      )
    expect(await told(family.id)).toEqual(['booking.confirmed', 'booking.request_due', 'booking.requested'])
    expect(await told(team.id)).toEqual(['booking.declined', 'booking.request_due', 'booking.requested'])

    // Answered already: said above the day, and nothing changes.
    const late = await staff.postForm(`${base}/${team.id}/confirmer`, {})
    expect(late.status).toBe(409)
    expect(plain(late.body)).toContain('Demande non confirmée : Cette demande n’attend plus de réponse')
    expect(plain(late.body)).toContain('mardi 24 novembre')
    const notARequest = await staff.postForm(`${base}/${couple.id}/refuser`, {})
    expect(notARequest.status).toBe(409)
    expect(plain(notARequest.body)).toContain('Demande non refusée : Cette demande n’attend plus de réponse')
    expect(
      (
        await listShopBookings(db(), shopId, { from: '2026-11-24T00:00:00Z', to: '2026-11-25T00:00:00Z' })
      ).map((b) => b.status),
    ).toEqual(['confirmed', 'confirmed'])
  })

  it('takes a party by phone: the number of people, the smallest free table when none is chosen', async () => {
    clock.set(MONDAY_MORNING)
    const { shopId, lunchId, tables } = await aRestaurantTakingRequests(db(), clock)
    const staff = await aSignedInStaffMember(server, shopId)
    const base = `/admin/${shopId}/rendez-vous`
    const form = plain((await staff.get(base)).body)
    expect(form).toContain('Nombre de personnes')
    const call = {
      variantId: lunchId,
      resourceId: '',
      date: '2026-11-24',
      time: '12:00',
      name: 'M. Petit',
      phone: '06 12 34 56 78',
      email: '',
    }

    const tooMany = await staff.postForm(`${base}/ajouter`, { ...call, partySize: '9' })
    expect(tooMany.status).toBe(400)
    expect(errorOf(tooMany.body, 'partySize')).toBe('De 1 à 6 personnes pour cette prestation.')
    expect(valueOf(tooMany.body, 'partySize')).toBe('9')
    // The shop on the phone has agreed already: a party of 5 is booked, not a request.
    const added = await staff.postForm(`${base}/ajouter`, { ...call, partySize: '5' })
    expect(added.status).toBe(303)
    const [booking] = await listShopBookings(db(), shopId, {
      from: '2026-11-24T00:00:00Z',
      to: '2026-11-25T00:00:00Z',
    })
    expect(booking).toMatchObject({
      status: 'confirmed',
      partySize: 5,
      resourceId: tables.six.id,
      contact: { name: 'M. Petit' },
    })
    expect(plain((await staff.get(added.location!.split('#')[0]!)).body)).toContain(
      'Déjeuner (Menu du jour) · 5 pers.',
    )
  })

  it('answers another shop’s staff with 404, and refuses an answer without the form’s token', async () => {
    clock.set(MONDAY_MORNING)
    const { shopId, lunchId } = await aRestaurantTakingRequests(db(), clock)
    const { booking } = await bookAppointment({ db: db(), clock }, shopId, {
      variantId: lunchId,
      startsAt: TUESDAY_NOON,
      resourceId: undefined,
      contact: contact('Sam'),
      userId: undefined,
      partySize: 5,
    })
    const other = await aPickupShop(db(), clock)
    const stranger = await aSignedInStaffMember(server, other.id)
    await stranger.get(`/admin/${other.id}/rendez-vous`)
    const answers = [
      (await stranger.postForm(`/admin/${shopId}/rendez-vous/${booking.id}/confirmer`, {})).status,
      (await stranger.postForm(`/admin/${shopId}/rendez-vous/${booking.id}/refuser`, {})).status,
      (await stranger.postForm(`/admin/${other.id}/rendez-vous/${booking.id}/confirmer`, {})).status,
      (await stranger.postForm(`/admin/${other.id}/rendez-vous/${booking.id}/refuser`, {})).status,
    ]
    expect(answers).toEqual([404, 404, 404, 404])

    const staff = await aSignedInStaffMember(server, shopId)
    await staff.get(`/admin/${shopId}/rendez-vous?jour=2026-11-24`)
    expect(
      (await staff.postForm(`/admin/${shopId}/rendez-vous/${booking.id}/confirmer`, {}, { withCsrf: false }))
        .status,
    ).toBe(403)
    expect(
      (await staff.postForm(`/admin/${shopId}/rendez-vous/${booking.id}/refuser`, {}, { withCsrf: false }))
        .status,
    ).toBe(403)
    expect(
      (
        await listShopBookings(db(), shopId, { from: '2026-11-24T00:00:00Z', to: '2026-11-25T00:00:00Z' })
      ).map((b) => b.status),
    ).toEqual(['requested'])
  })
})
