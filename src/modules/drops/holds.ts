import { sql } from 'kysely'
import type { Db, Trx } from '../../db/index.js'
import { writeTransaction } from '../../db/group-commit.js'
import { enqueue } from '../../db/outbox.js'
import { newId, type ProductId, type ShopId, type UserId } from '../../lib/ids.js'
import { isAdmitted } from './admission-token.js'
import { admitNext, forgetAdmissionCheck, lockDrop } from './queue.js'
import { forgetSnapshot } from './snapshot.js'
import { grantHolds, MAX_PER_RESIDENT, type HoldGrant } from './rules.js'
import {
  busy,
  dropNotFound,
  holdExpired,
  invalidQuantity,
  limitReached,
  notAdmitted,
  notOpen,
  soldOut,
} from './errors.js'
import { giveBackToStock } from './schedule-drop.js'
import type { DropsDeps } from './deps.js'

/** The most requests one batch serves: bounds the wait of the first one. */
const MAX_BATCH = 500
/** Requests waiting for a batch beyond which new ones are turned away at once (503 with Retry-After). */
const MAX_WAITING = 5_000

export interface HeldUnits {
  /** Units this request added. */
  granted: number
  /** Units the resident holds now (not yet ordered). */
  holding: number
  expiresAt: string
}

/**
 * Written in the hold's own transaction once units are granted: the caller's line in the resident's basket. It
 * must not fail for reasons of its own (check what it needs before asking for the hold): the batch's other
 * holds share its transaction and would fail with it.
 */
export type WithHold = (trx: Trx, holding: number) => Promise<void>

interface Pending {
  userId: string
  quantity: number
  withHold: WithHold | undefined
  resolve: (grant: HoldGrant & { holding: number; expiresAt: string }) => void
  reject: (error: unknown) => void
}

/**
 * An admitted resident asks for units of a drop (decision 005). The admission token is checked first, without
 * reading the queue; the request then joins this process's batch for the drop, served in one transaction with
 * the others. `withHold` writes what goes with the hold (its basket line) in the same transaction, so neither is
 * ever on disk without the other. Throws drops.not_admitted, drops.invalid_quantity, drops.not_open,
 * drops.sold_out or drops.limit_reached.
 */
export async function holdDropUnits(
  deps: DropsDeps,
  dropId: string,
  userId: UserId,
  admission: string,
  quantity: number,
  withHold?: WithHold,
): Promise<HeldUnits> {
  if (!isAdmitted(deps.admissionSecret, admission, dropId, userId, deps.clock.now())) throw notAdmitted()
  if (!Number.isInteger(quantity) || quantity < 1 || quantity > MAX_PER_RESIDENT) throw invalidQuantity()
  const grant = await batcherOf(deps).request(dropId, userId, quantity, withHold)
  if (grant.granted === 0) throw grant.reason === 'limit_reached' ? limitReached() : soldOut()
  return { granted: grant.granted, holding: grant.holding, expiresAt: grant.expiresAt }
}

const batchers = new WeakMap<Db, HoldBatcher>()
function batcherOf(deps: DropsDeps): HoldBatcher {
  let batcher = batchers.get(deps.db)
  if (!batcher) batchers.set(deps.db, (batcher = new HoldBatcher(deps)))
  return batcher
}

class HoldBatcher {
  readonly #queues = new Map<string, Pending[]>()

  constructor(private readonly deps: DropsDeps) {}

  request(
    dropId: string,
    userId: string,
    quantity: number,
    withHold: WithHold | undefined,
  ): Promise<HoldGrant & { holding: number; expiresAt: string }> {
    return new Promise((resolve, reject) => {
      let queue = this.#queues.get(dropId)
      if (queue && queue.length >= MAX_WAITING) {
        reject(busy())
        return
      }
      if (!queue) {
        this.#queues.set(dropId, (queue = []))
        // The batch starts after the requests already received in this turn of the event loop have joined.
        setImmediate(() => void this.#flush(dropId))
      }
      queue.push({ userId, quantity, withHold, resolve, reject })
    })
  }

  async #flush(dropId: string): Promise<void> {
    const queue = this.#queues.get(dropId) ?? []
    this.#queues.delete(dropId)
    for (let start = 0; start < queue.length; start += MAX_BATCH) {
      const batch = queue.slice(start, start + MAX_BATCH)
      try {
        const outcomes = await writeTransaction(this.deps.db, (trx) =>
          serveBatch(this.deps, trx, dropId, batch),
        )
        forgetSnapshot(this.deps.db, dropId)
        forgetAdmissionCheck(this.deps.db, dropId)
        batch.forEach((pending, i) => pending.resolve(outcomes[i]!))
      } catch (error) {
        for (const pending of batch) pending.reject(error)
      }
    }
  }
}

/** One batch, in one transaction: expire due holds, grant in arrival order, write the counter once, admit the next. */
async function serveBatch(
  deps: DropsDeps,
  trx: Trx,
  dropId: string,
  batch: readonly Pending[],
): Promise<Array<HoldGrant & { holding: number; expiresAt: string }>> {
  const now = deps.clock.now()
  const at = now.toISOString()
  const drop = await lockDrop(trx, dropId)
  if (!drop) throw dropNotFound()
  if (drop.ended_at || at < drop.starts_at) throw notOpen()
  const freed = await expireDue(trx, dropId, at)
  const unitsLeft = drop.units_left + freed
  const users = [...new Set(batch.map((p) => p.userId))]
  const taken = await trx
    .selectFrom('drop_holds')
    .select(['user_id', 'quantity', 'status', 'id', 'expires_at'])
    .where('drop_id', '=', dropId)
    .where('user_id', 'in', users)
    .where('status', 'in', ['held', 'ordered'])
    .execute()
  const alreadyTaken = new Map<string, number>()
  for (const row of taken) alreadyTaken.set(row.user_id, (alreadyTaken.get(row.user_id) ?? 0) + row.quantity)
  const { grants, unitsLeft: left } = grantHolds(batch, unitsLeft, drop.per_resident_limit, alreadyTaken)

  const expiresAt = new Date(now.getTime() + drop.hold_minutes * 60_000).toISOString()
  const holding = new Map(
    taken.filter((r) => r.status === 'held').map((r) => [r.user_id, { id: r.id, quantity: r.quantity }]),
  )
  for (const grant of grants) {
    if (grant.granted === 0) continue
    const live = holding.get(grant.userId)
    if (live) {
      live.quantity += grant.granted
      await trx
        .updateTable('drop_holds')
        .set({ quantity: live.quantity, expires_at: expiresAt })
        .where('id', '=', live.id)
        .execute()
    } else {
      const id = newId()
      holding.set(grant.userId, { id, quantity: grant.granted })
      await trx
        .insertInto('drop_holds')
        .values({
          id,
          drop_id: dropId,
          user_id: grant.userId,
          quantity: grant.granted,
          status: 'held',
          held_at: at,
          expires_at: expiresAt,
          order_id: null,
        })
        .execute()
    }
  }
  // What goes with each granted hold (its basket line), in this transaction: one commit for all of them.
  for (const [i, grant] of grants.entries()) {
    const withHold = batch[i]!.withHold
    if (grant.granted > 0 && withHold) await withHold(trx, holding.get(grant.userId)!.quantity)
  }
  await trx.updateTable('drops').set({ units_left: left }).where('id', '=', dropId).execute()
  if (left < unitsLeft) {
    // The holds granted now expire together: one message per drop and second wakes the sweeper then.
    await enqueue(
      trx,
      {
        topic: 'drop.holds_expire',
        key: `${dropId}:${expiresAt.slice(0, 19)}`,
        shopId: drop.shop_id,
        notBefore: expiresAt,
      },
      at,
    )
  }
  await admitNext(deps, dropId, trx)
  return grants.map((grant) => ({ ...grant, holding: holding.get(grant.userId)?.quantity ?? 0, expiresAt }))
}

/** Step: holds past their time go back to the drop's counter; their units' count. */
async function expireDue(trx: Trx, dropId: string, at: string): Promise<number> {
  const expired = await trx
    .updateTable('drop_holds')
    .set({ status: 'expired' })
    .where('drop_id', '=', dropId)
    .where('status', '=', 'held')
    .where('expires_at', '<=', at)
    .returning('quantity')
    .execute()
  return expired.reduce((sum, row) => sum + row.quantity, 0)
}

/**
 * The sweeper (outbox drop.holds_expire): holds not checked out in time give their units back, to the drop
 * (and the next residents are admitted) or, once the drop has ended, to ordinary stock.
 */
export async function expireDropHolds(
  deps: Omit<DropsDeps, 'admissionSecret'>,
  dropId: string,
): Promise<void> {
  const at = deps.clock.now().toISOString()
  const productOf = await writeTransaction(deps.db, async (trx) => {
    const drop = await lockDrop(trx, dropId)
    if (!drop) return undefined
    const freed = await expireDue(trx, dropId, at)
    if (freed === 0) return undefined
    await trx
      .updateTable('drops')
      .set({ units_left: sql`units_left + ${freed}` })
      .where('id', '=', dropId)
      .execute()
    if (drop.ended_at) await giveBackToStock(trx, drop, freed)
    else await admitNext(deps, dropId, trx)
    return { shopId: drop.shop_id as ShopId, productId: drop.product_id as ProductId }
  })
  forgetSnapshot(deps.db, dropId)
  forgetAdmissionCheck(deps.db, dropId)
  if (productOf) deps.changes?.publish(productOf)
}

/**
 * Step of a checkout: the resident's hold becomes ordered, if it is still held, not expired and of this
 * quantity; its units were set aside with the drop, so no stock is held again. Throws drops.hold_expired.
 */
export async function orderDropHold(
  trx: Trx,
  hold: { dropId: string; userId: string; quantity: number; orderId: string; at: string },
): Promise<void> {
  const ordered = await trx
    .updateTable('drop_holds')
    .set({ status: 'ordered', order_id: hold.orderId })
    .where('drop_id', '=', hold.dropId)
    .where('user_id', '=', hold.userId)
    .where('status', '=', 'held')
    .where('expires_at', '>', hold.at)
    .where('quantity', '=', hold.quantity)
    .executeTakeFirst()
  if (ordered.numUpdatedRows === 0n) throw holdExpired()
}
