import { beforeAll, expect, it } from 'vitest'
import { LUNCH_SETTINGS } from '../../../test/factories/bookings.js'
import { aProduct } from '../../../test/factories/catalog.js'
import { aPickupShop, MONDAY_MORNING } from '../../../test/factories/ordering.js'
import { FormClient, useTestApp } from '../../../test/harness/app.js'
import { forEachEngine } from '../../../test/harness/engines.js'
import type { Db } from '../../db/index.js'
import { fixedClock, type Clock } from '../../lib/clock.js'
import {
  addAbsence,
  createResource,
  listShopBookings,
  setBookableService,
} from '../../modules/bookings/index.js'
import type { Shop } from '../../modules/shops/index.js'

/** The page's text with narrow and no-break spaces as spaces, and the characters ghtml escapes in attributes decoded. */
const plain = (body: string) =>
  body
    .replace(/[\u202f\u00a0]/g, ' ')
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)))
    .replace(/&amp;/g, '&')
const timesOffered = (body: string) => body.match(/name="startsAt"/g)?.length ?? 0
/** The week after MONDAY_MORNING's, when every table is free. */
const NEXT_MONDAY = '2026-11-30'
/** Monday 30 November, 12:00 in Paris. */
const NEXT_MONDAY_NOON = '2026-11-30T11:00:00.000Z'

/**
 * A bistrot open 9:00–19:00 Monday to Saturday (Paris, phone 02 41 00 00 00) with a table for 1–2, one for 2–4 and
 * one for 4–8, and a 90-minute lunch booked by party: up to 8 online, from 6 on request, 2 hours from 5 people.
 * This week only the 2-seat table works (the others are away until Sunday night).
 */
async function aBistrot(db: Db, clock: Clock) {
  const shop = await aPickupShop(db, clock, {
    profile: { name: `Bistrot ${Math.random().toString(36).slice(2, 8)}`, kind: 'restaurant' },
  })
  const deps = { db, clock }
  const two = await createResource(deps, shop.id, {
    name: 'Table fenêtre',
    kind: 'resource',
    seats: { min: 1, max: 2 },
  })
  const four = await createResource(deps, shop.id, {
    name: 'Table ronde',
    kind: 'resource',
    seats: { min: 2, max: 4 },
  })
  const eight = await createResource(deps, shop.id, {
    name: 'Grande tablée',
    kind: 'resource',
    seats: { min: 4, max: 8 },
  })
  for (const table of [four, eight])
    await addAbsence(deps, shop.id, table.id, {
      startsAt: '2026-11-22T23:00:00Z',
      endsAt: '2026-11-29T23:00:00Z',
      reason: 'Travaux',
    })
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
  const lunch = await setBookableService(deps, shop.id, product.variants[0]!.id, {
    ...LUNCH_SETTINGS,
    // Largest first on purpose: a party still gets the smallest table that seats it.
    resourceIds: [eight.id, four.id, two.id],
    party: { maxParty: 8, onRequestFrom: 6, durations: [{ fromParty: 5, minutes: 120 }] },
  })
  return {
    shop,
    tables: { two, four, eight },
    path: `/commerces/${shop.slug}/rendez-vous/${lunch.variantId}`,
  }
}

forEachEngine('booking a table from the restaurant’s pages (issue #5)', ({ db }) => {
  const clock = fixedClock(MONDAY_MORNING)
  const server = useTestApp(db, { clock, checkoutRateLimit: 1_000 })
  let shop: Shop
  let tables: Awaited<ReturnType<typeof aBistrot>>['tables']
  let path: string
  beforeAll(async () => {
    ;({ shop, tables, path } = await aBistrot(db(), clock))
  })

  const week = async (query: string) =>
    listShopBookings(db(), shop.id, { from: '2026-11-23T00:00:00Z', to: '2026-12-07T00:00:00Z' }).then(
      (all) => all.filter((b) => query === '' || b.contact.email === query),
    )

  it('asks for the party size first, shows the times for 2 until then, and never offers a table to choose', async () => {
    const visitor = new FormClient(server.baseUrl)
    // A restaurant's page invites to book a table, not to make an appointment.
    expect(plain((await visitor.get(`/commerces/${shop.slug}`)).body)).toContain(
      `href="/commerces/${shop.slug}/rendez-vous">Réserver une table</a>`,
    )
    const list = plain((await visitor.get(`/commerces/${shop.slug}/rendez-vous`)).body)
    expect(list).toContain('Déjeuner</strong> (Menu du jour)</a> · Réservation d’une table</li>')

    const page = plain((await visitor.get(path)).body)
    expect(page).toContain('<label for="personnes">Nombre de personnes</label>')
    // A GET form keeps the week being looked at, and offers 1 to 8 people, 2 chosen.
    expect(page).toMatch(
      new RegExp(
        `<form method="get" action="${path}"[^>]*>\\s*<input type="hidden" name="jour" value="2026-11-23" />`,
      ),
    )
    expect([...page.matchAll(/<option value="(\d+)"/g)].map((m) => m[1])).toEqual([
      '1',
      '2',
      '3',
      '4',
      '5',
      '6',
      '7',
      '8',
    ])
    expect(page).toContain('<option value="2" selected>2 personnes</option>')
    expect(page).toContain('<h2>Tables libres pour 2 personnes</h2>')
    expect(page).toContain('La table vous est réservée 1 h 30.')
    expect(page).toContain(
      'Plus de 8 personnes ? Appelez le restaurant au <a href="tel:0241000000">02 41 00 00 00</a>.',
    )
    expect(timesOffered(page)).toBeGreaterThan(0)
    // No staff choice, no table named: the booking takes the smallest free table that seats the party.
    expect(page).not.toContain('name="avec"')
    expect(page).not.toContain('N’importe qui')
    for (const name of ['Table fenêtre', 'Table ronde', 'Grande tablée']) expect(page).not.toContain(name)
    expect(page).not.toContain('le restaurant confirme votre demande')
    expect(page).toContain('<button type="submit" class="button primary">Réserver</button>')
  })

  it('shows the times of the size chosen: none for 6 while only the 2-seat table is free, with the next days and the phone', async () => {
    const visitor = new FormClient(server.baseUrl)
    const forTwo = plain((await visitor.get(`${path}?jour=2026-11-23&personnes=2`)).body)
    const forSix = await visitor.get(`${path}?jour=2026-11-23&personnes=6`)
    expect(forSix.status).toBe(200)
    const six = plain(forSix.body)
    expect(timesOffered(forTwo)).toBeGreaterThan(0)
    expect(timesOffered(six)).toBe(0)
    expect(six).toContain('<option value="6" selected>6 personnes</option>')
    expect(six).toContain('Pas de table libre pour 6 personnes sur ces jours.')
    expect(six).toContain(`<a href="${path}?jour=${NEXT_MONDAY}&personnes=6">Voir les jours suivants →</a>`)
    expect(six).toContain('Ou appelez le restaurant au <a href="tel:0241000000">02 41 00 00 00</a>.')

    // The week after, the large table is back: the days links kept the size.
    const later = plain((await visitor.get(`${path}?jour=${NEXT_MONDAY}&personnes=6`)).body)
    expect(timesOffered(later)).toBeGreaterThan(0)
    expect(later).toContain('<h2>Tables libres pour 6 personnes</h2>')
    expect(later).toContain('La table vous est réservée 2 h.')
  })

  it('refuses a party size it does not offer with a French message, never a server error', async () => {
    const visitor = new FormClient(server.baseUrl)
    for (const size of ['0', '500', 'abc', '-3', '2.5']) {
      const answer = await visitor.get(`${path}?personnes=${size}`)
      expect(answer.status, size).toBe(400)
      const page = plain(answer.body)
      expect(page).toContain(
        '<p class="error" id="personnes-error">Choisissez un nombre de personnes entre 1 et 8.</p>',
      )
      expect(page).toContain('Plus de 8 personnes ? Appelez le restaurant au')
      expect(timesOffered(page)).toBe(0)
    }
    await visitor.get(path)
    const posted = await visitor.postForm(`${path}?personnes=500`, {
      startsAt: `${NEXT_MONDAY_NOON}|`,
      name: 'Lou',
      email: 'lou.500@example.fr',
      phone: '',
    })
    expect(posted.status).toBe(400)
    expect(plain(posted.body)).toContain('Choisissez un nombre de personnes entre 1 et 8.')
    expect(await week('lou.500@example.fr')).toEqual([])
  })

  it('books a table for 4: the smallest free table that seats them, shown as « Table pour 4 personnes »', async () => {
    const visitor = new FormClient(server.baseUrl)
    const page = plain((await visitor.get(`${path}?jour=${NEXT_MONDAY}&personnes=4`)).body)
    expect(page).toContain(`<form method="post" action="${path}?personnes=4"`)
    expect(page).toContain(`value="${NEXT_MONDAY_NOON}|"`)
    // A form edited to name the large table still gets the smallest one that seats 4.
    const booked = await visitor.postForm(`${path}?personnes=4`, {
      startsAt: `${NEXT_MONDAY_NOON}|${tables.eight.id}`,
      name: 'Lou Bernard',
      email: 'lou.4@example.fr',
      phone: '',
      rappel: '1',
    })
    expect(booked.status).toBe(303)
    expect(booked.location).toMatch(/^\/reservations\/[0-9A-Z]{26}\/annulation\?jeton=.+&nouvelle=1$/)
    const [booking] = await week('lou.4@example.fr')
    expect(booking).toMatchObject({
      resourceId: tables.four.id,
      partySize: 4,
      status: 'confirmed',
      startsAt: NEXT_MONDAY_NOON,
    })

    const landing = await visitor.get(booked.location!)
    expect(landing.headers.get('cache-control')).toBe('private, no-store')
    expect(landing.headers.get('referrer-policy')).toBe('no-referrer')
    const landed = plain(landing.body)
    expect(landed).toContain('Réservation confirmée.')
    expect(landed).toContain('<dd>Déjeuner (Menu du jour), table pour 4 personnes</dd>')
    expect(landed).toContain('<dd>lundi 30 novembre à 12:00</dd>')
    expect(landed).not.toMatch(/, avec /)
    expect(landed).not.toContain('Table ronde')
    // Another secret opens nothing.
    expect((await visitor.get(`/reservations/${booking!.id}/annulation?jeton=faux`)).status).toBe(404)
  })

  it('tells a party of 6 before booking that the restaurant confirms, then « Demande envoyée », the booking a request', async () => {
    const visitor = new FormClient(server.baseUrl)
    const forFive = plain((await visitor.get(`${path}?jour=${NEXT_MONDAY}&personnes=5`)).body)
    expect(forFive).not.toContain('le restaurant confirme votre demande')
    const page = plain((await visitor.get(`${path}?jour=${NEXT_MONDAY}&personnes=6`)).body)
    expect(page).toContain(
      'Pour 6 personnes et plus, le restaurant confirme votre demande (vous recevez un e-mail).',
    )
    expect(page).toContain('<button type="submit" class="button primary">Envoyer ma demande</button>')
    const sent = await visitor.postForm(`${path}?personnes=6`, {
      startsAt: `${NEXT_MONDAY_NOON}|`,
      name: 'Sam Petit',
      email: 'sam.6@example.fr',
      phone: '06 12 34 56 78',
      rappel: '1',
    })
    expect(sent.status).toBe(303)
    const [booking] = await week('sam.6@example.fr')
    expect(booking).toMatchObject({ resourceId: tables.eight.id, partySize: 6, status: 'requested' })
    const landed = plain((await visitor.get(sent.location!)).body)
    expect(landed).toContain('<h1>Votre demande de réservation chez ')
    expect(landed).toContain('Demande envoyée. Ce n’est pas encore une réservation')
    expect(landed).not.toContain('Réservation confirmée')
    expect(landed).toContain('table pour 6 personnes</dd>')
    expect(landed).toContain('>Retirer ma demande</button>')
    expect(landed).not.toContain('Changer l’horaire')
  })

  it('refuses a booking posted without the form’s CSRF token, and books nothing', async () => {
    const visitor = new FormClient(server.baseUrl)
    await visitor.get(`${path}?jour=${NEXT_MONDAY}&personnes=2`)
    const forged = await visitor.postForm(
      `${path}?personnes=2`,
      { startsAt: '2026-11-30T13:00:00.000Z|', name: 'Mallory', email: 'mallory@example.fr', phone: '' },
      { withCsrf: false },
    )
    expect(forged.status).toBe(403)
    expect(await week('mallory@example.fr')).toEqual([])
  })
})
