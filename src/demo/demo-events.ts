import type { Db } from '../db/index.js'
import type { Clock } from '../lib/clock.js'
import { addDays, fromZoned, parseTimeOfDay, toZoned, weekdayOf, type LocalDate } from '../lib/zoned-time.js'
import {
  listShopEvents,
  listTownEvents,
  registerForEvent,
  scheduleEvent,
  scheduleTownEvent,
  TOWN_ORGANISER,
  type BookingEvent,
  type EventInput,
} from '../modules/events/index.js'
import type { Shop } from '../modules/shops/index.js'

interface Deps {
  db: Db
  clock: Clock
}

/** The first date on or after `from` that falls on the ISO weekday (1 = Monday). */
export function nextWeekday(from: LocalDate, weekday: number): LocalDate {
  return addDays(from, (weekday - weekdayOf(from) + 7) % 7)
}

interface DemoEvent {
  /** The first day it may fall on, counted from today, and its weekday: a date 10 to 20 days ahead. */
  fromDay: number
  weekday: number
  /** Local times in the shop's zone. */
  startsAt: string
  endsAt: string
  details: Omit<EventInput, 'startsAt' | 'endsAt'>
  /** Residents already registered: name, email, seats. */
  registrations: Array<[name: string, email: string, seats: number]>
}

/** A tasting at the wine shop on a Friday evening 10 to 16 days ahead. */
const TASTING: DemoEvent = {
  fromDay: 10,
  weekday: 5,
  startsAt: '19:00',
  endsAt: '21:00',
  details: {
    title: 'Dégustation : les chenins de la Loire',
    description:
      'Six chenins secs, demi-secs et moelleux, de Saumur à Vouvray, présentés par une vigneronne de Montsoreau. ' +
      'Avec les fromages de la Fromagerie Bertin et le pain du Fournil de la Halle. Places réglées sur place.',
    place: 'Au chai, 5 quai des Mariniers',
    capacity: 16,
    seatsPerPerson: 4,
    priceCents: 1500,
    offerHours: 24,
    cancelHoursBefore: 48,
  },
  registrations: [
    ['Nicolas Roy', 'nicolas.roy@example.org', 2],
    ['Chantal Petit', 'chantal.petit@example.com', 2],
  ],
}

/** A writing workshop at the bookshop on a Saturday 14 to 20 days ahead, after its holidays (days 10 to 12). */
const WORKSHOP: DemoEvent = {
  fromDay: 14,
  weekday: 6,
  startsAt: '15:00',
  endsAt: '17:00',
  details: {
    title: 'Atelier d’écriture : carnets de Loire',
    description:
      'Deux heures pour écrire la Loire, ses quais et ses mariniers, avec une autrice de la région. ' +
      'Pour adultes et adolescents dès 14 ans ; carnet et crayons fournis.',
    place: 'Librairie Les Mots Passants, salle du fond',
    capacity: 12,
    seatsPerPerson: 2,
    priceCents: 800,
    offerHours: 12,
    cancelHoursBefore: 24,
  },
  registrations: [['Inès Caron', 'ines.caron@example.org', 1]],
}

/** A free walk through the shops, run by the town's coordinator, on a Saturday 7 to 13 days ahead (seed 003: a capacity and a list). */
const TOWN_WALK: DemoEvent = {
  fromDay: 7,
  weekday: 6,
  startsAt: '10:00',
  endsAt: '12:30',
  details: {
    title: 'Balade gourmande chez les commerçants',
    description:
      'Du fournil au caviste en passant par la fromagerie : une matinée pour goûter le quartier, une bouchée dans ' +
      'chaque boutique. Gratuit, sur inscription : les groupes sont limités pour que chacun soit bien reçu.',
    place: 'Départ place de la Halle, devant la fontaine',
    capacity: 40,
    seatsPerPerson: 4,
    priceCents: 0,
    offerHours: 12,
    cancelHoursBefore: 24,
  },
  registrations: [
    ['Sophie Marchand', 'sophie.marchand@example.org', 3],
    ['Karim Haddad', 'karim.haddad@example.com', 2],
  ],
}

/**
 * Events with seats, some already taken: at the wine shop and the bookshop, and one run by the town; a shop (or the
 * town) that has events is skipped.
 */
export async function seedDemoEvents(deps: Deps, shops: { caviste: Shop; librairie: Shop }): Promise<void> {
  await seedEvent(deps, shops.caviste, TASTING)
  await seedEvent(deps, shops.librairie, WORKSHOP)
  await seedEvent(deps, undefined, TOWN_WALK)
}

/** Schedules the event for the shop, or for the town when `shop` is undefined, and registers its residents. */
async function seedEvent(deps: Deps, shop: Shop | undefined, event: DemoEvent): Promise<void> {
  const now = deps.clock.now()
  const existing = shop ? await listShopEvents(deps.db, shop.id, now) : await listTownEvents(deps.db, now)
  if (existing.length > 0) return
  const timeZone = shop?.timeZone ?? TOWN_ORGANISER.timeZone
  const date = nextWeekday(addDays(toZoned(now, timeZone).date, event.fromDay), event.weekday)
  const at = (time: string) => fromZoned(date, parseTimeOfDay(time) ?? 0, timeZone).toISOString()
  const input = { ...event.details, startsAt: at(event.startsAt), endsAt: at(event.endsAt) }
  const scheduled: BookingEvent = shop
    ? await scheduleEvent(deps, shop.id, input)
    : await scheduleTownEvent(deps, input)
  for (const [name, email, seats] of event.registrations) {
    await registerForEvent(deps, scheduled.id, {
      seats,
      contact: { name, email, phone: '' },
      userId: undefined,
    })
  }
}
