import { beforeAll, expect, it } from 'vitest'
import { aProduct } from '../../../test/factories/catalog.js'
import { aPickupShop, FIRST_SLOT, MONDAY_MORNING } from '../../../test/factories/ordering.js'
import { FormClient, useTestApp } from '../../../test/harness/app.js'
import { forEachEngine } from '../../../test/harness/engines.js'
import { fixedClock } from '../../lib/clock.js'
import type { UserId } from '../../lib/ids.js'
import { startWorker } from '../../jobs/worker.js'
import type { Product } from '../../modules/catalog/index.js'
import { moveOrder, withdrawalDeadline } from '../../modules/ordering/index.js'
import type { Shop } from '../../modules/shops/index.js'

const NOW = MONDAY_MORNING
const plain = (body: string) => body.replace(/[\u202f\u00a0]/g, ' ')
const platform = undefined as unknown as UserId

forEachEngine(
  'consumer rights on the checkout, the order page and the confirmation (LAW F1/F2)',
  ({ db }) => {
    const clock = fixedClock(NOW)
    const server = useTestApp(db, { clock })
    let shop: Shop
    let tart: Product
    let honey: Product

    beforeAll(async () => {
      shop = await aPickupShop(db(), clock, {
        profile: {
          name: 'Au Pain Doré',
          street: '3 place du Ralliement',
          postalCode: '49100',
          city: 'Angers',
          phone: '02 41 12 34 56',
          email: 'bonjour@aupaindore.fr',
        },
      })
      tart = await aProduct(
        db(),
        shop.id,
        {
          name: 'Tarte aux pommes',
          withdrawalException: 'perishable',
          variants: [{ name: '6 parts', priceCents: 1800, onHand: 50 }],
        },
        { clock },
      )
      honey = await aProduct(
        db(),
        shop.id,
        { name: 'Pot de miel', variants: [{ name: '500 g', priceCents: 900, onHand: 50 }] },
        { clock },
      )
    })

    const fromThisSite = () => ({ headers: { origin: server.baseUrl } })

    async function visitorWith(products: Product[]) {
      const visitor = new FormClient(server.baseUrl)
      await visitor.get(`/commerces/${shop.slug}`)
      for (const product of products) {
        const added = await visitor.postForm(
          '/panier/ajouter',
          { variantId: product.variants[0]!.id, quantity: '1' },
          fromThisSite(),
        )
        expect(added.status).toBe(303)
      }
      return visitor
    }

    async function anOrderOf(products: Product[], email = 'lou@example.fr') {
      const visitor = await visitorWith(products)
      const checkout = (await visitor.get('/commande')).body
      const key = /name="key" value="([^"]+)"/.exec(checkout)![1]!
      const placed = await visitor.postForm('/commande', {
        key,
        name: 'Lou',
        email,
        payment: 'counter',
        [`slot.${shop.id}`]: FIRST_SLOT,
      })
      expect(placed.status).toBe(303)
      const checkoutId = placed.location!.split('/').pop()!
      const order = await db()
        .selectFrom('orders')
        .select('id')
        .where('checkout_id', '=', checkoutId)
        .executeTakeFirstOrThrow()
      return { visitor, page: placed.location!, checkoutId, orderId: order.id }
    }

    it('shows the withdrawal conditions, the model form, complaints and guarantees before ordering', async () => {
      const visitor = await visitorWith([tart, honey])
      const checkout = plain((await visitor.get('/commande')).body)
      expect(checkout).toContain('<summary>Vos droits</summary>')
      expect(checkout).toContain(
        'vous disposez de 14 jours à compter du lendemain du retrait pour vous rétracter',
      )
      expect(checkout).toContain('Modèle de formulaire de rétractation')
      expect(checkout).toContain(
        'À l’attention de Au Pain Doré, 3 place du Ralliement, 49100 Angers, adresse e-mail : bonjour@aupaindore.fr :',
      )
      expect(checkout).toContain('<li>1 × Pot de miel (500 g)</li>')
      expect(checkout).not.toContain('<li>1 × Tarte aux pommes (6 parts)</li>')
      expect(checkout).toContain(
        'contactez Au Pain Doré au <a href="tel:0241123456">02 41 12 34 56</a> ou à <a href="mailto:bonjour@aupaindore.fr">bonjour@aupaindore.fr</a>',
      )
      expect(checkout).toContain(
        'médiateur de la consommation (articles L612-1 et suivants du Code de la consommation)',
      )
      expect(checkout).toContain(
        'garantie légale de conformité pendant 2 ans à compter de la remise du bien (articles L217-3 et suivants du Code de la consommation)',
      )
      expect(checkout).toContain('garantie des vices cachés (articles 1641 et suivants du Code civil)')
      // The rights come before the button that commits to pay.
      expect(checkout.indexOf('Vos droits')).toBeLessThan(
        checkout.indexOf('Commander avec obligation de paiement'),
      )
    })

    it('says before ordering that no withdrawal applies when every line is an exception', async () => {
      const visitor = await visitorWith([tart])
      const checkout = plain((await visitor.get('/commande')).body)
      expect(checkout).toContain(
        'Aucun article commandé à ce commerce n’ouvre droit à rétractation (article L221-28 du Code de la consommation).',
      )
      expect(checkout).not.toContain('Modèle de formulaire de rétractation')
      expect(checkout).toContain('garantie légale de conformité')
    })

    it('shows the “no withdrawal” notice and no form for an order of perishable goods only', async () => {
      const { visitor, page } = await anOrderOf([tart])
      const order = plain((await visitor.get(page)).body)
      expect(order).toContain('Pas de droit de rétractation pour : Tarte aux pommes (produit périssable).')
      expect(order).not.toContain('Droit de rétractation :')
      expect(order).not.toContain('Formulaire de rétractation')
      expect(order).toContain('Réclamations et garanties légales')
    })

    it('shows the model form filled with the shop’s identity and the order for a line that carries the right', async () => {
      const { visitor, page, orderId } = await anOrderOf([tart, honey])
      const order = plain((await visitor.get(page)).body)
      expect(order).toContain(
        'Droit de rétractation : 14 jours à compter du lendemain du retrait (articles : Pot de miel).',
      )
      expect(order).toContain('<summary>Formulaire de rétractation</summary>')
      expect(order).toContain(
        'À l’attention de Au Pain Doré, 3 place du Ralliement, 49100 Angers, adresse e-mail : bonjour@aupaindore.fr :',
      )
      expect(order).toContain(
        'par e-mail à <a href="mailto:bonjour@aupaindore.fr">bonjour@aupaindore.fr</a> ou par courrier à Au Pain Doré, 3 place du Ralliement, 49100 Angers',
      )
      expect(order).toContain(`Référence de la commande : ${orderId}`)
      expect(order).toContain('Commandé le (*) : lundi 23 novembre 2026 / reçu le (*) : …')
      expect(order).toContain('<li>1 × Pot de miel (500 g)</li>')
      expect(order).not.toContain('<li>1 × Tarte aux pommes (6 parts)</li>')
      expect(order).toContain(
        'Signature du (des) consommateur(s) (uniquement en cas de notification du présent formulaire sur papier)',
      )
    })

    it('once collected, states the last day to withdraw, counted in the shop’s zone and moved past the weekend', async () => {
      const { visitor, page, orderId } = await anOrderOf([honey])
      const staff = { by: 'shop' as const, shopId: shop.id, userId: platform }
      for (const to of ['preparing', 'ready'] as const)
        await moveOrder({ db: db(), clock }, staff, orderId, to)
      // Thursday 26 November, 23:30 UTC, is already Friday 27 in Paris: the 14 days end Friday 11 December.
      await moveOrder({ db: db(), clock: fixedClock('2026-11-26T23:30:00Z') }, staff, orderId, 'collected')
      expect(withdrawalDeadline('2026-11-27')).toBe('2026-12-11')
      const order = plain((await visitor.get(page)).body)
      expect(order).toContain(
        'Droit de rétractation : jusqu’au vendredi 11 décembre 2026 inclus (articles : Pot de miel).',
      )
      expect(order).toContain(
        'Commandé le (*) : lundi 23 novembre 2026 / reçu le (*) : vendredi 27 novembre 2026',
      )
    })

    it('moves the deadline to the next working day when it lands on a weekend or a holiday', async () => {
      const { visitor, page, orderId } = await anOrderOf([honey])
      const staff = { by: 'shop' as const, shopId: shop.id, userId: platform }
      for (const to of ['preparing', 'ready'] as const)
        await moveOrder({ db: db(), clock }, staff, orderId, to)
      // Collected Saturday 28 November: the 14th day is Saturday 12 December, so Monday 14 December.
      await moveOrder({ db: db(), clock: fixedClock('2026-11-28T15:00:00Z') }, staff, orderId, 'collected')
      expect(plain((await visitor.get(page)).body)).toContain('jusqu’au lundi 14 décembre 2026 inclus')
    })

    it('puts the withdrawal conditions and the model form in the one confirmation email', async () => {
      const email = 'sacha@example.fr'
      const { checkoutId, orderId } = await anOrderOf([tart, honey], email)
      const worker = startWorker(server.deps, { pollMs: 60_000 })
      try {
        await worker.drain()
      } finally {
        await worker.stop()
      }
      const mails = await db()
        .selectFrom('mail_messages')
        .select(['source_key', 'text_body', 'html_body'])
        .where('to_address', '=', email)
        .execute()
      expect(mails.map((m) => m.source_key)).toEqual([`checkout.confirmed:${checkoutId}`])
      const text = plain(mails[0]!.text_body)
      expect(text).toContain(
        'Droit de rétractation : 14 jours à compter du lendemain du retrait (articles : Pot de miel).',
      )
      expect(text).toContain('Pas de droit de rétractation pour : Tarte aux pommes (produit périssable).')
      expect(text).toContain(`http://localhost/commandes/${checkoutId}`)
      expect(text).toContain(
        'par e-mail à bonjour@aupaindore.fr ou par courrier à Au Pain Doré, 3 place du Ralliement, 49100 Angers',
      )
      expect(text).toContain('Modèle de formulaire de rétractation — Au Pain Doré')
      expect(text).toContain(`Référence de la commande : ${orderId}`)
      expect(text).toContain('Question ou réclamation : 02 41 12 34 56 · bonjour@aupaindore.fr')
      expect(text).toContain('médiateur de la consommation')
      expect(text).toContain('articles 1641 et suivants du Code civil')
      const html = plain(mails[0]!.html_body)
      expect(html).toContain(
        'Droit de rétractation : 14 jours à compter du lendemain du retrait (articles : Pot de miel).',
      )
      expect(html).toContain('<h3>Modèle de formulaire de rétractation — Au Pain Doré</h3>')
    })
  },
)
