import { sql } from 'kysely'
import type { Db, Trx } from '../../db/index.js'
import { enqueue } from '../../db/outbox.js'
import { newId, type ProductId, type ShopId, type UserId, type VariantId } from '../../lib/ids.js'
import { findSellableVariants, isOrderable } from '../catalog/index.js'
import { holdStock, releaseStock, type StockLine } from '../inventory/index.js'
import { lowerPaymentAmount } from '../payments/index.js'
import { MAX_LINE_QUANTITY } from './baskets.js'
import { getShopOrder, type Order } from './find-orders.js'
import { publishStock, recordOrderEvent } from './lifecycle.js'
import type { OrderStatus } from './rules.js'
import type { LifecycleDeps } from './deps.js'
import {
  adjustmentRefused,
  invalidAdjustment,
  lastLine,
  lineChanged,
  orderLineNotFound,
  orderNotFound,
} from './errors.js'

/** What staff do with a line they cannot serve as ordered (UX-03). */
export type LineAdjustment =
  | { kind: 'partial'; quantity: number }
  | { kind: 'withdraw' }
  | { kind: 'substitute'; variantId: string; quantity: number }

/** Until the order is handed over, the shop may still change what it can serve. */
export const ADJUSTABLE_STATUSES: readonly OrderStatus[] = ['placed', 'accepted', 'preparing', 'ready']

/** Changes made close together reach the resident as one message, this long after the first (UX-03: ≤ 15 min). */
export const ADJUSTMENT_NOTICE_DELAY_MINUTES = 5

/**
 * Staff change one line of their shop's order: fewer units, the line withdrawn, or another product of the shop
 * instead. Units given back and units of a substitute held travel in the same transaction as the line, the
 * order's total and the amount the payment will capture. A substitute is charged at the lower of the two unit
 * prices: the resident never pays more than they agreed to. The resident is told once for changes made close
 * together (outbox topic order.adjusted).
 * Throws ordering.order_not_found, ordering.order_line_not_found, ordering.adjustment_refused (order handed over or
 * closed), ordering.invalid_adjustment (field), ordering.last_line (cancel the order instead),
 * ordering.line_changed (someone changed it meanwhile), inventory.insufficient_stock (substitute).
 */
export async function adjustOrderLine(
  deps: LifecycleDeps,
  staff: { shopId: ShopId; userId: UserId },
  orderId: string,
  position: number,
  adjustment: LineAdjustment,
): Promise<Order> {
  const now = deps.clock.now()
  const at = now.toISOString()
  if (adjustment.kind !== 'withdraw' && !isQuantity(adjustment.quantity))
    throw invalidAdjustment('quantity', 'a quantity is a whole number from 1')
  const substitute =
    adjustment.kind === 'substitute' ? await checkSubstitute(deps.db, staff.shopId, adjustment) : undefined

  const moved = await deps.db.transaction().execute(async (trx) => {
    // The order's row first, locked until the commit (PostgreSQL), as a move locks it before slot and stock:
    // a change and a move of the same order never wait on each other in opposite orders.
    const order = await trx
      .updateTable('orders')
      .set({ updated_at: at })
      .where('id', '=', orderId)
      .where('shop_id', '=', staff.shopId)
      .returning(['id', 'status'])
      .executeTakeFirst()
    if (!order) throw orderNotFound()
    const status = order.status as OrderStatus
    if (!ADJUSTABLE_STATUSES.includes(status)) throw adjustmentRefused(status)
    const lines = await trx
      .selectFrom('order_lines')
      .selectAll()
      .where('order_id', '=', orderId)
      .orderBy('position')
      .execute()
    const line = lines.find((l) => l.position === position)
    if (!line) throw orderLineNotFound()
    if (adjustment.kind === 'partial' && adjustment.quantity >= line.quantity)
      throw invalidAdjustment('quantity', `fewer than the ${line.quantity} ordered`)
    if (adjustment.kind === 'withdraw' && lines.length === 1) throw lastLine()
    if (substitute && substitute.variantId === line.variant_id)
      throw invalidAdjustment('variantId', 'choose another product than the one ordered')
    // A substitute never raises what the resident pays: no more units than ordered, at the lower unit price.
    if (adjustment.kind === 'substitute' && adjustment.quantity > line.quantity)
      throw invalidAdjustment('quantity', `at most the ${line.quantity} ordered`)

    const same = { order_id: orderId, position, variant_id: line.variant_id, quantity: line.quantity }
    let changed: bigint
    if (adjustment.kind === 'withdraw') {
      changed = (
        await trx
          .deleteFrom('order_lines')
          .where((eb) => eb.and(same))
          .executeTakeFirst()
      ).numDeletedRows
    } else if (adjustment.kind === 'partial') {
      changed = (
        await trx
          .updateTable('order_lines')
          .set({ quantity: adjustment.quantity })
          .where((eb) => eb.and(same))
          .executeTakeFirst()
      ).numUpdatedRows
    } else {
      const s = substitute!
      changed = (
        await trx
          .updateTable('order_lines')
          .set({
            product_id: s.productId,
            variant_id: s.variantId,
            product_name: s.productName,
            variant_name: s.variantName,
            quantity: adjustment.quantity,
            unit_price_cents: Math.min(s.priceCents, line.unit_price_cents),
            vat_rate_bp: s.vatRateBp,
            holds_stock: s.available !== undefined ? 1 : 0,
            withdrawal_exception: s.withdrawalException ?? null,
          })
          .where((eb) => eb.and(same))
          .executeTakeFirst()
      ).numUpdatedRows
    }
    // Two staff changing the same line at once: the first change stands, the second is told.
    if (changed === 0n) throw lineChanged()

    const quantityAfter = adjustment.kind === 'withdraw' ? 0 : adjustment.quantity
    const released: StockLine[] = []
    const held: StockLine[] = []
    if (line.holds_stock) {
      const givenBack = adjustment.kind === 'partial' ? line.quantity - quantityAfter : line.quantity
      released.push({
        variantId: line.variant_id as VariantId,
        productId: line.product_id as ProductId,
        quantity: givenBack,
      })
    }
    if (substitute && substitute.available !== undefined)
      held.push({ variantId: substitute.variantId, productId: substitute.productId, quantity: quantityAfter })
    // Stock rows are locked in variant order everywhere (inventory): the substitute's first if it sorts first.
    if (held[0] && released[0] && held[0].variantId < released[0].variantId) {
      await holdStock(trx, held)
      await releaseStock(trx, released)
    } else {
      await releaseStock(trx, released)
      await holdStock(trx, held)
    }

    const total = await trx
      .selectFrom('order_lines')
      .select(sql<number>`coalesce(sum(quantity * unit_price_cents), 0)`.as('cents'))
      .where('order_id', '=', orderId)
      .executeTakeFirstOrThrow()
    const totalCents = Number(total.cents)
    await trx.updateTable('orders').set({ total_cents: totalCents }).where('id', '=', orderId).execute()
    await lowerPaymentAmount(trx, orderId, totalCents, at)

    const kind =
      adjustment.kind === 'withdraw' ? 'withdrawn' : adjustment.kind === 'partial' ? 'partial' : 'substituted'
    await trx
      .insertInto('order_line_changes')
      .values({
        id: newId(),
        order_id: orderId,
        shop_id: staff.shopId,
        position,
        kind,
        product_name: line.product_name,
        variant_name: line.variant_name,
        quantity_before: line.quantity,
        quantity_after: quantityAfter,
        substitute_product_name: substitute?.productName ?? null,
        substitute_variant_name: substitute?.variantName ?? null,
        at,
        actor_user_id: staff.userId,
        notified_at: null,
      })
      .execute()
    await recordOrderEvent(trx, {
      orderId,
      shopId: staff.shopId,
      from: status,
      to: status,
      at,
      actor: staff.userId,
      reason: describeChange(kind, line, quantityAfter, substitute),
    })
    await enqueueAdjustmentNotice(trx, orderId, staff.shopId, now)
    return [...released, ...held]
  })
  publishStock(deps, staff.shopId, moved)
  return getShopOrder(deps.db, staff.shopId, orderId)
}

export interface LineChange {
  id: string
  position: number
  kind: 'partial' | 'withdrawn' | 'substituted'
  productName: string
  variantName: string
  quantityBefore: number
  quantityAfter: number
  substituteProductName: string | undefined
  substituteVariantName: string | undefined
  at: string
  /** When the resident was told; undefined while the notice waits. */
  notifiedAt: string | undefined
}

/** What the shop changed in an order, oldest first. */
export async function listLineChanges(db: Db, orderId: string): Promise<LineChange[]> {
  const rows = await db
    .selectFrom('order_line_changes')
    .selectAll()
    .where('order_id', '=', orderId)
    .orderBy('at')
    .orderBy('id')
    .execute()
  return rows.map((r) => ({
    id: r.id,
    position: r.position,
    kind: r.kind as LineChange['kind'],
    productName: r.product_name,
    variantName: r.variant_name,
    quantityBefore: r.quantity_before,
    quantityAfter: r.quantity_after,
    substituteProductName: r.substitute_product_name ?? undefined,
    substituteVariantName: r.substitute_variant_name ?? undefined,
    at: r.at,
    notifiedAt: r.notified_at ?? undefined,
  }))
}

/**
 * After the notice about `told` left: marks them told. A change made meanwhile was not in that notice, so it
 * gets its own. The order's row is locked first, as an adjustment locks it before queuing its notice: one of
 * the two sees the other's work (PostgreSQL runs them side by side).
 */
export async function markLineChangesTold(
  deps: LifecycleDeps,
  orderId: string,
  told: readonly string[],
): Promise<void> {
  const now = deps.clock.now()
  await deps.db.transaction().execute(async (trx) => {
    const order = await trx
      .updateTable('orders')
      .set({ updated_at: sql`updated_at` })
      .where('id', '=', orderId)
      .returning('shop_id')
      .executeTakeFirst()
    if (!order) return
    if (told.length > 0)
      await trx
        .updateTable('order_line_changes')
        .set({ notified_at: now.toISOString() })
        .where('id', 'in', told)
        .where('notified_at', 'is', null)
        .execute()
    const untold = await trx
      .selectFrom('order_line_changes')
      .select('id')
      .where('order_id', '=', orderId)
      .where('notified_at', 'is', null)
      .executeTakeFirst()
    if (untold) await enqueueAdjustmentNotice(trx, orderId, order.shop_id, now)
  })
}

async function enqueueAdjustmentNotice(trx: Trx, orderId: string, shopId: string, now: Date): Promise<void> {
  // One message per batch of changes: the key names the batch by how many changes were told before it, so a
  // change made while a notice waits joins that notice (same key: ignored), and a later one starts the next.
  const told = await trx
    .selectFrom('order_line_changes')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('order_id', '=', orderId)
    .where('notified_at', 'is not', null)
    .executeTakeFirstOrThrow()
  const notBefore = new Date(now.getTime() + ADJUSTMENT_NOTICE_DELAY_MINUTES * 60_000).toISOString()
  await enqueue(
    trx,
    { topic: 'order.adjusted', key: `${orderId}:${Number(told.n)}`, shopId, notBefore },
    now.toISOString(),
  )
}

async function checkSubstitute(
  db: Db,
  shopId: ShopId,
  adjustment: Extract<LineAdjustment, { kind: 'substitute' }>,
) {
  const variant = (await findSellableVariants(db, [adjustment.variantId])).get(
    adjustment.variantId as VariantId,
  )
  // Another shop's product is answered like an unknown one.
  if (!variant || variant.shopId !== shopId || !isOrderable(variant))
    throw invalidAdjustment('variantId', 'choose a product of this shop that is on sale')
  return variant
}

const isQuantity = (value: number) => Number.isInteger(value) && value >= 1 && value <= MAX_LINE_QUANTITY

function describeChange(
  kind: string,
  line: { product_name: string; quantity: number },
  quantityAfter: number,
  substitute: { productName: string } | undefined,
): string {
  if (kind === 'withdrawn') return `ligne retirée : ${line.product_name} × ${line.quantity}`
  if (kind === 'partial')
    return `quantité réduite : ${line.product_name} × ${line.quantity} → ${quantityAfter}`
  return `remplacement : ${line.product_name} × ${line.quantity} → ${substitute!.productName} × ${quantityAfter}`
}
