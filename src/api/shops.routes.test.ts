import { expect, it } from 'vitest'
import { aStaffSession, useTestApp } from '../../test/harness/app.js'
import { forEachEngine } from '../../test/harness/engines.js'
import { expectProblem } from '../../test/harness/problem.js'
import type { Db } from '../db/index.js'
import { fixedClock } from '../lib/clock.js'
import { createShop, type ShopKind } from '../modules/shops/index.js'
import type { Json } from '../../test/harness/json.js'

// A Wednesday, 10:00 in Paris (UTC+1 in March).
const clock = fixedClock('2026-03-11T09:00:00Z')
let seq = 0

async function aShop(db: Db, name?: string, kind: ShopKind = 'boulangerie') {
  const n = `${++seq}${Math.random().toString(36).slice(2, 7)}`
  return createShop(
    { db, clock },
    {
      name: name ?? `Fournil ${n}`,
      kind,
      tagline: 'Pains au levain',
      description: 'Depuis 1952',
      street: '1 rue du Four',
      postalCode: '37000',
      city: `Tours ${n}`,
      phone: '02 47 00 00 00',
      email: 'contact@example.fr',
      pickupInstructions: 'Au comptoir',
    },
  )
}

const week = [2, 3, 4, 5, 6].flatMap((weekday) => [
  { weekday, opens: '07:00', closes: '13:00' },
  { weekday, opens: '15:30', closes: '19:00' },
])

forEachEngine('shops API', ({ db }) => {
  const server = useTestApp(db, { clock })

  it('lists shops by name, of one kind, page by page', async () => {
    for (const name of ['Fleurs du Mail', 'Au Bouquet', 'Coquelicot']) await aShop(db(), name, 'fleuriste')
    const first = (await (
      await fetch(`${server.baseUrl}/api/v1/shops?kind=fleuriste&limit=2`)
    ).json()) as Json
    expect(first.items.map((s: Json) => s.name)).toEqual(['Au Bouquet', 'Coquelicot'])
    expect(Object.keys(first.items[0]).sort()).toEqual([
      'address',
      'geo',
      'id',
      'kind',
      'name',
      'slug',
      'tagline',
    ])
    const second = (await (
      await fetch(`${server.baseUrl}/api/v1/shops?kind=fleuriste&limit=2&cursor=${first.nextCursor}`)
    ).json()) as Json
    expect(second).toMatchObject({ items: [{ name: 'Fleurs du Mail', kind: 'fleuriste' }], nextCursor: null })
  })

  it('shows a shop with its week, its coming closures and whether it is open now', async () => {
    const shop = await aShop(db())
    const owner = await aStaffSession(server, shop.id, 'owner')
    const hours = await owner.api('PUT', `/api/v1/shops/${shop.id}/hours`, { hours: week })
    expect(hours.status).toBe(200)
    expect(hours.json).toMatchObject({
      timeZone: 'Europe/Paris',
      status: { state: 'open', closesAt: '2026-03-11T12:00:00.000Z' },
    })

    const open = (await (await fetch(`${server.baseUrl}/api/v1/shops/${shop.slug}`)).json()) as Json
    expect(open).toMatchObject({
      id: shop.id,
      name: shop.name,
      siret: null,
      pickupInstructions: 'Au comptoir',
      closures: [],
      status: { state: 'open', closesAt: '2026-03-11T12:00:00.000Z' },
    })
    expect(open.hours.slice(0, 2)).toEqual([
      { weekday: 2, opens: '07:00', closes: '13:00' },
      { weekday: 2, opens: '15:30', closes: '19:00' },
    ])

    const closure = await owner.api('POST', `/api/v1/shops/${shop.id}/closures`, {
      startsOn: '2026-03-11',
      endsOn: '2026-03-12',
      reason: 'Inventaire',
    })
    expect(closure).toMatchObject({
      status: 201,
      json: { id: expect.any(String), startsOn: '2026-03-11', endsOn: '2026-03-12', reason: 'Inventaire' },
    })
    const closed = (await (await fetch(`${server.baseUrl}/api/v1/shops/${shop.slug}`)).json()) as Json
    expect(closed.closures).toEqual([closure.json])
    // Friday 07:00 in Paris.
    expect(closed.status).toEqual({
      state: 'closed',
      nextOpensAt: '2026-03-13T06:00:00.000Z',
      closure: closure.json,
    })

    expect((await owner.api('DELETE', `/api/v1/shops/${shop.id}/closures/${closure.json.id}`)).status).toBe(
      204,
    )
    const reopened = (await (await fetch(`${server.baseUrl}/api/v1/shops/${shop.slug}`)).json()) as Json
    expect(reopened.status.state).toBe('open')
  })

  it('lets the owner edit the profile, and names the field of a bad SIRET', async () => {
    const shop = await aShop(db())
    const owner = await aStaffSession(server, shop.id, 'owner')
    const profile = {
      name: 'Le Fournil du Marché',
      kind: 'boulangerie',
      tagline: 'Levain naturel',
      description: 'Pains cuits au feu de bois',
      street: '3 place du Marché',
      postalCode: '37000',
      city: 'Tours',
      phone: '02 47 11 22 33',
      email: 'Bonjour@Fournil.fr',
      pickupInstructions: 'Porte de gauche',
      siret: '732 829 320 00074',
      latitude: 47.39,
      longitude: 0.69,
      stockFreshnessHours: 12,
    }
    const saved = await owner.api('PUT', `/api/v1/shops/${shop.id}/profile`, profile)
    expect(saved.status).toBe(200)
    expect(saved.json).toMatchObject({
      slug: shop.slug,
      name: 'Le Fournil du Marché',
      email: 'bonjour@fournil.fr',
      siret: '73282932000074',
      geo: { latitude: 47.39, longitude: 0.69 },
      stockFreshnessHours: 12,
    })

    const wrong = await owner.api('PUT', `/api/v1/shops/${shop.id}/profile`, {
      ...profile,
      siret: '73282932000075',
    })
    expectProblem(wrong, 400, 'shops.invalid_profile', 'siret')
  })

  it('keeps the shop’s settings to its owner: other staff get 403, yet may run the catalog', async () => {
    const shop = await aShop(db())
    const owner = await aStaffSession(server, shop.id, 'owner')
    const closure = await owner.api('POST', `/api/v1/shops/${shop.id}/closures`, {
      startsOn: '2026-04-01',
      endsOn: '2026-04-02',
    })
    expect(closure.json.reason).toBe('')
    const staff = await aStaffSession(server, shop.id, 'staff')
    const attempts = [
      staff.api('PUT', `/api/v1/shops/${shop.id}/profile`, {
        name: 'Pris',
        kind: 'boulangerie',
        tagline: '',
        description: '',
        street: '1 rue',
        postalCode: '37000',
        city: 'Tours',
        phone: '',
        email: '',
        pickupInstructions: '',
      }),
      staff.api('PUT', `/api/v1/shops/${shop.id}/hours`, { hours: [] }),
      staff.api('POST', `/api/v1/shops/${shop.id}/closures`, {
        startsOn: '2026-05-01',
        endsOn: '2026-05-01',
        reason: 'Pont',
      }),
      staff.api('DELETE', `/api/v1/shops/${shop.id}/closures/${closure.json.id}`),
    ]
    for (const res of await Promise.all(attempts))
      expect(res).toMatchObject({ status: 403, json: { code: 'identity.forbidden' } })
    expect((await staff.api('GET', `/api/v1/shops/${shop.id}/admin/products`)).status).toBe(200)
    const after = (await (await fetch(`${server.baseUrl}/api/v1/shops/${shop.slug}`)).json()) as Json
    expect(after).toMatchObject({ name: shop.name, closures: [closure.json] })
  })

  it('refuses impossible hours and closures, naming the field at fault', async () => {
    const shop = await aShop(db())
    const owner = await aStaffSession(server, shop.id, 'owner')
    const put = (hours: unknown[]) => owner.api('PUT', `/api/v1/shops/${shop.id}/hours`, { hours })
    expect(await put([{ weekday: 1, opens: '13:00', closes: '07:00' }])).toMatchObject({
      status: 400,
      json: { code: 'shops.invalid_hours', field: 'hours[0]' },
    })
    expect(
      await put([
        { weekday: 1, opens: '07:00', closes: '13:00' },
        { weekday: 1, opens: '12:00', closes: '14:00' },
      ]),
    ).toMatchObject({ status: 400, json: { code: 'shops.invalid_hours', field: 'hours' } })
    expect(await put([{ weekday: 8, opens: '07:00', closes: '13:00' }])).toMatchObject({
      status: 400,
      json: { code: 'http.invalid_request', field: 'hours.0.weekday' },
    })
    expect(await put([{ weekday: 1, opens: '25:00', closes: '26:00' }])).toMatchObject({
      status: 400,
      json: { code: 'http.invalid_request', field: 'hours.0.opens' },
    })
    expect(await put([{ weekday: 1, opens: '7h', closes: '13:00' }])).toMatchObject({
      status: 400,
      json: { field: 'hours.0.opens' },
    })

    const close = (body: unknown) => owner.api('POST', `/api/v1/shops/${shop.id}/closures`, body)
    expect(await close({ startsOn: '2026-02-30', endsOn: '2026-03-01' })).toMatchObject({
      status: 400,
      json: { code: 'shops.invalid_closure', field: 'startsOn' },
    })
    expect(await close({ startsOn: '2026-03-10', endsOn: '2026-03-01' })).toMatchObject({
      status: 400,
      json: { code: 'shops.invalid_closure', field: 'endsOn' },
    })
    expect(await close({ startsOn: '10/03/2026', endsOn: '2026-03-01' })).toMatchObject({
      status: 400,
      json: { code: 'http.invalid_request', field: 'startsOn' },
    })
    expect(await close({ endsOn: '2026-03-01' })).toMatchObject({
      status: 400,
      json: {
        code: 'http.invalid_request',
        field: 'startsOn',
        errors: [{ field: 'startsOn', code: 'required' }],
      },
    })
  })
})
