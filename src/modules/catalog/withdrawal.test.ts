import { expect, it } from 'vitest'
import { forEachEngine } from '../../../test/harness/engines.js'
import { aProduct } from '../../../test/factories/catalog.js'
import { aShop } from '../../../test/factories/shops.js'
import { fixedClock } from '../../lib/clock.js'
import { findSellableVariants, getProduct, updateProduct, type Product, type ProductInput } from './index.js'

const asInput = (product: Product, changes: Partial<ProductInput> = {}): ProductInput => ({
  name: product.name,
  description: product.description,
  kind: product.kind,
  categoryId: product.categoryId,
  vatRateBp: product.vatRateBp,
  status: product.status,
  withdrawalException: product.withdrawalException,
  variants: product.variants.map((v) => ({ id: v.id, name: v.name, priceCents: v.priceCents, sku: v.sku })),
  ...changes,
})

// LAW F2/F3: the product says whether the 14-day withdrawal right applies; ordering reads it per variant.
forEachEngine('catalog withdrawal right', ({ db }) => {
  const deps = () => ({ db: db(), clock: fixedClock('2026-05-05T08:00:00Z'), mediaDir: '' })

  it('keeps a withdrawal exception, shows it to ordering, and clears it back to the 14-day right', async () => {
    const shop = await aShop(db())
    const created = await aProduct(db(), shop.id, {
      name: 'Baguette tradition',
      withdrawalException: 'perishable',
    })
    expect(created.withdrawalException).toBe('perishable')
    expect((await getProduct(db(), shop.id, created.id))?.withdrawalException).toBe('perishable')
    const sellable = await findSellableVariants(db(), [created.variants[0]!.id])
    expect(sellable.get(created.variants[0]!.id)?.withdrawalException).toBe('perishable')

    const updated = await updateProduct(
      deps(),
      undefined,
      shop.id,
      created.id,
      asInput(created, { withdrawalException: undefined }),
    )
    expect(updated.withdrawalException).toBeUndefined()
    const row = await db()
      .selectFrom('products')
      .select('withdrawal_exception')
      .where('id', '=', created.id)
      .executeTakeFirstOrThrow()
    expect(row.withdrawal_exception).toBeNull()
  })

  it('leaves the 14-day right in place when nothing is said', async () => {
    const shop = await aShop(db())
    const created = await aProduct(db(), shop.id)
    expect(created.withdrawalException).toBeUndefined()
  })
})
