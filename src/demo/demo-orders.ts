import type { UserId } from '../lib/ids.js'
import { listShopProducts } from '../modules/catalog/index.js'
import {
  addToBasket,
  listCheckoutOrders,
  listPickupSlots,
  moveOrder,
  placeOrders,
  type PlaceDeps,
} from '../modules/ordering/index.js'
import type { Shop } from '../modules/shops/index.js'

/**
 * A first click & collect checkout by the demo resident, from two shops, so that a new user finds orders on
 * the boards and in "Mes commandes": the first shop's part is already ready for pickup, the other just placed.
 * Skipped quietly when a shop offers no slot in the coming days (the demo may start at any date).
 */
export async function placeDemoOrders(
  deps: PlaceDeps,
  resident: { id: UserId; name: string; email: string },
  shops: ReadonlyArray<{ shop: Shop; staffId: UserId }>,
): Promise<number> {
  const now = deps.clock.now()
  const owner = { userId: resident.id }
  const slots: Record<string, string> = {}
  for (const { shop } of shops) {
    const slot = (await listPickupSlots(deps.db, shop, now)).find((s) => s.remaining > 0)
    const variant = (await listShopProducts(deps.db, shop.id, { status: 'published', limit: 50 })).items
      .filter((p) => p.kind === 'product')
      .flatMap((p) => p.variants)
      .find((v) => (v.stock?.available ?? 0) >= 2)
    if (!slot || !variant) return 0
    await addToBasket(deps, owner, variant.id, 2)
    slots[shop.id] = slot.startsAt.toISOString()
  }
  const checkout = await placeOrders(deps, {
    owner,
    userId: resident.id,
    idempotencyKey: `demo-first-checkout-${resident.id}`,
    contact: { name: resident.name, email: resident.email, phone: '' },
    slots,
    payment: { method: 'counter' },
  })
  const first = shops[0]!
  const firstOrder = (await listCheckoutOrders(deps.db, checkout.id)).find((o) => o.shopId === first.shop.id)
  if (firstOrder) {
    for (const to of ['accepted', 'preparing', 'ready'] as const)
      await moveOrder(deps, { by: 'shop', shopId: first.shop.id, userId: first.staffId }, firstOrder.id, to)
  }
  return checkout.orders.length
}
