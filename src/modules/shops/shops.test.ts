import { beforeAll, expect, it } from 'vitest'
import { forEachEngine } from '../../../test/harness/engines.js'
import { aShop, aShopProfile } from '../../../test/factories/shops.js'
import { aUser } from '../../../test/factories/users.js'
import { AppError } from '../../lib/app-error.js'
import { fixedClock } from '../../lib/clock.js'
import { newId, type ShopId, type UserId } from '../../lib/ids.js'
import { listAuditOfShop } from '../identity/index.js'
import {
  addClosure,
  addStaffMember,
  createShop,
  getOpeningSchedule,
  getOpeningStatuses,
  getShop,
  listMemberships,
  listShops,
  removeClosure,
  setWeeklyHours,
  updateShopProfile,
  type OpeningRange,
} from './index.js'

const range = (weekday: number, opens: number, closes: number): OpeningRange => ({
  weekday,
  opensMinute: opens * 60,
  closesMinute: closes * 60,
})
// Tuesday–Saturday 8–12 and 14–19.
const WEEK_A: OpeningRange[] = [2, 3, 4, 5, 6].flatMap((d) => [range(d, 8, 12), range(d, 14, 19)])
// Monday–Friday 9–18, without a break.
const WEEK_B: OpeningRange[] = [1, 2, 3, 4, 5].map((d) => range(d, 9, 18))

const byDayAndTime = (ranges: readonly OpeningRange[]) =>
  [...ranges].sort((a, b) => a.weekday - b.weekday || a.opensMinute - b.opensMinute)

forEachEngine('shops', ({ db }) => {
  // Tuesday 5 May 2026, 10:00 in Paris.
  const clock = fixedClock('2026-05-05T08:00:00Z')
  const deps = () => ({ db: db(), clock })
  let owner: UserId

  beforeAll(async () => {
    owner = (await aUser(db())).id
  })

  it('onboards a shop with a slug from its name and town and a cleaned-up profile', async () => {
    const name = `Boulangerie du Marché ${Math.random().toString(36).slice(2, 8)}`
    const shop = await createShop(
      deps(),
      aShopProfile({ name, city: 'Angers', email: ' Contact@Boulangerie.FR ', siret: '732 829 320 00074' }),
    )
    expect(shop).toMatchObject({
      name,
      slug: expect.stringMatching(/^boulangerie-du-marche-[a-z0-9]+-angers$/),
      email: 'contact@boulangerie.fr',
      siret: '73282932000074',
      timeZone: 'Europe/Paris',
      stockFreshnessHours: 48,
      updatedAt: '2026-05-05T08:00:00.000Z',
    })
    expect(await getShop(db(), shop.id)).toEqual(shop)
  })

  it('refuses an invalid profile with every problem listed by field', async () => {
    const attempt = createShop(
      deps(),
      aShopProfile({ siret: '73282932000075', postalCode: 'ABCDE', email: 'contact@' }),
    )
    await expect(attempt).rejects.toBeInstanceOf(AppError)
    await expect(attempt).rejects.toMatchObject({
      kind: 'invalid',
      code: 'shops.invalid_profile',
      details: {
        errors: expect.arrayContaining([
          { field: 'siret', code: 'invalid_siret' },
          { field: 'postalCode', code: 'invalid_postal_code' },
          { field: 'email', code: 'invalid_email' },
        ]),
      },
    })
  })

  it('refuses a second shop at the same address on the site', async () => {
    const first = await aShop(db())
    await expect(aShop(db(), { slug: first.slug })).rejects.toMatchObject({
      kind: 'conflict',
      code: 'shops.slug_taken',
    })
  })

  it('updates the profile but never the slug', async () => {
    const shop = await aShop(db())
    const later = fixedClock('2026-05-06T09:00:00Z')
    const updated = await updateShopProfile(
      { db: db(), clock: later },
      owner,
      shop.id,
      aShopProfile({ name: 'Nouveau nom', tagline: 'Nouveau slogan' }),
    )
    expect(updated).toMatchObject({
      id: shop.id,
      slug: shop.slug,
      name: 'Nouveau nom',
      tagline: 'Nouveau slogan',
      updatedAt: '2026-05-06T09:00:00.000Z',
    })
    expect((await listAuditOfShop(db(), shop.id)).map((e) => e.action)).toContain('shop.profile_updated')
  })

  it('shows a new staff member their shop and a renamed shop its new name at once, though memberships are remembered', async () => {
    const shop = await aShop(db())
    const clerk = await aUser(db())
    expect(await listMemberships(db(), clerk.id)).toEqual([])
    await addStaffMember(db(), shop.id, clerk.id, 'staff')
    expect(await listMemberships(db(), clerk.id)).toEqual([
      { shopId: shop.id, shopSlug: shop.slug, shopName: shop.name, role: 'staff' },
    ])
    await updateShopProfile(deps(), owner, shop.id, aShopProfile({ name: 'Le Comptoir renommé' }))
    expect((await listMemberships(db(), clerk.id))[0]?.shopName).toBe('Le Comptoir renommé')
    await addStaffMember(db(), shop.id, clerk.id, 'owner')
    expect(await listMemberships(db(), clerk.id)).toEqual([
      { shopId: shop.id, shopSlug: shop.slug, shopName: 'Le Comptoir renommé', role: 'owner' },
    ])
  })

  it('answers not found when updating a shop that does not exist', async () => {
    const attempt = updateShopProfile(deps(), owner, newId<ShopId>(), aShopProfile())
    await expect(attempt).rejects.toBeInstanceOf(AppError)
    await expect(attempt).rejects.toMatchObject({ kind: 'not_found', code: 'shops.shop_not_found' })
  })

  it('replaces the whole week of opening hours, leaving none of the old ranges', async () => {
    const shop = await aShop(db())
    await setWeeklyHours(deps(), owner, shop.id, WEEK_A)
    expect((await getOpeningSchedule(db(), shop.id, clock.now())).hours).toEqual(byDayAndTime(WEEK_A))

    await setWeeklyHours(deps(), owner, shop.id, WEEK_B)
    expect((await getOpeningSchedule(db(), shop.id, clock.now())).hours).toEqual(byDayAndTime(WEEK_B))

    await setWeeklyHours(deps(), owner, shop.id, [])
    expect((await getOpeningSchedule(db(), shop.id, clock.now())).hours).toEqual([])
  })

  it('keeps the current week when new hours are refused', async () => {
    const shop = await aShop(db())
    await setWeeklyHours(deps(), owner, shop.id, WEEK_A)
    const overlapping = [...WEEK_B, range(1, 17, 20)]
    await expect(setWeeklyHours(deps(), owner, shop.id, overlapping)).rejects.toMatchObject({
      kind: 'invalid',
      code: 'shops.invalid_hours',
      details: { errors: [{ field: 'hours', code: 'overlapping_ranges' }] },
    })
    expect((await getOpeningSchedule(db(), shop.id, clock.now())).hours).toEqual(byDayAndTime(WEEK_A))
  })

  it('when two people save the week at the same moment, ends with one of the two weeks, never a mix', async () => {
    const shop = await aShop(db())
    for (let round = 0; round < 5; round++) {
      await Promise.allSettled([
        setWeeklyHours(deps(), owner, shop.id, WEEK_A),
        setWeeklyHours(deps(), owner, shop.id, WEEK_B),
        setWeeklyHours(deps(), owner, shop.id, WEEK_A),
        setWeeklyHours(deps(), owner, shop.id, WEEK_B),
      ])
      const { hours } = await getOpeningSchedule(db(), shop.id, clock.now())
      expect([byDayAndTime(WEEK_A), byDayAndTime(WEEK_B)]).toContainEqual(hours)
    }
  })

  it('answers not found when setting hours of a shop that does not exist', async () => {
    await expect(setWeeklyHours(deps(), owner, newId<ShopId>(), WEEK_A)).rejects.toMatchObject({
      kind: 'not_found',
    })
  })

  it('shows an exceptional closure until it is removed', async () => {
    const shop = await aShop(db())
    await setWeeklyHours(deps(), owner, shop.id, WEEK_A)
    const closure = await addClosure(deps(), owner, shop.id, {
      startsOn: '2026-05-05',
      endsOn: '2026-05-06',
      reason: ' Inventaire ',
    })
    expect(closure).toMatchObject({ startsOn: '2026-05-05', endsOn: '2026-05-06', reason: 'Inventaire' })

    const during = await getOpeningSchedule(db(), shop.id, clock.now())
    expect(during.closures).toEqual([closure])
    // Closed today and tomorrow: opens Thursday 7 May at 08:00 in Paris.
    expect(during.status).toEqual({ state: 'closed', nextOpensAt: new Date('2026-05-07T06:00:00Z'), closure })

    await removeClosure(deps(), owner, shop.id, closure.id)
    const after = await getOpeningSchedule(db(), shop.id, clock.now())
    expect(after.closures).toEqual([])
    expect(after.status).toEqual({ state: 'open', closesAt: new Date('2026-05-05T10:00:00Z') })
    expect((await listAuditOfShop(db(), shop.id)).map((e) => e.action)).toEqual(
      expect.arrayContaining(['shop.hours_updated', 'shop.closure_added', 'shop.closure_removed']),
    )
  })

  it('lists only closures that end today or later, soonest first', async () => {
    const shop = await aShop(db())
    await addClosure(deps(), owner, shop.id, {
      startsOn: '2026-04-01',
      endsOn: '2026-04-02',
      reason: 'Passée',
    })
    const august = await addClosure(deps(), owner, shop.id, {
      startsOn: '2026-08-01',
      endsOn: '2026-08-20',
      reason: 'Été',
    })
    const ending = await addClosure(deps(), owner, shop.id, {
      startsOn: '2026-05-01',
      endsOn: '2026-05-05',
      reason: 'Pont',
    })
    expect((await getOpeningSchedule(db(), shop.id, clock.now())).closures).toEqual([ending, august])
  })

  it('refuses a closure that ends before it starts or has an impossible date', async () => {
    const shop = await aShop(db())
    await expect(
      addClosure(deps(), owner, shop.id, { startsOn: '2026-05-10', endsOn: '2026-05-01', reason: '' }),
    ).rejects.toMatchObject({
      code: 'shops.invalid_closure',
      details: { errors: [{ field: 'endsOn', code: 'ends_before_start' }] },
    })
    await expect(
      addClosure(deps(), owner, shop.id, { startsOn: '2026-02-30', endsOn: '2026-03-01', reason: '' }),
    ).rejects.toMatchObject({
      code: 'shops.invalid_closure',
    })
    await expect(
      addClosure(deps(), owner, shop.id, {
        startsOn: '2026-05-10',
        endsOn: '2026-05-11',
        reason: 'x'.repeat(201),
      }),
    ).rejects.toMatchObject({
      details: { errors: [{ field: 'reason', code: 'too_long' }] },
    })
  })

  it("never lets a shop remove another shop's closure", async () => {
    const shopA = await aShop(db())
    const shopB = await aShop(db())
    const closureOfA = await addClosure(deps(), owner, shopA.id, {
      startsOn: '2026-06-01',
      endsOn: '2026-06-01',
      reason: 'Formation',
    })

    const attempt = removeClosure(deps(), owner, shopB.id, closureOfA.id)
    await expect(attempt).rejects.toBeInstanceOf(AppError)
    await expect(attempt).rejects.toMatchObject({ kind: 'not_found', code: 'shops.closure_not_found' })
    expect((await getOpeningSchedule(db(), shopA.id, clock.now())).closures).toEqual([closureOfA])
  })

  it('answers not found when removing a closure twice', async () => {
    const shop = await aShop(db())
    const closure = await addClosure(deps(), owner, shop.id, {
      startsOn: '2026-06-01',
      endsOn: '2026-06-01',
      reason: '',
    })
    await removeClosure(deps(), owner, shop.id, closure.id)
    await expect(removeClosure(deps(), owner, shop.id, closure.id)).rejects.toMatchObject({
      kind: 'not_found',
    })
  })

  it('tells residents whether a shop is open now, in the lunch break, or when it opens', async () => {
    const shop = await aShop(db())
    await setWeeklyHours(deps(), owner, shop.id, WEEK_A)
    // Tuesday 10:00 Paris: open until 12:00.
    expect((await getOpeningSchedule(db(), shop.id, new Date('2026-05-05T08:00:00Z'))).status).toEqual({
      state: 'open',
      closesAt: new Date('2026-05-05T10:00:00Z'),
    })
    // Tuesday 13:00 Paris: lunch, opens at 14:00.
    expect((await getOpeningSchedule(db(), shop.id, new Date('2026-05-05T11:00:00Z'))).status).toMatchObject({
      state: 'closed',
      nextOpensAt: new Date('2026-05-05T12:00:00Z'),
    })
    // Sunday: opens Tuesday 08:00.
    expect((await getOpeningSchedule(db(), shop.id, new Date('2026-05-03T10:00:00Z'))).status).toMatchObject({
      state: 'closed',
      nextOpensAt: new Date('2026-05-05T06:00:00Z'),
    })
  })

  it('reasons on the clock of the shop zone', async () => {
    const shop = await aShop(db(), { timeZone: 'America/Martinique' })
    await setWeeklyHours(
      deps(),
      owner,
      shop.id,
      [1, 2, 3, 4, 5, 6, 7].map((d) => range(d, 8, 12)),
    )
    // 08:00Z is 04:00 in Martinique: opens at 08:00 local = 12:00Z.
    const schedule = await getOpeningSchedule(db(), shop.id, new Date('2026-05-05T08:00:00Z'))
    expect(schedule.timeZone).toBe('America/Martinique')
    expect(schedule.status).toMatchObject({ state: 'closed', nextOpensAt: new Date('2026-05-05T12:00:00Z') })
  })

  it('gives the same status for many shops at once as for each shop alone', async () => {
    const open = await aShop(db())
    const closed = await aShop(db())
    await setWeeklyHours(deps(), owner, open.id, WEEK_A)
    await setWeeklyHours(deps(), owner, closed.id, WEEK_A)
    await addClosure(deps(), owner, closed.id, { startsOn: '2026-05-05', endsOn: '2026-05-05', reason: '' })
    const statuses = await getOpeningStatuses(db(), clock.now())
    for (const shop of [open, closed])
      expect(statuses.get(shop.id)).toEqual((await getOpeningSchedule(db(), shop.id, clock.now())).status)
    expect(statuses.get(open.id)?.state).toBe('open')
    expect(statuses.get(closed.id)?.state).toBe('closed')
  })

  it('answers not found for the schedule of a shop that does not exist', async () => {
    await expect(getOpeningSchedule(db(), newId<ShopId>(), clock.now())).rejects.toMatchObject({
      kind: 'not_found',
    })
    await expect(getShop(db(), newId<ShopId>())).rejects.toMatchObject({
      kind: 'not_found',
      code: 'shops.shop_not_found',
    })
  })

  it('pages through every shop exactly once, two at a time, even when names are equal', async () => {
    const tag = Math.random().toString(36).slice(2, 8)
    const mine = [
      await aShop(db(), { name: `Cave ${tag}` }),
      await aShop(db(), { name: `Cave ${tag}`, slug: `cave-${tag}-bis` }),
      await aShop(db(), { name: `Cave ${tag}`, slug: `cave-${tag}-ter` }),
      await aShop(db(), { name: `Atelier ${tag}` }),
      await aShop(db(), { name: `Zinc ${tag}` }),
    ]
    const seen: string[] = []
    let cursor: string | undefined
    for (let pages = 0; pages < 1000; pages++) {
      const page = await listShops(db(), { limit: 2, cursor })
      expect(page.items.length).toBeLessThanOrEqual(2)
      seen.push(...page.items.map((s) => s.id))
      cursor = page.nextCursor
      if (!cursor) break
    }
    const total = await db()
      .selectFrom('shops')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    expect(seen).toHaveLength(Number(total.n))
    expect(new Set(seen).size).toBe(seen.length)
    for (const shop of mine) expect(seen.filter((id) => id === shop.id)).toHaveLength(1)
  })

  it('lists shops of one kind, by name', async () => {
    const tag = Math.random().toString(36).slice(2, 8)
    const b = await aShop(db(), { kind: 'fleuriste', name: `Bouquet ${tag}` })
    const a = await aShop(db(), { kind: 'fleuriste', name: `Anémone ${tag}` })
    const page = await listShops(db(), { kind: 'fleuriste', limit: 100 })
    expect(page.items.every((s) => s.kind === 'fleuriste')).toBe(true)
    const ids = page.items.map((s) => s.id)
    expect(ids.indexOf(a.id)).toBeLessThan(ids.indexOf(b.id))
    expect(page.nextCursor).toBeUndefined()
  })

  it('treats a damaged cursor as the first page', async () => {
    const first = await listShops(db(), { limit: 2 })
    expect(await listShops(db(), { limit: 2, cursor: 'not-a-cursor' })).toEqual(first)
    expect(await listShops(db(), { limit: 2, cursor: 'x'.repeat(600) })).toEqual(first)
  })
})
