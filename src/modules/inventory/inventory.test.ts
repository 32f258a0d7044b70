import { expect, it } from 'vitest'
import { aProduct } from '../../../test/factories/catalog.js'
import { aShop } from '../../../test/factories/shops.js'
import { forEachEngine } from '../../../test/harness/engines.js'
import { outcomeOf } from '../../../test/harness/outcome.js'
import { AppError } from '../../lib/app-error.js'
import { getProduct, searchCatalog, type Product } from '../catalog/index.js'
import { consumeStock, holdStock, releaseStock, type StockLine } from './index.js'

forEachEngine('inventory', ({ db }) => {
  /** A product of a new shop with one variant of `onHand` units. */
  async function aStockedProduct(onHand: number): Promise<Product> {
    const shop = await aShop(db())
    return aProduct(db(), shop.id, { variants: [{ name: 'Pièce', priceCents: 250, onHand }] })
  }
  const line = (product: Product, quantity: number): StockLine => ({
    variantId: product.variants[0]!.id,
    productId: product.id,
    quantity,
  })

  // Steps take the caller's transaction: each call here is one checkout's transaction.
  const hold = (lines: StockLine[]) =>
    db()
      .transaction()
      .execute((trx) => holdStock(trx, lines))
  const release = (lines: StockLine[]) =>
    db()
      .transaction()
      .execute((trx) => releaseStock(trx, lines))
  const consume = (lines: StockLine[]) =>
    db()
      .transaction()
      .execute((trx) => consumeStock(trx, lines))

  const stockOf = async (product: Product) => {
    const { onHand, reserved, available } = (await getProduct(db(), product.shopId, product.id)).variants[0]!
      .stock!
    return { onHand, reserved, available }
  }
  const shortagesOf = async (promise: Promise<unknown>) => {
    const error = await promise.then(
      () => undefined,
      (e: unknown) => e,
    )
    expect(error).toBeInstanceOf(AppError)
    expect((error as AppError).code).toBe('inventory.insufficient_stock')
    return (error as AppError).details.shortages
  }

  it('never sells the last units twice, however many residents hold them at once', async () => {
    const product = await aStockedProduct(3)

    const results = await Promise.allSettled(Array.from({ length: 40 }, () => hold([line(product, 1)])))

    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(3)
    const refusals = results.flatMap((r) => (r.status === 'rejected' ? [r.reason] : []))
    expect(refusals.map((e: unknown) => (e instanceof AppError ? e.code : String(e)))).toEqual(
      Array(37).fill('inventory.insufficient_stock'),
    )
    expect(await stockOf(product)).toEqual({ onHand: 3, reserved: 3, available: 0 })
  })

  it('never oversells two products held together, whatever order each checkout lists them in', async () => {
    const bread = await aStockedProduct(10)
    const butter = await aStockedProduct(10)
    // Half the checkouts list the bread first, half the butter: held in one order, they neither deadlock nor oversell.
    const checkouts = Array.from({ length: 30 }, (_, i) =>
      i % 2 === 0 ? [line(bread, 1), line(butter, 1)] : [line(butter, 1), line(bread, 1)],
    )

    const outcomes = await Promise.all(checkouts.map((lines) => outcomeOf(hold(lines))))

    expect(outcomes.filter((o) => o === 'ok')).toHaveLength(10)
    expect(outcomes.filter((o) => o !== 'ok')).toEqual(Array(20).fill('inventory.insufficient_stock'))
    expect(await stockOf(bread)).toEqual({ onHand: 10, reserved: 10, available: 0 })
    expect(await stockOf(butter)).toEqual({ onHand: 10, reserved: 10, available: 0 })
  })

  it('holds every line of a checkout or none: one short line leaves the others untouched', async () => {
    const plenty = await aStockedProduct(10)
    const scarce = await aStockedProduct(2)

    const shortages = await shortagesOf(hold([line(plenty, 3), line(scarce, 5)]))

    expect(shortages).toEqual([{ variantId: scarce.variants[0]!.id, requested: 5, available: 2 }])
    expect(await stockOf(plenty)).toEqual({ onHand: 10, reserved: 0, available: 10 })
    expect(await stockOf(scarce)).toEqual({ onHand: 2, reserved: 0, available: 2 })
  })

  it('names every short line with the units still free, counting what others already hold', async () => {
    const bread = await aStockedProduct(5)
    const butter = await aStockedProduct(1)
    await hold([line(bread, 4)])

    const shortages = (await shortagesOf(hold([line(bread, 3), line(butter, 2)]))) as Array<{
      variantId: string
    }>

    expect([...shortages].sort((a, b) => (a.variantId < b.variantId ? -1 : 1))).toEqual(
      [
        { variantId: bread.variants[0]!.id, requested: 3, available: 1 },
        { variantId: butter.variants[0]!.id, requested: 2, available: 1 },
      ].sort((a, b) => (a.variantId < b.variantId ? -1 : 1)),
    )
    expect(await stockOf(bread)).toEqual({ onHand: 5, reserved: 4, available: 1 })
    expect(await stockOf(butter)).toEqual({ onHand: 1, reserved: 0, available: 1 })
  })

  it('puts released units back on sale, and a release with nothing held changes nothing', async () => {
    const product = await aStockedProduct(5)
    await hold([line(product, 2)])
    expect(await stockOf(product)).toEqual({ onHand: 5, reserved: 2, available: 3 })

    await release([line(product, 2)])
    expect(await stockOf(product)).toEqual({ onHand: 5, reserved: 0, available: 5 })

    // A second release of the same order (a retried cancellation) never makes units out of nothing.
    await release([line(product, 2)])
    expect(await stockOf(product)).toEqual({ onHand: 5, reserved: 0, available: 5 })
  })

  it('takes collected units out of the shop: on hand and held go down together, what is on sale stays', async () => {
    const product = await aStockedProduct(5)
    await hold([line(product, 2)])

    await consume([line(product, 2)])

    expect(await stockOf(product)).toEqual({ onHand: 3, reserved: 0, available: 3 })
  })

  it('takes a product off the "in stock" listing when its last units are held, and puts it back when they are released', async () => {
    const product = await aStockedProduct(2)
    const inStockIds = async () =>
      (
        await searchCatalog(
          { db: db(), now: new Date('2026-05-04T09:00:00Z') },
          { shopId: product.shopId, inStock: true },
        )
      ).items.map((i) => i.id)
    expect(await inStockIds()).toEqual([product.id])

    await hold([line(product, 2)])
    expect(await inStockIds()).toEqual([])

    await release([line(product, 1)])
    expect(await inStockIds()).toEqual([product.id])
  })
})
