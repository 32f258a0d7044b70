import { expect, it } from 'vitest'
import { aProduct } from '../../../../test/factories/catalog.js'
import { aPickupShop, MONDAY_MORNING } from '../../../../test/factories/ordering.js'
import { aSignedInStaffMember, FormClient, useTestApp } from '../../../../test/harness/app.js'
import { forEachEngine } from '../../../../test/harness/engines.js'
import { fixedClock } from '../../../lib/clock.js'
import type { Shop } from '../../../modules/shops/index.js'

const clock = fixedClock(MONDAY_MORNING)
const plain = (body: string) => body.replace(/[\u202f\u00a0]/g, ' ')

forEachEngine('back-office: drops (issue #4)', ({ db }) => {
  const server = useTestApp(db, { clock, loginRateLimit: 1_000 })

  const aStaffMember = (shop: Shop) => aSignedInStaffMember(server, shop.id)

  async function aCounter() {
    const shop = await aPickupShop(db(), clock)
    const galette = await aProduct(db(), shop.id, {
      name: 'Galette des rois',
      variants: [{ name: '6 parts', priceCents: 2400, onHand: 30 }],
    })
    const staff = await aStaffMember(shop)
    return { shop, galette, variantId: galette.variants[0]!.id, staff }
  }

  const reservedOf = async (variantId: string) =>
    (
      await db()
        .selectFrom('stock_levels')
        .select('reserved')
        .where('variant_id', '=', variantId)
        .executeTakeFirstOrThrow()
    ).reserved

  const validForm = (variantId: string) => ({
    variantId,
    title: 'Galettes du dimanche',
    startDate: '2026-11-23',
    startTime: '10:00',
    units: '12',
    perResidentLimit: '2',
    holdMinutes: '10',
  })

  it('schedules a drop from the form, setting its units aside, lists it, then ends it and gives the units back', async () => {
    const { shop, variantId, staff } = await aCounter()
    const page = await staff.get(`/admin/${shop.id}/ventes`)
    expect(page.status).toBe(200)
    expect(page.body).toMatch(/<a href="\/admin\/[^"]+\/ventes" aria-current="page">Ventes flash<\/a>/)
    expect(page.body).toContain('Aucune vente pour le moment.')
    expect(plain(page.body)).toContain(
      `<option value="${variantId}">Galette des rois — 24,00 € — 30 en stock</option>`,
    )
    expect(page.body).toContain('name="holdMinutes" type="number" value="10"')

    const scheduled = await staff.postForm(`/admin/${shop.id}/ventes`, validForm(variantId))
    expect(scheduled.status).toBe(303)
    expect(scheduled.location).toBe(`/admin/${shop.id}/ventes?ok=vente-programmee`)
    expect(await reservedOf(variantId)).toBe(12)
    // 10:00 on the shop's wall clock in Paris is 09:00Z in November.
    const drop = await db()
      .selectFrom('drops')
      .select(['id', 'starts_at', 'units', 'per_resident_limit', 'hold_minutes'])
      .where('shop_id', '=', shop.id)
      .executeTakeFirstOrThrow()
    expect(drop).toMatchObject({
      starts_at: '2026-11-23T09:00:00.000Z',
      units: 12,
      per_resident_limit: 2,
      hold_minutes: 10,
    })

    const listed = plain((await staff.get(scheduled.location!)).body)
    expect(listed).toContain('Vente programmée')
    expect(listed).toContain(
      `<a href="/ventes/${drop.id}">Galettes du dimanche</a> <span class="badge badge-ok">À venir</span>`,
    )
    expect(listed).toContain('lundi 23 novembre à 10 h')
    expect(listed).toContain('<span class="stat-label">Unités</span> <strong>12</strong>')
    expect(listed).toContain('<span class="stat-label">Restantes</span> <strong>12</strong>')
    expect(listed).toContain('<span class="stat-label">Admis</span> <strong>0</strong>')
    expect(listed).toContain(`action="/admin/${shop.id}/ventes/${drop.id}/terminer"`)
    // The residents' page exists at once.
    expect((await new FormClient(server.baseUrl).get(`/ventes/${drop.id}`)).status).toBe(200)

    const ended = await staff.postForm(`/admin/${shop.id}/ventes/${drop.id}/terminer`, {})
    expect(ended.status).toBe(303)
    expect(ended.location).toBe(`/admin/${shop.id}/ventes?ok=vente-terminee`)
    expect(await reservedOf(variantId)).toBe(0)
    const after = plain((await staff.get(ended.location!)).body)
    expect(after).toContain('<span class="badge badge-muted">Terminée</span>')
    expect(after).not.toContain(`/ventes/${drop.id}/terminer`)
  })

  it('shows each problem next to its field and keeps what was typed', async () => {
    const { shop, variantId, staff } = await aCounter()
    await staff.get(`/admin/${shop.id}/ventes`)
    const bad = await staff.postForm(`/admin/${shop.id}/ventes`, {
      variantId,
      title: 'G',
      startDate: '2026-11-22',
      startTime: '10:00',
      units: '0',
      perResidentLimit: '11',
      holdMinutes: '1',
    })
    expect(bad.status).toBe(400)
    const body = plain(bad.body)
    expect(body).toContain('Vérifiez les champs de la vente.')
    expect(body).toMatch(/id="f-title"[^>]*aria-invalid="true"/)
    expect(body).toContain('<p class="error" id="f-title-error">Le titre compte de 2 à 120 caractères.</p>')
    expect(body).toContain('<p class="error" id="f-startDate-error">Le début doit être à venir.</p>')
    expect(body).toContain('<p class="error" id="f-units-error">Indiquez de 1 à 100 000 unités.</p>')
    expect(body).toContain('<p class="error" id="f-perResidentLimit-error">De 1 à 10 par personne.</p>')
    expect(body).toContain('<p class="error" id="f-holdMinutes-error">De 2 à 60 minutes.</p>')
    expect(body).toContain('name="startDate" type="date" value="2026-11-22"')
    expect(body).toContain('name="perResidentLimit" type="number" value="11"')

    const noTime = plain(
      (await staff.postForm(`/admin/${shop.id}/ventes`, { ...validForm(variantId), startTime: '' })).body,
    )
    expect(noTime).toContain('<p class="error" id="f-startTime-error">Ce champ est obligatoire.</p>')
    const noProduct = await staff.postForm(`/admin/${shop.id}/ventes`, {
      ...validForm(variantId),
      variantId: '',
    })
    expect(noProduct.status).toBe(400)
    expect(plain(noProduct.body)).toContain(
      '<p class="error" id="f-variantId-error">Choisissez un produit.</p>',
    )
    const tooMany = await staff.postForm(`/admin/${shop.id}/ventes`, { ...validForm(variantId), units: '31' })
    expect(tooMany.status).toBe(409)
    expect(plain(tooMany.body)).toContain(
      '<p class="error" id="f-units-error">Il n’en reste que 30 en stock pour ce produit : mettez de côté au plus 30 unités.</p>',
    )
    expect(await reservedOf(variantId)).toBe(0)
    expect(await db().selectFrom('drops').select('id').where('shop_id', '=', shop.id).execute()).toHaveLength(
      0,
    )
  })

  it('schedules bundles beside the item from the same form, each problem next to its own row', async () => {
    const { shop, variantId, staff } = await aCounter()
    const cider = await aProduct(db(), shop.id, {
      name: 'Cidre brut',
      variants: [{ name: '75 cl', priceCents: 600, onHand: 0 }],
    })
    const ciderId = cider.variants[0]!.id
    const page = plain((await staff.get(`/admin/${shop.id}/ventes`)).body)
    // Any product of the shop may be added to a bundle, even without stock today.
    expect(page).toContain(`<option value="${ciderId}">Cidre brut — 6,00 €</option>`)
    expect(page).toContain('L’article reste toujours en vente seul')

    // Row 2 is filled, row 1 left empty: the problem is shown on row 2.
    const dearer = await staff.postForm(`/admin/${shop.id}/ventes`, {
      ...validForm(variantId),
      offerVariantId1: ciderId,
      offerPrice1: '31',
    })
    expect(dearer.status).toBe(400)
    expect(plain(dearer.body)).toContain(
      '<p class="error" id="f-offerPrice1-error">Un lot ne peut pas coûter plus que ses articles achetés séparément.</p>',
    )
    const same = plain(
      (
        await staff.postForm(`/admin/${shop.id}/ventes`, {
          ...validForm(variantId),
          offerVariantId0: variantId,
          offerPrice0: '25',
        })
      ).body,
    )
    expect(same).toContain(
      '<p class="error" id="f-offerVariantId0-error">Choisissez un autre produit que celui de la vente.</p>',
    )
    const noProduct = plain(
      (
        await staff.postForm(`/admin/${shop.id}/ventes`, {
          ...validForm(variantId),
          offerVariantId2: '',
          offerPrice2: '28',
        })
      ).body,
    )
    expect(noProduct).toContain(
      '<p class="error" id="f-offerVariantId2-error">Choisissez le produit ajouté, ou effacez le prix du lot.</p>',
    )
    const noPrice = plain(
      (
        await staff.postForm(`/admin/${shop.id}/ventes`, {
          ...validForm(variantId),
          offerVariantId0: ciderId,
          offerPrice0: '',
        })
      ).body,
    )
    expect(noPrice).toContain(
      '<p class="error" id="f-offerPrice0-error">Indiquez le prix du lot, par exemple 28,00.</p>',
    )
    expect(await db().selectFrom('drops').select('id').where('shop_id', '=', shop.id).execute()).toHaveLength(
      0,
    )

    const scheduled = await staff.postForm(`/admin/${shop.id}/ventes`, {
      ...validForm(variantId),
      offerVariantId1: ciderId,
      offerPrice1: '28,00',
    })
    expect(scheduled.status).toBe(303)
    const offers = await db()
      .selectFrom('drop_offers')
      .innerJoin('drops', 'drops.id', 'drop_offers.drop_id')
      .select(['drop_offers.variant_id', 'drop_offers.bundle_price_cents'])
      .where('drops.shop_id', '=', shop.id)
      .execute()
    expect(offers).toEqual([{ variant_id: ciderId, bundle_price_cents: 2_800 }])
  })

  it('answers another shop’s staff with 404, for its page, its drops and its products', async () => {
    const mine = await aCounter()
    expect(
      (await mine.staff.postForm(`/admin/${mine.shop.id}/ventes`, validForm(mine.variantId))).status,
    ).toBe(303)
    const drop = await db()
      .selectFrom('drops')
      .select('id')
      .where('shop_id', '=', mine.shop.id)
      .executeTakeFirstOrThrow()
    const other = await aCounter()
    await other.staff.get(`/admin/${other.shop.id}/ventes`)

    expect((await other.staff.get(`/admin/${mine.shop.id}/ventes`)).status).toBe(404)
    expect((await other.staff.postForm(`/admin/${mine.shop.id}/ventes/${drop.id}/terminer`, {})).status).toBe(
      404,
    )
    // Their own shop's address with the other shop's drop is not found either.
    expect(
      (await other.staff.postForm(`/admin/${other.shop.id}/ventes/${drop.id}/terminer`, {})).status,
    ).toBe(404)
    // Nor can they put the other shop's product on sale.
    const foreign = await other.staff.postForm(`/admin/${other.shop.id}/ventes`, validForm(mine.variantId))
    expect(foreign.status).toBe(400)
    expect(plain(foreign.body)).toContain('Choisissez un produit de la boutique')
    expect(await reservedOf(mine.variantId)).toBe(12)
    expect(
      (await db().selectFrom('drops').select('ended_at').where('id', '=', drop.id).executeTakeFirstOrThrow())
        .ended_at,
    ).toBeNull()
  })
})
