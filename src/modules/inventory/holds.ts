import { sql } from 'kysely'
import type { Trx } from '../../db/index.js'
import { prepared, type Placeholder } from '../../db/prepared.js'
import type { ProductId, VariantId } from '../../lib/ids.js'
import { refreshHasStock } from '../catalog/index.js'
import { insufficientStock, type Shortage } from './errors.js'

export interface StockLine {
  variantId: VariantId
  productId: ProductId
  quantity: number
}

/** The variants of `lines` in one order, so two checkouts that share variants lock them in the same order. */
const inLockOrder = (lines: readonly StockLine[]) =>
  [...lines].sort((a, b) => (a.variantId < b.variantId ? -1 : a.variantId > b.variantId ? 1 : 0))

/**
 * Step: holds units of every line, all or nothing. Each hold is one conditional update (`reserved + q <=
 * on_hand`), so stock never goes below zero under any concurrency; a line that cannot be served is
 * reported with what is left, and the caller's transaction rolls back every hold it took.
 * Throws inventory.insufficient_stock with `shortages`. Holds leave the count's time alone: a hold is not
 * a new count of the shelf (UX-01).
 */
export async function holdStock(trx: Trx, lines: readonly StockLine[]): Promise<void> {
  const shortages: Shortage[] = []
  const emptied: StockLine[] = []
  for (const line of inLockOrder(lines)) {
    const held = await holdUnits.first(trx, { variantId: line.variantId, quantity: line.quantity })
    if (!held) {
      const row = await trx
        .selectFrom('stock_levels')
        .select(['on_hand', 'reserved'])
        .where('variant_id', '=', line.variantId)
        .executeTakeFirst()
      shortages.push({
        variantId: line.variantId,
        requested: line.quantity,
        available: row ? Math.max(0, row.on_hand - row.reserved) : 0,
      })
    } else if (held.on_hand === held.reserved) {
      emptied.push(line)
    }
  }
  if (shortages.length > 0) throw insufficientStock(shortages)
  // A product's "in stock" flag can only change when a hold takes a variant's last units.
  await refreshProducts(trx, emptied)
}

const holdUnits = prepared((db, p: Placeholder<{ variantId: string; quantity: number }>) =>
  db
    .updateTable('stock_levels')
    .set({ reserved: sql`reserved + ${p('quantity')}` })
    .where('variant_id', '=', p('variantId'))
    .where(sql<boolean>`on_hand - reserved >= ${p('quantity')}`)
    .returning(['on_hand', 'reserved']),
)

/** Step: gives held units back (an order cancelled or not collected). */
export async function releaseStock(trx: Trx, lines: readonly StockLine[]): Promise<void> {
  for (const line of inLockOrder(lines)) {
    await trx
      .updateTable('stock_levels')
      .set({ reserved: sql`reserved - ${line.quantity}` })
      .where('variant_id', '=', line.variantId)
      .where('reserved', '>=', line.quantity)
      .execute()
  }
  await refreshProducts(trx, lines)
}

/** Step: held units leave the shop (an order collected): both on hand and held go down. */
export async function consumeStock(trx: Trx, lines: readonly StockLine[]): Promise<void> {
  for (const line of inLockOrder(lines)) {
    await trx
      .updateTable('stock_levels')
      .set({ reserved: sql`reserved - ${line.quantity}`, on_hand: sql`on_hand - ${line.quantity}` })
      .where('variant_id', '=', line.variantId)
      .where('reserved', '>=', line.quantity)
      .execute()
  }
  // on_hand and reserved go down together: the units that can be ordered, and so has_stock, do not change.
}

async function refreshProducts(trx: Trx, lines: readonly StockLine[]): Promise<void> {
  for (const productId of new Set(lines.map((l) => l.productId))) await refreshHasStock(trx, productId)
}
