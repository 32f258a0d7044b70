import fc from 'fast-check'
import { expect, it } from 'vitest'
import { aProduct } from '../../../test/factories/catalog.js'
import { aPickupShop, MONDAY_MORNING } from '../../../test/factories/ordering.js'
import { forEachEngine } from '../../../test/harness/engines.js'
import { outcomeOf } from '../../../test/harness/outcome.js'
import { fixedClock } from '../../lib/clock.js'
import {
  bookAppointment,
  createResource,
  listFreeTimes,
  listShopBookings,
  setBookableService,
  type BookableService,
  type FreeTime,
} from './index.js'

const contact = { name: 'Camille Martin', email: 'camille@example.fr', phone: '' }
const minutes = (n: number) => n * 60_000

/** Services of generated lengths, buffers and steps, all on the five-minute grid a shop can set. */
const aService = fc.record({
  duration: fc.integer({ min: 1, max: 24 }).map((n) => n * 5),
  before: fc.integer({ min: 0, max: 6 }).map((n) => n * 5),
  after: fc.integer({ min: 0, max: 6 }).map((n) => n * 5),
  step: fc.constantFrom(5, 10, 15, 30),
})
/** A resident asks for one service at one of the times it offered, from a given chair or anyone (-1). */
const anAttempt = fc.record({ service: fc.nat(), time: fc.nat(), chair: fc.constantFrom(0, 1, -1) })

forEachEngine('bookings: no generated schedule ever double-books a resource (decision 006)', ({ db }) => {
  it(
    'keeps every resource’s confirmed bookings, buffers included, from overlapping',
    { timeout: 120_000 },
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(aService, { minLength: 1, maxLength: 3 }),
          fc.array(anAttempt, { minLength: 5, maxLength: 40 }),
          async (services, attempts) => {
            const clock = fixedClock(MONDAY_MORNING)
            const deps = { db: db(), clock }
            const shop = await aPickupShop(db(), clock)
            const chairs = [
              await createResource(deps, shop.id, { name: 'Fauteuil 1', kind: 'resource' }),
              await createResource(deps, shop.id, { name: 'Fauteuil 2', kind: 'resource' }),
            ]
            const bookable: Array<{ service: BookableService; times: FreeTime[] }> = []
            for (const [i, s] of services.entries()) {
              const product = await aProduct(
                db(),
                shop.id,
                {
                  name: `Soin ${i + 1}`,
                  kind: 'service',
                  variants: [{ name: 'Standard', priceCents: 2000, durationMinutes: s.duration }],
                },
                { clock },
              )
              const settings = {
                bufferBeforeMinutes: s.before,
                bufferAfterMinutes: s.after,
                stepMinutes: s.step,
                noticeMinutes: 0,
                horizonDays: 7,
                cancelHoursBefore: 1,
                resourceIds: chairs.map((c) => c.id),
              }
              const service = await setBookableService(deps, shop.id, product.variants[0]!.id, settings)
              // Monday's times, read before anyone books: residents all pick from the same page.
              bookable.push({
                service,
                times: await listFreeTimes(
                  db(),
                  shop.id,
                  service.variantId,
                  { from: '2026-11-23', days: 1 },
                  clock.now(),
                ),
              })
            }
            const outcomes = await Promise.all(
              attempts.map(async (a, i) => {
                const { service, times } = bookable[a.service % bookable.length]!
                if (times.length === 0) return 'nothing offered'
                const resourceId = a.chair === -1 ? undefined : chairs[a.chair]!.id
                return outcomeOf(
                  bookAppointment(deps, shop.id, {
                    variantId: service.variantId,
                    startsAt: times[a.time % times.length]!.startsAt,
                    resourceId,
                    contact: { ...contact, email: `r${i}.${shop.id.toLowerCase()}@example.fr` },
                    userId: undefined,
                  }),
                )
              }),
            )
            expect(outcomes.every((o) => ['ok', 'bookings.time_taken', 'nothing offered'].includes(o))).toBe(
              true,
            )

            const booked = await listShopBookings(db(), shop.id, {
              from: '2026-11-23T00:00:00Z',
              to: '2026-11-24T00:00:00Z',
            })
            expect(booked).toHaveLength(outcomes.filter((o) => o === 'ok').length)
            const settingsOf = new Map(bookable.map((b) => [b.service.variantId as string, b.service]))
            const occupied = booked.map((b) => {
              const s = settingsOf.get(b.variantId)!
              return {
                resourceId: b.resourceId,
                from: Date.parse(b.startsAt) - minutes(s.bufferBeforeMinutes),
                until: Date.parse(b.endsAt) + minutes(s.bufferAfterMinutes),
              }
            })
            for (const [i, a] of occupied.entries()) {
              for (const b of occupied.slice(i + 1)) {
                if (a.resourceId === b.resourceId) expect(a.until <= b.from || b.until <= a.from).toBe(true)
              }
            }
          },
        ),
        { numRuns: 15, seed: 20_261_123 },
      )
    },
  )
})
