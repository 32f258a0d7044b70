import type { ShopId, UserId } from '../../lib/ids.js'
import { recordAudit } from '../identity/index.js'
import { profileColumns } from './create-shop.js'
import { invalidProfile, shopNotFound } from './errors.js'
import { forgetMemberships } from './staff.js'
import { checkShopProfile } from './rules.js'
import { selectShop } from './shop.repo.js'
import type { Shop, ShopProfileInput } from './types.js'
import type { ShopsDeps } from './deps.js'

/** The owner edits the shop profile. The slug (the shop's address on the site) does not change. */
export async function updateShopProfile(
  deps: ShopsDeps,
  actor: UserId,
  shopId: ShopId,
  input: ShopProfileInput,
): Promise<Shop> {
  const problems = checkShopProfile(input)
  if (problems.length > 0) throw invalidProfile(problems)
  await deps.db.transaction().execute(async (trx) => {
    const now = deps.clock.now().toISOString()
    const columns = profileColumns(input)
    // Optional settings left out of the input keep their value (a form without a map must not erase it).
    const kept = {
      latitude: input.latitude === undefined ? undefined : columns.latitude,
      longitude: input.longitude === undefined ? undefined : columns.longitude,
      time_zone: input.timeZone === undefined ? undefined : columns.time_zone,
      stock_freshness_hours:
        input.stockFreshnessHours === undefined ? undefined : columns.stock_freshness_hours,
    }
    const result = await trx
      .updateTable('shops')
      .set({ ...columns, ...kept, updated_at: now })
      .where('id', '=', shopId)
      .executeTakeFirst()
    if (result.numUpdatedRows === 0n) throw shopNotFound()
    await recordAudit(trx, { at: now, actor, shopId, action: 'shop.profile_updated', subject: shopId })
  })
  forgetMemberships()
  deps.changes?.publish({ shopId })
  const shop = await selectShop(deps.db, shopId)
  if (!shop) throw shopNotFound()
  return shop
}
