import type { Db } from '../../src/db/index.js'
import type { Clock } from '../../src/lib/clock.js'
import type { ShopId } from '../../src/lib/ids.js'
import { createResource, setBookableService, type BookableService, type Resource, type ServiceSettings } from '../../src/modules/bookings/index.js'
import { aProduct } from './catalog.js'
import { aPickupShop } from './ordering.js'

/** A haircut's booking settings: 15 minutes to tidy up after, a start every 15 minutes, from 2 hours to 60 days ahead, cancellable until 24 hours before. */
export const HAIRCUT_SETTINGS: Omit<ServiceSettings, 'resourceIds'> = { bufferBeforeMinutes: 0, bufferAfterMinutes: 15, stepMinutes: 15, noticeMinutes: 120, horizonDays: 60, cancelHoursBefore: 24 }

/**
 * A hair salon open 9:00–19:00 Monday to Saturday (Paris) with two hairdressers, Léa and Hugo, and a 45-minute
 * haircut at 35 € either can do (settings overridable).
 */
export async function aSalon(db: Db, clock: Clock, settings: Partial<ServiceSettings> = {}): Promise<{ shopId: ShopId; lea: Resource; hugo: Resource; haircut: BookableService }> {
  const shop = await aPickupShop(db, clock)
  const deps = { db, clock }
  const lea = await createResource(deps, shop.id, { name: 'Léa', kind: 'staff' })
  const hugo = await createResource(deps, shop.id, { name: 'Hugo', kind: 'staff' })
  const product = await aProduct(db, shop.id, { name: 'Coupe femme', kind: 'service', variants: [{ name: 'Cheveux courts', priceCents: 3500, durationMinutes: 45 }] }, { clock })
  const haircut = await setBookableService(deps, shop.id, product.variants[0]!.id, { ...HAIRCUT_SETTINGS, resourceIds: [lea.id, hugo.id], ...settings })
  return { shopId: shop.id, lea, hugo, haircut }
}

/**
 * A shop open 9:00–19:00 Monday to Saturday (Paris) with nothing set up for bookings yet: no resource, and a
 * 30-minute bike repair at 25 € in its catalog, not bookable.
 */
export async function aWorkshopToSetUp(db: Db, clock: Clock): Promise<{ shopId: ShopId; repair: { productId: string; variantId: string } }> {
  const shop = await aPickupShop(db, clock)
  const product = await aProduct(db, shop.id, { name: 'Réparation vélo', kind: 'service', variants: [{ name: 'Crevaison', priceCents: 2500, durationMinutes: 30 }] }, { clock })
  return { shopId: shop.id, repair: { productId: product.id, variantId: product.variants[0]!.id } }
}
