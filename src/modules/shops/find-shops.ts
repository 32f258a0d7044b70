import type { Db } from '../../db/index.js'
import { decodeCursor, encodeCursor, type Page } from '../../lib/cursor.js'
import type { ShopId } from '../../lib/ids.js'
import { shopNotFound } from './errors.js'
import { selectShop, toShop } from './shop.repo.js'
import type { Shop, ShopKind } from './types.js'

export async function getShop(db: Db, shopId: ShopId): Promise<Shop> {
  const shop = await selectShop(db, shopId)
  if (!shop) throw shopNotFound()
  return shop
}

export async function findShopBySlug(db: Db, slug: string): Promise<Shop | undefined> {
  if (slug.length > 80) return undefined
  const row = await db.selectFrom('shops').selectAll().where('slug', '=', slug).executeTakeFirst()
  return row && toShop(row)
}

/** The ids of every shop of one kind (a town has a few hundred shops at most): for rules across shops. */
export async function shopIdsOfKind(db: Db, kind: ShopKind): Promise<ShopId[]> {
  return (await db.selectFrom('shops').select('id').where('kind', '=', kind).execute()).map(
    (r) => r.id as ShopId,
  )
}

/** Shops by name, optionally of one kind; cursor-paginated. */
export async function listShops(
  db: Db,
  options: { kind?: ShopKind | undefined; limit: number; cursor?: string | undefined },
): Promise<Page<Shop>> {
  const after = decodeCursor(options.cursor, 2)
  let query = db
    .selectFrom('shops')
    .selectAll()
    .orderBy('name')
    .orderBy('id')
    .limit(options.limit + 1)
  if (options.kind) query = query.where('kind', '=', options.kind)
  if (after) {
    const [name, id] = after.map(String) as [string, string]
    query = query.where((eb) =>
      eb.or([eb('name', '>', name), eb.and([eb('name', '=', name), eb('id', '>', id)])]),
    )
  }
  const rows = await query.execute()
  const items = rows.slice(0, options.limit).map(toShop)
  const last = items.at(-1)
  return {
    items,
    nextCursor: rows.length > options.limit && last ? encodeCursor([last.name, last.id]) : undefined,
  }
}
