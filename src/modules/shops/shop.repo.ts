import type { Selectable } from 'kysely'
import type { Db } from '../../db/index.js'
import { prepared, type Placeholder } from '../../db/prepared.js'
import type { ClosuresTable, OpeningHoursTable, ShopsTable } from '../../db/schema/shops.js'
import type { ShopId } from '../../lib/ids.js'
import type { Closure, OpeningRange, Shop, ShopKind } from './types.js'

export function toShop(row: Selectable<ShopsTable>): Shop {
  return {
    id: row.id as ShopId,
    slug: row.slug,
    name: row.name,
    kind: row.kind as ShopKind,
    tagline: row.tagline,
    description: row.description,
    address: { street: row.street, postalCode: row.postal_code, city: row.city },
    phone: row.phone,
    email: row.email,
    geo:
      row.latitude !== null && row.longitude !== null
        ? { latitude: row.latitude, longitude: row.longitude }
        : undefined,
    timeZone: row.time_zone,
    siret: row.siret ?? undefined,
    vatNumber: row.vat_number ?? undefined,
    pickupInstructions: row.pickup_instructions,
    stockFreshnessHours: row.stock_freshness_hours,
    pickup: {
      enabled: row.pickup_enabled === 1,
      slotMinutes: row.slot_minutes,
      slotCapacity: row.slot_capacity,
      preparationMinutes: row.preparation_minutes,
      handoverMarginMinutes: row.handover_margin_minutes,
      horizonDays: row.pickup_horizon_days,
      noShowAfterHours: row.no_show_after_hours,
    },
    updatedAt: row.updated_at,
  }
}

const toOpeningRange = (row: Selectable<OpeningHoursTable>): OpeningRange => ({
  weekday: row.weekday,
  opensMinute: row.opens_minute,
  closesMinute: row.closes_minute,
})

const toClosure = (row: Selectable<ClosuresTable>): Closure => ({
  id: row.id,
  startsOn: row.starts_on,
  endsOn: row.ends_on,
  reason: row.reason,
})

export async function selectShop(db: Db, shopId: ShopId): Promise<Shop | undefined> {
  const row = await shopById.first(db, { shopId })
  return row && toShop(row)
}

const shopById = prepared((db, p: Placeholder<{ shopId: string }>) =>
  db.selectFrom('shops').selectAll().where('id', '=', p('shopId')),
)

export async function selectHours(db: Db, shopIds: readonly ShopId[]): Promise<Map<ShopId, OpeningRange[]>> {
  const result = new Map<ShopId, OpeningRange[]>(shopIds.map((id) => [id, []]))
  if (shopIds.length === 0) return result
  const rows = await hoursOf.rows(db, { shopIds: [...shopIds] })
  for (const row of rows) result.get(row.shop_id as ShopId)?.push(toOpeningRange(row))
  return result
}

export async function selectClosures(
  db: Db,
  shopIds: readonly ShopId[],
  fromDate: string,
): Promise<Map<ShopId, Closure[]>> {
  const result = new Map<ShopId, Closure[]>(shopIds.map((id) => [id, []]))
  if (shopIds.length === 0) return result
  const rows = await closuresOf.rows(db, { shopIds: [...shopIds], fromDate })
  for (const row of rows) result.get(row.shop_id as ShopId)?.push(toClosure(row))
  return result
}

// One compiled form per number of shops: a listing asks for all of them, a shop page for one.
const hoursOf = prepared((db, p: Placeholder<{ shopIds: string[] }>) =>
  db
    .selectFrom('opening_hours')
    .selectAll()
    .where('shop_id', 'in', p('shopIds'))
    .orderBy('weekday')
    .orderBy('opens_minute'),
)
const closuresOf = prepared((db, p: Placeholder<{ shopIds: string[]; fromDate: string }>) =>
  db
    .selectFrom('closures')
    .selectAll()
    .where('shop_id', 'in', p('shopIds'))
    .where('ends_on', '>=', p('fromDate'))
    .orderBy('starts_on'),
)
