import sharp from 'sharp'
import { beforeAll, describe, expect, it } from 'vitest'
import { FormClient, useTestApp } from '../../../../test/harness/app.js'
import { forEachEngine } from '../../../../test/harness/engines.js'
import type { Db } from '../../../db/index.js'
import { systemClock } from '../../../lib/clock.js'
import type { ShopId, UserId } from '../../../lib/ids.js'
import { createProduct, getProduct, listShopProducts, type Product } from '../../../modules/catalog/index.js'
import { createUser } from '../../../modules/identity/index.js'
import { addStaffMember, createShop, type Shop, type ShopKind } from '../../../modules/shops/index.js'

const PASSWORD = 'un mot de passe assez long'
let serial = 0

async function aShop(db: Db, kind: ShopKind = 'boulangerie'): Promise<Shop> {
  const n = ++serial
  return createShop(
    { db, clock: systemClock },
    {
      name: `Commerce ${n}`,
      kind,
      tagline: '',
      description: '',
      street: `${n} rue du Marché`,
      postalCode: '44000',
      city: 'Nantes',
      phone: '',
      email: '',
      pickupInstructions: '',
    },
  )
}

async function aMemberOf(
  db: Db,
  shop: Shop,
  role: 'owner' | 'staff' = 'owner',
): Promise<{ email: string; id: UserId }> {
  const email = `membre${++serial}@example.fr`
  const user = await createUser(
    { db, clock: systemClock },
    { email, password: PASSWORD, displayName: `Membre ${serial}` },
  )
  await addStaffMember(db, shop.id, user.id, role)
  return { email, id: user.id }
}

async function aProduct(db: Db, shopId: ShopId, onHand = 10): Promise<Product> {
  return createProduct({ db, clock: systemClock, mediaDir: '/nonexistent' }, undefined, shopId, {
    name: `Pain ${++serial}`,
    description: '',
    kind: 'product',
    vatRateBp: 550,
    status: 'published',
    variants: [{ name: 'À l’unité', priceCents: 450, onHand }],
  })
}

const photoPng = () =>
  sharp({ create: { width: 1200, height: 900, channels: 3, background: '#c96' } })
    .png()
    .toBuffer()

function quickAddForm(
  fields: Record<string, string>,
  photo?: { bytes: Buffer; type: string; name: string },
): FormData {
  const form = new FormData()
  if (photo) form.set('photo', new Blob([new Uint8Array(photo.bytes)], { type: photo.type }), photo.name)
  for (const [k, v] of Object.entries(fields)) form.set(k, v)
  return form
}

forEachEngine('back-office catalogue pages', ({ db }) => {
  const server = useTestApp(db)
  let shop: Shop
  let owner: FormClient
  const catalogDeps = () => ({ db: db(), clock: systemClock, mediaDir: server.deps.mediaDir })

  beforeAll(async () => {
    shop = await aShop(db())
    const member = await aMemberOf(db(), shop, 'owner')
    owner = new FormClient(server.baseUrl)
    await owner.signIn(member.email, PASSWORD)
  })

  const count = async () => (await listShopProducts(db(), shop.id, { limit: 100 })).items.length

  describe('quick add (UX-04)', () => {
    it('puts a product with a camera photo on sale in one form, then lists it', async () => {
      const page = await owner.get(`/admin/${shop.id}/produits/nouveau`)
      expect(page.status).toBe(200)
      expect(page.body).toContain('capture="environment"')
      expect(page.body).toMatch(/<option value="550" selected>/) // a bakery sells at 5,5 %

      const res = await owner.postMultipart(
        `/admin/${shop.id}/produits/nouveau`,
        quickAddForm(
          {
            name: 'Pain au levain',
            price: '4,50',
            stock: '3',
            kind: 'product',
            vatRateBp: '550',
            categoryId: '',
          },
          { bytes: await photoPng(), type: 'image/png', name: 'pain.png' },
        ),
      )
      expect(res.status).toBe(303)
      const [, productId] = /\/produits\/([0-9A-Z]{26})\?ok=produit-ajoute$/.exec(res.location ?? '') ?? []
      expect(productId).toBeDefined()

      const product = await getProduct(db(), shop.id, productId as Product['id'])
      expect(product).toMatchObject({
        name: 'Pain au levain',
        status: 'published',
        vatRateBp: 550,
        kind: 'product',
      })
      expect(product.variants).toMatchObject([{ name: 'À l’unité', priceCents: 450, stock: { onHand: 3 } }])
      expect(product.photos).toHaveLength(1)

      const edit = await owner.get(res.location!)
      expect(edit.body).toContain('Produit ajouté et mis en vente.')
      const list = await owner.get(`/admin/${shop.id}/produits`)
      expect(list.body).toContain('Pain au levain')
      expect(list.body).toContain(`/media/${product.photos[0]!.id}-320.webp`)
      expect(list.body).toMatch(/mis à jour le .* \(à l’instant\)/)
    })

    it('refuses a text file as photo and writes nothing', async () => {
      await owner.get(`/admin/${shop.id}/produits/nouveau`)
      const before = await count()
      const res = await owner.postMultipart(
        `/admin/${shop.id}/produits/nouveau`,
        quickAddForm(
          { name: 'Baguette', price: '1,20', stock: '10', kind: 'product', vatRateBp: '550' },
          { bytes: Buffer.from('pas une image'), type: 'image/jpeg', name: 'photo.jpg' },
        ),
      )
      expect(res.status).toBe(400)
      expect(res.body).toMatch(/id="f-photo-error">Ce fichier n’est pas une image lisible/)
      expect(res.body).toContain('value="Baguette"')
      expect(await count()).toBe(before)
    })

    it('shows each problem next to its field and keeps what was typed', async () => {
      await owner.get(`/admin/${shop.id}/produits/nouveau`)
      const before = await count()
      const res = await owner.postMultipart(
        `/admin/${shop.id}/produits/nouveau`,
        quickAddForm({ name: '  ', price: 'abc', stock: '2', kind: 'product', vatRateBp: '550' }),
      )
      expect(res.status).toBe(400)
      expect(res.body).toContain('id="f-name-error">Ce champ est obligatoire.')
      expect(res.body).toContain('id="f-price-error">Indiquez un prix valide, par exemple 4,50.')
      expect(res.body).toContain('value="abc"')
      expect(res.body).toContain('role="alert"')
      expect(await count()).toBe(before)
    })

    it('answers an upload over 15 MB with 413 and a clear message, never a 500', async () => {
      await owner.get(`/admin/${shop.id}/produits/nouveau`)
      const before = await count()
      const huge = Buffer.alloc(16 * 1024 * 1024, 1)
      const res = await owner.postMultipart(
        `/admin/${shop.id}/produits/nouveau`,
        quickAddForm({ name: 'Lourd', price: '2' }, { bytes: huge, type: 'image/jpeg', name: 'lourd.jpg' }),
      )
      expect(res.status).toBe(413)
      expect(res.body).toContain('Cette image est trop lourde (15 Mo au plus).')
      expect(await count()).toBe(before)
    })
  })

  describe('product page', () => {
    it('edits details, prices and stock, adds a variant and removes it again', async () => {
      const product = await aProduct(db(), shop.id, 10)
      const variantId = product.variants[0]!.id
      const page = await owner.get(`/admin/${shop.id}/produits/${product.id}`)
      expect(page.status).toBe(200)
      expect(page.body).toMatch(/Stock mis à jour le .*\(à l’instant\)/)

      const fields = {
        name: 'Pain de campagne',
        description: 'Au levain naturel.',
        kind: 'product',
        status: 'hidden',
        categoryId: '',
        vatRateBp: '550',
        v0_id: variantId,
        v0_name: 'À l’unité',
        v0_price: '5,20',
        v0_sku: 'PC-1',
        v0_onHand: '7',
        v0_onHandWas: '10',
        v1_name: 'Grand',
        v1_price: '8',
        v1_sku: '',
        v1_onHand: '4',
        v2_name: '',
        v2_price: '',
        v2_sku: '',
        v2_onHand: '',
      }
      const saved = await owner.postForm(`/admin/${shop.id}/produits/${product.id}`, fields)
      expect(saved.status).toBe(303)
      expect(saved.location).toBe(`/admin/${shop.id}/produits/${product.id}?ok=produit-enregistre`)
      let after = await getProduct(db(), shop.id, product.id)
      expect(after).toMatchObject({
        name: 'Pain de campagne',
        status: 'hidden',
        description: 'Au levain naturel.',
      })
      expect(after.variants).toMatchObject([
        { id: variantId, priceCents: 520, sku: 'PC-1', stock: { onHand: 7 } },
        { name: 'Grand', priceCents: 800, stock: { onHand: 4 } },
      ])
      expect((await owner.get(saved.location!)).body).toContain('Produit enregistré.')

      const grand = after.variants[1]!
      const removed = await owner.postForm(`/admin/${shop.id}/produits/${product.id}`, {
        ...fields,
        v0_onHandWas: '7',
        v1_id: grand.id,
        v1_onHandWas: '4',
        v1_remove: '1',
      })
      expect(removed.status).toBe(303)
      after = await getProduct(db(), shop.id, product.id)
      expect(after.variants.map((v) => v.id)).toEqual([variantId])
    })

    it('does not write back a stock count left as shown, so a sale made meanwhile stands', async () => {
      const product = await aProduct(db(), shop.id, 10)
      const v = product.variants[0]!
      await owner.get(`/admin/${shop.id}/produits/${product.id}`)
      await db().updateTable('stock_levels').set({ on_hand: 8 }).where('variant_id', '=', v.id).execute() // sold 2 at the counter
      const res = await owner.postForm(`/admin/${shop.id}/produits/${product.id}`, {
        name: product.name,
        description: '',
        kind: 'product',
        status: 'published',
        categoryId: '',
        vatRateBp: '550',
        v0_id: v.id,
        v0_name: v.name,
        v0_price: '4,50',
        v0_sku: '',
        v0_onHand: '10',
        v0_onHandWas: '10',
      })
      expect(res.status).toBe(303)
      expect((await getProduct(db(), shop.id, product.id)).variants[0]!.stock?.onHand).toBe(8)
    })

    it('refuses a stock below the units customers hold, next to the field, and changes nothing', async () => {
      const product = await aProduct(db(), shop.id, 10)
      const v = product.variants[0]!
      await db().updateTable('stock_levels').set({ reserved: 3 }).where('variant_id', '=', v.id).execute()
      await owner.get(`/admin/${shop.id}/produits/${product.id}`)
      const res = await owner.postForm(`/admin/${shop.id}/produits/${product.id}`, {
        name: 'Nouveau nom',
        description: '',
        kind: 'product',
        status: 'published',
        categoryId: '',
        vatRateBp: '550',
        v0_id: v.id,
        v0_name: v.name,
        v0_price: '4,50',
        v0_sku: '',
        v0_onHand: '2',
        v0_onHandWas: '10',
      })
      expect(res.status).toBe(409)
      expect(res.body).toMatch(
        /id="f-v0-onHand-error">Le stock ne peut pas descendre sous les unités déjà réservées par des clients\. 3 unités réservées\./,
      )
      expect(res.body).toContain('value="Nouveau nom"')
      const after = await getProduct(db(), shop.id, product.id)
      expect(after.name).toBe(product.name)
      expect(after.variants[0]!.stock).toMatchObject({ onHand: 10, reserved: 3 })
    })

    it('adds a photo with its description and takes it down', async () => {
      const product = await aProduct(db(), shop.id)
      await owner.get(`/admin/${shop.id}/produits/${product.id}`)
      const form = new FormData()
      form.set('alt', 'Pain tranché sur une planche')
      form.set('photo', new Blob([new Uint8Array(await photoPng())], { type: 'image/png' }), 'pain.png')
      const added = await owner.postMultipart(`/admin/${shop.id}/produits/${product.id}/photos`, form)
      expect(added.status).toBe(303)
      const [photo] = (await getProduct(db(), shop.id, product.id)).photos
      expect(photo).toMatchObject({ alt: 'Pain tranché sur une planche' })

      const page = await owner.get(added.location!)
      expect(page.body).toContain('Photo ajoutée.')
      expect(page.body).toContain('alt="Pain tranché sur une planche"')
      const gone = await owner.postForm(
        `/admin/${shop.id}/produits/${product.id}/photos/${photo!.id}/supprimer`,
        {},
      )
      expect(gone.status).toBe(303)
      expect((await getProduct(db(), shop.id, product.id)).photos).toHaveLength(0)
    })

    it('shows the edit page again when the uploaded photo is not an image', async () => {
      const product = await aProduct(db(), shop.id)
      await owner.get(`/admin/${shop.id}/produits/${product.id}`)
      const form = new FormData()
      form.set('photo', new Blob(['bonjour'], { type: 'text/plain' }), 'note.txt')
      const res = await owner.postMultipart(`/admin/${shop.id}/produits/${product.id}/photos`, form)
      expect(res.status).toBe(400)
      expect(res.body).toMatch(/id="f-photo-error">Ce fichier n’est pas une image lisible/)
      expect((await getProduct(db(), shop.id, product.id)).photos).toHaveLength(0)
    })
  })

  it('lists products with a name filter and offers a big add button when the shop has none', async () => {
    const empty = await aShop(db())
    const member = await aMemberOf(db(), empty, 'staff')
    const staff = new FormClient(server.baseUrl)
    await staff.signIn(member.email, PASSWORD)
    const none = await staff.get(`/admin/${empty.id}/produits`)
    expect(none.body).toContain('class="button primary big"')
    expect(none.body).toContain('Ajouter un produit')

    await createProduct(catalogDeps(), undefined, empty.id, {
      name: 'Brioche',
      description: '',
      kind: 'product',
      vatRateBp: 550,
      status: 'published',
      variants: [{ name: 'Entière', priceCents: 900, onHand: 2 }],
    })
    await createProduct(catalogDeps(), undefined, empty.id, {
      name: 'Croissant',
      description: '',
      kind: 'product',
      vatRateBp: 550,
      status: 'published',
      variants: [{ name: 'À l’unité', priceCents: 120, onHand: 0 }],
    })
    const filtered = await staff.get(`/admin/${empty.id}/produits?q=BRIO`)
    expect(filtered.body).toContain('Brioche')
    expect(filtered.body).not.toContain('Croissant')
    const all = await staff.get(`/admin/${empty.id}/produits`)
    expect(all.body).toContain('Stock limité')
    expect(all.body).toContain('Épuisé')
  })
})
