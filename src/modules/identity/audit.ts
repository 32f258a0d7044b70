import type { Db, Trx } from '../../db/index.js'
import { newId, type ShopId, type UserId } from '../../lib/ids.js'

export interface AuditEntry {
  at: string
  actor: UserId | undefined
  shopId: ShopId | undefined
  /** e.g. 'product.updated', 'product.photo_added' */
  action: string
  /** The id of what changed. */
  subject: string
  /** Never personal data: ids, field names, counts. */
  details?: Record<string, unknown>
}

/** Step: written in the same transaction as the change it records. */
export async function recordAudit(trx: Trx, entry: AuditEntry): Promise<void> {
  await trx
    .insertInto('audit_log')
    .values({
      id: newId(),
      at: entry.at,
      actor_user_id: entry.actor ?? null,
      shop_id: entry.shopId ?? null,
      action: entry.action,
      subject: entry.subject,
      details: JSON.stringify(entry.details ?? {}),
    })
    .execute()
}

export async function listAuditOfShop(db: Db, shopId: ShopId, limit = 50) {
  return db
    .selectFrom('audit_log')
    .selectAll()
    .where('shop_id', '=', shopId)
    .orderBy('at', 'desc')
    .limit(limit)
    .execute()
}
