import { beforeAll, expect, it } from 'vitest'
import sharp from 'sharp'
import { FormClient, useTestApp } from '../../test/harness/app.js'
import { forEachEngine } from '../../test/harness/engines.js'
import { expectProblem, type ApiAnswer } from '../../test/harness/problem.js'
import { fixedClock } from '../lib/clock.js'
import { newId } from '../lib/ids.js'
import { createProduct, getProduct, type Product } from '../modules/catalog/index.js'
import { createUser } from '../modules/identity/index.js'
import { addStaffMember, createShop, type Shop } from '../modules/shops/index.js'
import type { Json } from '../../test/harness/json.js'

const PASSWORD = 'un mot de passe assez long'
const clock = fixedClock('2026-03-11T09:00:00Z')
const LONG = 'a'.repeat(500)
const TRAVERSAL = encodeURIComponent('../../etc')

const product = (variant: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) => ({
  name: 'Tomme de Touraine',
  description: '',
  kind: 'product',
  vatRateBp: 550,
  status: 'published',
  variants: [{ name: 'La pièce', priceCents: 1290, ...variant }],
  ...extra,
})

forEachEngine('API bad input', ({ db }) => {
  const server = useTestApp(db, { clock })
  let shop: Shop
  let tomme: Product
  let owner: FormClient
  let base: string

  const raw = async (
    method: string,
    path: string,
    body: string | FormData | undefined,
    contentType?: string,
  ): Promise<ApiAnswer> => {
    const headers: Record<string, string> = {
      cookie: owner.cookieHeader(),
      ...(contentType ? { 'content-type': contentType } : {}),
    }
    const res = await fetch(server.baseUrl + path, {
      method,
      headers,
      ...(body !== undefined ? { body } : {}),
    })
    const text = await res.text()
    return {
      status: res.status,
      contentType: res.headers.get('content-type') ?? '',
      json: text.startsWith('{') ? JSON.parse(text) : text,
    }
  }
  const upload = (fields: Record<string, Blob | string>) => {
    const form = new FormData()
    for (const [name, value] of Object.entries(fields))
      form.append(name, value, ...(value instanceof Blob ? ['file.bin'] : []))
    return raw('POST', `${base}/${tomme.id}/photos`, form)
  }

  beforeAll(async () => {
    const deps = { db: db(), clock }
    shop = await createShop(deps, {
      name: 'Fromagerie Test',
      kind: 'fromagerie',
      tagline: '',
      description: '',
      street: '5 rue Colbert',
      postalCode: '37000',
      city: 'Tours',
      phone: '',
      email: '',
      pickupInstructions: '',
    })
    const user = await createUser(deps, {
      email: 'fromager@example.fr',
      password: PASSWORD,
      displayName: 'Lou',
    })
    await addStaffMember(db(), shop.id, user.id, 'owner')
    tomme = await createProduct({ ...deps, mediaDir: server.deps.mediaDir }, user.id, shop.id, {
      ...product(),
      kind: 'product',
      vatRateBp: 550,
      status: 'published',
      variants: [{ name: 'La pièce', priceCents: 1290, onHand: 5 }],
    })
    owner = new FormClient(server.baseUrl)
    expect(
      (await owner.api('POST', '/api/v1/session', { email: 'fromager@example.fr', password: PASSWORD }))
        .status,
    ).toBe(200)
    base = `/api/v1/shops/${shop.id}/admin/products`
  })

  it('answers malformed and unknown ids with 404 (or 400 when the id cannot be one)', async () => {
    const get = (path: string) => owner.api('GET', path)
    for (const id of ['x', TRAVERSAL, newId()]) {
      expectProblem(await get(`/api/v1/shops/${id}/admin/products`), 404)
      expectProblem(await get(`/api/v1/shops/${id}`), 404)
      expectProblem(await get(`${base}/${id}`), 404)
      expectProblem(await get(`/api/v1/shops/${shop.slug}/products/${id}`), 404)
    }
    expectProblem(await get(`/api/v1/shops/x/admin/products`), 404, 'shops.shop_not_found')
    expectProblem(await get(`${base}/${newId()}`), 404, 'catalog.product_not_found')
    expectProblem(
      await owner.api('PUT', `${base}/${tomme.id}/variants/x/stock`, { onHand: 1 }),
      404,
      'catalog.variant_not_found',
    )
    expectProblem(
      await owner.api('PUT', `${base}/${tomme.id}/variants/${newId()}/stock`, { onHand: 1 }),
      404,
      'catalog.variant_not_found',
    )
    expectProblem(
      await owner.api('DELETE', `${base}/${tomme.id}/photos/${TRAVERSAL}`),
      404,
      'catalog.photo_not_found',
    )
    expectProblem(
      await owner.api('DELETE', `/api/v1/shops/${shop.id}/closures/${newId()}`),
      404,
      'shops.closure_not_found',
    )
    expectProblem(await get(`${base}/${'A'.repeat(80)}`), 400, 'http.invalid_request', 'productId')
    // PostgreSQL refuses U+0000 in text: it must be a 400 on both engines, not a 500 on one.
    expectProblem(await get(`${base}/abc%00def`), 400, 'http.invalid_request', 'productId')
    expectProblem(await get(`/api/v1/shops/abc%00`), 400, 'http.invalid_request', 'shopSlug')
  })

  /** Paths the router refuses before any route runs, with the status it answers: 414 for a parameter over Fastify's 100 characters, 400 for a broken %-escape. */
  const routerRefusals = () => [
    { path: `/api/v1/shops/${LONG}`, status: 414 },
    { path: `/api/v1/shops/${LONG}/admin/products`, status: 414 },
    { path: `${base}/${LONG}`, status: 414 },
    { path: `/api/v1/shops/${shop.slug}/products/${LONG}`, status: 414 },
    { path: `${base}/%zz`, status: 400 },
  ]

  it('refuses 500-character ids and broken escapes with a 4xx', async () => {
    for (const { path } of routerRefusals())
      expect([400, 404, 414]).toContain((await owner.api('GET', path)).status)
  })

  // Router-level refusals (a path parameter over Fastify's 100 characters, a broken %-escape) skip the
  // error handler; app.ts's frameworkErrors answers them as problems too.
  it('answers router-level refusals with problem+json too', async () => {
    for (const { path, status } of routerRefusals())
      expectProblem(await owner.api('GET', path), status, 'http.invalid_request')
  })

  it('refuses out-of-range and non-numeric pagination, and treats a garbage cursor as the first page', async () => {
    for (const limit of ['-1', '0', '100000', 'abc', '1.5', '0x10', '']) {
      expectProblem(
        await owner.api('GET', `/api/v1/shops?limit=${limit}`),
        400,
        'http.invalid_request',
        'limit',
      )
      expectProblem(await owner.api('GET', `${base}?limit=${limit}`), 400, 'http.invalid_request', 'limit')
    }
    for (const [name, value] of [
      ['page', 'abc'],
      ['page', '0'],
      ['page', '-1'],
      ['page', '201'],
      ['perPage', '0'],
      ['perPage', '49'],
      ['perPage', 'x'],
      ['kind', 'robot'],
      ['sort', 'random'],
      ['inStock', 'maybe'],
    ]) {
      expectProblem(
        await owner.api('GET', `/api/v1/search?${name}=${value}`),
        400,
        'http.invalid_request',
        name,
      )
    }
    expectProblem(
      await owner.api('GET', `/api/v1/shops?kind=boulangeri`),
      400,
      'http.invalid_request',
      'kind',
    )
    expectProblem(
      await owner.api('GET', `/api/v1/shops?cursor=${'x'.repeat(2000)}`),
      400,
      'http.invalid_request',
      'cursor',
    )
    expect((await owner.api('GET', '/api/v1/shops?cursor=garbage')).status).toBe(200)
    expect(
      (await owner.api('GET', `${base}?cursor=${encodeURIComponent('W1tdXQ==')}`)).json.items,
    ).toHaveLength(1)
    expect((await owner.api('GET', '/api/v1/search?page=200&perPage=48')).json).toMatchObject({
      items: [],
      page: 200,
      perPage: 48,
    })
  })

  it('searches safely with huge strings and SQL metacharacters', async () => {
    const search = (q: string) => owner.api('GET', `/api/v1/search?q=${encodeURIComponent(q)}`)
    expect((await search('a'.repeat(10_000))).status).toBe(200)
    expectProblem(await search('a'.repeat(10_001)), 400, 'http.invalid_request', 'q')
    for (const q of [
      "'; DROP TABLE products; --",
      '" OR 1=1 --',
      '%_\\*():^',
      'tomme NEAR(a b) AND OR NOT -x',
      '\u{1F9C0} tommé',
    ]) {
      expect((await search(q)).status).toBe(200)
      expect((await owner.api('GET', `${base}?q=${encodeURIComponent(q)}`)).status).toBe(200)
      expect((await owner.api('GET', `/api/v1/search?shop=${encodeURIComponent(q)}`)).json).toMatchObject({
        items: [],
        total: 0,
      })
    }
    expect((await search('tomme')).json.items.map((c: Json) => c.id)).toEqual([tomme.id])
    expectProblem(await search('tomme\u0000'), 400, 'http.invalid_request', 'q')
  })

  it('takes JSON only on JSON routes', async () => {
    const json = JSON.stringify(product())
    expectProblem(await raw('POST', base, json, 'text/plain'), 415, 'http.unsupported_media_type')
    expectProblem(
      await raw('POST', base, 'name=Tomme&kind=product', 'application/x-www-form-urlencoded'),
      415,
      'http.unsupported_media_type',
    )
    const form = new FormData()
    form.append('onHand', '3')
    expectProblem(
      await raw('PUT', `${base}/${tomme.id}/variants/${tomme.variants[0]!.id}/stock`, form),
      415,
      'http.unsupported_media_type',
    )
    expectProblem(
      await raw(
        'PUT',
        `${base}/${tomme.id}/variants/${tomme.variants[0]!.id}/stock`,
        'onHand=3',
        'application/x-www-form-urlencoded',
      ),
      415,
    )
    for (const body of ['{"name":', '', '[]', 'null', '"tomme"', '42'])
      expectProblem(await raw('POST', base, body, 'application/json'), 400)
    expectProblem(
      await raw(
        'POST',
        base,
        JSON.stringify(product({}, { description: 'x'.repeat(300_000) })),
        'application/json',
      ),
      413,
      'http.payload_too_large',
    )
    expect(await getProduct(db(), shop.id, tomme.id)).toEqual(tomme)
  })

  it('refuses extra properties, wrong types, negative, fractional and huge prices and stock', async () => {
    const create = (body: unknown) => owner.api('POST', base, body)
    expectProblem(await create(product({}, { shopId: newId() })), 400, 'http.invalid_request', 'shopId')
    expectProblem(await create(product({ reserved: 0 })), 400, 'http.invalid_request', 'variants.0.reserved')
    for (const price of [-1, 1.5, 10_000_001, '1290', null, true, 1e300]) {
      expectProblem(
        await create(product({ priceCents: price })),
        400,
        'http.invalid_request',
        'variants.0.priceCents',
      )
    }
    for (const onHand of [-5, 2.5, 1_000_001, '3'])
      expectProblem(await create(product({ onHand })), 400, 'http.invalid_request', 'variants.0.onHand')
    expectProblem(await create(product({}, { vatRateBp: 1999 })), 400, 'http.invalid_request', 'vatRateBp')
    expectProblem(await create(product({}, { variants: [] })), 400, 'http.invalid_request', 'variants')
    expectProblem(
      await create(
        product({}, { variants: Array.from({ length: 31 }, (_, i) => ({ name: `V${i}`, priceCents: 100 })) }),
      ),
      400,
      'http.invalid_request',
      'variants',
    )
    expectProblem(await create({ ...product(), name: undefined }), 400, 'http.invalid_request', 'name')
    expectProblem(await create(product({}, { name: 'x'.repeat(121) })), 400, 'http.invalid_request', 'name')
    expectProblem(await create(product({}, { name: 'Tomme\u0000' })), 400, 'http.invalid_request', 'name')
    expectProblem(await create(product({}, { name: '   ' })), 400, 'catalog.invalid_product', 'name')
    expectProblem(
      await create(product({}, { categoryId: newId() })),
      400,
      'catalog.unknown_category',
      'categoryId',
    )
    expect((await create(product({ priceCents: 10_000_000, onHand: 1_000_000 }))).status).toBe(201)

    const stock = (body: unknown) =>
      owner.api('PUT', `${base}/${tomme.id}/variants/${tomme.variants[0]!.id}/stock`, body)
    for (const onHand of [-1, 0.5, 1_000_001, '5', null, true, {}])
      expectProblem(await stock({ onHand }), 400, 'http.invalid_request', 'onHand')
    expectProblem(await stock({}), 400, 'http.invalid_request', 'onHand')
    expectProblem(await stock({ onHand: 5, reserved: 0 }), 400, 'http.invalid_request', 'reserved')
    expect(await getProduct(db(), shop.id, tomme.id)).toEqual(tomme)
    expect((await stock({ onHand: 0 })).json).toMatchObject({ onHand: 0, available: 0 })
  })

  it('refuses oversized, non-image and malformed uploads', async () => {
    const png = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#fff' } })
      .png()
      .toBuffer()
    const big = new Blob([new Uint8Array(16 * 1024 * 1024)], { type: 'image/jpeg' })
    expectProblem(await upload({ photo: big }), 413, 'http.payload_too_large')
    expectProblem(
      await upload({ photo: new Blob(['pas une image'], { type: 'image/png' }) }),
      400,
      'catalog.not_an_image',
      'photo',
    )
    expectProblem(await upload({ photo: '/etc/passwd' }), 400, 'http.invalid_request', 'photo')
    expectProblem(await upload({ alt: 'Sans photo' }), 400, 'http.invalid_request', 'photo')
    expectProblem(
      await upload({ photo: new Blob([new Uint8Array(png)]), other: 'x' }),
      400,
      'http.invalid_request',
      'other',
    )
    expectProblem(
      await upload({ photo: new Blob([new Uint8Array(png)]), alt: 'x'.repeat(201) }),
      400,
      'http.invalid_request',
      'alt',
    )
    expectProblem(
      await raw('POST', `${base}/${tomme.id}/photos`, JSON.stringify({ photo: 'x' }), 'application/json'),
      400,
      'http.invalid_request',
      'photo',
    )
    expect((await getProduct(db(), shop.id, tomme.id)).photos).toEqual([])
    expect((await upload({ photo: new Blob([new Uint8Array(png)]), alt: 'Une tomme' })).status).toBe(201)
  })

  it('documents every shop and catalog route in the OpenAPI 3.1 document, responses included', async () => {
    const doc = (await (await fetch(`${server.baseUrl}/api/openapi.json`)).json()) as Json
    expect(doc.openapi).toBe('3.1.0')
    const routes: Array<[string, string, string, boolean]> = [
      ['get', '/api/v1/shops', '200', false],
      ['get', '/api/v1/shops/{shopSlug}', '200', false],
      ['get', '/api/v1/categories', '200', false],
      ['get', '/api/v1/search', '200', false],
      ['get', '/api/v1/shops/{shopSlug}/products/{productSlug}', '200', false],
      ['get', '/api/v1/shops/{shopId}/admin/products', '200', true],
      ['post', '/api/v1/shops/{shopId}/admin/products', '201', true],
      ['get', '/api/v1/shops/{shopId}/admin/products/{productId}', '200', true],
      ['put', '/api/v1/shops/{shopId}/admin/products/{productId}', '200', true],
      ['put', '/api/v1/shops/{shopId}/admin/products/{productId}/variants/{variantId}/stock', '200', true],
      ['post', '/api/v1/shops/{shopId}/admin/products/{productId}/photos', '201', true],
      ['delete', '/api/v1/shops/{shopId}/admin/products/{productId}/photos/{photoId}', '204', true],
      ['put', '/api/v1/shops/{shopId}/profile', '200', true],
      ['put', '/api/v1/shops/{shopId}/hours', '200', true],
      ['post', '/api/v1/shops/{shopId}/closures', '201', true],
      ['delete', '/api/v1/shops/{shopId}/closures/{closureId}', '204', true],
    ]
    for (const [method, path, success, staff] of routes) {
      const operation = doc.paths[path]?.[method]
      expect(operation, `${method} ${path}`).toBeDefined()
      expect(operation.tags).toEqual([
        path.includes('products') || path.includes('categories') || path.includes('search')
          ? 'Catalog'
          : 'Shops',
      ])
      expect(operation.summary).toEqual(expect.any(String))
      expect(Object.keys(operation.responses)).toEqual(
        expect.arrayContaining([success, '400', '401', '403', '404', '409', '413', '415', '429']),
      )
      expect(
        operation.responses['404'].content['application/problem+json'].schema.properties.code,
      ).toBeDefined()
      if (staff) expect(operation.security).toEqual([{ session: [] }])
      if (['post', 'put'].includes(method)) expect(operation.requestBody, `${method} ${path}`).toBeDefined()
    }
    expect(
      doc.paths['/api/v1/shops/{shopId}/admin/products/{productId}/photos'].post.requestBody.content,
    ).toHaveProperty('multipart/form-data')
    expect(JSON.stringify(doc)).not.toMatch(/search_document|search_name|searchDocument|tracks_stock/i)
  })
})
