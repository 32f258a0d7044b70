import { expect, it } from 'vitest'
import { aProduct } from '../../../../test/factories/catalog.js'
import { aPickupShop, FIRST_SLOT, MONDAY_MORNING } from '../../../../test/factories/ordering.js'
import { aSignedInStaffMember, useTestApp } from '../../../../test/harness/app.js'
import { forEachEngine } from '../../../../test/harness/engines.js'
import { fixedClock } from '../../../lib/clock.js'
import { newSecretToken } from '../../../lib/secret-token.js'
import { addToBasket, getShopOrder, placeOrders } from '../../../modules/ordering/index.js'
import type { Shop } from '../../../modules/shops/index.js'

const clock = fixedClock(MONDAY_MORNING)

forEachEngine('back-office: changing an order line (UX-03)', ({ db }) => {
  const server = useTestApp(db, { clock, loginRateLimit: 1_000, checkoutRateLimit: 100_000 })

  const aStaffMember = (shop: Shop) => aSignedInStaffMember(server, shop.id)

  async function anOrder() {
    const shop = await aPickupShop(db(), clock)
    const bread = await aProduct(db(), shop.id, {
      name: 'Baguette tradition',
      variants: [{ name: 'Pièce', priceCents: 120, onHand: 100 }],
    })
    const cider = await aProduct(db(), shop.id, {
      name: 'Cidre fermier',
      variants: [{ name: '75 cl', priceCents: 650, onHand: 100 }],
    })
    const rye = await aProduct(db(), shop.id, {
      name: 'Pain de seigle',
      variants: [{ name: 'Pièce', priceCents: 300, onHand: 4 }],
    })
    const owner = { token: newSecretToken() }
    await addToBasket(server.deps, owner, bread.variants[0]!.id, 4)
    await addToBasket(server.deps, owner, cider.variants[0]!.id, 1)
    const placed = await placeOrders(server.deps, {
      owner,
      userId: undefined,
      idempotencyKey: `key-${newSecretToken()}`,
      contact: { name: 'Camille Martin', email: 'camille@example.fr', phone: '' },
      slots: { [shop.id]: FIRST_SLOT },
      payment: { method: 'counter' },
    })
    const order = placed.orders[0]!
    const lineOf = (productId: string) => order.lines.find((l) => l.productId === productId)!.position
    return {
      shop,
      owner,
      checkoutId: placed.id,
      orderId: order.id,
      bread,
      cider,
      rye,
      breadLine: lineOf(bread.id),
      ciderLine: lineOf(cider.id),
      staff: await aStaffMember(shop),
    }
  }

  it('offers fewer units, a substitute or withdrawing each line, and shows what changed and whether the customer was told', async () => {
    const { shop, owner, checkoutId, orderId, rye, breadLine, ciderLine, staff } = await anOrder()
    const page = `/admin/${shop.id}/commandes/${orderId}`
    const before = await staff.get(page)
    expect(before.body).toContain('Un article manque ?')
    expect(before.body).toContain(`action="/admin/${shop.id}/commandes/${orderId}/lignes/${breadLine}"`)
    expect(before.body).toContain('Pain de seigle — 3,00')

    const reduced = await staff.postForm(`${page}/lignes/${breadLine}`, { kind: 'partial', quantity: '2' })
    expect(reduced.status).toBe(303)
    const replaced = await staff.postForm(`${page}/lignes/${ciderLine}`, {
      kind: 'substitute',
      variantId: rye.variants[0]!.id,
      quantity: '1',
    })
    expect(replaced.status).toBe(303)

    const order = await getShopOrder(db(), shop.id, orderId)
    expect(order.lines.map((l) => [l.productName, l.quantity, l.unitPriceCents])).toEqual([
      ['Baguette tradition', 2, 120],
      ['Pain de seigle', 1, 300],
    ])
    const after = await staff.get(`${page}?ok=ligne-modifiee`)
    expect(after.body).toContain('Article modifié.')
    expect(after.body).toContain('Baguette tradition (Pièce) : 2 au lieu de 4.')
    expect(after.body).toContain('remplacé par Pain de seigle (Pièce) × 1')
    expect(after.body).toContain('message au client en attente')

    // The resident's order page shows the same changes, and the new total.
    const resident = await fetch(`${server.baseUrl}/commandes/${checkoutId}`, {
      headers: { cookie: `comptoir_panier=${owner.token}` },
    })
    const residentPage = await resident.text()
    expect(residentPage).toContain('Modifiée par le commerce')
    expect(residentPage).toContain('Baguette tradition (Pièce) : 2 au lieu de 4.')
  })

  it('says why a change was refused, next to the lines, with nothing changed', async () => {
    const { shop, orderId, breadLine, staff } = await anOrder()
    // A substitute with fewer units on the shelf than the 4 loaves ordered.
    const scarce = await aProduct(db(), shop.id, {
      name: 'Pain aux noix',
      variants: [{ name: 'Pièce', priceCents: 110, onHand: 2 }],
    })
    const page = `/admin/${shop.id}/commandes/${orderId}`
    await staff.get(page)
    const tooMany = await staff.postForm(`${page}/lignes/${breadLine}`, {
      kind: 'substitute',
      variantId: scarce.variants[0]!.id,
      quantity: '4',
    })
    expect([tooMany.status, tooMany.location]).toEqual([
      303,
      `${page}?ligne-erreur=inventory.insufficient_stock#manque`,
    ])
    const shown = await staff.get(`${page}?ligne-erreur=inventory.insufficient_stock`)
    expect(shown.body).toContain('Il n’en reste plus assez')
    expect((await getShopOrder(db(), shop.id, orderId)).lines.map((l) => l.quantity)).toEqual([4, 1])

    const other = await aStaffMember(await aPickupShop(db(), clock))
    await other.get(`/admin`)
    const foreign = await other.postForm(`${page}/lignes/${breadLine}`, { kind: 'withdraw' })
    expect(foreign.status).toBe(404)
  })
})
