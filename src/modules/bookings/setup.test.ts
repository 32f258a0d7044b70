import { expect, it } from 'vitest'
import { aSalon, HAIRCUT_SETTINGS } from '../../../test/factories/bookings.js'
import { aPickupShop, MONDAY_MORNING } from '../../../test/factories/ordering.js'
import { forEachEngine } from '../../../test/harness/engines.js'
import { outcomeOf } from '../../../test/harness/outcome.js'
import { fixedClock } from '../../lib/clock.js'
import {
  addAbsence,
  bookAppointment,
  createResource,
  getBookableService,
  getResource,
  listAbsences,
  listBookableServices,
  listFreeTimes,
  listShopBookings,
  removeAbsence,
  removeBookableService,
  setBookableService,
  updateResource,
} from './index.js'

// Monday 23 November 2026, 9:00 in Paris (08:00Z): the salon's first haircut of the day starts at 11:00 (10:00Z).
forEachEngine('bookings set-up: absences, resources, services (issue #5)', ({ db }) => {
  const clock = fixedClock(MONDAY_MORNING)
  const deps = () => ({ db: db(), clock })
  const startsOn = async (
    shopId: Parameters<typeof listFreeTimes>[1],
    variantId: string,
    date: string,
    resourceId?: string,
  ) =>
    (await listFreeTimes(db(), shopId, variantId, { from: date, days: 1, resourceId }, clock.now())).map(
      (t) => t.startsAt.slice(11, 16),
    )

  it('lists a hairdresser’s absences still to come, by start, and removing one offers its time again', async () => {
    clock.set(MONDAY_MORNING)
    const { shopId, lea, haircut } = await aSalon(db(), clock)
    await addAbsence(deps(), shopId, lea.id, {
      startsAt: '2026-11-20T08:00:00Z',
      endsAt: '2026-11-20T18:00:00Z',
      reason: 'Passée',
    })
    const training = await addAbsence(deps(), shopId, lea.id, {
      startsAt: '2026-11-24T13:00:00Z',
      endsAt: '2026-11-24T15:00:00Z',
      reason: 'Formation',
    })
    const holiday = await addAbsence(deps(), shopId, lea.id, {
      startsAt: '2026-11-23T00:00:00Z',
      endsAt: '2026-11-23T12:00:00Z',
      reason: 'Congé',
    })

    const listed = await listAbsences(db(), shopId, lea.id, { endingAfter: clock.now().toISOString() })
    expect(listed.map((a) => a.reason)).toEqual(['Congé', 'Formation'])
    expect(listed[1]).toEqual(training)
    expect(await startsOn(shopId, haircut.variantId, '2026-11-24', lea.id)).not.toContain('13:00')

    await removeAbsence(deps(), shopId, training.id)
    expect(
      (await listAbsences(db(), shopId, lea.id, { endingAfter: clock.now().toISOString() })).map((a) => a.id),
    ).toEqual([holiday.id])
    expect(await startsOn(shopId, haircut.variantId, '2026-11-24', lea.id)).toContain('13:00')
    expect(await outcomeOf(removeAbsence(deps(), shopId, training.id))).toBe('bookings.absence_not_found')
  })

  it('never lists nor removes another shop’s absences', async () => {
    clock.set(MONDAY_MORNING)
    const { shopId, lea } = await aSalon(db(), clock)
    const absence = await addAbsence(deps(), shopId, lea.id, {
      startsAt: '2026-11-24T13:00:00Z',
      endsAt: '2026-11-24T15:00:00Z',
      reason: 'Formation',
    })
    const other = await aPickupShop(db(), clock)
    await createResource(deps(), other.id, { name: 'Zoé', kind: 'staff' })

    expect(await listAbsences(db(), other.id, lea.id, { endingAfter: clock.now().toISOString() })).toEqual([])
    expect(await outcomeOf(removeAbsence(deps(), other.id, absence.id))).toBe('bookings.absence_not_found')
    expect(await outcomeOf(removeAbsence(deps(), other.id, 'pas-un-identifiant'))).toBe(
      'bookings.absence_not_found',
    )
    expect(await listAbsences(db(), shopId, lea.id, { endingAfter: clock.now().toISOString() })).toEqual([
      absence,
    ])
  })

  it('renames a hairdresser and pauses them: a paused one is offered no time, and their bookings stay', async () => {
    clock.set(MONDAY_MORNING)
    const { shopId, lea, hugo, haircut } = await aSalon(db(), clock)
    const { booking } = await bookAppointment(deps(), shopId, {
      variantId: haircut.variantId,
      startsAt: '2026-11-24T10:00:00.000Z',
      resourceId: hugo.id,
      contact: { name: 'Sam', email: `sam.${shopId.toLowerCase()}@example.fr`, phone: '' },
      userId: undefined,
    })

    const renamed = await updateResource(deps(), shopId, lea.id, {
      name: '  Léa M.  ',
      kind: 'staff',
      active: true,
    })
    expect(renamed).toMatchObject({ name: 'Léa M.', kind: 'staff', active: true })
    const paused = await updateResource(deps(), shopId, hugo.id, {
      name: 'Hugo',
      kind: 'staff',
      active: false,
    })
    expect(paused.active).toBe(false)

    const times = await listFreeTimes(
      db(),
      shopId,
      haircut.variantId,
      { from: '2026-11-24', days: 1 },
      clock.now(),
    )
    expect(new Set(times.flatMap((t) => t.resourceIds))).toEqual(new Set([lea.id]))
    const kept = await listShopBookings(db(), shopId, {
      from: '2026-11-24T00:00:00Z',
      to: '2026-11-25T00:00:00Z',
    })
    expect(kept.map((b) => [b.id, b.resourceName, b.status])).toEqual([[booking.id, 'Hugo', 'confirmed']])
    expect(
      await outcomeOf(updateResource(deps(), shopId, lea.id, { name: ' ', kind: 'staff', active: true })),
    ).toBe('bookings.invalid_resource')
  })

  it('answers another shop’s resource as unknown when updating it, and leaves it as it was', async () => {
    clock.set(MONDAY_MORNING)
    const { shopId, lea } = await aSalon(db(), clock)
    const other = await aPickupShop(db(), clock)
    expect(
      await outcomeOf(
        updateResource(deps(), other.id, lea.id, { name: 'Volée', kind: 'resource', active: false }),
      ),
    ).toBe('bookings.resource_not_found')
    expect(
      await outcomeOf(
        updateResource(deps(), other.id, 'inconnu', { name: 'Volée', kind: 'resource', active: false }),
      ),
    ).toBe('bookings.resource_not_found')
    expect(await getResource(db(), shopId, lea.id)).toMatchObject({
      name: 'Léa',
      kind: 'staff',
      active: true,
    })
  })

  it('stops taking a service’s bookings online, keeps the bookings made, and can take them again', async () => {
    clock.set(MONDAY_MORNING)
    const { shopId, lea, haircut } = await aSalon(db(), clock)
    await bookAppointment(deps(), shopId, {
      variantId: haircut.variantId,
      startsAt: '2026-11-24T10:00:00.000Z',
      resourceId: lea.id,
      contact: { name: 'Sam', email: `sam.${shopId.toLowerCase()}@example.fr`, phone: '' },
      userId: undefined,
    })

    await removeBookableService(deps(), shopId, haircut.variantId)
    expect(await listBookableServices(db(), shopId, { withHidden: true })).toEqual([])
    expect(await outcomeOf(getBookableService(db(), haircut.variantId))).toBe('bookings.service_not_bookable')
    expect(
      await outcomeOf(
        listFreeTimes(db(), shopId, haircut.variantId, { from: '2026-11-24', days: 1 }, clock.now()),
      ),
    ).toBe('bookings.service_not_bookable')
    expect(
      await listShopBookings(db(), shopId, { from: '2026-11-24T00:00:00Z', to: '2026-11-25T00:00:00Z' }),
    ).toHaveLength(1)
    expect(await outcomeOf(removeBookableService(deps(), shopId, haircut.variantId))).toBe(
      'bookings.service_not_bookable',
    )

    const again = await setBookableService(deps(), shopId, haircut.variantId, {
      ...HAIRCUT_SETTINGS,
      resourceIds: [lea.id],
    })
    expect(again.resourceIds).toEqual([lea.id])
  })

  it('never stops another shop’s service', async () => {
    clock.set(MONDAY_MORNING)
    const { shopId, haircut } = await aSalon(db(), clock)
    const other = await aPickupShop(db(), clock)
    expect(await outcomeOf(removeBookableService(deps(), other.id, haircut.variantId))).toBe(
      'bookings.service_not_bookable',
    )
    expect((await listBookableServices(db(), shopId)).map((s) => s.variantId)).toEqual([haircut.variantId])
  })
})
