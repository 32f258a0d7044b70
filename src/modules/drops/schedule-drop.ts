import type { Selectable } from 'kysely'
import type { Db, Trx } from '../../db/index.js'
import type { DropsTable } from '../../db/schema/drops.js'
import { newId, type ProductId, type ShopId, type UserId, type VariantId } from '../../lib/ids.js'
import { findSellableVariants, isOrderable } from '../catalog/index.js'
import { holdStock, releaseStock } from '../inventory/index.js'
import { dropNotFound, invalidDrop, variantNotOrderable } from './errors.js'
import { checkDropInput, type DropInput } from './rules.js'
import { checkOffers, insertOffers } from './offers.js'
import { forgetSnapshot } from './snapshot.js'
import type { Drop } from './types.js'
import type { DropsDeps } from './deps.js'

function toDrop(row: Selectable<DropsTable>): Drop {
  return {
    id: row.id,
    shopId: row.shop_id as ShopId,
    productId: row.product_id as ProductId,
    variantId: row.variant_id as VariantId,
    title: row.title,
    startsAt: row.starts_at,
    units: row.units,
    perResidentLimit: row.per_resident_limit,
    holdMinutes: row.hold_minutes,
    unitsLeft: row.units_left,
    admitted: row.admitted,
    endedAt: row.ended_at ?? undefined,
  }
}

/**
 * A shop schedules a drop: the units are set aside from the variant's stock at once (the same conditional
 * hold as a checkout), so ordinary sales can only sell the rest. Throws drops.invalid_drop (fields),
 * drops.variant_not_orderable (field variantId), drops.offer_not_orderable (field offers.N.variantId) or
 * inventory.insufficient_stock.
 */
export async function scheduleDrop(
  deps: DropsDeps,
  _actor: UserId | undefined,
  shopId: ShopId,
  input: DropInput,
): Promise<Drop> {
  const now = deps.clock.now()
  const problems = checkDropInput(input, now)
  if (problems.length > 0) throw invalidDrop(problems)
  const variant = (await findSellableVariants(deps.db, [input.variantId])).get(input.variantId as VariantId)
  // Another shop's variant is answered like an unknown one.
  if (!variant || variant.shopId !== shopId || !isOrderable(variant) || variant.available === undefined)
    throw variantNotOrderable()
  const offers = input.offers ?? []
  await checkOffers(deps.db, shopId, variant, offers)
  const id = newId()
  const row = {
    id,
    shop_id: shopId,
    product_id: variant.productId,
    variant_id: variant.variantId,
    title: input.title.trim(),
    starts_at: new Date(input.startsAt).toISOString(),
    units: input.units,
    per_resident_limit: input.perResidentLimit,
    hold_minutes: input.holdMinutes,
    units_left: input.units,
    admitted: 0,
    departed: 0,
    created_at: now.toISOString(),
    ended_at: null,
  }
  await deps.db.transaction().execute(async (trx) => {
    await holdStock(trx, [
      { variantId: variant.variantId, productId: variant.productId, quantity: input.units },
    ])
    await trx.insertInto('drops').values(row).execute()
    await insertOffers(trx, id, offers)
  })
  deps.changes?.publish({ shopId, productId: variant.productId })
  return toDrop(row)
}

export async function getDrop(db: Db, dropId: string): Promise<Drop> {
  const row = await db.selectFrom('drops').selectAll().where('id', '=', dropId).executeTakeFirst()
  if (!row) throw dropNotFound()
  return toDrop(row)
}

export async function listShopDrops(db: Db, shopId: ShopId): Promise<Drop[]> {
  return (
    await db
      .selectFrom('drops')
      .selectAll()
      .where('shop_id', '=', shopId)
      .orderBy('starts_at', 'desc')
      .limit(100)
      .execute()
  ).map(toDrop)
}

/**
 * The shop ends its drop: units nobody holds go back to ordinary stock; holds still running finish (ordered,
 * or given back to stock when they expire). Safe to run twice.
 */
export async function endDrop(deps: DropsDeps, shopId: ShopId, dropId: string): Promise<Drop> {
  const at = deps.clock.now().toISOString()
  const drop = await deps.db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable('drops')
      .set({ ended_at: at })
      .where('id', '=', dropId)
      .where('shop_id', '=', shopId)
      .where('ended_at', 'is', null)
      .returningAll()
      .executeTakeFirst()
    if (!row) {
      const existing = await trx
        .selectFrom('drops')
        .selectAll()
        .where('id', '=', dropId)
        .where('shop_id', '=', shopId)
        .executeTakeFirst()
      if (!existing) throw dropNotFound()
      return toDrop(existing)
    }
    await giveBackToStock(trx, row, row.units_left)
    return toDrop({ ...row, units_left: 0 })
  })
  forgetSnapshot(deps.db, dropId)
  deps.changes?.publish({ shopId, productId: drop.productId })
  return drop
}

/** Step: units of an ended drop leave its counter for ordinary stock. */
export async function giveBackToStock(
  trx: Trx,
  row: Pick<Selectable<DropsTable>, 'id' | 'variant_id' | 'product_id'>,
  units: number,
): Promise<void> {
  if (units <= 0) return
  await trx
    .updateTable('drops')
    .set((eb) => ({ units_left: eb('units_left', '-', units) }))
    .where('id', '=', row.id)
    .execute()
  await releaseStock(trx, [
    { variantId: row.variant_id as VariantId, productId: row.product_id as ProductId, quantity: units },
  ])
}
