import { beforeAll, describe, expect, it } from 'vitest'
import { FormClient, useTestApp } from '../../../../test/harness/app.js'
import { forEachEngine } from '../../../../test/harness/engines.js'
import type { Db } from '../../../db/index.js'
import { systemClock } from '../../../lib/clock.js'
import type { UserId } from '../../../lib/ids.js'
import { createProduct } from '../../../modules/catalog/index.js'
import { createUser } from '../../../modules/identity/index.js'
import {
  addStaffMember,
  createShop,
  getOpeningSchedule,
  getShop,
  type Shop,
} from '../../../modules/shops/index.js'

const PASSWORD = 'un mot de passe assez long'
let serial = 0

async function aShop(db: Db, extra: { latitude?: number; longitude?: number } = {}): Promise<Shop> {
  const n = ++serial
  return createShop(
    { db, clock: systemClock },
    {
      name: `Boutique ${n}`,
      kind: 'fleuriste',
      tagline: '',
      description: '',
      street: `${n} place du Bouffay`,
      postalCode: '44000',
      city: 'Nantes',
      phone: '',
      email: '',
      pickupInstructions: '',
      ...extra,
    },
  )
}

async function aUser(
  db: Db,
  memberOf: Array<[Shop, 'owner' | 'staff']> = [],
): Promise<{ email: string; id: UserId }> {
  const email = `personne${++serial}@example.fr`
  const user = await createUser(
    { db, clock: systemClock },
    { email, password: PASSWORD, displayName: `Personne ${serial}` },
  )
  for (const [shop, role] of memberOf) await addStaffMember(db, shop.id, user.id, role)
  return { email, id: user.id }
}

const hoursForm = (fields: Record<string, string>) => {
  const form: Record<string, string> = {}
  for (let d = 1; d <= 7; d++)
    for (let r = 0; r < 2; r++) for (const end of ['opens', 'closes']) form[`h${d}_${r}_${end}`] = ''
  return { ...form, ...fields }
}

forEachEngine('back-office shop pages', ({ db }) => {
  const server = useTestApp(db)
  let shop: Shop
  let owner: FormClient
  let ownerId: UserId

  beforeAll(async () => {
    shop = await aShop(db(), { latitude: 47.2133, longitude: -1.5536 })
    const user = await aUser(db(), [[shop, 'owner']])
    ownerId = user.id
    owner = new FormClient(server.baseUrl)
    await owner.signIn(user.email, PASSWORD)
  })

  const signedIn = async (email: string) => {
    const client = new FormClient(server.baseUrl)
    await client.signIn(email, PASSWORD)
    return client
  }

  describe('/admin', () => {
    it('goes straight to the only shop a person works at', async () => {
      const res = await owner.get('/admin')
      expect(res.status).toBe(303)
      expect(res.headers.get('location')).toBe(`/admin/${shop.id}`)
    })

    it('lists the shops of a person who works at several, and explains when there is none', async () => {
      const other = await aShop(db())
      const both = await signedIn(
        (
          await aUser(db(), [
            [shop, 'staff'],
            [other, 'owner'],
          ])
        ).email,
      )
      const list = await both.get('/admin')
      expect(list.status).toBe(200)
      expect(list.body).toContain(`href="/admin/${shop.id}"`)
      expect(list.body).toContain(`href="/admin/${other.id}"`)

      const nobody = await signedIn((await aUser(db())).email)
      const none = await nobody.get('/admin')
      expect(none.status).toBe(200)
      expect(none.body).toContain('Aucun commerce pour l’instant')
    })
  })

  it('gives an overview: opening, catalogue counts and recent changes as sentences', async () => {
    await createProduct({ db: db(), clock: systemClock, mediaDir: server.deps.mediaDir }, ownerId, shop.id, {
      name: 'Bouquet champêtre',
      description: '',
      kind: 'product',
      vatRateBp: 1000,
      status: 'hidden',
      variants: [{ name: 'Moyen', priceCents: 2500, onHand: 0 }],
    })
    const res = await owner.get(`/admin/${shop.id}`)
    expect(res.status).toBe(200)
    expect(res.body).toContain(shop.name)
    expect(res.body).toMatch(/Fermé/)
    expect(res.body).toMatch(/<span class="stat-value">1<\/span> <span class="stat-label">masqué<\/span>/)
    expect(res.body).toMatch(/<span class="stat-value">1<\/span> <span class="stat-label">épuisé<\/span>/)
    expect(res.body).toMatch(/Produit ajouté<\/a> · <time datetime="[^"]+">à l’instant<\/time>/)
  })

  describe('profile (owner)', () => {
    it('saves the profile, keeps the map position and time zone, and confirms', async () => {
      await owner.get(`/admin/${shop.id}/profil`)
      const res = await owner.postForm(`/admin/${shop.id}/profil`, {
        name: shop.name,
        kind: 'fleuriste',
        tagline: 'Fleurs de saison',
        description: 'Des fleurs du pays nantais.',
        street: '3 place du Bouffay',
        postalCode: '44000',
        city: 'Nantes',
        phone: '02 40 00 00 00',
        email: 'contact@fleurs.example',
        siret: '732 829 320 00074',
        vatNumber: '',
        pickupInstructions: 'Sonnez à la porte de droite.',
        stockFreshnessHours: '24',
      })
      expect(res.status).toBe(303)
      expect(res.location).toBe(`/admin/${shop.id}/profil?ok=profil-enregistre`)
      const saved = await getShop(db(), shop.id)
      expect(saved).toMatchObject({
        tagline: 'Fleurs de saison',
        siret: '73282932000074',
        stockFreshnessHours: 24,
        timeZone: 'Europe/Paris',
      })
      expect(saved.geo).toEqual({ latitude: 47.2133, longitude: -1.5536 })
      expect((await owner.get(res.location!)).body).toContain('Profil du commerce enregistré.')
    })

    it('shows a wrong SIRET and an empty city next to their fields', async () => {
      await owner.get(`/admin/${shop.id}/profil`)
      const res = await owner.postForm(`/admin/${shop.id}/profil`, {
        name: shop.name,
        kind: 'fleuriste',
        tagline: '',
        description: '',
        street: '3 place du Bouffay',
        postalCode: '44000',
        city: '',
        phone: '',
        email: '',
        siret: '12345678901234',
        vatNumber: '',
        pickupInstructions: '',
        stockFreshnessHours: '24',
      })
      expect(res.status).toBe(400)
      expect(res.body).toContain('id="f-siret-error">Ce numéro SIRET n’est pas valide')
      expect(res.body).toContain('id="f-city-error">Ce champ est obligatoire.')
      expect(res.body).toContain('value="12345678901234"')
    })
  })

  describe('hours (owner)', () => {
    it('saves a week with a lunch break; an empty day is closed', async () => {
      await owner.get(`/admin/${shop.id}/horaires`)
      const res = await owner.postForm(
        `/admin/${shop.id}/horaires`,
        hoursForm({
          h1_0_opens: '08:00',
          h1_0_closes: '12:30',
          h1_1_opens: '14:00',
          h1_1_closes: '19:00',
          h6_0_opens: '09:00',
          h6_0_closes: '00:00',
        }),
      )
      expect(res.status).toBe(303)
      const { hours } = await getOpeningSchedule(db(), shop.id, new Date())
      expect(hours).toEqual([
        { weekday: 1, opensMinute: 480, closesMinute: 750 },
        { weekday: 1, opensMinute: 840, closesMinute: 1140 },
        { weekday: 6, opensMinute: 540, closesMinute: 1440 },
      ])
      const page = await owner.get(res.location!)
      expect(page.body).toContain('Horaires enregistrés.')
      expect(page.body).toContain('name="h1_1_closes" type="time" step="300" value="19:00"')
    })

    it('points at the range that closes before it opens, or lacks an end, and keeps the week as it was', async () => {
      await owner.get(`/admin/${shop.id}/horaires`)
      const res = await owner.postForm(
        `/admin/${shop.id}/horaires`,
        hoursForm({ h2_0_opens: '12:00', h2_0_closes: '08:00', h3_0_opens: '09:00' }),
      )
      expect(res.status).toBe(400)
      expect(res.body).toContain('id="h2_0_closes-error">L’ouverture doit précéder la fermeture.')
      expect(res.body).toContain('id="h3_0_closes-error">Ce champ est obligatoire.')
      expect((await getOpeningSchedule(db(), shop.id, new Date())).hours).toHaveLength(3)
    })

    it('adds an exceptional closure and removes it', async () => {
      await owner.get(`/admin/${shop.id}/horaires`)
      const added = await owner.postForm(`/admin/${shop.id}/horaires/fermetures`, {
        startsOn: '2099-08-01',
        endsOn: '2099-08-15',
        reason: 'Congés',
      })
      expect(added.status).toBe(303)
      const [closure] = (await getOpeningSchedule(db(), shop.id, new Date())).closures
      expect(closure).toMatchObject({ startsOn: '2099-08-01', endsOn: '2099-08-15', reason: 'Congés' })
      const page = await owner.get(added.location!)
      expect(page.body).toContain('Fermeture exceptionnelle ajoutée.')
      expect(page.body).toContain('du samedi 1 août 2099 au samedi 15 août 2099 — Congés')

      const removed = await owner.postForm(
        `/admin/${shop.id}/horaires/fermetures/${closure!.id}/supprimer`,
        {},
      )
      expect(removed.status).toBe(303)
      expect((await getOpeningSchedule(db(), shop.id, new Date())).closures).toHaveLength(0)
    })

    it('refuses a closure that ends before it starts, next to the end date', async () => {
      await owner.get(`/admin/${shop.id}/horaires`)
      const res = await owner.postForm(`/admin/${shop.id}/horaires/fermetures`, {
        startsOn: '2099-08-15',
        endsOn: '2099-08-01',
        reason: '',
      })
      expect(res.status).toBe(400)
      expect(res.body).toContain('id="f-endsOn-error">La fin précède le début.')
      expect(res.body).toContain('value="2099-08-15"')
    })
  })
})
