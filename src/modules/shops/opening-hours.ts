import { newId, type ShopId, type UserId } from '../../lib/ids.js'
import { addDays, toZoned } from '../../lib/zoned-time.js'
import type { Db } from '../../db/index.js'
import { recordAudit } from '../identity/index.js'
import { closureNotFound, invalidClosure, invalidHours, shopNotFound } from './errors.js'
import { checkClosure, checkWeeklyHours, openingStatus } from './rules.js'
import { selectClosures, selectHours, selectShop } from './shop.repo.js'
import type { Closure, OpeningRange, OpeningStatus, Shop } from './types.js'
import type { ShopsDeps } from './deps.js'

export interface OpeningSchedule {
  timeZone: string
  hours: OpeningRange[]
  /** Closures that end today or later, soonest first. */
  closures: Closure[]
  status: OpeningStatus
}

/** Replaces the weekly hours in one transaction: readers see the old week or the new one, never a mix. */
export async function setWeeklyHours(
  deps: ShopsDeps,
  actor: UserId,
  shopId: ShopId,
  ranges: readonly OpeningRange[],
): Promise<void> {
  const problems = checkWeeklyHours(ranges)
  if (problems.length > 0) throw invalidHours(problems)
  await deps.db.transaction().execute(async (trx) => {
    // Writing the shop row first takes its lock: two people saving the week at once are serialized, so
    // the second replaces the first week instead of adding to it (PostgreSQL's delete would not see
    // rows inserted by a concurrent transaction).
    const touched = await trx
      .updateTable('shops')
      .set({ updated_at: deps.clock.now().toISOString() })
      .where('id', '=', shopId)
      .executeTakeFirst()
    if (touched.numUpdatedRows === 0n) throw shopNotFound()
    await trx.deleteFrom('opening_hours').where('shop_id', '=', shopId).execute()
    if (ranges.length > 0) {
      await trx
        .insertInto('opening_hours')
        .values(
          ranges.map((r) => ({
            shop_id: shopId,
            weekday: r.weekday,
            opens_minute: r.opensMinute,
            closes_minute: r.closesMinute,
          })),
        )
        .execute()
    }
    await recordAudit(trx, {
      at: deps.clock.now().toISOString(),
      actor,
      shopId,
      action: 'shop.hours_updated',
      subject: shopId,
    })
  })
  deps.changes?.publish({ shopId })
}

export async function addClosure(
  deps: ShopsDeps,
  actor: UserId,
  shopId: ShopId,
  input: { startsOn: string; endsOn: string; reason: string },
): Promise<Closure> {
  const problems = checkClosure(input.startsOn, input.endsOn)
  if (input.reason.length > 200) problems.push({ field: 'reason', code: 'too_long' })
  if (problems.length > 0) throw invalidClosure(problems)
  const closure: Closure = {
    id: newId(),
    startsOn: input.startsOn,
    endsOn: input.endsOn,
    reason: input.reason.trim(),
  }
  await deps.db.transaction().execute(async (trx) => {
    const shop = await trx.selectFrom('shops').select('id').where('id', '=', shopId).executeTakeFirst()
    if (!shop) throw shopNotFound()
    await trx
      .insertInto('closures')
      .values({
        id: closure.id,
        shop_id: shopId,
        starts_on: closure.startsOn,
        ends_on: closure.endsOn,
        reason: closure.reason,
      })
      .execute()
    await recordAudit(trx, {
      at: deps.clock.now().toISOString(),
      actor,
      shopId,
      action: 'shop.closure_added',
      subject: closure.id,
    })
  })
  deps.changes?.publish({ shopId })
  return closure
}

export async function removeClosure(
  deps: ShopsDeps,
  actor: UserId,
  shopId: ShopId,
  closureId: string,
): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const result = await trx
      .deleteFrom('closures')
      .where('shop_id', '=', shopId)
      .where('id', '=', closureId)
      .executeTakeFirst()
    if (result.numDeletedRows === 0n) throw closureNotFound()
    await recordAudit(trx, {
      at: deps.clock.now().toISOString(),
      actor,
      shopId,
      action: 'shop.closure_removed',
      subject: closureId,
    })
  })
  deps.changes?.publish({ shopId })
}

/** The shop's week, closures and status now. A page that already holds the shop passes it: no second read. */
export async function getOpeningSchedule(
  db: Db,
  shopOrId: ShopId | Pick<Shop, 'id' | 'timeZone'>,
  now: Date,
): Promise<OpeningSchedule> {
  const shop = typeof shopOrId === 'string' ? await selectShop(db, shopOrId) : shopOrId
  if (!shop) throw shopNotFound()
  const shopId = shop.id
  const today = toZoned(now, shop.timeZone).date
  const [hours, closures] = await Promise.all([
    selectHours(db, [shopId]),
    selectClosures(db, [shopId], today),
  ])
  const shopHours = hours.get(shopId) ?? []
  const shopClosures = closures.get(shopId) ?? []
  return {
    timeZone: shop.timeZone,
    hours: shopHours,
    closures: shopClosures,
    status: openingStatus(shopHours, shopClosures, now, shop.timeZone),
  }
}

/** The opening status of many shops at once (listings, the "open now" filter): three queries in all. */
export async function getOpeningStatuses(db: Db, now: Date): Promise<Map<ShopId, OpeningStatus>> {
  const shops = await db.selectFrom('shops').select(['id', 'time_zone']).execute()
  const ids = shops.map((s) => s.id as ShopId)
  // Closures are fetched from yesterday (UTC) so that shops in any zone see today's closure.
  const fromDate = addDays(now.toISOString().slice(0, 10), -1)
  const [hours, closures] = await Promise.all([selectHours(db, ids), selectClosures(db, ids, fromDate)])
  const result = new Map<ShopId, OpeningStatus>()
  for (const shop of shops) {
    const id = shop.id as ShopId
    result.set(id, openingStatus(hours.get(id) ?? [], closures.get(id) ?? [], now, shop.time_zone))
  }
  return result
}
