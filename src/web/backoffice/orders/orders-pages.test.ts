import { describe, expect, it } from 'vitest'
import { aProduct } from '../../../../test/factories/catalog.js'
import { aPickupShop, FIRST_SLOT, MONDAY_MORNING, SECOND_SLOT } from '../../../../test/factories/ordering.js'
import { FormClient, startTestApp, useTestApp } from '../../../../test/harness/app.js'
import { forEachEngine } from '../../../../test/harness/engines.js'
import { EventReader } from '../../../../test/harness/sse.js'
import { fixedClock } from '../../../lib/clock.js'
import { formatEuros } from '../../../lib/french-format.js'
import { newId, type UserId } from '../../../lib/ids.js'
import { splitVat } from '../../../lib/money.js'
import { newSecretToken } from '../../../lib/secret-token.js'
import type { Product } from '../../../modules/catalog/index.js'
import { createUser } from '../../../modules/identity/index.js'
import {
  addToBasket,
  getShopOrder,
  moveOrder,
  placeOrders,
  type Order,
  type OrderStatus,
} from '../../../modules/ordering/index.js'
import { addStaffMember, getShop, type Shop } from '../../../modules/shops/index.js'

// Monday 23 November 2026, 9:00 in Paris: shops open 9:00–19:00, so the first slot (60 min of preparation) is 10:00.
const NOW = MONDAY_MORNING
const TOMORROW_SLOT = '2026-11-24T09:00:00.000Z'
const clock = fixedClock(NOW)
const PASSWORD = 'un mot de passe assez long'
const NBSP = '\u00a0'
const slot = (from: string, to: string) =>
  `${from.replace(' h ', `${NBSP}h${NBSP}`)} – ${to.replace(' h ', `${NBSP}h${NBSP}`)}`

/** The HTML of one order's card on the board. */
function cardOf(body: string, orderId: string): string {
  const start = body.indexOf(`id="commande-${orderId}"`)
  if (start < 0) return ''
  return body.slice(start, body.indexOf('</article>', start))
}

forEachEngine('back-office order pages', ({ db }) => {
  const server = useTestApp(db, { clock, loginRateLimit: 1_000, checkoutRateLimit: 100_000 })

  async function aMember(shop: Shop, role: 'owner' | 'staff'): Promise<{ client: FormClient; id: UserId }> {
    const email = `equipe-${newId().toLowerCase()}@example.fr`
    const user = await createUser({ db: db(), clock }, { email, password: PASSWORD, displayName: 'Lou' })
    await addStaffMember(db(), shop.id, user.id, role)
    const client = new FormClient(server.baseUrl)
    await client.signIn(email, PASSWORD)
    return { client, id: user.id }
  }

  /** A shop open for click & collect, with bread at 5.5 % and cider at 20 %, and a signed-in staff member. */
  async function aCounter() {
    const shop = await aPickupShop(db(), clock)
    const bread = await aProduct(db(), shop.id, {
      name: 'Baguette tradition',
      vatRateBp: 550,
      variants: [{ name: 'Pièce', priceCents: 120, onHand: 100 }],
    })
    const cider = await aProduct(db(), shop.id, {
      name: 'Cidre fermier',
      vatRateBp: 2000,
      variants: [{ name: '75 cl', priceCents: 650, onHand: 100 }],
    })
    const staff = await aMember(shop, 'staff')
    return { shop, bread, cider, staff: staff.client, staffId: staff.id }
  }

  /** An order placed through the ordering module, as a visitor's checkout would. */
  async function anOrder(
    shop: Shop,
    items: Array<[Product, number]>,
    options: { slot?: string; name?: string } = {},
  ): Promise<Order> {
    const owner = { token: newSecretToken() }
    for (const [product, quantity] of items)
      await addToBasket(server.deps, owner, product.variants[0]!.id, quantity)
    const checkout = await placeOrders(server.deps, {
      owner,
      userId: undefined,
      idempotencyKey: `key-${newSecretToken()}`,
      contact: {
        name: options.name ?? 'Camille Martin',
        email: 'camille@example.fr',
        phone: '06 12 34 56 78',
      },
      slots: { [shop.id]: options.slot ?? FIRST_SLOT },
      payment: { method: 'counter' },
    })
    expect(checkout.outcome).toBe('placed')
    return getShopOrder(db(), shop.id, checkout.orders[0]!.id)
  }

  async function moveTo(shop: Shop, staffId: UserId, order: Order, ...steps: OrderStatus[]) {
    for (const to of steps)
      await moveOrder(
        server.deps,
        { by: 'shop', shopId: shop.id, userId: staffId },
        order.id,
        to,
        to === 'cancelled' ? 'test' : undefined,
      )
  }

  const statusOf = async (shop: Shop, order: Order) => (await getShopOrder(db(), shop.id, order.id)).status

  describe('the board', () => {
    it('shows today’s and upcoming orders by day and slot, with state, lines, total and payment', async () => {
      const { shop, bread, cider, staff } = await aCounter()
      const later = await anOrder(shop, [[bread, 2]], { slot: SECOND_SLOT, name: 'Camille Martin' })
      const first = await anOrder(
        shop,
        [
          [bread, 1],
          [cider, 1],
        ],
        { slot: FIRST_SLOT, name: 'Dominique Leroy' },
      )
      await anOrder(shop, [[cider, 3]], { slot: TOMORROW_SLOT, name: 'Eva Morel' })

      const res = await staff.get(`/admin/${shop.id}/commandes`)
      expect(res.status).toBe(200)
      const order = [
        'Aujourd’hui',
        slot('10 h 00', '10 h 15'),
        'Dominique Leroy',
        slot('10 h 15', '10 h 30'),
        'Camille Martin',
        'Demain',
        'Eva Morel',
      ]
      const positions = order.map((text) => res.body.indexOf(text))
      expect(positions.every((p) => p > 0)).toBe(true)
      expect([...positions].sort((a, b) => a - b)).toEqual(positions)

      const card = cardOf(res.body, first.id)
      expect(card).toContain('Reçue')
      expect(card).toContain('1 × Baguette tradition (Pièce)')
      expect(card).toContain('1 × Cidre fermier (75 cl)')
      expect(card).toContain(`${formatEuros(770)}</strong> · à régler au comptoir`)
      // One button per move the shop may make from "placed": accept, prepare, cancel (with a reason).
      expect(card.match(/name="to" value="[a-z_]+"/g)).toEqual([
        'name="to" value="accepted"',
        'name="to" value="preparing"',
        'name="to" value="cancelled"',
      ])
      expect(card).toMatch(/<input id="raison-[^"]+" name="reason" type="text" maxlength="300" required/)
      expect(cardOf(res.body, later.id)).toContain('2 × Baguette tradition (Pièce)')

      expect(res.body).toContain(`href="/admin/${shop.id}/commandes/preparation"`)
      expect(res.body).toMatch(/<a href="\/admin\/[^"]+\/commandes" aria-current="page">Commandes<\/a>/)
      expect(res.body).toContain(`data-stream="/admin/${shop.id}/commandes/flux"`)
      expect(res.body).toContain('>Actualiser</a>')
      expect(res.body).toMatch(
        /<input id="f-code" name="code" type="text"[^>]* inputmode="text" autocapitalize="characters" autocomplete="off"/,
      )
    })

    it('filters by state and says when there is nothing to show', async () => {
      const { shop, bread, staff, staffId } = await aCounter()
      const empty = await staff.get(`/admin/${shop.id}/commandes`)
      expect(empty.body).toContain('Aucune commande pour ces jours-ci')

      const waiting = await anOrder(shop, [[bread, 1]], { name: 'Attente Un' })
      const ready = await anOrder(shop, [[bread, 1]], { name: 'Prête Deux' })
      await moveTo(shop, staffId, ready, 'preparing', 'ready')
      const toDo = await staff.get(`/admin/${shop.id}/commandes?etat=a-traiter`)
      expect(toDo.body).toContain('Attente Un')
      expect(toDo.body).not.toContain('Prête Deux')
      expect(toDo.body).toMatch(/aria-current="page">À traiter <span class="count">1<\/span>/)
      const readyOnes = await staff.get(`/admin/${shop.id}/commandes?etat=pretes`)
      expect(cardOf(readyOnes.body, ready.id)).toContain('Prête')
      expect(cardOf(readyOnes.body, waiting.id)).toBe('')
      const done = await staff.get(`/admin/${shop.id}/commandes?etat=terminees`)
      expect(done.body).toContain('Aucune commande pour ces jours-ci')
    })

    it('moves an order accepted → preparing → ready with one tap each', async () => {
      const { shop, bread, staff } = await aCounter()
      const order = await anOrder(shop, [[bread, 2]])
      const steps: Array<[OrderStatus, OrderStatus, string, string]> = [
        ['placed', 'accepted', 'commande-acceptee', 'Acceptée'],
        ['accepted', 'preparing', 'commande-en-preparation', 'En préparation'],
        ['preparing', 'ready', 'commande-prete', 'Prête'],
      ]
      for (const [from, to, notice, label] of steps) {
        await staff.get(`/admin/${shop.id}/commandes`)
        const res = await staff.postForm(`/admin/${shop.id}/commandes/${order.id}/etat`, {
          to,
          de: from,
          retour: 'tableau',
        })
        expect(res.status).toBe(303)
        expect(res.location).toBe(`/admin/${shop.id}/commandes?ok=${notice}#commande-${order.id}`)
        const board = await staff.get(res.location!)
        expect(board.body).toContain('role="status"')
        expect(cardOf(board.body, order.id)).toContain(
          `<span class="order-state state-${to}">${label}</span>`,
        )
        expect(await statusOf(shop, order)).toBe(to)
      }
      expect(cardOf((await staff.get(`/admin/${shop.id}/commandes`)).body, order.id)).toContain(
        'value="collected"',
      )
    })

    it('asks why before cancelling, then cancels and shows the reason', async () => {
      const { shop, bread, staff } = await aCounter()
      const order = await anOrder(shop, [[bread, 1]])
      await staff.get(`/admin/${shop.id}/commandes`)
      const refused = await staff.postForm(`/admin/${shop.id}/commandes/${order.id}/etat`, {
        to: 'cancelled',
        de: 'placed',
        reason: '  ',
      })
      expect(refused.status).toBe(400)
      const card = cardOf(refused.body, order.id)
      expect(card).toContain('<details class="cancel-order" open>')
      expect(card).toMatch(
        /<p class="error" id="raison-[^"]+-error">Indiquez la raison de l’annulation\.<\/p>/,
      )
      expect(await statusOf(shop, order)).toBe('placed')

      const res = await staff.postForm(`/admin/${shop.id}/commandes/${order.id}/etat`, {
        to: 'cancelled',
        de: 'placed',
        reason: 'Four en panne',
      })
      expect(res.status).toBe(303)
      const done = await staff.get(`/admin/${shop.id}/commandes?etat=terminees`)
      expect(cardOf(done.body, order.id)).toContain('Annulée')
      expect(cardOf(done.body, order.id)).toContain('Raison : Four en panne')
      expect(await statusOf(shop, order)).toBe('cancelled')
    })

    it('tells the second of two staff tapping the same move what happened, without an error page', async () => {
      const { shop, bread, staff } = await aCounter()
      const colleague = (await aMember(shop, 'staff')).client
      const order = await anOrder(shop, [[bread, 1]])
      await Promise.all([
        staff.get(`/admin/${shop.id}/commandes`),
        colleague.get(`/admin/${shop.id}/commandes`),
      ])
      const answers = await Promise.all(
        [staff, colleague].map((c) =>
          c.postForm(`/admin/${shop.id}/commandes/${order.id}/etat`, { to: 'accepted', de: 'placed' }),
        ),
      )
      expect(answers.map((a) => a.status).sort()).toEqual([303, 409])
      const second = answers.find((a) => a.status === 409)!
      expect(second.body).toContain(
        'modifiée entre-temps par quelqu’un d’autre : elle est maintenant « Acceptée »',
      )
      expect(second.body).toContain('<h1>Commandes</h1>')
      expect(await statusOf(shop, order)).toBe('accepted')
    })
  })

  describe('pickup by code', () => {
    it('hands over a ready order, names the customer and what is left to cash', async () => {
      const { shop, bread, staff, staffId } = await aCounter()
      const order = await anOrder(shop, [[bread, 3]], { name: 'Camille Martin' })
      await moveTo(shop, staffId, order, 'preparing', 'ready')
      await staff.get(`/admin/${shop.id}/commandes`)
      const typed = `${order.pickupCode.slice(0, 3).toLowerCase()} ${order.pickupCode.slice(3)}`
      const res = await staff.postForm(`/admin/${shop.id}/commandes/retrait`, { code: typed })
      expect(res.status).toBe(303)
      expect(res.location).toBe(`/admin/${shop.id}/commandes?ok=commande-remise&commande=${order.id}`)
      const board = await staff.get(res.location!)
      expect(board.body).toContain('Commande de Camille Martin remise.')
      expect(board.body).toContain(`À encaisser : <strong>${formatEuros(360)}</strong>`)
      expect(await statusOf(shop, order)).toBe('collected')
      // UX-14: the board measures the wait between "ready" and "collected" (the fixed clock makes it 0).
      expect(board.body).toContain('médiane <strong>moins d’une minute</strong>')
      expect(board.body).toContain('(1 remise)')

      const again = await staff.postForm(`/admin/${shop.id}/commandes/retrait`, { code: order.pickupCode })
      expect(again.status).toBe(409)
      expect(again.body).toContain('id="f-code-error">Cette commande a déjà été remise.')
    })

    it('refuses a malformed, unknown, other shop’s or not-ready code with the French message next to the field', async () => {
      const { shop, bread, staff } = await aCounter()
      const elsewhere = await aCounter()
      const notReady = await anOrder(shop, [[bread, 1]])
      const otherShops = await anOrder(elsewhere.shop, [[elsewhere.bread, 1]])
      await moveTo(elsewhere.shop, elsewhere.staffId, otherShops, 'preparing', 'ready')
      await staff.get(`/admin/${shop.id}/commandes`)

      const post = (code: string) => staff.postForm(`/admin/${shop.id}/commandes/retrait`, { code })
      const short = await post('AB12')
      expect(short.status).toBe(400)
      expect(short.body).toContain('id="f-code-error">Un code de retrait a six caractères.')
      expect(short.body).toContain('value="AB12"')

      const wrong = await post(otherShops.pickupCode === 'AAAAAA' ? 'BBBBBB' : 'AAAAAA')
      expect(wrong.status).toBe(404)
      expect(wrong.body).toContain('id="f-code-error">Aucune commande de ce commerce n’a ce code.')

      const foreign = await post(otherShops.pickupCode)
      expect(foreign.status).toBe(404)
      expect(foreign.body).toContain('id="f-code-error">Aucune commande de ce commerce n’a ce code.')
      expect(await statusOf(elsewhere.shop, otherShops)).toBe('ready')

      const early = await post(notReady.pickupCode)
      expect(early.status).toBe(409)
      expect(early.body).toContain('id="f-code-error">Cette commande n’est pas prête.')
      expect(await statusOf(shop, notReady)).toBe('placed')
    })
  })

  it('answers 404 to staff of another shop on the board, an order, its receipt, the state form and the stream', async () => {
    const { shop, bread } = await aCounter()
    const order = await anOrder(shop, [[bread, 1]])
    const outsider = await aCounter()
    await outsider.staff.get(`/admin/${outsider.shop.id}/commandes`)
    for (const path of [
      'commandes',
      `commandes/${order.id}`,
      `commandes/${order.id}/recu`,
      'commandes/preparation',
      'commandes/flux',
    ]) {
      expect((await outsider.staff.get(`/admin/${shop.id}/${path}`)).status, path).toBe(404)
    }
    const move = await outsider.staff.postForm(`/admin/${shop.id}/commandes/${order.id}/etat`, {
      to: 'accepted',
      de: 'placed',
    })
    expect(move.status).toBe(404)
    // Their own shop's URL with the other shop's order id is not found either.
    const crossed = await outsider.staff.postForm(`/admin/${outsider.shop.id}/commandes/${order.id}/etat`, {
      to: 'accepted',
      de: 'placed',
    })
    expect(crossed.status).toBe(404)
    expect((await outsider.staff.get(`/admin/${outsider.shop.id}/commandes/${order.id}`)).status).toBe(404)
    expect(await statusOf(shop, order)).toBe('placed')
  })

  it('prints a preparation list per slot with the total quantities per product and variant', async () => {
    const { shop, bread, cider, staff, staffId } = await aCounter()
    await anOrder(
      shop,
      [
        [bread, 2],
        [cider, 1],
      ],
      { slot: FIRST_SLOT, name: 'Ana Premier' },
    )
    await anOrder(shop, [[bread, 3]], { slot: SECOND_SLOT, name: 'Basile Second' })
    const cancelled = await anOrder(shop, [[bread, 5]], { slot: SECOND_SLOT, name: 'Chloé Annule' })
    await moveTo(shop, staffId, cancelled, 'cancelled')
    await anOrder(shop, [[bread, 4]], { slot: TOMORROW_SLOT, name: 'Denis Demain' })

    const res = await staff.get(`/admin/${shop.id}/commandes/preparation`)
    expect(res.status).toBe(200)
    expect(res.body).toContain('<td>Baguette tradition (Pièce)</td><td class="num">5</td>')
    expect(res.body).toContain('<td>Cidre fermier (75 cl)</td><td class="num">1</td>')
    const positions = [
      slot('10 h 00', '10 h 15'),
      'Ana Premier',
      slot('10 h 15', '10 h 30'),
      'Basile Second',
    ].map((t) => res.body.indexOf(t))
    expect(positions.every((p) => p > 0)).toBe(true)
    expect([...positions].sort((a, b) => a - b)).toEqual(positions)
    expect(res.body).not.toContain('Chloé Annule')
    expect(res.body).not.toContain('Denis Demain')

    const tomorrow = await staff.get(`/admin/${shop.id}/commandes/preparation?jour=2026-11-24`)
    expect(tomorrow.body).toContain('<td>Baguette tradition (Pièce)</td><td class="num">4</td>')
    expect(tomorrow.body).toContain('Demain · mardi 24 novembre')
    const nothing = await staff.get(`/admin/${shop.id}/commandes/preparation?jour=2026-11-29`)
    expect(nothing.body).toContain('Aucune commande à préparer ce jour-là.')
  })

  it('shows one order with its contact, VAT and history, and a receipt with the legal mentions', async () => {
    const { shop, bread, cider, staff, staffId } = await aCounter()
    const order = await anOrder(shop, [
      [bread, 2],
      [cider, 1],
    ])
    await moveTo(shop, staffId, order, 'preparing', 'ready')

    const page = await staff.get(`/admin/${shop.id}/commandes/${order.id}`)
    expect(page.status).toBe(200)
    expect(page.body).toContain('<h1>Commande de Camille Martin</h1>')
    expect(page.body).toContain('href="mailto:camille@example.fr"')
    expect(page.body).toContain('href="tel:0612345678"')
    expect(page.body).toContain('Passée le 23 novembre 2026 à 09:00')
    expect(page.body).toContain('Prête le 23 novembre 2026 à 09:00')
    expect(page.body).toContain('value="collected"')
    expect(page.body).toContain(`href="/admin/${shop.id}/commandes/${order.id}/recu"`)

    // From the order's page, a move comes back to it.
    const collected = await staff.postForm(`/admin/${shop.id}/commandes/${order.id}/etat`, {
      to: 'collected',
      de: 'ready',
      retour: 'fiche',
    })
    expect(collected.location).toBe(`/admin/${shop.id}/commandes/${order.id}?ok=commande-remise`)

    const receipt = await staff.get(`/admin/${shop.id}/commandes/${order.id}/recu`)
    expect(receipt.status).toBe(200)
    const saved = await getShop(db(), shop.id)
    expect(receipt.body).toContain(saved.name)
    expect(receipt.body).toContain(saved.address.street)
    expect(receipt.body).toContain('SIRET : 73282932000074')
    expect(receipt.body).toContain('Date de la commande : 23 novembre 2026 à 09:00')
    const reduced = splitVat(240, 550)
    const standard = splitVat(650, 2000)
    expect(receipt.body).toMatch(
      new RegExp(
        `<th scope="row">5,5 %</th><td class="num">${formatEuros(reduced.netCents)}</td><td class="num">${formatEuros(reduced.vatCents)}</td>`,
      ),
    )
    expect(receipt.body).toMatch(
      new RegExp(
        `<th scope="row">20 %</th><td class="num">${formatEuros(standard.netCents)}</td><td class="num">${formatEuros(standard.vatCents)}</td>`,
      ),
    )
    expect(receipt.body).toContain(`Total TTC : <strong>${formatEuros(890)}</strong>`)
    expect(receipt.body).toContain('Paiement : au comptoir')
  })

  it('streams a board event when a new order arrives', async () => {
    const { shop, bread, staff } = await aCounter()
    const abort = new AbortController()
    const res = await fetch(`${server.baseUrl}/admin/${shop.id}/commandes/flux`, {
      headers: { cookie: staff.cookieHeader(), accept: 'text/event-stream' },
      signal: abort.signal,
    })
    try {
      expect(res.status).toBe(200)
      expect(res.headers.get('content-type')).toContain('text/event-stream')
      const events = new EventReader(res.body!.getReader())
      const first = await events.next(3_000)
      expect(first).toMatchObject({ event: 'board', data: { count: 0 } })

      await anOrder(shop, [[bread, 1]])
      const next = await events.next(6_000)
      expect(next.event).toBe('board')
      expect(next.data.count).toBe(1)
      expect(next.data.version).not.toBe(first.data.version)
      // The page carries the version it was rendered with, for the script to compare.
      expect((await staff.get(`/admin/${shop.id}/commandes`)).body).toContain(
        `data-version="${next.data.version}"`,
      )
    } finally {
      abort.abort()
    }
  })

  it('ends open streams when the server shuts down, so it does not wait for the browsers', async () => {
    const { shop, staff } = await aCounter()
    const other = await startTestApp(db(), { clock, loginRateLimit: 1_000 })
    const res = await fetch(`${other.baseUrl}/admin/${shop.id}/commandes/flux`, {
      headers: { cookie: staff.cookieHeader() },
    })
    const events = new EventReader(res.body!.getReader())
    expect((await events.next(3_000)).event).toBe('board')
    const started = Date.now()
    await other.close()
    expect(Date.now() - started).toBeLessThan(2_000)
    await expect(events.next(1_000)).rejects.toThrow('stream ended')
  })

  describe('pickup settings', () => {
    it('are the owner’s: staff get a 403 and do not see the link', async () => {
      const { shop, staff } = await aCounter()
      expect((await staff.get(`/admin/${shop.id}/commandes`)).body).not.toContain('/retrait-parametres')
      const page = await staff.get(`/admin/${shop.id}/retrait-parametres`)
      expect(page.status).toBe(403)
      expect(page.body).toContain('Réservé au propriétaire')
      const post = await staff.postForm(`/admin/${shop.id}/retrait-parametres`, {
        enabled: '1',
        slotMinutes: '30',
      })
      expect(post.status).toBe(403)
    })

    it('lets the owner save them, and shows wrong values next to their fields', async () => {
      const { shop } = await aCounter()
      const owner = (await aMember(shop, 'owner')).client
      const page = await owner.get(`/admin/${shop.id}/retrait-parametres`)
      expect(page.status).toBe(200)
      expect(page.body).toContain('<option value="15" selected>15 minutes</option>')
      expect(page.body).toMatch(/name="enabled" value="1" checked/)

      const form = {
        enabled: '1',
        slotMinutes: '30',
        slotCapacity: '4',
        preparationMinutes: '120',
        handoverMarginMinutes: '30',
        horizonDays: '10',
        noShowAfterHours: '48',
      }
      const saved = await owner.postForm(`/admin/${shop.id}/retrait-parametres`, form)
      expect(saved.status).toBe(303)
      expect(saved.location).toBe(`/admin/${shop.id}/retrait-parametres?ok=retrait-enregistre`)
      expect((await owner.get(saved.location!)).body).toContain('Réglages du retrait enregistrés.')
      expect((await getShop(db(), shop.id)).pickup).toEqual({
        enabled: true,
        slotMinutes: 30,
        slotCapacity: 4,
        preparationMinutes: 120,
        handoverMarginMinutes: 30,
        horizonDays: 10,
        noShowAfterHours: 48,
      })

      const wrong = await owner.postForm(`/admin/${shop.id}/retrait-parametres`, {
        ...form,
        slotMinutes: '7',
        slotCapacity: '0',
        horizonDays: '',
        noShowAfterHours: 'deux',
      })
      expect(wrong.status).toBe(400)
      expect(wrong.body).toContain('id="f-slotMinutes-error">Valeur hors des limites permises.')
      expect(wrong.body).toContain('id="f-slotCapacity-error">Valeur hors des limites permises.')
      expect(wrong.body).toContain('id="f-horizonDays-error">Ce champ est obligatoire.')
      expect(wrong.body).toContain('id="f-noShowAfterHours-error">')
      expect(wrong.body).toContain('value="deux"')
      expect((await getShop(db(), shop.id)).pickup.slotCapacity).toBe(4)

      const off = await owner.postForm(`/admin/${shop.id}/retrait-parametres`, { ...form, enabled: '' })
      expect(off.status).toBe(303)
      expect((await getShop(db(), shop.id)).pickup.enabled).toBe(false)
    })
  })
})
