import { beforeAll, expect, it } from 'vitest'
import sharp from 'sharp'
import { FormClient, useTestApp } from '../../test/harness/app.js'
import { forEachEngine } from '../../test/harness/engines.js'
import type { Json } from '../../test/harness/json.js'
import type { Db } from '../db/index.js'
import { fixedClock } from '../lib/clock.js'
import { addProductPhoto, createProduct, getProduct, type Product } from '../modules/catalog/index.js'
import { createUser } from '../modules/identity/index.js'
import {
  addClosure,
  addStaffMember,
  createShop,
  getOpeningSchedule,
  type Closure,
  type Shop,
} from '../modules/shops/index.js'

const PASSWORD = 'un mot de passe assez long'
const clock = fixedClock('2026-03-11T09:00:00Z')

interface Tenant {
  shop: Shop
  email: string
  product: Product
  photoId: string
  closure: Closure
}

async function aTenant(db: Db, mediaDir: string, name: string): Promise<Tenant> {
  const deps = { db, clock }
  const shop = await createShop(deps, {
    name,
    kind: 'epicerie',
    tagline: '',
    description: '',
    street: '2 rue Nationale',
    postalCode: '37000',
    city: 'Tours',
    phone: '',
    email: '',
    pickupInstructions: '',
  })
  const email = `owner@${shop.slug}.example.fr`
  const user = await createUser(deps, { email, password: PASSWORD, displayName: name })
  await addStaffMember(db, shop.id, user.id, 'owner')
  const catalog = { db, clock, mediaDir }
  const product = await createProduct(catalog, user.id, shop.id, {
    name: 'Miel de tilleul',
    description: '',
    kind: 'product',
    vatRateBp: 550,
    status: 'hidden',
    variants: [{ name: '250 g', priceCents: 690, onHand: 7 }],
  })
  const png = await sharp({ create: { width: 400, height: 300, channels: 3, background: '#e8b030' } })
    .png()
    .toBuffer()
  const photo = await addProductPhoto(catalog, user.id, shop.id, product.id, png, 'Un pot de miel')
  const closure = await addClosure(deps, user.id, shop.id, {
    startsOn: '2026-08-01',
    endsOn: '2026-08-15',
    reason: 'Congés',
  })
  return { shop, email, product: await getProduct(db, shop.id, product.id), photoId: photo.id, closure }
}

const productBody = {
  name: 'Confiture',
  description: '',
  kind: 'product',
  vatRateBp: 550,
  status: 'published',
  variants: [{ name: 'Pot', priceCents: 500, onHand: 1 }],
}
const profileBody = {
  name: 'Repris',
  kind: 'epicerie',
  tagline: '',
  description: '',
  street: '1 rue',
  postalCode: '37000',
  city: 'Tours',
  phone: '',
  email: '',
  pickupInstructions: '',
}

/** Every staff request, each with a valid body, aimed at the given ids. */
function staffRequests(
  shopId: string,
  productId: string,
  variantId: string,
  photoId: string,
  closureId: string,
) {
  const shop = `/api/v1/shops/${shopId}`
  const product = `${shop}/admin/products/${productId}`
  return [
    ['GET', `${shop}/admin/products`],
    ['POST', `${shop}/admin/products`, productBody],
    ['GET', product],
    ['PUT', product, productBody],
    ['PUT', `${product}/variants/${variantId}/stock`, { onHand: 0 }],
    ['POST', `${product}/photos`, 'photo'],
    ['DELETE', `${product}/photos/${photoId}`],
    ['PUT', `${shop}/profile`, profileBody],
    ['PUT', `${shop}/hours`, { hours: [] }],
    ['POST', `${shop}/closures`, { startsOn: '2026-09-01', endsOn: '2026-09-01' }],
    ['DELETE', `${shop}/closures/${closureId}`],
  ] as const
}

async function send(
  baseUrl: string,
  cookie: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
) {
  let payload: string | FormData | undefined
  const sent: Record<string, string> = { cookie, ...headers }
  if (body === 'photo') {
    const form = new FormData()
    form.append(
      'photo',
      new Blob(
        [
          new Uint8Array(
            await sharp({ create: { width: 50, height: 50, channels: 3, background: '#000' } })
              .png()
              .toBuffer(),
          ),
        ],
        { type: 'image/png' },
      ),
      'x.png',
    )
    payload = form
  } else if (body !== undefined) {
    payload = JSON.stringify(body)
    sent['content-type'] = 'application/json'
  }
  const res = await fetch(baseUrl + path, {
    method,
    headers: sent,
    ...(payload !== undefined ? { body: payload } : {}),
  })
  const text = await res.text()
  return {
    status: res.status,
    contentType: res.headers.get('content-type') ?? '',
    json: text ? (JSON.parse(text) as Json) : undefined,
  }
}

forEachEngine('API tenant isolation', ({ db }) => {
  const server = useTestApp(db, { clock })
  let a: Tenant
  let b: Tenant
  let ownerOfA: FormClient
  beforeAll(async () => {
    a = await aTenant(db(), server.deps.mediaDir, 'Épicerie Alpha')
    b = await aTenant(db(), server.deps.mediaDir, 'Épicerie Bêta')
    ownerOfA = new FormClient(server.baseUrl)
    expect(
      (await ownerOfA.api('POST', '/api/v1/session', { email: a.email, password: PASSWORD })).status,
    ).toBe(200)
  })

  it('answers 404 to staff of shop A for every read and write on shop B', async () => {
    for (const [method, path, body] of staffRequests(
      b.shop.id,
      b.product.id,
      b.product.variants[0]!.id,
      b.photoId,
      b.closure.id,
    )) {
      const res = await send(server.baseUrl, ownerOfA.cookieHeader(), method, path, body)
      expect({ method, path, status: res.status, code: res.json?.code }).toEqual({
        method,
        path,
        status: 404,
        code: 'shops.shop_not_found',
      })
      expect(res.contentType).toContain('application/problem+json')
    }
    await expectShopBUntouched()
  })

  it('answers 404 to staff of shop A for shop B’s product, variant, photo and closure ids under A’s own path', async () => {
    const shop = `/api/v1/shops/${a.shop.id}`
    const mine = `${shop}/admin/products/${a.product.id}`
    const theirs = `${shop}/admin/products/${b.product.id}`
    const attempts: Array<[string, string, unknown, string]> = [
      ['GET', theirs, undefined, 'catalog.product_not_found'],
      ['PUT', theirs, productBody, 'catalog.product_not_found'],
      [
        'PUT',
        `${theirs}/variants/${b.product.variants[0]!.id}/stock`,
        { onHand: 0 },
        'catalog.product_not_found',
      ],
      [
        'PUT',
        `${mine}/variants/${b.product.variants[0]!.id}/stock`,
        { onHand: 0 },
        'catalog.variant_not_found',
      ],
      ['POST', `${theirs}/photos`, 'photo', 'catalog.product_not_found'],
      ['DELETE', `${theirs}/photos/${b.photoId}`, undefined, 'catalog.photo_not_found'],
      ['DELETE', `${mine}/photos/${b.photoId}`, undefined, 'catalog.photo_not_found'],
      ['DELETE', `${shop}/closures/${b.closure.id}`, undefined, 'shops.closure_not_found'],
    ]
    for (const [method, path, body, code] of attempts) {
      const res = await send(server.baseUrl, ownerOfA.cookieHeader(), method, path, body)
      expect({ method, path, status: res.status, code: res.json?.code }).toEqual({
        method,
        path,
        status: 404,
        code,
      })
    }
    // A variant id of shop B inside a product update is not a variant of this product.
    const sneaky = await ownerOfA.api('PUT', mine, {
      ...productBody,
      variants: [{ id: b.product.variants[0]!.id, name: 'Volé', priceCents: 1 }],
    })
    expect(sneaky).toMatchObject({
      status: 400,
      json: { code: 'catalog.unknown_variant', field: 'variants[0].id' },
    })
    await expectShopBUntouched()
  })

  it('answers 401 problem+json to anonymous writes and staff reads', async () => {
    for (const [method, path, body] of staffRequests(
      a.shop.id,
      a.product.id,
      a.product.variants[0]!.id,
      a.photoId,
      a.closure.id,
    )) {
      const res = await send(server.baseUrl, '', method, path, body)
      expect({ method, path, status: res.status, code: res.json?.code }).toEqual({
        method,
        path,
        status: 401,
        code: 'identity.unauthenticated',
      })
      expect(res.contentType).toContain('application/problem+json')
    }
  })

  it('refuses cross-site writes even with a valid session', async () => {
    const path = `/api/v1/shops/${a.shop.id}/admin/products`
    const stock = `${path}/${a.product.id}/variants/${a.product.variants[0]!.id}/stock`
    const crossSite: Array<Record<string, string>> = [
      { 'sec-fetch-site': 'cross-site' },
      { 'sec-fetch-site': 'same-site' },
      { origin: 'https://evil.example' },
    ]
    for (const headers of crossSite) {
      const created = await send(server.baseUrl, ownerOfA.cookieHeader(), 'POST', path, productBody, headers)
      expect(created).toMatchObject({ status: 403, json: { code: 'http.cross_site' } })
      const counted = await send(
        server.baseUrl,
        ownerOfA.cookieHeader(),
        'PUT',
        stock,
        { onHand: 0 },
        headers,
      )
      expect(counted).toMatchObject({ status: 403, json: { code: 'http.cross_site' } })
      const photo = await send(
        server.baseUrl,
        ownerOfA.cookieHeader(),
        'DELETE',
        `${path}/${a.product.id}/photos/${a.photoId}`,
        undefined,
        headers,
      )
      expect(photo).toMatchObject({ status: 403, json: { code: 'http.cross_site' } })
    }
    expect(await getProduct(db(), a.shop.id, a.product.id)).toEqual(a.product)
    const sameOrigin = await send(
      server.baseUrl,
      ownerOfA.cookieHeader(),
      'PUT',
      stock,
      { onHand: 6 },
      { 'sec-fetch-site': 'same-origin', origin: server.baseUrl },
    )
    expect(sameOrigin).toMatchObject({ status: 200, json: { onHand: 6 } })
  })

  async function expectShopBUntouched() {
    expect(await getProduct(db(), b.shop.id, b.product.id)).toEqual(b.product)
    const schedule = await getOpeningSchedule(db(), b.shop.id, clock.now())
    expect(schedule.closures).toEqual([b.closure])
    const publicShop = (await (await fetch(`${server.baseUrl}/api/v1/shops/${b.shop.slug}`)).json()) as Json
    expect(publicShop.name).toBe('Épicerie Bêta')
  }
})
