import type { Db } from '../../src/db/index.js'
import type { Clock } from '../../src/lib/clock.js'
import type { ShopId } from '../../src/lib/ids.js'
import {
  scheduleEvent,
  scheduleTownEvent,
  type BookingEvent,
  type EventInput,
} from '../../src/modules/events/index.js'
import { aPickupShop } from './ordering.js'

/** A wine tasting on Friday 27 November 2026, 19:00–21:00 in Paris: 50 seats, up to 4 a person, 15 €. */
export const TASTING: EventInput = {
  title: 'Dégustation des vins de Loire',
  description: 'Six vins, trois vignerons, des fromages de la rue.',
  place: 'Au fond de la boutique',
  startsAt: '2026-11-27T18:00:00.000Z',
  endsAt: '2026-11-27T20:00:00.000Z',
  capacity: 50,
  seatsPerPerson: 4,
  priceCents: 1500,
  offerHours: 12,
  cancelHoursBefore: 24,
}

/** A shop (the cellar) and its tasting, settings overridable. */
export async function aTasting(
  db: Db,
  clock: Clock,
  overrides: Partial<EventInput> = {},
): Promise<{ shopId: ShopId; event: BookingEvent }> {
  const shop = await aPickupShop(db, clock)
  const capacity = overrides.capacity ?? TASTING.capacity
  const event = await scheduleEvent({ db, clock }, shop.id, {
    ...TASTING,
    seatsPerPerson: Math.min(TASTING.seatsPerPerson, capacity),
    ...overrides,
  })
  return { shopId: shop.id, event }
}

/** The contact of resident number i (distinct emails: one registration per email). */
export const residentContact = (i: number) => ({
  name: `Résident ${i}`,
  email: `resident${i}@example.fr`,
  phone: '',
})

/** A town evening on the market square, run by the coordinator (no shop): 20 seats, up to 2 a person, free. */
export const TOWN_EVENING: EventInput = {
  title: 'Soirée des commerçants',
  description: 'Les commerces de la rue ouvrent tard : dégustations, musique, jeux pour les enfants.',
  place: 'Place du marché',
  startsAt: '2026-11-28T17:00:00.000Z',
  endsAt: '2026-11-28T21:00:00.000Z',
  capacity: 20,
  seatsPerPerson: 2,
  priceCents: 0,
  offerHours: 12,
  cancelHoursBefore: 24,
}

/** A town event, settings overridable. */
export async function aTownEvent(
  db: Db,
  clock: Clock,
  overrides: Partial<EventInput> = {},
): Promise<BookingEvent> {
  return scheduleTownEvent({ db, clock }, { ...TOWN_EVENING, ...overrides })
}
