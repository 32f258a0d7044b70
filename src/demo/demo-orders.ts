import type { ShopId, UserId } from '../lib/ids.js'
import { listShopProducts } from '../modules/catalog/index.js'
import { addToBasket, listPickupSlots, moveOrder, placeOrders, type PlaceDeps } from '../modules/ordering/index.js'
import { getShop } from '../modules/shops/index.js'

/**
 * A first click & collect checkout by the demo resident, from two shops, so that a new user finds orders on
 * the boards and in "Mes commandes": the bakery's part is already ready for pickup, the other just placed.
 * Skipped quietly when a shop offers no slot in the coming days (the demo may start at any date).
 */
export async function placeDemoOrders(
  deps: PlaceDeps,
  resident: { id: UserId; name: string; email: string },
  shops: ReadonlyArray<{ shopId: ShopId; staffId: UserId }>,
): Promise<number> {
  const now = deps.clock.now()
  const owner = { userId: resident.id }
  const slots: Record<string, string> = {}
  for (const { shopId } of shops) {
    const shop = await getShop(deps.db, shopId)
    const slot = (await listPickupSlots(deps.db, shop, now)).find((s) => s.remaining > 0)
    const product = (await listShopProducts(deps.db, shopId, { status: 'published', limit: 50 })).items.find(
      (p) => p.kind === 'product' && p.variants.some((v) => (v.stock?.available ?? 0) >= 2),
    )
    if (!slot || !product) return 0
    const variant = product.variants.find((v) => (v.stock?.available ?? 0) >= 2)!
    await addToBasket(deps, owner, variant.id, 2)
    slots[shopId] = slot.startsAt.toISOString()
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
  const firstOrder = (await deps.db.selectFrom('orders').select('id').where('checkout_id', '=', checkout.id).where('shop_id', '=', first.shopId).executeTakeFirst())?.id
  if (firstOrder) {
    for (const to of ['accepted', 'preparing', 'ready'] as const) await moveOrder(deps, { by: 'shop', shopId: first.shopId, userId: first.staffId }, firstOrder, to)
  }
  return checkout.orderIds.length
}
