import { afterAll, beforeAll, expect, it } from 'vitest'
import { mkdtempSync, rmSync } from 'node:fs'
import { readdir, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import sharp from 'sharp'
import { forEachEngine } from '../../../test/harness/engines.js'
import { aCategory, aProduct, aProductInput } from '../../../test/factories/catalog.js'
import { aShop } from '../../../test/factories/shops.js'
import { AppError } from '../../lib/app-error.js'
import { fixedClock } from '../../lib/clock.js'
import { newId, type MediaId, type ProductId, type VariantId } from '../../lib/ids.js'
import { listAuditOfShop } from '../identity/index.js'
import {
  addProductPhoto,
  createProduct,
  getProduct,
  listShopProducts,
  photoFileName,
  PHOTO_WIDTHS,
  removeProductPhoto,
  searchCatalog,
  setVariantStock,
  updateProduct,
  type Product,
  type ProductInput,
} from './index.js'

/** The form a staff member sends back after editing: the product as it is, with changes. */
const asInput = (product: Product, changes: Partial<ProductInput> = {}): ProductInput => ({
  name: product.name,
  description: product.description,
  kind: product.kind,
  categoryId: product.categoryId,
  vatRateBp: product.vatRateBp,
  status: product.status,
  variants: product.variants.map((v) => ({
    id: v.id,
    name: v.name,
    priceCents: v.priceCents,
    sku: v.sku,
    durationMinutes: v.durationMinutes,
  })),
  ...changes,
})

const isWebp = (bytes: Buffer) =>
  bytes.subarray(0, 4).toString('ascii') === 'RIFF' && bytes.subarray(8, 12).toString('ascii') === 'WEBP'

forEachEngine('catalog', ({ db }) => {
  const clock = fixedClock('2026-05-05T08:00:00Z')
  let mediaDir: string
  const deps = () => ({ db: db(), clock, mediaDir })

  beforeAll(() => {
    mediaDir = mkdtempSync(join(tmpdir(), 'comptoir-catalog-test-'))
  })
  afterAll(() => {
    rmSync(mediaDir, { recursive: true, force: true })
  })

  /** Simulates an order holding units, as the ordering module will. */
  const holdUnits = (variantId: VariantId, reserved: number) =>
    db().updateTable('stock_levels').set({ reserved }).where('variant_id', '=', variantId).execute()

  it('saves a product with its variants and stock, and reads it back as saved', async () => {
    const shop = await aShop(db())
    const category = await aCategory(db(), {
      name: `Viennoiseries ${Math.random().toString(36).slice(2, 8)}`,
    })
    const created = await createProduct(deps(), undefined, shop.id, {
      name: '  Croissant au beurre ',
      description: 'Pur beurre.',
      kind: 'product',
      categoryId: category.id,
      vatRateBp: 550,
      status: 'published',
      variants: [
        { name: 'Pièce', priceCents: 120, onHand: 40, sku: 'CRO-1' },
        { name: 'Sachet de 6', priceCents: 650, onHand: 5 },
      ],
    })
    expect(created).toMatchObject({
      shopId: shop.id,
      categoryId: category.id,
      slug: 'croissant-au-beurre',
      name: 'Croissant au beurre',
      kind: 'product',
      vatRateBp: 550,
      status: 'published',
      fromPriceCents: 120,
      photos: [],
      createdAt: '2026-05-05T08:00:00.000Z',
    })
    expect(
      created.variants.map((v) => ({ name: v.name, price: v.priceCents, sku: v.sku, stock: v.stock })),
    ).toEqual([
      {
        name: 'Pièce',
        price: 120,
        sku: 'CRO-1',
        stock: { onHand: 40, reserved: 0, available: 40, updatedAt: '2026-05-05T08:00:00.000Z' },
      },
      {
        name: 'Sachet de 6',
        price: 650,
        sku: undefined,
        stock: { onHand: 5, reserved: 0, available: 5, updatedAt: '2026-05-05T08:00:00.000Z' },
      },
    ])
    expect(await getProduct(db(), shop.id, created.id)).toEqual(created)
    expect((await listAuditOfShop(db(), shop.id)).map((e) => e.action)).toContain('product.created')
  })

  it('saves a service with durations and no stock', async () => {
    const shop = await aShop(db(), { kind: 'coiffure' })
    const service = await aProduct(db(), shop.id, {
      name: 'Coupe homme',
      kind: 'service',
      vatRateBp: 2000,
      variants: [{ name: 'Courte', priceCents: 2200, durationMinutes: 30, onHand: 5 }],
    })
    expect(service.variants).toEqual([
      expect.objectContaining({ name: 'Courte', durationMinutes: 30, stock: undefined }),
    ])
    expect(
      await db()
        .selectFrom('stock_levels')
        .selectAll()
        .where('variant_id', '=', service.variants[0]!.id)
        .execute(),
    ).toEqual([])
  })

  it('gives two products with the same name distinct addresses within a shop', async () => {
    const shop = await aShop(db())
    const first = await aProduct(db(), shop.id, { name: 'Pain au levain' })
    const second = await aProduct(db(), shop.id, { name: 'Pain au levain' })
    const third = await aProduct(db(), shop.id, { name: 'Pain au levain' })
    expect([first.slug, second.slug, third.slug]).toEqual([
      'pain-au-levain',
      'pain-au-levain-2',
      'pain-au-levain-3',
    ])
  })

  it('gives each of several products saved at the same moment with the same name its own address', async () => {
    const shop = await aShop(db())
    // A double-clicked "save", or a bulk import running in parallel.
    const results = await Promise.allSettled(
      Array.from({ length: 3 }, () => aProduct(db(), shop.id, { name: 'Chouquettes' })),
    )
    expect(results.map((r) => (r.status === 'rejected' ? String(r.reason) : 'saved'))).toEqual([
      'saved',
      'saved',
      'saved',
    ])
    const slugs = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value.slug] : []))
    expect(slugs.sort()).toEqual(['chouquettes', 'chouquettes-2', 'chouquettes-3'])
  })

  it('refuses an invalid product with every problem listed', async () => {
    const shop = await aShop(db())
    const attempt = createProduct(
      deps(),
      undefined,
      shop.id,
      aProductInput({ name: '', variants: [{ name: 'Pièce', priceCents: -1 }] }),
    )
    await expect(attempt).rejects.toMatchObject({
      kind: 'invalid',
      code: 'catalog.invalid_product',
      details: {
        errors: [
          { field: 'name', code: 'required' },
          { field: 'variants[0].priceCents', code: 'invalid_price' },
        ],
      },
    })
  })

  it('refuses a category that does not exist, saving nothing', async () => {
    const shop = await aShop(db())
    const attempt = createProduct(
      deps(),
      undefined,
      shop.id,
      aProductInput({ name: 'Orphelin', categoryId: newId() }),
    )
    await expect(attempt).rejects.toMatchObject({ kind: 'invalid', code: 'catalog.unknown_category' })
    expect((await listShopProducts(db(), shop.id, { limit: 10 })).items).toEqual([])
  })

  it('adds, changes and removes variants in one save', async () => {
    const shop = await aShop(db())
    const product = await aProduct(db(), shop.id, {
      name: 'Tarte aux pommes',
      variants: [
        { name: '4 parts', priceCents: 1200, onHand: 3 },
        { name: '6 parts', priceCents: 1700, onHand: 2 },
        { name: '8 parts', priceCents: 2200, onHand: 1 },
      ],
    })
    const [four, six] = product.variants as [
      Product['variants'][number],
      Product['variants'][number],
      Product['variants'][number],
    ]
    const later = fixedClock('2026-05-06T07:00:00Z')
    const updated = await updateProduct(
      { db: db(), clock: later, mediaDir },
      undefined,
      shop.id,
      product.id,
      {
        ...asInput(product),
        variants: [
          { id: six.id, name: '6 parts', priceCents: 1800, onHand: 7 },
          { id: four.id, name: '4 parts', priceCents: 1250 },
          { name: '2 parts', priceCents: 650, onHand: 4 },
        ],
      },
    )
    expect(
      updated.variants.map((v) => ({ id: v.id, name: v.name, price: v.priceCents, onHand: v.stock?.onHand })),
    ).toEqual([
      { id: six.id, name: '6 parts', price: 1800, onHand: 7 },
      { id: four.id, name: '4 parts', price: 1250, onHand: 3 },
      { id: expect.any(String), name: '2 parts', price: 650, onHand: 4 },
    ])
    expect(updated.fromPriceCents).toBe(650)
    expect(updated.updatedAt).toBe('2026-05-06T07:00:00.000Z')
    expect(
      await db().selectFrom('variants').select('id').where('product_id', '=', product.id).execute(),
    ).toHaveLength(3)
  })

  it('refuses a variant id that belongs to another product', async () => {
    const shop = await aShop(db())
    const product = await aProduct(db(), shop.id)
    const other = await aProduct(db(), shop.id)
    const attempt = updateProduct(deps(), undefined, shop.id, product.id, {
      ...asInput(product),
      variants: [{ id: other.variants[0]!.id, name: 'Volé', priceCents: 1 }],
    })
    await expect(attempt).rejects.toMatchObject({ kind: 'invalid', code: 'catalog.unknown_variant' })
    expect(await getProduct(db(), shop.id, other.id)).toEqual(other)
    expect(await getProduct(db(), shop.id, product.id)).toEqual(product)
  })

  it('a stock count can never drop below the units held', async () => {
    const shop = await aShop(db())
    const product = await aProduct(db(), shop.id, {
      variants: [{ name: 'Pièce', priceCents: 300, onHand: 5 }],
    })
    const variant = product.variants[0]!
    await holdUnits(variant.id, 3)

    const attempt = updateProduct(deps(), undefined, shop.id, product.id, {
      ...asInput(product),
      variants: [{ id: variant.id, name: 'Pièce', priceCents: 300, onHand: 2 }],
    })
    await expect(attempt).rejects.toBeInstanceOf(AppError)
    await expect(attempt).rejects.toMatchObject({
      kind: 'conflict',
      code: 'catalog.stock_below_reserved',
      details: { field: 'variants[0].onHand', reserved: 3 },
    })
    expect((await getProduct(db(), shop.id, product.id)).variants[0]!.stock).toMatchObject({
      onHand: 5,
      reserved: 3,
      available: 2,
    })

    // Exactly the units held is allowed: nothing left to sell.
    const updated = await updateProduct(deps(), undefined, shop.id, product.id, {
      ...asInput(product),
      variants: [{ id: variant.id, name: 'Pièce', priceCents: 300, onHand: 3 }],
    })
    expect(updated.variants[0]!.stock).toMatchObject({ onHand: 3, reserved: 3, available: 0 })
  })

  it('a refused stock change leaves the rest of the save undone too', async () => {
    const shop = await aShop(db())
    const product = await aProduct(db(), shop.id, {
      name: 'Éclair au café',
      variants: [{ name: 'Pièce', priceCents: 300, onHand: 5 }],
    })
    await holdUnits(product.variants[0]!.id, 4)
    await expect(
      updateProduct(deps(), undefined, shop.id, product.id, {
        ...asInput(product, { name: 'Éclair au chocolat' }),
        variants: [{ id: product.variants[0]!.id, name: 'Pièce', priceCents: 350, onHand: 1 }],
      }),
    ).rejects.toMatchObject({ code: 'catalog.stock_below_reserved' })
    const after = await getProduct(db(), shop.id, product.id)
    expect(after.name).toBe('Éclair au café')
    expect(after.variants[0]!.priceCents).toBe(300)
  })

  it('refuses to remove a variant while units of it are held', async () => {
    const shop = await aShop(db())
    const product = await aProduct(db(), shop.id, {
      variants: [
        { name: 'Petit', priceCents: 300, onHand: 5 },
        { name: 'Grand', priceCents: 500, onHand: 5 },
      ],
    })
    await holdUnits(product.variants[1]!.id, 1)
    const attempt = updateProduct(deps(), undefined, shop.id, product.id, {
      ...asInput(product),
      variants: [asInput(product).variants[0]!],
    })
    await expect(attempt).rejects.toMatchObject({ kind: 'conflict', code: 'catalog.variant_has_holds' })
    expect((await getProduct(db(), shop.id, product.id)).variants).toHaveLength(2)
  })

  it('the database itself refuses more units held than on hand', async () => {
    const shop = await aShop(db())
    const product = await aProduct(db(), shop.id, {
      variants: [{ name: 'Pièce', priceCents: 300, onHand: 2 }],
    })
    const variantId = product.variants[0]!.id
    await expect(holdUnits(variantId, 3)).rejects.toThrow()
    await expect(
      db().updateTable('stock_levels').set({ reserved: -1 }).where('variant_id', '=', variantId).execute(),
    ).rejects.toThrow()
    await expect(
      db()
        .updateTable('stock_levels')
        .set({ on_hand: 1, reserved: 2 })
        .where('variant_id', '=', variantId)
        .execute(),
    ).rejects.toThrow()
    const row = await db()
      .selectFrom('stock_levels')
      .select(['on_hand', 'reserved'])
      .where('variant_id', '=', variantId)
      .executeTakeFirstOrThrow()
    expect(row).toEqual({ on_hand: 2, reserved: 0 })
  })

  it("never shows or changes another shop's product", async () => {
    const baker = await aShop(db())
    const rival = await aShop(db())
    const product = await aProduct(db(), baker.id, { name: 'Baguette tradition' })

    const peek = getProduct(db(), rival.id, product.id)
    await expect(peek).rejects.toBeInstanceOf(AppError)
    await expect(peek).rejects.toMatchObject({ kind: 'not_found', code: 'catalog.product_not_found' })
    await expect(
      updateProduct(deps(), undefined, rival.id, product.id, asInput(product, { name: 'Piratée' })),
    ).rejects.toMatchObject({ kind: 'not_found' })
    await expect(
      addProductPhoto(deps(), undefined, rival.id, product.id, Buffer.from('x'), ''),
    ).rejects.toMatchObject({ kind: 'not_found' })
    expect((await getProduct(db(), baker.id, product.id)).name).toBe('Baguette tradition')
    expect((await listShopProducts(db(), rival.id, { limit: 10 })).items).toEqual([])
  })

  it('answers not found for a product id that does not exist', async () => {
    const shop = await aShop(db())
    await expect(getProduct(db(), shop.id, newId<ProductId>())).rejects.toMatchObject({ kind: 'not_found' })
  })

  it('lists a shop products by name, filtered and paged', async () => {
    const shop = await aShop(db())
    for (const name of ['Pain de mie', 'Brioche', 'Pain complet', 'Pain aux noix', 'Chausson aux pommes'])
      await aProduct(db(), shop.id, { name })
    await aProduct(db(), shop.id, { name: 'Pain caché', status: 'hidden' })

    const seen: string[] = []
    let cursor: string | undefined
    do {
      const page = await listShopProducts(db(), shop.id, { q: 'pain', status: 'published', limit: 2, cursor })
      seen.push(...page.items.map((p) => p.name))
      cursor = page.nextCursor
    } while (cursor)
    expect(seen).toEqual(['Pain aux noix', 'Pain complet', 'Pain de mie'])
    expect((await listShopProducts(db(), shop.id, { q: '%', limit: 10 })).items).toEqual([])
    expect((await listShopProducts(db(), shop.id, { q: '_', limit: 10 })).items).toEqual([])
  })

  it('turns an uploaded photo into WebP files at 320, 640 and 1280 pixels wide', async () => {
    const shop = await aShop(db())
    const product = await aProduct(db(), shop.id)
    const png = await sharp({ create: { width: 1600, height: 1200, channels: 3, background: '#c96' } })
      .png()
      .toBuffer()

    const photo = await addProductPhoto(deps(), undefined, shop.id, product.id, png, '  Croissants dorés  ')
    expect(photo).toMatchObject({
      alt: 'Croissants dorés',
      widths: [...PHOTO_WIDTHS],
      width: 1600,
      height: 1200,
    })
    for (const width of PHOTO_WIDTHS) {
      const bytes = await readFile(join(mediaDir, photoFileName(photo.id, width)))
      expect(isWebp(bytes)).toBe(true)
      const meta = await sharp(bytes).metadata()
      expect(meta).toMatchObject({ format: 'webp', width, height: Math.round((width * 1200) / 1600) })
    }
    expect((await getProduct(db(), shop.id, product.id)).photos).toEqual([photo])
  })

  it('never enlarges a small photo', async () => {
    const shop = await aShop(db())
    const product = await aProduct(db(), shop.id)
    const small = await sharp({ create: { width: 500, height: 400, channels: 3, background: '#369' } })
      .jpeg()
      .toBuffer()
    const photo = await addProductPhoto(deps(), undefined, shop.id, product.id, small, 'Petit')
    expect(photo.widths).toEqual([320, 500])
    const meta = await sharp(await readFile(join(mediaDir, photoFileName(photo.id, 500)))).metadata()
    expect(meta.width).toBe(500)
  })

  it('refuses a file that is not an image, writing nothing', async () => {
    const shop = await aShop(db())
    const product = await aProduct(db(), shop.id)
    const before = await readdir(mediaDir)
    const attempt = addProductPhoto(
      deps(),
      undefined,
      shop.id,
      product.id,
      Buffer.from('Ceci n’est pas une image.\n'.repeat(100)),
      'Texte',
    )
    await expect(attempt).rejects.toBeInstanceOf(AppError)
    await expect(attempt).rejects.toMatchObject({ kind: 'invalid', code: 'catalog.not_an_image' })
    expect(await readdir(mediaDir)).toEqual(before)
    expect((await getProduct(db(), shop.id, product.id)).photos).toEqual([])
  })

  it('takes a photo down with its files', async () => {
    const shop = await aShop(db())
    const product = await aProduct(db(), shop.id)
    const png = await sharp({ create: { width: 1600, height: 1200, channels: 3, background: '#c96' } })
      .png()
      .toBuffer()
    const kept = await addProductPhoto(deps(), undefined, shop.id, product.id, png, 'Gardée')
    const removed = await addProductPhoto(deps(), undefined, shop.id, product.id, png, 'Retirée')

    await removeProductPhoto(deps(), undefined, shop.id, product.id, removed.id)
    const files = await readdir(mediaDir)
    for (const width of removed.widths) expect(files).not.toContain(photoFileName(removed.id, width))
    for (const width of kept.widths) expect(files).toContain(photoFileName(kept.id, width))
    expect((await getProduct(db(), shop.id, product.id)).photos).toEqual([kept])
    await expect(
      removeProductPhoto(deps(), undefined, shop.id, product.id, removed.id),
    ).rejects.toMatchObject({ kind: 'not_found', code: 'catalog.photo_not_found' })
  })

  it("never lets a shop take down another shop's photo", async () => {
    const shop = await aShop(db())
    const rival = await aShop(db())
    const product = await aProduct(db(), shop.id)
    const png = await sharp({ create: { width: 400, height: 300, channels: 3, background: '#c96' } })
      .png()
      .toBuffer()
    const photo = await addProductPhoto(deps(), undefined, shop.id, product.id, png, '')
    await expect(removeProductPhoto(deps(), undefined, rival.id, product.id, photo.id)).rejects.toMatchObject(
      { kind: 'not_found' },
    )
    await expect(
      removeProductPhoto(deps(), undefined, shop.id, product.id, newId<MediaId>()),
    ).rejects.toMatchObject({ kind: 'not_found' })
    expect(await readdir(mediaDir)).toContain(photoFileName(photo.id, 400))
  })

  it('keeps the "in stock" filter true to every stock change', async () => {
    const shop = await aShop(db())
    const product = await aProduct(db(), shop.id, {
      variants: [{ name: 'Pièce', priceCents: 300, onHand: 2 }],
    })
    const variantId = product.variants[0]!.id
    const inStock = async () =>
      (await searchCatalog({ db: db(), now: clock.now() }, { shopId: shop.id, inStock: true })).items.map(
        (item) => item.id,
      )

    expect(await inStock()).toEqual([product.id])
    await setVariantStock(deps(), undefined, shop.id, product.id, variantId, 0)
    expect(await inStock()).toEqual([])
    await updateProduct(
      deps(),
      undefined,
      shop.id,
      product.id,
      asInput(product, { variants: [{ id: variantId, name: 'Pièce', priceCents: 300, onHand: 4 }] }),
    )
    expect(await inStock()).toEqual([product.id])
    await holdUnits(variantId, 4)
    await setVariantStock(deps(), undefined, shop.id, product.id, variantId, 4)
    expect(await inStock()).toEqual([])
  })
})
