import { describe, expect, it } from 'vitest'
import { aProduct } from '../../../test/factories/catalog.js'
import { aPickupShop, MONDAY_MORNING } from '../../../test/factories/ordering.js'
import { FormClient, useTestApp } from '../../../test/harness/app.js'
import { forEachEngine } from '../../../test/harness/engines.js'
import { EventReader } from '../../../test/harness/sse.js'
import { fixedClock } from '../../lib/clock.js'
import { newId } from '../../lib/ids.js'
import {
  endDrop,
  expireDropHolds,
  scheduleDrop,
  type Drop,
  type DropsDeps,
} from '../../modules/drops/index.js'
import { createUser } from '../../modules/identity/index.js'
import { countdownText, waitingText } from './drop.page.js'

// The drops start at 10:00 Paris time (09:00Z); the clock starts at 9:00 Paris (08:00Z).
const START = '2026-11-23T09:00:00.000Z'
const PASSWORD = 'un mot de passe assez long'
const plain = (body: string) => body.replace(/[\u202f\u00a0]/g, ' ')
const after = (seconds: number) => new Date(Date.parse(START) + seconds * 1000).toISOString()

describe('drop page wording', () => {
  it('counts down in hours and minutes, then seconds', () => {
    expect(plain(countdownText(2 * 3600 + 14 * 60 + 30))).toBe('Début dans 2 h 14 min')
    expect(plain(countdownText(3600))).toBe('Début dans 1 h')
    expect(plain(countdownText(26 * 3600))).toBe('Début dans 1 j 2 h')
    expect(plain(countdownText(45))).toBe('Début dans 45 s')
  })

  it('says the place, the people ahead and the estimated wait', () => {
    expect(plain(waitingText({ position: 37, ahead: 36, estimatedWaitSeconds: 110 }))).toBe(
      'Votre place : 37 (36 personnes devant vous), attente estimée : 2 min',
    )
    expect(plain(waitingText({ position: 1, ahead: 0, estimatedWaitSeconds: 20 }))).toBe(
      'Votre place : 1 (personne devant vous), attente estimée : moins d’une minute',
    )
    expect(plain(waitingText({ position: 2, ahead: 1, estimatedWaitSeconds: undefined }))).toBe(
      'Votre place : 2 (1 personne devant vous)',
    )
  })
})

forEachEngine('drop pages (issue #4)', ({ db }) => {
  const clock = fixedClock(MONDAY_MORNING)
  const server = useTestApp(db, { clock, loginRateLimit: 1_000, checkoutRateLimit: 100_000 })

  const drops = (): DropsDeps => ({
    db: db(),
    clock,
    changes: server.deps.changes,
    admissionSecret: server.deps.cookieSecret,
  })

  async function aDrop(units: number, perResidentLimit: number): Promise<{ drop: Drop; shopName: string }> {
    clock.set(MONDAY_MORNING)
    const shop = await aPickupShop(db(), clock, { profile: { name: `Pâtisserie ${newId().slice(-6)}` } })
    const product = await aProduct(db(), shop.id, {
      name: 'Galette des rois',
      variants: [{ name: '6 parts', priceCents: 2400, onHand: units + 5 }],
    })
    const drop = await scheduleDrop(drops(), undefined, shop.id, {
      variantId: product.variants[0]!.id,
      title: 'Galettes du dimanche',
      startsAt: START,
      units,
      perResidentLimit,
      holdMinutes: 10,
    })
    return { drop, shopName: shop.name }
  }

  async function aResident(): Promise<FormClient> {
    const email = `resident-${newId().toLowerCase()}@example.fr`
    await createUser({ db: db(), clock }, { email, password: PASSWORD, displayName: 'Camille' })
    const client = new FormClient(server.baseUrl)
    await client.signIn(email, PASSWORD)
    return client
  }

  const tokenOf = (body: string) => /name="token" value="([^"]+)"/.exec(body)?.[1]

  it('shows a visitor the drop, the units left and a countdown, with a link to sign in and come back', async () => {
    const { drop, shopName } = await aDrop(20, 2)
    const res = await new FormClient(server.baseUrl).get(`/ventes/${drop.id}`)
    expect(res.status).toBe(200)
    const body = plain(res.body)
    expect(body).toContain('<h1>Galettes du dimanche</h1>')
    expect(body).toContain('Galette des rois</a> — 6 parts · <strong>24,00 €</strong> TTC')
    expect(body).toContain(shopName)
    expect(body).toContain('lundi 23 novembre à 10 h')
    expect(body).toContain('20 restants sur 20')
    expect(body).toContain('2 au plus')
    expect(body).toContain('10 min pour commander')
    expect(body).toContain('Début dans 1 h')
    // ghtml writes "=" as &#61; in attributes: the same link once the browser reads it.
    expect(body).toContain(`href="/connexion?retour&#61;%2Fventes%2F${drop.id}"`)
    expect(body).not.toContain('Rejoindre la file')
    // An unknown drop is a French 404 page.
    const unknown = await new FormClient(server.baseUrl).get(`/ventes/${newId()}`)
    expect(unknown.status).toBe(404)
    expect((await new FormClient(server.baseUrl).get('/ventes/pas-un-id')).status).toBe(404)
  })

  it('counts down before the start, refreshes without JavaScript, and explains the draw when a resident joins', async () => {
    const { drop } = await aDrop(5, 1)
    const resident = await aResident()
    const before = plain((await resident.get(`/ventes/${drop.id}`)).body)
    expect(before).toContain('Début dans 1 h')
    expect(before).toContain('role="timer" data-seconds="3600" data-ask-delay="0"')
    expect(before).toContain('<noscript><meta http-equiv="refresh" content="30" /></noscript></head>')
    expect(before).toContain('tiré au sort')
    expect(before).toContain(`action="/ventes/${drop.id}/file"`)
    expect(before).toContain('Rejoindre la file')

    // Near the start the page comes back at the start itself.
    clock.set(after(-12))
    expect(plain((await resident.get(`/ventes/${drop.id}`)).body)).toContain(
      '<meta http-equiv="refresh" content="12" />',
    )

    const joined = await resident.postForm(`/ventes/${drop.id}/file`, {})
    expect(joined.status).toBe(303)
    expect(joined.location).toBe(`/ventes/${drop.id}?inscrit=1`)
    const page = plain((await resident.get(joined.location!)).body)
    expect(page).toContain('Vous êtes dans la file')
    expect(page).not.toContain('Rejoindre la file</button>')
    // Without the CSRF token, nothing is joined.
    expect((await resident.postForm(`/ventes/${drop.id}/file`, {}, { withCsrf: false })).status).toBe(403)
  })

  it('gives the admitted resident their turn, holds into the basket and checks out; the next ones see their place, then sold out', async () => {
    const { drop } = await aDrop(1, 1)
    const first = await aResident()
    await first.get(`/ventes/${drop.id}`)
    expect((await first.postForm(`/ventes/${drop.id}/file`, {})).status).toBe(303)

    clock.set(START)
    const turn = plain((await first.get(`/ventes/${drop.id}`)).body)
    expect(turn).toContain('C’est votre tour')
    expect(turn).toContain('Réservez avant 10 h 03 (il vous reste 3 min)')
    expect(turn).toContain('<option value="1">1</option></select>')
    expect(turn).not.toContain('http-equiv="refresh"')
    // Arrived after the start: first come, first served, behind the one whose turn it is.
    const second = await aResident()
    const third = await aResident()
    for (const resident of [second, third]) {
      const open = plain((await resident.get(`/ventes/${drop.id}`)).body)
      expect(open).toContain('La vente est ouverte')
      expect((await resident.postForm(`/ventes/${drop.id}/file`, {})).location).toBe(`/ventes/${drop.id}`)
    }

    const token = tokenOf(turn)!
    const held = await first.postForm(`/ventes/${drop.id}/reservation`, { token, quantity: '1' })
    expect(held.status).toBe(303)
    expect(held.location).toBe(`/ventes/${drop.id}`)
    const holding = plain((await first.get(held.location!)).body)
    expect(holding).toContain('Réservé : 1, à commander avant 10 h 10')
    expect(holding).toContain('href="/commande">Commander</a>')
    expect(holding).toContain('Épuisé')

    clock.set(after(30))
    const waiting = plain((await third.get(`/ventes/${drop.id}`)).body)
    expect(waiting).toContain('Votre place : 2 (1 personne devant vous), attente estimée : 1 min')
    expect(waiting).toContain('<noscript><meta http-equiv="refresh" content="5" /></noscript>')
    expect(waiting).toContain(`data-stream="/ventes/${drop.id}/flux"`)
    expect(plain((await second.get(`/ventes/${drop.id}`)).body)).toContain(
      'Votre place : 1 (personne devant vous)',
    )

    // The limit holds across tabs: a second hold with the same turn is refused in words.
    const again = await first.postForm(`/ventes/${drop.id}/reservation`, { token, quantity: '1' })
    expect(again.status).toBe(409)
    expect(plain(again.body)).toContain('Vous avez déjà la quantité maximale par personne.')

    const basket = plain((await first.get('/panier')).body)
    expect(basket).toContain('Galette des rois')
    expect(basket).toContain('24,00 €')
    const checkout = plain((await first.get('/commande')).body)
    const key = /name="key" value="([^"]+)"/.exec(checkout)![1]!
    const slot = /<option value="(2026-[^"]+)"/.exec(checkout)![1]!
    const shopId = /name="slot\.([^"]+)"/.exec(checkout)![1]!
    const placed = await first.postForm('/commande', {
      key,
      name: 'Camille',
      email: 'camille@example.fr',
      payment: 'counter',
      [`slot.${shopId}`]: slot,
    })
    expect(placed.status).toBe(303)
    expect(placed.location).toMatch(/^\/commandes\/[0-9A-Z]{26}$/)
    const ordered = plain((await first.get(`/ventes/${drop.id}`)).body)
    expect(ordered).toContain('Commandé : 1.')
    expect(ordered).toContain('href="/mes-commandes"')

    // Nothing is held any more and nothing is left: the others are told at once.
    const soldOut = plain((await second.get(`/ventes/${drop.id}`)).body)
    expect(soldOut).toContain('Épuisé : il n’en reste plus.')
    expect(soldOut).not.toContain('http-equiv="refresh"')
  })

  it('shows bundles beside the single item with every price, and adds one at the bundle’s price while the resident holds the item', async () => {
    clock.set(MONDAY_MORNING)
    const shop = await aPickupShop(db(), clock, { profile: { name: `Pâtisserie ${newId().slice(-6)}` } })
    const galette = await aProduct(db(), shop.id, {
      name: 'Galette des rois',
      variants: [{ name: '6 parts', priceCents: 2400, onHand: 5 }],
    })
    const cider = await aProduct(db(), shop.id, {
      name: 'Cidre brut',
      variants: [{ name: '75 cl', priceCents: 600, onHand: 5 }],
    })
    const drop = await scheduleDrop(drops(), undefined, shop.id, {
      variantId: galette.variants[0]!.id,
      title: 'Galettes du dimanche',
      startsAt: START,
      units: 2,
      perResidentLimit: 1,
      holdMinutes: 10,
      offers: [{ variantId: cider.variants[0]!.id, bundlePriceCents: 2_800 }],
    })
    const resident = await aResident()
    const before = plain((await resident.get(`/ventes/${drop.id}`)).body)
    expect(before).toContain(
      'Galette des rois + Cidre brut</strong> (75 cl) : <strong>28,00 €</strong> le lot',
    )
    expect(before).toContain('Séparément : Galette des rois 24,00 € + Cidre brut 6,00 € = 30,00 €')
    expect(before).toContain('Galette des rois se réserve et se commande seul')
    expect(before).not.toContain('au prix du lot (+')
    await resident.postForm(`/ventes/${drop.id}/file`, {})

    clock.set(START)
    const token = tokenOf(plain((await resident.get(`/ventes/${drop.id}`)).body))!
    await resident.postForm(`/ventes/${drop.id}/reservation`, { token, quantity: '1' })
    const holding = plain((await resident.get(`/ventes/${drop.id}`)).body)
    expect(holding).toContain('Ajouter 1 × Cidre brut au prix du lot (+4,00 € chacun)')
    const offerId = /name="offerId" value="([^"]+)"/.exec(holding)![1]!
    expect((await resident.postForm(`/ventes/${drop.id}/lot`, { offerId: newId() })).status).toBe(409)
    const added = await resident.postForm(`/ventes/${drop.id}/lot`, { offerId })
    expect([added.status, added.location]).toEqual([303, `/ventes/${drop.id}`])
    const basket = plain((await resident.get('/panier')).body)
    expect(basket).toContain(
      '4,00 € l’unité <span class="hint">(prix du lot avec la vente flash ; seul : 6,00 €)</span>',
    )
    expect(basket).toContain('28,00 €')
  })

  it('answers a forged turn, a wrong quantity, a unit taken by someone else and an expired hold in words, never a 500', async () => {
    const { drop } = await aDrop(2, 2)
    const [one, two] = [await aResident(), await aResident()]
    for (const resident of [one, two]) {
      await resident.get(`/ventes/${drop.id}`)
      await resident.postForm(`/ventes/${drop.id}/file`, {})
    }
    clock.set(START)
    // Two units: both residents of the draw are admitted at once.
    const pageOne = plain((await one.get(`/ventes/${drop.id}`)).body)
    const pageTwo = plain((await two.get(`/ventes/${drop.id}`)).body)
    expect(pageOne).toContain('<option value="1">1</option><option value="2">2</option></select>')
    const forged = await one.postForm(`/ventes/${drop.id}/reservation`, {
      token: `${Date.parse(START) + 60_000}.pas-une-signature`,
      quantity: '1',
    })
    expect(forged.status).toBe(403)
    expect(plain(forged.body)).toContain('Ce n’est pas encore votre tour')
    const badQuantity = await one.postForm(`/ventes/${drop.id}/reservation`, {
      token: tokenOf(pageOne)!,
      quantity: 'beaucoup',
    })
    expect(badQuantity.status).toBe(400)
    expect(plain(badQuantity.body)).toContain('Choisissez une quantité d’au moins 1.')

    expect(
      (await one.postForm(`/ventes/${drop.id}/reservation`, { token: tokenOf(pageOne)!, quantity: '2' }))
        .status,
    ).toBe(303)
    const late = await two.postForm(`/ventes/${drop.id}/reservation`, {
      token: tokenOf(pageTwo)!,
      quantity: '1',
    })
    expect(late.status).toBe(409)
    expect(plain(late.body)).toContain('Épuisé : il n’en reste plus.')

    // Ten minutes pass without an order: the hold is gone, the checkout says so.
    clock.set(after(11 * 60))
    const checkout = plain((await one.get('/commande')).body)
    const key = /name="key" value="([^"]+)"/.exec(checkout)![1]!
    const slot = /<option value="(2026-[^"]+)"/.exec(checkout)![1]!
    const shopId = /name="slot\.([^"]+)"/.exec(checkout)![1]!
    const expired = await one.postForm('/commande', {
      key,
      name: 'Camille',
      email: 'camille@example.fr',
      payment: 'counter',
      [`slot.${shopId}`]: slot,
    })
    expect(expired.status).toBe(409)
    expect(plain(expired.body)).toContain('Votre réservation a expiré')
    // Once the sweeper has given the units back, the page says the turn passed.
    await expireDropHolds(drops(), drop.id)
    expect(plain((await one.get(`/ventes/${drop.id}`)).body)).toContain('Votre tour est passé')
  })

  it('streams the waiting resident’s standing as server-sent events', async () => {
    const { drop } = await aDrop(1, 1)
    const [holder, waiter] = [await aResident(), await aResident()]
    clock.set(START)
    await holder.get(`/ventes/${drop.id}`)
    await holder.postForm(`/ventes/${drop.id}/file`, {})
    const turn = (await holder.get(`/ventes/${drop.id}`)).body
    expect(
      (await holder.postForm(`/ventes/${drop.id}/reservation`, { token: tokenOf(turn)!, quantity: '1' }))
        .status,
    ).toBe(303)
    await waiter.get(`/ventes/${drop.id}`)
    await waiter.postForm(`/ventes/${drop.id}/file`, {})

    const abort = new AbortController()
    const res = await fetch(`${server.baseUrl}/ventes/${drop.id}/flux`, {
      headers: { cookie: waiter.cookieHeader(), accept: 'text/event-stream' },
      signal: abort.signal,
    })
    try {
      expect(res.status).toBe(200)
      expect(res.headers.get('content-type')).toContain('text/event-stream')
      const events = new EventReader(res.body!.getReader())
      const first = await events.next(3_000)
      expect(first.event).toBe('standing')
      expect(first.data).toMatchObject({ state: 'waiting', position: 1, ahead: 0 })
      expect(plain(first.data.text)).toContain('Votre place : 1 (personne devant vous)')

      // The holder orders nothing and the shop ends the drop: the stream tells the waiting resident.
      clock.set(after(60))
      await endDrop(drops(), drop.shopId, drop.id)
      const next = await events.next(6_000)
      expect(next).toMatchObject({ event: 'standing', data: { state: 'ended' } })
    } finally {
      abort.abort()
    }
    // Only for a signed-in resident.
    const anonymous = await fetch(`${server.baseUrl}/ventes/${drop.id}/flux`, {
      headers: { accept: 'text/event-stream' },
    })
    expect(anonymous.status).toBe(401)
    await anonymous.body?.cancel()
  })
})
