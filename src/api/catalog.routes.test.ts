import { expect, it } from 'vitest'
import sharp from 'sharp'
import { aStaffSession, useTestApp, type FormClient } from '../../test/harness/app.js'
import { forEachEngine } from '../../test/harness/engines.js'
import type { Json } from '../../test/harness/json.js'
import type { Db } from '../db/index.js'
import { fixedClock } from '../lib/clock.js'
import { createCategory, createProduct } from '../modules/catalog/index.js'
import { createShop } from '../modules/shops/index.js'

const clock = fixedClock('2026-03-11T09:00:00Z')
let seq = 0

async function aFournil(db: Db) {
  const n = `${++seq}${Math.random().toString(36).slice(2, 7)}`
  const shop = await createShop(
    { db, clock },
    {
      name: `Fournil ${n}`,
      kind: 'boulangerie',
      tagline: '',
      description: '',
      street: '1 rue du Four',
      postalCode: '37000',
      city: 'Tours',
      phone: '',
      email: '',
      pickupInstructions: '',
    },
  )
  return { shop, n }
}

async function upload(client: FormClient, path: string, file: Buffer, alt: string) {
  const form = new FormData()
  form.append('photo', new Blob([new Uint8Array(file)], { type: 'image/png' }), 'photo.png')
  form.append('alt', alt)
  const res = await fetch(client.baseUrl + path, {
    method: 'POST',
    headers: { cookie: client.cookieHeader() },
    body: form,
  })
  return { status: res.status, json: (await res.json()) as Json }
}

const levain = (variants: unknown[]) => ({
  name: 'Pain au levain',
  description: 'Croûte épaisse, mie alvéolée',
  kind: 'product',
  vatRateBp: 550,
  status: 'published',
  variants,
})

forEachEngine('catalog API', ({ db }) => {
  const server = useTestApp(db, { clock })

  it('lets staff create a product, change its variants, set its stock, add a photo and take it down', async () => {
    const { shop } = await aFournil(db())
    const client = await aStaffSession(server, shop.id, 'staff')
    const base = `/api/v1/shops/${shop.id}/admin/products`

    const created = await client.api('POST', base, levain([{ name: '500 g', priceCents: 420, onHand: 12 }]))
    expect(created.status).toBe(201)
    expect(created.json).toMatchObject({
      slug: 'pain-au-levain',
      status: 'published',
      fromPriceCents: 420,
      categoryId: null,
      withdrawalException: null,
      photos: [],
    })
    expect(created.json.variants).toEqual([
      {
        id: expect.any(String),
        name: '500 g',
        sku: null,
        priceCents: 420,
        durationMinutes: null,
        stock: { onHand: 12, reserved: 0, available: 12, updatedAt: clock.now().toISOString() },
      },
    ])
    expect(Object.keys(created.json).sort()).toEqual([
      'categoryId',
      'createdAt',
      'description',
      'fromPriceCents',
      'id',
      'kind',
      'name',
      'photos',
      'slug',
      'status',
      'updatedAt',
      'variants',
      'vatRateBp',
      'withdrawalException',
    ])
    const productUrl = `${base}/${created.json.id}`
    expect((await client.api('GET', productUrl)).json).toEqual(created.json)

    const variantId = created.json.variants[0].id
    const updated = await client.api('PUT', productUrl, {
      ...levain([
        { id: variantId, name: '500 g', priceCents: 450 },
        { name: '1 kg', priceCents: 800, onHand: 4, sku: 'LEV-1000' },
      ]),
      withdrawalException: 'perishable',
    })
    expect(updated.status).toBe(200)
    expect(updated.json.variants.map((v: Json) => [v.name, v.priceCents, v.sku, v.stock.onHand])).toEqual([
      ['500 g', 450, null, 12],
      ['1 kg', 800, 'LEV-1000', 4],
    ])
    expect(updated.json.fromPriceCents).toBe(450)
    expect(updated.json.withdrawalException).toBe('perishable')
    expect(
      (
        await client.api('PUT', productUrl, {
          ...levain([{ id: variantId, name: '500 g', priceCents: 450 }]),
          withdrawalException: 'fragile',
        })
      ).status,
    ).toBe(400)

    const stock = await client.api('PUT', `${productUrl}/variants/${variantId}/stock`, { onHand: 3 })
    expect(stock).toMatchObject({ status: 200, json: { onHand: 3, reserved: 0, available: 3 } })
    expect((await client.api('GET', productUrl)).json.variants[0].stock.onHand).toBe(3)

    const png = await sharp({ create: { width: 900, height: 600, channels: 3, background: '#d9a066' } })
      .png()
      .toBuffer()
    const photo = await upload(client, `${productUrl}/photos`, png, 'Une miche dorée')
    expect(photo.status).toBe(201)
    expect(photo.json).toMatchObject({ alt: 'Une miche dorée', width: 900, height: 600 })
    expect(photo.json.sources.map((s: Json) => s.width)).toEqual([320, 640, 900])
    const fileUrl = server.baseUrl + new URL(photo.json.sources[0].url).pathname
    const file = await fetch(fileUrl)
    expect(file.status).toBe(200)
    expect(file.headers.get('content-type')).toContain('image/webp')
    expect((await client.api('GET', productUrl)).json.photos).toEqual([photo.json])

    const removed = await client.api('DELETE', `${productUrl}/photos/${photo.json.id}`)
    expect(removed.status).toBe(204)
    expect((await client.api('GET', productUrl)).json.photos).toEqual([])
    expect((await fetch(fileUrl)).status).toBe(404)

    const listed = await client.api('GET', `${base}?q=levain&status=published`)
    expect(listed.json.items.map((p: Json) => p.id)).toEqual([created.json.id])
    expect(listed.json.nextCursor).toBeNull()
  })

  it('gives products created at the same moment under the same name their own addresses', async () => {
    const { shop } = await aFournil(db())
    const client = await aStaffSession(server, shop.id, 'owner')
    const results = await Promise.all(
      Array.from({ length: 4 }, () =>
        client.api(
          'POST',
          `/api/v1/shops/${shop.id}/admin/products`,
          levain([{ name: '1 kg', priceCents: 800 }]),
        ),
      ),
    )
    expect(results.map((r) => r.status)).toEqual([201, 201, 201, 201])
    expect(new Set(results.map((r) => r.json.slug)).size).toBe(4)
  })

  it('pages through the staff product list with a cursor', async () => {
    const { shop } = await aFournil(db())
    for (const name of ['Brioche', 'Ficelle', 'Chausson']) {
      await createProduct({ db: db(), clock, mediaDir: server.deps.mediaDir }, undefined, shop.id, {
        name,
        description: '',
        kind: 'product',
        vatRateBp: 550,
        status: 'hidden',
        variants: [{ name: 'Unité', priceCents: 100 }],
      })
    }
    const client = await aStaffSession(server, shop.id, 'owner')
    const first = await client.api('GET', `/api/v1/shops/${shop.id}/admin/products?limit=2`)
    expect(first.json.items.map((p: Json) => p.name)).toEqual(['Brioche', 'Chausson'])
    const second = await client.api(
      'GET',
      `/api/v1/shops/${shop.id}/admin/products?limit=2&cursor=${first.json.nextCursor}`,
    )
    expect(second.json).toMatchObject({ items: [{ name: 'Ficelle', status: 'hidden' }], nextCursor: null })
  })

  it('shows residents published products in search and on the product page, with honest stock', async () => {
    const { shop, n } = await aFournil(db())
    const category = await createCategory(db(), { name: `Pains ${n}` })
    const catalog = { db: db(), clock, mediaDir: server.deps.mediaDir }
    const baguette = await createProduct(catalog, undefined, shop.id, {
      name: 'Baguette tradition',
      description: 'Farine Label Rouge',
      kind: 'product',
      categoryId: category.id,
      vatRateBp: 550,
      status: 'published',
      variants: [{ name: 'Unité', priceCents: 130, onHand: 2, sku: 'INTERNE-1' }],
    })
    await createProduct(catalog, undefined, shop.id, {
      name: 'Baguette secrète',
      description: '',
      kind: 'product',
      vatRateBp: 550,
      status: 'hidden',
      variants: [{ name: 'Unité', priceCents: 150, onHand: 9 }],
    })

    const found = await fetch(`${server.baseUrl}/api/v1/search?q=baguettes&shop=${shop.slug}`)
    const results = (await found.json()) as Json
    expect(results).toMatchObject({ total: 1, page: 1, perPage: 24, pageCount: 1, corrections: [] })
    expect(results.items[0]).toEqual({
      id: baguette.id,
      slug: 'baguette-tradition',
      name: 'Baguette tradition',
      kind: 'product',
      shopId: shop.id,
      shopSlug: shop.slug,
      shopName: shop.name,
      categoryId: category.id,
      fromPriceCents: 130,
      variantCount: 1,
      available: 2,
      stockUpdatedAt: clock.now().toISOString(),
      stockState: 'limited',
      photo: null,
    })

    const typo = (await (
      await fetch(`${server.baseUrl}/api/v1/search?q=bagette&shop=${shop.slug}`)
    ).json()) as Json
    expect(typo.items.map((c: Json) => c.id)).toEqual([baguette.id])
    expect(typo.corrections[0].word).toBe('bagette')

    const byCategory = (await (
      await fetch(`${server.baseUrl}/api/v1/search?category=${category.slug}&inStock=true&kind=product`)
    ).json()) as Json
    expect(byCategory.items.map((c: Json) => c.id)).toEqual([baguette.id])
    const unknownShop = (await (
      await fetch(`${server.baseUrl}/api/v1/search?q=baguette&shop=nulle-part`)
    ).json()) as Json
    expect(unknownShop).toMatchObject({ items: [], total: 0 })

    const page = await fetch(`${server.baseUrl}/api/v1/shops/${shop.slug}/products/baguette-tradition`)
    expect(page.status).toBe(200)
    const product = (await page.json()) as Json
    expect(product).toMatchObject({
      id: baguette.id,
      shop: { id: shop.id, slug: shop.slug, name: shop.name },
      categoryId: category.id,
      photos: [],
    })
    expect(product.variants).toEqual([
      {
        id: baguette.variants[0]!.id,
        name: 'Unité',
        priceCents: 130,
        durationMinutes: null,
        stock: { available: 2, state: 'limited', updatedAt: clock.now().toISOString() },
      },
    ])
    expect(product).not.toHaveProperty('status')

    const hidden = await fetch(`${server.baseUrl}/api/v1/shops/${shop.slug}/products/baguette-secrete`)
    expect(hidden.status).toBe(404)
    expect(((await hidden.json()) as Json).code).toBe('catalog.product_not_found')

    const categories = (await (await fetch(`${server.baseUrl}/api/v1/categories`)).json()) as Json
    expect(categories.items).toContainEqual({
      id: category.id,
      slug: category.slug,
      name: category.name,
      description: '',
      productCount: 1,
    })
  })

  it('shows a service without stock, and refuses to count units of it', async () => {
    const { shop } = await aFournil(db())
    const client = await aStaffSession(server, shop.id, 'owner')
    const created = await client.api('POST', `/api/v1/shops/${shop.id}/admin/products`, {
      name: 'Gâteau sur commande',
      description: '',
      kind: 'service',
      vatRateBp: 550,
      status: 'published',
      variants: [{ name: '6 parts', priceCents: 2400, durationMinutes: 30 }],
    })
    expect(created.json.variants[0]).toMatchObject({ durationMinutes: 30, stock: null })
    const stock = await client.api(
      'PUT',
      `/api/v1/shops/${shop.id}/admin/products/${created.json.id}/variants/${created.json.variants[0].id}/stock`,
      { onHand: 5 },
    )
    expect(stock).toMatchObject({ status: 409, json: { code: 'catalog.stock_not_tracked', field: 'onHand' } })
    const publicView = (await (
      await fetch(`${server.baseUrl}/api/v1/shops/${shop.slug}/products/${created.json.slug}`)
    ).json()) as Json
    expect(publicView.variants[0].stock).toBeNull()
  })
})
