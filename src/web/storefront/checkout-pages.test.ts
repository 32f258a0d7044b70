import { beforeAll, expect, it } from 'vitest'
import { aProduct } from '../../../test/factories/catalog.js'
import { aPickupShop, FIRST_SLOT, MONDAY_MORNING } from '../../../test/factories/ordering.js'
import { FormClient, useTestApp } from '../../../test/harness/app.js'
import { forEachEngine } from '../../../test/harness/engines.js'
import { fixedClock } from '../../lib/clock.js'
import type { Product } from '../../modules/catalog/index.js'
import { createUser } from '../../modules/identity/index.js'
import type { Shop } from '../../modules/shops/index.js'

const NOW = MONDAY_MORNING
const plain = (body: string) => body.replace(/[\u202f\u00a0]/g, ' ')

forEachEngine('click & collect pages', ({ db }) => {
  const clock = fixedClock(NOW)
  const server = useTestApp(db, { clock })
  let shop: Shop
  let bread: Product

  beforeAll(async () => {
    shop = await aPickupShop(db(), clock, {
      profile: { name: 'Au Pain Doré' },
      settings: { slotCapacity: 20, horizonDays: 3 },
    })
    bread = await aProduct(
      db(),
      shop.id,
      { name: 'Miche de seigle', variants: [{ name: '1 kg', priceCents: 650, onHand: 5 }] },
      { clock },
    )
  })

  const productPath = () => `/commerces/${shop.slug}/${bread.slug}`
  const fromThisSite = () => ({ headers: { origin: server.baseUrl } })

  async function visitorWithBread(quantity: string) {
    const visitor = new FormClient(server.baseUrl)
    const page = await visitor.get(productPath())
    expect(page.body).toContain('Ajouter au panier')
    const added = await visitor.postForm(
      '/panier/ajouter',
      { variantId: bread.variants[0]!.id, quantity },
      fromThisSite(),
    )
    expect(added.location).toBe('/panier?ajoute=1')
    return visitor
  }

  it('takes a visitor from the product page to a placed order with a pickup code', async () => {
    const visitor = await visitorWithBread('2')
    const basket = plain((await visitor.get('/panier?ajoute=1')).body)
    expect(basket).toContain('Produit ajouté au panier.')
    expect(basket).toContain('Miche de seigle')
    expect(basket).toContain('13,00 €')

    const checkout = plain((await visitor.get('/commande')).body)
    expect(checkout).toContain('Commander avec obligation de paiement')
    expect(checkout).toContain(`value="${FIRST_SLOT}"`)
    expect(checkout).toContain('10 h – 10 h 15')
    // UX-09: the shop's hours today next to its slots.
    expect(checkout).toContain('Aujourd’hui : 9 h – 19 h')
    const key = /name="key" value="([^"]+)"/.exec(checkout)![1]!

    const missingSlot = await visitor.postForm('/commande', {
      key,
      name: 'Lou',
      email: 'lou@example.fr',
      payment: 'counter',
    })
    expect(missingSlot.status).toBe(400)
    expect(plain(missingSlot.body)).toContain('Choisissez un créneau de retrait.')

    const placed = await visitor.postForm('/commande', {
      key,
      name: 'Lou',
      email: 'lou@example.fr',
      payment: 'counter',
      [`slot.${shop.id}`]: FIRST_SLOT,
    })
    expect(placed.status).toBe(303)
    expect(placed.location).toMatch(/^\/commandes\/[0-9A-Z]{26}$/)
    // The same form sent again (a double click, the back button) is the same checkout, not a second order.
    const again = await visitor.postForm('/commande', {
      key,
      name: 'Lou',
      email: 'lou@example.fr',
      payment: 'counter',
      [`slot.${shop.id}`]: FIRST_SLOT,
    })
    expect(again.location).toBe(placed.location)
    expect(
      await db().selectFrom('orders').select('id').where('shop_id', '=', shop.id).execute(),
    ).toHaveLength(1)

    const confirmation = plain((await visitor.get(placed.location!)).body)
    expect(confirmation).toContain('Reçue par le commerce')
    expect(confirmation).toMatch(/Code de retrait : <strong>[A-Z0-9]{3} [A-Z0-9]{3}<\/strong>/)
    expect(confirmation).toContain('<svg')
    // The product page, cached for visitors, shows the units the order holds at once.
    expect(plain((await new FormClient(server.baseUrl).get(productPath())).body)).toContain('3 restants')

    // Another browser cannot see the order.
    expect((await new FormClient(server.baseUrl).get(placed.location!)).status).toBe(404)

    const cancelled = await visitor.postForm(
      `${placed.location}/${(await db().selectFrom('orders').select('id').where('shop_id', '=', shop.id).executeTakeFirstOrThrow()).id}/annuler`,
      {},
    )
    expect(cancelled.status).toBe(303)
    const afterCancel = plain((await visitor.get(placed.location!)).body)
    expect(afterCancel).toContain('Annulée')
    expect(afterCancel).toContain('Motif : annulée par le client')
    const stock = await db()
      .selectFrom('stock_levels')
      .select(['on_hand', 'reserved'])
      .where('variant_id', '=', bread.variants[0]!.id)
      .executeTakeFirstOrThrow()
    expect(stock).toEqual({ on_hand: 5, reserved: 0 })
  })

  it('refuses the basket form from another site, and quantities out of bounds', async () => {
    const visitor = new FormClient(server.baseUrl)
    const foreign = await visitor.postForm(
      '/panier/ajouter',
      { variantId: bread.variants[0]!.id, quantity: '1' },
      { headers: { origin: 'https://evil.example' } },
    )
    expect(foreign.status).toBe(403)
    const noOrigin = await visitor.postForm('/panier/ajouter', {
      variantId: bread.variants[0]!.id,
      quantity: '1',
    })
    expect(noOrigin.status).toBe(403)
    for (const quantity of ['0', '-1', '1.5', '100', 'beaucoup']) {
      const res = await visitor.postForm(
        '/panier/ajouter',
        { variantId: bread.variants[0]!.id, quantity },
        fromThisSite(),
      )
      expect(res.status, quantity).toBe(400)
      expect(plain(res.body)).toContain('Indiquez une quantité entière de 1 à 99.')
    }
    const tooMany = await visitor.postForm(
      '/panier/ajouter',
      { variantId: bread.variants[0]!.id, quantity: '6' },
      fromThisSite(),
    )
    expect(tooMany.status).toBe(409)
    expect(plain(tooMany.body)).toContain('Il n’en reste pas assez pour cette quantité.')
    const unknown = await visitor.postForm(
      '/panier/ajouter',
      { variantId: '01JZZZZZZZZZZZZZZZZZZZZZZZ', quantity: '1' },
      fromThisSite(),
    )
    expect(unknown.status).toBe(404)
  })

  it('keeps the visitor’s basket when they sign in, and lists their orders', async () => {
    const email = `resident-${Date.now()}@example.fr`
    await createUser({ db: db(), clock }, { email, password: 'un mot de passe solide', displayName: 'Sacha' })
    const visitor = await visitorWithBread('1')
    await visitor.signIn(email, 'un mot de passe solide')
    const basket = plain((await visitor.get('/panier')).body)
    expect(basket).toContain('Miche de seigle')
    const checkout = (await visitor.get('/commande')).body
    expect(checkout).toContain('value="Sacha"')
    const key = /name="key" value="([^"]+)"/.exec(checkout)![1]!
    const placed = await visitor.postForm('/commande', {
      key,
      name: 'Sacha',
      email,
      payment: 'test_card',
      [`slot.${shop.id}`]: FIRST_SLOT,
    })
    expect(placed.status).toBe(303)
    const mine = plain((await visitor.get('/mes-commandes')).body)
    expect(mine).toContain('Au Pain Doré')
    expect(mine).toContain('Reçue par le commerce')
  })

  it('says the card was refused, and why each order is cancelled', async () => {
    const visitor = await visitorWithBread('1')
    const key = /name="key" value="([^"]+)"/.exec((await visitor.get('/commande')).body)![1]!
    const placed = await visitor.postForm('/commande', {
      key,
      name: 'Lou',
      email: 'lou@example.fr',
      payment: 'test_card',
      testCard: 'declined',
      [`slot.${shop.id}`]: FIRST_SLOT,
    })
    expect(placed.status).toBe(303)
    const page = plain((await visitor.get(placed.location!)).body)
    expect(page).toContain('La carte a été refusée')
    expect(page).toContain('Motif : paiement refusé')
  })

  it('tells, per line, which products carry the 14-day withdrawal right and which do not (LAW F2/F3)', async () => {
    const tart = await aProduct(
      db(),
      shop.id,
      {
        name: 'Tarte aux fraises',
        withdrawalException: 'perishable',
        variants: [{ name: '6 parts', priceCents: 1800, onHand: 3 }],
      },
      { clock },
    )
    const jar = await aProduct(
      db(),
      shop.id,
      { name: 'Pot de miel', variants: [{ name: '500 g', priceCents: 900, onHand: 3 }] },
      { clock },
    )
    const visitor = new FormClient(server.baseUrl)
    for (const product of [tart, jar]) {
      const added = await visitor.postForm(
        '/panier/ajouter',
        { variantId: product.variants[0]!.id, quantity: '1' },
        fromThisSite(),
      )
      expect(added.status).toBe(303)
    }
    const rightApplies =
      'Droit de rétractation : 14 jours à compter du lendemain du retrait (articles : Pot de miel).'
    const noRight = 'Pas de droit de rétractation pour : Tarte aux fraises (produit périssable).'
    const checkout = plain((await visitor.get('/commande')).body)
    expect(checkout).toContain(rightApplies)
    expect(checkout).toContain(noRight)

    const key = /name="key" value="([^"]+)"/.exec(checkout)![1]!
    const placed = await visitor.postForm('/commande', {
      key,
      name: 'Lou',
      email: 'lou@example.fr',
      payment: 'counter',
      [`slot.${shop.id}`]: FIRST_SLOT,
    })
    expect(placed.status).toBe(303)
    // The order keeps what was promised, even if the product changes afterwards.
    await db().updateTable('products').set({ withdrawal_exception: null }).where('id', '=', tart.id).execute()
    const order = plain((await visitor.get(placed.location!)).body)
    expect(order).toContain(rightApplies)
    expect(order).toContain(noRight)
  })
})
