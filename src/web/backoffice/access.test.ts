import sharp from 'sharp'
import { beforeAll, describe, expect, it } from 'vitest'
import { FormClient, useTestApp } from '../../../test/harness/app.js'
import { forEachEngine } from '../../../test/harness/engines.js'
import type { Db } from '../../db/index.js'
import { systemClock } from '../../lib/clock.js'
import { addProductPhoto, createProduct, getProduct, type Product } from '../../modules/catalog/index.js'
import { createUser } from '../../modules/identity/index.js'
import {
  addClosure,
  addStaffMember,
  createShop,
  getOpeningSchedule,
  getShop,
  type Closure,
  type Shop,
} from '../../modules/shops/index.js'

const PASSWORD = 'un mot de passe assez long'
let serial = 0

async function aShop(db: Db): Promise<Shop> {
  const n = ++serial
  return createShop(
    { db, clock: systemClock },
    {
      name: `Atelier ${n}`,
      kind: 'cycles',
      tagline: '',
      description: '',
      street: `${n} quai de la Fosse`,
      postalCode: '44000',
      city: 'Nantes',
      phone: '',
      email: '',
      pickupInstructions: '',
    },
  )
}

async function aMemberOf(db: Db, shop: Shop, role: 'owner' | 'staff') {
  const email = `equipe${++serial}@example.fr`
  const user = await createUser(
    { db, clock: systemClock },
    { email, password: PASSWORD, displayName: `Équipe ${serial}` },
  )
  await addStaffMember(db, shop.id, user.id, role)
  return { email, id: user.id }
}

const png = () =>
  sharp({ create: { width: 400, height: 300, channels: 3, background: '#369' } })
    .png()
    .toBuffer()

forEachEngine('back-office access', ({ db }) => {
  const server = useTestApp(db)
  let shopA: Shop
  let shopB: Shop
  let productB: Product
  let closureB: Closure
  let ownerOfA: FormClient
  let staffOfA: FormClient

  beforeAll(async () => {
    shopA = await aShop(db())
    shopB = await aShop(db())
    const deps = { db: db(), clock: systemClock, mediaDir: server.deps.mediaDir }
    productB = await createProduct(deps, undefined, shopB.id, {
      name: 'Vélo de ville',
      description: '',
      kind: 'product',
      vatRateBp: 2000,
      status: 'published',
      variants: [{ name: 'Taille M', priceCents: 45000, onHand: 2 }],
    })
    await addProductPhoto(deps, undefined, shopB.id, productB.id, await png(), 'Vélo bleu')
    productB = await getProduct(db(), shopB.id, productB.id)
    const ownerOfB = await aMemberOf(db(), shopB, 'owner')
    closureB = await addClosure(deps, ownerOfB.id, shopB.id, {
      startsOn: '2099-01-01',
      endsOn: '2099-01-02',
      reason: 'Inventaire',
    })
    ownerOfA = new FormClient(server.baseUrl)
    await ownerOfA.signIn((await aMemberOf(db(), shopA, 'owner')).email, PASSWORD)
    staffOfA = new FormClient(server.baseUrl)
    await staffOfA.signIn((await aMemberOf(db(), shopA, 'staff')).email, PASSWORD)
  })

  describe('tenant isolation', () => {
    it('answers 404 to staff of shop A for every page of shop B', async () => {
      const b = `/admin/${shopB.id}`
      for (const path of [
        b,
        `${b}/produits`,
        `${b}/produits/nouveau`,
        `${b}/produits/${productB.id}`,
        `${b}/horaires`,
        `${b}/profil`,
      ]) {
        expect((await ownerOfA.get(path)).status, path).toBe(404)
        expect((await staffOfA.get(path)).status, path).toBe(404)
      }
    })

    it('answers 404 to staff of shop A for every form of shop B, and changes nothing there', async () => {
      await ownerOfA.get(`/admin/${shopA.id}/profil`) // a valid CSRF token of A's own session
      const b = `/admin/${shopB.id}`
      const photoId = productB.photos[0]!.id
      const forms: Array<[string, Record<string, string>]> = [
        [
          `${b}/produits/${productB.id}`,
          { name: 'Volé', kind: 'product', status: 'hidden', vatRateBp: '2000', v0_name: 'X', v0_price: '1' },
        ],
        [`${b}/produits/${productB.id}/photos/${photoId}/supprimer`, {}],
        [`${b}/horaires`, { h1_0_opens: '08:00', h1_0_closes: '09:00' }],
        [`${b}/horaires/fermetures`, { startsOn: '2099-03-01', endsOn: '', reason: 'x' }],
        [`${b}/horaires/fermetures/${closureB.id}/supprimer`, {}],
        [
          `${b}/profil`,
          {
            name: 'Volé',
            kind: 'cycles',
            street: 'x',
            postalCode: '44000',
            city: 'Nantes',
            stockFreshnessHours: '1',
          },
        ],
      ]
      for (const [path, fields] of forms)
        expect((await ownerOfA.postForm(path, fields)).status, path).toBe(404)
      for (const path of [`${b}/produits/nouveau`, `${b}/produits/${productB.id}/photos`]) {
        const form = new FormData()
        form.set('name', 'Volé')
        form.set('price', '1')
        form.set('photo', new Blob([new Uint8Array(await png())], { type: 'image/png' }), 'x.png')
        expect((await ownerOfA.postMultipart(path, form)).status, path).toBe(404)
      }

      const after = await getProduct(db(), shopB.id, productB.id)
      expect(after).toMatchObject({ name: 'Vélo de ville', status: 'published' })
      expect(after.photos).toHaveLength(1)
      const schedule = await getOpeningSchedule(db(), shopB.id, new Date())
      expect(schedule.hours).toHaveLength(0)
      expect(schedule.closures.map((c) => c.id)).toEqual([closureB.id])
      expect((await getShop(db(), shopB.id)).name).toBe(shopB.name)
    })

    it('answers 404 for shop B’s product reached through shop A’s address', async () => {
      await ownerOfA.get(`/admin/${shopA.id}`)
      const a = `/admin/${shopA.id}/produits/${productB.id}`
      expect((await ownerOfA.get(a)).status).toBe(404)
      expect(
        (
          await ownerOfA.postForm(a, {
            name: 'Volé',
            kind: 'product',
            status: 'hidden',
            vatRateBp: '2000',
            v0_name: 'X',
            v0_price: '1',
          })
        ).status,
      ).toBe(404)
      expect((await ownerOfA.postForm(`${a}/photos/${productB.photos[0]!.id}/supprimer`, {})).status).toBe(
        404,
      )
      const form = new FormData()
      form.set('photo', new Blob([new Uint8Array(await png())], { type: 'image/png' }), 'x.png')
      expect((await ownerOfA.postMultipart(`${a}/photos`, form)).status).toBe(404)
      const after = await getProduct(db(), shopB.id, productB.id)
      expect(after.name).toBe('Vélo de ville')
      expect(after.photos).toHaveLength(1)
    })
  })

  it('gives staff who are not the owner a 403 that explains why on profile and hours', async () => {
    await staffOfA.get(`/admin/${shopA.id}`)
    const a = `/admin/${shopA.id}`
    for (const path of [`${a}/profil`, `${a}/horaires`]) {
      const page = await staffOfA.get(path)
      expect(page.status, path).toBe(403)
      expect(page.body).toContain('Seul le propriétaire ou la propriétaire du commerce')
    }
    for (const path of [`${a}/profil`, `${a}/horaires`, `${a}/horaires/fermetures`]) {
      expect((await staffOfA.postForm(path, { startsOn: '2099-03-01' })).status, path).toBe(403)
    }
    const nav = await staffOfA.get(a)
    expect(nav.body).not.toContain(`href="${a}/profil"`)
    expect(nav.body).toContain(`href="${a}/produits/nouveau"`)
  })

  it('sends anonymous visitors to the login form, and back here afterwards', async () => {
    const anonymous = new FormClient(server.baseUrl)
    const page = await anonymous.get(`/admin/${shopA.id}/produits?q=v`)
    expect(page.status).toBe(303)
    expect(page.headers.get('location')).toBe(
      `/connexion?retour=${encodeURIComponent(`/admin/${shopA.id}/produits?q=v`)}`,
    )
    const post = await anonymous.postForm(`/admin/${shopA.id}/profil`, { name: 'x' })
    expect(post.status).toBe(303)
    expect(post.location).toMatch(/^\/connexion\?retour=/)
  })

  it('refuses a form posted without its CSRF token', async () => {
    await ownerOfA.get(`/admin/${shopA.id}/profil`)
    const res = await ownerOfA.postForm(
      `/admin/${shopA.id}/profil`,
      { name: 'Sans jeton', kind: 'cycles', street: 'x', postalCode: '44000', city: 'Nantes' },
      { withCsrf: false },
    )
    expect(res.status).toBe(403)
    expect(res.body).toContain('Le formulaire a expiré')
    expect((await getShop(db(), shopA.id)).name).toBe(shopA.name)
  })
})
