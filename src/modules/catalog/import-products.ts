import { newId, type ProductId, type ShopId, type UserId, type VariantId } from '../../lib/ids.js'
import { slugify } from '../../lib/slug.js'
import { recordAudit } from '../identity/index.js'
import { invalidProduct, unknownCategory } from './errors.js'
import { checkProductInput } from './rules.js'
import { rememberSpellings } from './search-index.js'
import { productFields } from './save-product.js'
import type { ProductInput } from './types.js'
import type { CatalogDeps } from './deps.js'

/** Rows per INSERT: under SQLite's and PostgreSQL's bound-parameter limits for the widest table. */
const BATCH = 200

/**
 * Adds many products to one shop in a single transaction (bulk import, demo and benchmark towns):
 * all or nothing, with the same validation and search indexing as createProduct, in batched statements.
 * Throws catalog.invalid_product with the row number in each field ("rows[12].name").
 */
export async function importProducts(
  deps: CatalogDeps,
  actor: UserId | undefined,
  shopId: ShopId,
  inputs: readonly ProductInput[],
): Promise<{ imported: number }> {
  const problems = inputs.flatMap((input, row) =>
    checkProductInput(input).map((p) => ({ field: `rows[${row}].${p.field}`, code: p.code })),
  )
  if (problems.length > 0) throw invalidProduct(problems.slice(0, 50))
  const now = deps.clock.now().toISOString()
  await deps.db.transaction().execute(async (trx) => {
    const categories = await trx.selectFrom('categories').select(['id', 'name']).execute()
    const categoryName = new Map(categories.map((c) => [c.id, c.name]))
    const taken = new Set(
      (await trx.selectFrom('products').select('slug').where('shop_id', '=', shopId).execute()).map(
        (r) => r.slug,
      ),
    )
    const products = []
    const variants = []
    const stock = []
    const documents = new Set<string>()
    for (const input of inputs) {
      if (input.categoryId && !categoryName.has(input.categoryId)) throw unknownCategory()
      const id = newId<ProductId>()
      const base = slugify(input.name) || 'produit'
      let slug = base
      for (let n = 2; taken.has(slug); n++) slug = `${base}-${n}`
      taken.add(slug)
      const fields = productFields(input, input.categoryId ? categoryName.get(input.categoryId) : undefined)
      documents.add(fields.search_document)
      const hasStock = input.kind === 'service' || input.variants.some((v) => (v.onHand ?? 0) > 0)
      products.push({
        id,
        shop_id: shopId,
        slug,
        ...fields,
        has_stock: hasStock ? 1 : 0,
        created_at: now,
        updated_at: now,
      })
      for (const [position, variant] of input.variants.entries()) {
        const variantId = newId<VariantId>()
        variants.push({
          id: variantId,
          shop_id: shopId,
          product_id: id,
          name: variant.name.trim(),
          sku: variant.sku?.trim() || null,
          price_cents: variant.priceCents,
          currency: 'EUR',
          position,
          duration_minutes: input.kind === 'service' ? (variant.durationMinutes ?? null) : null,
          tracks_stock: input.kind === 'product' ? 1 : 0,
        })
        if (input.kind === 'product')
          stock.push({
            shop_id: shopId,
            variant_id: variantId,
            on_hand: variant.onHand ?? 0,
            reserved: 0,
            updated_at: now,
          })
      }
    }
    for (let i = 0; i < products.length; i += BATCH)
      await trx
        .insertInto('products')
        .values(products.slice(i, i + BATCH))
        .execute()
    for (let i = 0; i < variants.length; i += BATCH)
      await trx
        .insertInto('variants')
        .values(variants.slice(i, i + BATCH))
        .execute()
    for (let i = 0; i < stock.length; i += BATCH)
      await trx
        .insertInto('stock_levels')
        .values(stock.slice(i, i + BATCH))
        .execute()
    // One pass over the distinct words of the whole batch, not one per product.
    await rememberSpellings(trx, [...new Set([...documents].flatMap((d) => d.split(' ')))].join(' '))
    await recordAudit(trx, {
      at: now,
      actor,
      shopId,
      action: 'catalog.imported',
      subject: shopId,
      details: { count: inputs.length },
    })
  })
  deps.changes?.publish({ shopId })
  return { imported: inputs.length }
}
