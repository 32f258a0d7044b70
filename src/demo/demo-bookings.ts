import type { Db } from '../db/index.js'
import type { Clock } from '../lib/clock.js'
import type { ShopId } from '../lib/ids.js'
import { addDays, fromZoned, parseTimeOfDay, toZoned, type LocalDate } from '../lib/zoned-time.js'
import {
  addAbsence,
  bookAppointment,
  createResource,
  listFreeTimes,
  listResources,
  setBookableService,
  setResourceHours,
  type ServiceSettings,
} from '../modules/bookings/index.js'
import { listShopProducts, type Product } from '../modules/catalog/index.js'
import type { OpeningRange, Shop } from '../modules/shops/index.js'
import { CYCLES_ITEMS } from './catalog-cycles.js'
import { nextWeekday, seedDemoEvents } from './demo-events.js'
import type { DemoShopKind } from './shops.js'

interface Deps {
  db: Db
  clock: Clock
}

/**
 * Makes the demo town take bookings out of the box (issue #5): the hair salon's team, their weeks and a
 * training day, every hair service bookable, the bike shop's repairs at its workshop, a few appointments already
 * in the salon's agenda, the restaurant's tables with a few parties booked and one large group waiting for an
 * answer, and events with seats (see demo-events.ts). Runs inside seedDemoTown, which seeds an
 * empty town only; each shop is also skipped here when it already has resources, so a second call adds nothing.
 * Dates follow the seed's clock in the shops' zone, so the demo looks alive whatever day it starts.
 */
export async function seedDemoBookings(deps: Deps, shops: ReadonlyMap<DemoShopKind, Shop>): Promise<void> {
  const shopOf = (kind: DemoShopKind) => {
    const shop = shops.get(kind)
    if (!shop) throw new Error(`the demo town has no ${kind}`)
    return shop
  }
  await seedSalon(deps, shopOf('coiffure'))
  await seedBikeWorkshop(deps, shopOf('cycles'))
  await seedDemoEvents(deps, { caviste: shopOf('caviste'), librairie: shopOf('librairie') })
  await seedRestaurantTables(deps, shopOf('restaurant'))
}

// ─── The hair salon ────────────────────────────────────────────────────────────────────────────────────────

/** The same ranges on several ISO weekdays (1 = Monday), as in opening-hours.ts. */
function weekly(weekdays: readonly number[], ...ranges: string[]): OpeningRange[] {
  return weekdays.flatMap((weekday) =>
    ranges.map((range) => {
      const [opensMinute, closesMinute] = range.split('-').map((time) => parseTimeOfDay(time))
      if (opensMinute === undefined || closesMinute === undefined) throw new Error(`bad range ${range}`)
      return { weekday, opensMinute, closesMinute }
    }),
  )
}

type Hairdresser = 'camille' | 'lea' | 'hugo'

/** The salon's team: the owner works every opening hour; Léa and Hugo have their own weeks. */
const SALON_TEAM: Record<Hairdresser, { name: string; hours: OpeningRange[] }> = {
  camille: { name: 'Camille', hours: [] },
  // Tuesday to Thursday and Saturday, not Friday.
  lea: {
    name: 'Léa',
    hours: [...weekly([2, 3, 4], '09:00-12:00', '13:30-19:00'), ...weekly([6], '08:30-17:00')],
  },
  // Wednesday to Friday afternoons, all day Saturday.
  hugo: { name: 'Hugo', hours: [...weekly([3, 4, 5], '13:30-19:00'), ...weekly([6], '08:30-17:00')] },
}

/** Hugo's services (men, children, students); Léa does every other one. Each list is in the order "anyone" tries. */
const BARBER_SERVICES = new Set([
  'Coupe homme',
  'Coupe enfant',
  'Taille de barbe',
  'Rasage à l’ancienne',
  'Coupe tondeuse',
  'Forfait étudiant',
  'Brushing',
  'Soin du cuir chevelu',
])
const NOT_LEA = new Set(['Taille de barbe', 'Rasage à l’ancienne'])
/** Colour and chemistry: a few minutes to prepare, and the basin and the chair to clean after. */
const CHEMICAL_SERVICES = new Set([
  'Couleur',
  'Balayage',
  'Mèches',
  'Décoloration',
  'Permanente',
  'Lissage brésilien',
])
/** Booked online with a card hold; none of them is in the demo agenda (which books without a card). */
const LONG_SERVICES = new Set(['Permanente', 'Lissage brésilien'])

const SALON_SETTINGS = {
  stepMinutes: 15,
  noticeMinutes: 120,
  horizonDays: 60,
  cancelHoursBefore: 24,
} as const

function salonSettings(productName: string, team: Record<Hairdresser, string>): ServiceSettings {
  const who: Hairdresser[] = []
  if (BARBER_SERVICES.has(productName)) who.push('hugo')
  if (!NOT_LEA.has(productName)) who.push('lea')
  who.push('camille')
  const chemical = CHEMICAL_SERVICES.has(productName)
  // The longest services, where an empty chair costs the salon an afternoon, are booked with a card hold (UX-16).
  const deposit = LONG_SERVICES.has(productName)
    ? { kind: 'card_hold' as const, amountCents: 3000 }
    : undefined
  return {
    ...SALON_SETTINGS,
    bufferBeforeMinutes: chemical ? 5 : 0,
    bufferAfterMinutes: chemical ? 10 : 5,
    resourceIds: who.map((w) => team[w]),
    deposit,
  }
}

interface DemoClient {
  name: string
  email: string
  phone: string
}

const CLIENTS = {
  sophie: { name: 'Sophie Marchand', email: 'sophie.marchand@example.org', phone: '' },
  lucas: { name: 'Lucas Bernard', email: '', phone: '06 39 98 40 12' },
  chantal: { name: 'Chantal Petit', email: 'chantal.petit@example.com', phone: '' },
  ines: { name: 'Inès Caron', email: 'ines.caron@example.org', phone: '06 39 98 27 55' },
  nicolas: { name: 'Nicolas Roy', email: 'nicolas.roy@example.org', phone: '' },
  elodie: { name: 'Élodie Fontaine', email: '', phone: '02 61 91 27 08' },
  karim: { name: 'Karim Haddad', email: 'karim.haddad@example.com', phone: '' },
} satisfies Record<string, DemoClient>

/**
 * Appointments already taken, on the salon's first three days with free times (day 0 is today when it is open
 * with time left), each at the first free time from `at` that day. Those with a phone only were taken by phone.
 */
interface PlannedBooking {
  day: 0 | 1 | 2
  at: string
  service: [product: string, variant: string]
  who: string
  client: DemoClient
}

const SALON_AGENDA: PlannedBooking[] = [
  { day: 0, at: '09:30', service: ['Coupe femme', 'Cheveux mi-longs'], who: 'lea', client: CLIENTS.sophie },
  { day: 0, at: '11:00', service: ['Coupe homme', 'Coupe et barbe'], who: 'camille', client: CLIENTS.lucas },
  { day: 0, at: '14:00', service: ['Couleur', 'Racines'], who: 'camille', client: CLIENTS.chantal },
  { day: 0, at: '16:30', service: ['Brushing', 'Cheveux longs'], who: 'lea', client: CLIENTS.ines },
  { day: 1, at: '09:00', service: ['Balayage', 'Cheveux longs'], who: 'lea', client: CLIENTS.elodie },
  { day: 1, at: '14:00', service: ['Coupe homme', 'Coupe'], who: 'hugo', client: CLIENTS.nicolas },
  { day: 1, at: '17:00', service: ['Taille de barbe', 'Taille'], who: 'hugo', client: CLIENTS.karim },
  {
    day: 2,
    at: '10:00',
    service: ['Coupe enfant', 'Moins de 12 ans'],
    who: 'camille',
    client: CLIENTS.sophie,
  },
  {
    day: 2,
    at: '15:00',
    service: ['Shampoing, coupe et brushing', 'Cheveux courts'],
    who: 'lea',
    client: CLIENTS.chantal,
  },
]

async function seedSalon(deps: Deps, shop: Shop): Promise<void> {
  if ((await listResources(deps.db, shop.id)).length > 0) return
  const team = {} as Record<Hairdresser, string>
  for (const [key, member] of Object.entries(SALON_TEAM) as Array<
    [Hairdresser, (typeof SALON_TEAM)[Hairdresser]]
  >) {
    team[key] = (await createResource(deps, shop.id, { name: member.name, kind: 'staff' })).id
    if (member.hours.length > 0) await setResourceHours(deps, shop.id, team[key], member.hours)
  }
  const today = toZoned(deps.clock.now(), shop.timeZone).date
  // A training day next week: Léa's free times skip that Wednesday.
  const training = nextWeekday(addDays(today, 7), 3)
  await addAbsence(deps, shop.id, team.lea, {
    startsAt: fromZoned(training, 0, shop.timeZone).toISOString(),
    endsAt: fromZoned(addDays(training, 1), 0, shop.timeZone).toISOString(),
    reason: 'Formation couleurs végétales',
  })
  const services = await timedServices(deps.db, shop.id)
  for (const { product, variantId } of services)
    await setBookableService(deps, shop.id, variantId, salonSettings(product.name, team))
  await bookPlanned(deps, shop, services, SALON_AGENDA, team)
}

// ─── The bike shop ─────────────────────────────────────────────────────────────────────────────────────────

const REPAIRS = new Set(
  CYCLES_ITEMS.filter((item) => item.category === 'reparations').map((item) => item.name),
)

/** The workshop plans its day in the morning: booked at least 4 hours ahead, up to a month. */
const WORKSHOP_SETTINGS = {
  bufferBeforeMinutes: 0,
  bufferAfterMinutes: 10,
  stepMinutes: 15,
  noticeMinutes: 240,
  horizonDays: 30,
  cancelHoursBefore: 24,
} as const

const WORKSHOP_AGENDA: PlannedBooking[] = [
  {
    day: 0,
    at: '14:00',
    service: ['Réparation de crevaison', 'Roue arrière'],
    who: 'atelier',
    client: CLIENTS.lucas,
  },
  {
    day: 1,
    at: '09:00',
    service: ['Révision complète', 'Vélo classique'],
    who: 'atelier',
    client: CLIENTS.nicolas,
  },
]

async function seedBikeWorkshop(deps: Deps, shop: Shop): Promise<void> {
  if ((await listResources(deps.db, shop.id)).length > 0) return
  const workshop = await createResource(deps, shop.id, { name: 'Atelier', kind: 'resource' })
  const services = (await timedServices(deps.db, shop.id)).filter((s) => REPAIRS.has(s.product.name))
  for (const { variantId } of services)
    await setBookableService(deps, shop.id, variantId, { ...WORKSHOP_SETTINGS, resourceIds: [workshop.id] })
  await bookPlanned(deps, shop, services, WORKSHOP_AGENDA, { atelier: workshop.id })
}

// ─── The restaurant ────────────────────────────────────────────────────────────────────────────────────────

/** The dining room: four tables for two, two for four, and one large table for a group. */
const DINING_ROOM = [
  ...[1, 2, 3, 4].map((n) => ({ name: `Table ${n}`, seats: { min: 1, max: 2 } })),
  ...[5, 6].map((n) => ({ name: `Table ${n}`, seats: { min: 2, max: 4 } })),
  { name: 'Grande table', seats: { min: 4, max: 8 } },
]

/** Up to 8 online, groups of 7 and 8 on request; a party of 5 or more stays two hours instead of an hour and a half. */
const TABLE_SETTINGS: ServiceSettings = {
  bufferBeforeMinutes: 0,
  bufferAfterMinutes: 15,
  stepMinutes: 15,
  noticeMinutes: 60,
  horizonDays: 30,
  cancelHoursBefore: 2,
  resourceIds: [],
  party: { maxParty: 8, onRequestFrom: 7, durations: [{ fromParty: 5, minutes: 120 }] },
}

/** Tables already booked on the restaurant's first open days, at the first free time from `at`; one group waits for an answer. */
const TABLE_AGENDA: Array<{ day: 0 | 1 | 2; at: string; party: number; client: DemoClient }> = [
  { day: 0, at: '12:00', party: 2, client: CLIENTS.nicolas },
  { day: 0, at: '12:30', party: 4, client: CLIENTS.ines },
  { day: 0, at: '19:30', party: 2, client: CLIENTS.elodie },
  { day: 1, at: '12:15', party: 3, client: CLIENTS.karim },
  { day: 1, at: '20:00', party: 6, client: CLIENTS.sophie },
  { day: 2, at: '19:30', party: 8, client: CLIENTS.chantal },
]

async function seedRestaurantTables(deps: Deps, shop: Shop): Promise<void> {
  if ((await listResources(deps.db, shop.id)).length > 0) return
  const tables = []
  for (const table of DINING_ROOM)
    tables.push(
      await createResource(deps, shop.id, { name: table.name, kind: 'resource', seats: table.seats }),
    )
  const service = (await timedServices(deps.db, shop.id)).find((s) => s.product.name === 'Réserver une table')
  if (!service) throw new Error('the demo restaurant has no table service')
  await setBookableService(deps, shop.id, service.variantId, {
    ...TABLE_SETTINGS,
    resourceIds: tables.map((t) => t.id),
  })
  const now = deps.clock.now()
  const days = await daysWithFreeTimes(deps, shop, service.variantId, 3, 2)
  for (const planned of TABLE_AGENDA) {
    const date = days[planned.day]
    if (!date) continue
    const times = await listFreeTimes(
      deps.db,
      shop.id,
      service.variantId,
      { from: date, days: 1, partySize: planned.party },
      now,
    )
    const wanted = parseTimeOfDay(planned.at) ?? 0
    const time = times.find((t) => toZoned(new Date(t.startsAt), shop.timeZone).minuteOfDay >= wanted)
    if (!time) continue
    const input = {
      variantId: service.variantId,
      startsAt: time.startsAt,
      resourceId: undefined,
      partySize: planned.party,
      contact: planned.client,
      userId: undefined,
    }
    await bookAppointment(deps, shop.id, input, { byShop: planned.client.email === '' })
  }
}

// ─── Shared ────────────────────────────────────────────────────────────────────────────────────────────────

interface TimedService {
  product: Product
  variantName: string
  variantId: string
  durationMinutes: number
}

/** The shop's published service variants that have a duration: what can be made bookable. */
async function timedServices(db: Db, shopId: ShopId): Promise<TimedService[]> {
  const products = (await listShopProducts(db, shopId, { status: 'published', limit: 100 })).items
  return products
    .filter((p) => p.kind === 'service')
    .flatMap((product) =>
      product.variants
        .filter((v) => v.durationMinutes !== undefined)
        .map((v) => ({
          product,
          variantName: v.name,
          variantId: v.id,
          durationMinutes: v.durationMinutes ?? 0,
        })),
    )
}

/**
 * Books the planned appointments at free times the module offers now, so they obey every rule (hours, absences,
 * notice, no overlap). An appointment with no free time that day is left out: the demo may start at any hour.
 */
async function bookPlanned(
  deps: Deps,
  shop: Shop,
  services: readonly TimedService[],
  plan: readonly PlannedBooking[],
  resources: Record<string, string>,
): Promise<void> {
  const now = deps.clock.now()
  // The days are those of the shortest service: a day with any time left counts, even late in the afternoon.
  const shortest = [...services].sort((a, b) => a.durationMinutes - b.durationMinutes)[0]
  if (!shortest) return
  const days = await daysWithFreeTimes(deps, shop, shortest.variantId, 3)
  for (const planned of plan) {
    const service = services.find(
      (s) => s.product.name === planned.service[0] && s.variantName === planned.service[1],
    )
    const date = days[planned.day]
    const resourceId = resources[planned.who]
    if (!service || !date || !resourceId) continue
    const times = await listFreeTimes(
      deps.db,
      shop.id,
      service.variantId,
      { from: date, days: 1, resourceId },
      now,
    )
    const wanted = parseTimeOfDay(planned.at) ?? 0
    const time =
      times.find((t) => toZoned(new Date(t.startsAt), shop.timeZone).minuteOfDay >= wanted) ?? times[0]
    if (!time) continue
    const byPhone = planned.client.email === ''
    await bookAppointment(
      deps,
      shop.id,
      {
        variantId: service.variantId,
        startsAt: time.startsAt,
        resourceId,
        contact: planned.client,
        userId: undefined,
      },
      { byShop: byPhone },
    )
  }
}

/** The first `count` dates, from today, on which the service has free times (by anyone; for a party that size at a restaurant). */
async function daysWithFreeTimes(
  deps: Deps,
  shop: Shop,
  variantId: string,
  count: number,
  partySize?: number,
): Promise<LocalDate[]> {
  const times = await listFreeTimes(deps.db, shop.id, variantId, { days: 14, partySize }, deps.clock.now())
  const dates = [...new Set(times.map((t) => toZoned(new Date(t.startsAt), shop.timeZone).date))]
  return dates.slice(0, count)
}
