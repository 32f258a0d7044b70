import type { Db } from '../../src/db/index.js'
import type { Clock } from '../../src/lib/clock.js'
import type { ShopId } from '../../src/lib/ids.js'
import {
  bookAppointment,
  createResource,
  setBookableService,
  type BookableService,
  type Booking,
  type Resource,
  type ServiceSettings,
} from '../../src/modules/bookings/index.js'
import { aProduct } from './catalog.js'
import { aPickupShop } from './ordering.js'

/** A haircut's booking settings: 15 minutes to tidy up after, a start every 15 minutes, from 2 hours to 60 days ahead, cancellable until 24 hours before. */
export const HAIRCUT_SETTINGS: Omit<ServiceSettings, 'resourceIds'> = {
  bufferBeforeMinutes: 0,
  bufferAfterMinutes: 15,
  stepMinutes: 15,
  noticeMinutes: 120,
  horizonDays: 60,
  cancelHoursBefore: 24,
}

/**
 * A hair salon open 9:00–19:00 Monday to Saturday (Paris) with two hairdressers, Léa and Hugo, and a 45-minute
 * haircut at 35 € either can do (settings overridable).
 */
export async function aSalon(
  db: Db,
  clock: Clock,
  settings: Partial<ServiceSettings> = {},
): Promise<{ shopId: ShopId; lea: Resource; hugo: Resource; haircut: BookableService }> {
  const shop = await aPickupShop(db, clock)
  const deps = { db, clock }
  const lea = await createResource(deps, shop.id, { name: 'Léa', kind: 'staff' })
  const hugo = await createResource(deps, shop.id, { name: 'Hugo', kind: 'staff' })
  const product = await aProduct(
    db,
    shop.id,
    {
      name: 'Coupe femme',
      kind: 'service',
      variants: [{ name: 'Cheveux courts', priceCents: 3500, durationMinutes: 45 }],
    },
    { clock },
  )
  const haircut = await setBookableService(deps, shop.id, product.variants[0]!.id, {
    ...HAIRCUT_SETTINGS,
    resourceIds: [lea.id, hugo.id],
    ...settings,
  })
  return { shopId: shop.id, lea, hugo, haircut }
}

/**
 * A shop open 9:00–19:00 Monday to Saturday (Paris) with nothing set up for bookings yet: no resource, and a
 * 30-minute bike repair at 25 € in its catalog, not bookable.
 */
export async function aWorkshopToSetUp(
  db: Db,
  clock: Clock,
): Promise<{ shopId: ShopId; repair: { productId: string; variantId: string } }> {
  const shop = await aPickupShop(db, clock)
  const product = await aProduct(
    db,
    shop.id,
    {
      name: 'Réparation vélo',
      kind: 'service',
      variants: [{ name: 'Crevaison', priceCents: 2500, durationMinutes: 30 }],
    },
    { clock },
  )
  return { shopId: shop.id, repair: { productId: product.id, variantId: product.variants[0]!.id } }
}

/** A lunch's booking settings: a table every 30 minutes, from 1 hour to 30 days ahead, cancellable until 4 hours before. */
export const LUNCH_SETTINGS: Omit<ServiceSettings, 'resourceIds'> = {
  bufferBeforeMinutes: 0,
  bufferAfterMinutes: 0,
  stepMinutes: 30,
  noticeMinutes: 60,
  horizonDays: 30,
  cancelHoursBefore: 4,
}

/**
 * A restaurant open 9:00–19:00 Monday to Saturday (Paris) with four tables — two for 1–2, one for 2–4 and a large
 * one for 4–8 — and a 90-minute lunch at 25 € booked by party: up to 8 online, parties of 6 and more on request,
 * 2 hours from 5 people (settings overridable).
 */
export async function aRestaurant(
  db: Db,
  clock: Clock,
  settings: Partial<ServiceSettings> = {},
): Promise<{
  shopId: ShopId
  tables: { small1: Resource; small2: Resource; four: Resource; large: Resource }
  lunch: BookableService
}> {
  const shop = await aPickupShop(db, clock, {
    profile: { kind: 'restaurant', email: 'salle@bistrot.example.fr' },
  })
  const deps = { db, clock }
  const table = (name: string, min: number, max: number) =>
    createResource(deps, shop.id, { name, kind: 'resource', seats: { min, max } })
  const tables = {
    small1: await table('Table 1', 1, 2),
    small2: await table('Table 2', 1, 2),
    four: await table('Table 3', 2, 4),
    large: await table('Grande table', 4, 8),
  }
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
  const party = { maxParty: 8, onRequestFrom: 6, durations: [{ fromParty: 5, minutes: 120 }] }
  // Listed largest first on purpose: a party still gets the smallest table that seats it.
  const resourceIds = [tables.large.id, tables.four.id, tables.small1.id, tables.small2.id]
  const lunch = await setBookableService(deps, shop.id, product.variants[0]!.id, {
    ...LUNCH_SETTINGS,
    resourceIds,
    party,
    ...settings,
  })
  return { shopId: shop.id, tables, lunch }
}

/**
 * A haircut booked at a new salon (Tuesday 24 November 2026, 11:00 in Paris) that asked no guarantee, so nothing
 * pays for it yet: what the payments tests pay for, the way a booking's deposit is paid. The clock is the booking's
 * "now" (before Monday 23 November 2026, 11:00).
 */
export async function aBookingToPay(db: Db, clock: Clock): Promise<Booking> {
  const { shopId, lea, haircut } = await aSalon(db, clock)
  const email = `client-${Math.random().toString(36).slice(2, 10)}@example.fr`
  const { booking } = await bookAppointment({ db, clock }, shopId, {
    variantId: haircut.variantId,
    startsAt: '2026-11-24T10:00:00.000Z',
    resourceId: lea.id,
    contact: { name: 'Lou Bernard', email, phone: '' },
    userId: undefined,
  })
  return booking
}
