import type { Insertable } from 'kysely'
import type { Trx } from '../../db/index.js'
import type { ProductsTable } from '../../db/schema/catalog.js'
import { newId, type ProductId, type ShopId, type UserId, type VariantId } from '../../lib/ids.js'
import { slugify } from '../../lib/slug.js'
import { recordAudit } from '../identity/index.js'
import {
  invalidProduct,
  productNotFound,
  stockBelowReserved,
  unknownCategory,
  unknownVariant,
  variantHasHolds,
} from './errors.js'
import { selectProduct } from './product.repo.js'
import { refreshHasStock } from './product-availability.js'
import { checkProductInput } from './rules.js'
import { rememberSpellings, searchColumns } from './search-index.js'
import type { Product, ProductInput, VariantInput } from './types.js'
import type { CatalogDeps } from './deps.js'

/**
 * Creates a product or service with its variants and stock in one transaction.
 * Throws catalog.invalid_product (with every field problem) or catalog.unknown_category.
 */
export async function createProduct(
  deps: CatalogDeps,
  actor: UserId | undefined,
  shopId: ShopId,
  input: ProductInput,
): Promise<Product> {
  const problems = checkProductInput(input)
  if (problems.length > 0) throw invalidProduct(problems)
  const id = newId<ProductId>()
  await deps.db.transaction().execute(async (trx) => {
    const now = deps.clock.now().toISOString()
    const fields = productFields(input, await categoryNameOf(trx, input.categoryId))
    await insertWithFreeSlug(trx, shopId, slugify(input.name) || 'produit', {
      id,
      shop_id: shopId,
      ...fields,
      created_at: now,
      updated_at: now,
    })
    await insertVariants(trx, shopId, id, input, input.variants, now)
    await refreshHasStock(trx, id)
    await rememberSpellings(trx, fields.search_document)
    await recordAudit(trx, { at: now, actor, shopId, action: 'product.created', subject: id })
  })
  deps.changes?.publish({ shopId, productId: id })
  return (await selectProduct(deps.db, shopId, id)) as Product
}

/**
 * Replaces a product's fields and variants: listed variants with an id are changed, without an id added,
 * unlisted ones removed (refused while units of them are held). Stock changes are conditional updates,
 * so a count can never drop below the units already held by orders.
 */
export async function updateProduct(
  deps: CatalogDeps,
  actor: UserId | undefined,
  shopId: ShopId,
  productId: ProductId,
  input: ProductInput,
): Promise<Product> {
  const problems = checkProductInput(input)
  if (problems.length > 0) throw invalidProduct(problems)
  await deps.db.transaction().execute(async (trx) => {
    const now = deps.clock.now().toISOString()
    const existing = await trx
      .selectFrom('products')
      .select(['id', 'kind'])
      .where('shop_id', '=', shopId)
      .where('id', '=', productId)
      .executeTakeFirst()
    if (!existing) throw productNotFound()
    const fields = productFields(input, await categoryNameOf(trx, input.categoryId))
    await trx
      .updateTable('products')
      .set({ ...fields, updated_at: now })
      .where('shop_id', '=', shopId)
      .where('id', '=', productId)
      .execute()

    const current = await trx
      .selectFrom('variants')
      .select('id')
      .where('shop_id', '=', shopId)
      .where('product_id', '=', productId)
      .execute()
    const currentIds = new Set(current.map((v) => v.id))
    const keptIds = new Set(input.variants.flatMap((v) => (v.id ? [v.id] : [])))
    for (const [index, variant] of input.variants.entries()) {
      if (variant.id && !currentIds.has(variant.id)) throw unknownVariant(index)
    }
    for (const removed of current.filter((v) => !keptIds.has(v.id as VariantId))) {
      const held = await trx
        .selectFrom('stock_levels')
        .select('reserved')
        .where('variant_id', '=', removed.id)
        .where('reserved', '>', 0)
        .executeTakeFirst()
      if (held) throw variantHasHolds(removed.id)
      await trx.deleteFrom('variants').where('shop_id', '=', shopId).where('id', '=', removed.id).execute()
    }
    for (const [index, variant] of input.variants.entries()) {
      if (!variant.id) continue
      await trx
        .updateTable('variants')
        .set({
          name: variant.name.trim(),
          sku: variant.sku?.trim() || null,
          price_cents: variant.priceCents,
          position: index,
          duration_minutes: input.kind === 'service' ? (variant.durationMinutes ?? null) : null,
          tracks_stock: input.kind === 'product' ? 1 : 0,
        })
        .where('shop_id', '=', shopId)
        .where('id', '=', variant.id)
        .execute()
      if (input.kind === 'product' && variant.onHand !== undefined)
        await setOnHand(trx, shopId, variant.id, variant.onHand, now, index)
    }
    await insertVariants(
      trx,
      shopId,
      productId,
      input,
      input.variants.filter((v) => !v.id),
      now,
      input.variants.length,
    )
    await refreshHasStock(trx, productId)
    await rememberSpellings(trx, fields.search_document)
    await recordAudit(trx, { at: now, actor, shopId, action: 'product.updated', subject: productId })
  })
  deps.changes?.publish({ shopId, productId })
  return (await selectProduct(deps.db, shopId, productId)) as Product
}

/**
 * Step: sets the units on hand of a variant; the caller refreshes the product's has_stock after its changes. One conditional statement: it fails rather than let
 * on_hand drop below the units already held. Creates the stock row if the variant had none.
 */
export async function setOnHand(
  trx: Trx,
  shopId: ShopId,
  variantId: VariantId,
  onHand: number,
  now: string,
  index = 0,
): Promise<void> {
  const updated = await trx
    .updateTable('stock_levels')
    .set({ on_hand: onHand, updated_at: now })
    .where('shop_id', '=', shopId)
    .where('variant_id', '=', variantId)
    .where('reserved', '<=', onHand)
    .executeTakeFirst()
  if (updated.numUpdatedRows === 1n) return
  const row = await trx
    .selectFrom('stock_levels')
    .select('reserved')
    .where('variant_id', '=', variantId)
    .executeTakeFirst()
  if (row) throw stockBelowReserved(`variants[${index}].onHand`, row.reserved)
  await trx
    .insertInto('stock_levels')
    .values({ shop_id: shopId, variant_id: variantId, on_hand: onHand, reserved: 0, updated_at: now })
    .execute()
}

async function insertVariants(
  trx: Trx,
  shopId: ShopId,
  productId: ProductId,
  product: ProductInput,
  variants: readonly VariantInput[],
  now: string,
  firstPosition = 0,
): Promise<void> {
  for (const [offset, variant] of variants.entries()) {
    const id = newId<VariantId>()
    await trx
      .insertInto('variants')
      .values({
        id,
        shop_id: shopId,
        product_id: productId,
        name: variant.name.trim(),
        sku: variant.sku?.trim() || null,
        price_cents: variant.priceCents,
        currency: 'EUR',
        position: firstPosition + offset,
        duration_minutes: product.kind === 'service' ? (variant.durationMinutes ?? null) : null,
        tracks_stock: product.kind === 'product' ? 1 : 0,
      })
      .execute()
    if (product.kind === 'product') {
      await trx
        .insertInto('stock_levels')
        .values({
          shop_id: shopId,
          variant_id: id,
          on_hand: variant.onHand ?? 0,
          reserved: 0,
          updated_at: now,
        })
        .execute()
    }
  }
}

async function categoryNameOf(trx: Trx, categoryId: string | undefined): Promise<string | undefined> {
  if (!categoryId) return undefined
  const category = await trx
    .selectFrom('categories')
    .select('name')
    .where('id', '=', categoryId)
    .executeTakeFirst()
  if (!category) throw unknownCategory()
  return category.name
}

/**
 * Inserts a product under "pain-au-levain", else "pain-au-levain-2", … within the shop. Two products
 * named alike and saved at the same moment cannot both take a slug: the unique key decides, and
 * `do nothing` (rather than a failing insert, which would abort a PostgreSQL transaction) sends the
 * loser to the next free suffix.
 */
async function insertWithFreeSlug(
  trx: Trx,
  shopId: ShopId,
  base: string,
  row: Omit<Insertable<ProductsTable>, 'slug'>,
): Promise<void> {
  const taken = await trx
    .selectFrom('products')
    .select('slug')
    .where('shop_id', '=', shopId)
    .where('slug', 'like', `${base}%`)
    .execute()
  const slugs = new Set(taken.map((r) => r.slug))
  for (let n = 1; n < 1000; n++) {
    const slug = n === 1 ? base : `${base}-${n}`
    if (slugs.has(slug)) continue
    const result = await trx
      .insertInto('products')
      .values({ ...row, slug })
      .onConflict((oc) => oc.columns(['shop_id', 'slug']).doNothing())
      .executeTakeFirst()
    if (Number(result.numInsertedOrUpdatedRows ?? 0n) === 1) return
  }
  throw new Error(`no free product address for ${base}`)
}

/** The product row's own fields (not its id, shop, slug or times), the same for create, update and import. */
export function productFields(input: ProductInput, categoryName: string | undefined) {
  return {
    category_id: input.categoryId ?? null,
    kind: input.kind,
    name: input.name.trim(),
    description: input.description.trim(),
    vat_rate_bp: input.vatRateBp,
    status: input.status,
    withdrawal_exception: input.withdrawalException ?? null,
    from_price_cents: Math.min(...input.variants.map((v) => v.priceCents)),
    ...searchColumns(input.name, input.description, categoryName),
  }
}
