import type { ShopId, UserId } from '../../lib/ids.js'
import { recordAudit } from '../identity/index.js'
import { invalidPickupSettings, shopNotFound } from './errors.js'
import { checkPickupSettings } from './rules.js'
import type { PickupSettings } from './types.js'
import type { ShopsDeps } from './deps.js'

/** The owner sets how click & collect works at the shop. Throws shops.invalid_pickup_settings. */
export async function updatePickupSettings(
  deps: ShopsDeps,
  actor: UserId,
  shopId: ShopId,
  input: PickupSettings,
): Promise<void> {
  const problems = checkPickupSettings(input)
  if (problems.length > 0) throw invalidPickupSettings(problems)
  const now = deps.clock.now().toISOString()
  await deps.db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable('shops')
      .set({
        pickup_enabled: input.enabled ? 1 : 0,
        slot_minutes: input.slotMinutes,
        slot_capacity: input.slotCapacity,
        preparation_minutes: input.preparationMinutes,
        handover_margin_minutes: input.handoverMarginMinutes,
        pickup_horizon_days: input.horizonDays,
        no_show_after_hours: input.noShowAfterHours,
        updated_at: now,
      })
      .where('id', '=', shopId)
      .executeTakeFirst()
    if (result.numUpdatedRows === 0n) throw shopNotFound()
    await recordAudit(trx, {
      at: now,
      actor,
      shopId,
      action: 'shop.pickup_updated',
      subject: shopId,
      details: { ...input },
    })
  })
  deps.changes?.publish({ shopId })
}
