import { describe, expect, it } from 'vitest'
import { aProduct } from '../../../test/factories/catalog.js'
import { aPickupShop, MONDAY_MORNING } from '../../../test/factories/ordering.js'
import { aUser } from '../../../test/factories/users.js'
import { forEachEngine } from '../../../test/harness/engines.js'
import { outcomeOf } from '../../../test/harness/outcome.js'
import { ChangeFeed } from '../../lib/change-feed.js'
import { fixedClock } from '../../lib/clock.js'
import { newId, type ShopId, type UserId } from '../../lib/ids.js'
import type { Product } from '../catalog/index.js'
import {
  addToBasket,
  confirmBasketPrices,
  placeOrders,
  putBundleInBasket,
  putDropHoldLine,
  setBasketQuantity,
  viewBasket,
} from '../ordering/index.js'
import { builtInPaymentProviders } from '../payments/index.js'
import {
  admittedLately,
  dropOffersOf,
  endDrop,
  expireDropHolds,
  holdDropUnits,
  joinDrop,
  scheduleDrop,
  signAdmission,
  standingOf,
  type Drop,
  type DropInput,
} from './index.js'

// The drop starts at 10:00 Paris time on Monday 23 November 2026 (09:00Z); the clock starts an hour before.
const START = '2026-11-23T09:00:00.000Z'
const SECRET = 'drop-test-secret-drop-test-secret'
const GALETTE_CENTS = 2400

forEachEngine('drops (decision 005)', ({ db }) => {
  const clock = fixedClock(MONDAY_MORNING)
  const deps = () => ({ db: db(), clock, changes: new ChangeFeed(), admissionSecret: SECRET })
  const residents = (n: number) => Array.from({ length: n }, () => newId() as UserId)
  const admission = (drop: Drop, userId: string) =>
    signAdmission(SECRET, drop.id, userId, new Date(Date.parse(START) + 3_600_000))

  async function aDrop(
    input: Partial<DropInput> = {},
    onHand = 1_000,
  ): Promise<{ shop: { id: ShopId }; product: Product; drop: Drop }> {
    clock.set(MONDAY_MORNING)
    const shop = await aPickupShop(db(), clock)
    const product = await aProduct(db(), shop.id, {
      name: 'Galette des rois',
      variants: [{ name: '6 parts', priceCents: GALETTE_CENTS, onHand }],
    })
    const drop = await scheduleDrop(deps(), undefined, shop.id, {
      variantId: product.variants[0]!.id,
      title: 'Galettes du dimanche',
      startsAt: START,
      units: 100,
      perResidentLimit: 1,
      holdMinutes: 10,
      ...input,
    })
    return { shop, product, drop }
  }

  /** Units left + held + ordered = units (decision 005), and what each resident has. */
  async function ledgerOf(drop: Drop) {
    const row = await db()
      .selectFrom('drops')
      .select(['units', 'units_left'])
      .where('id', '=', drop.id)
      .executeTakeFirstOrThrow()
    const holds = await db()
      .selectFrom('drop_holds')
      .select(['user_id', 'quantity', 'status'])
      .where('drop_id', '=', drop.id)
      .execute()
    const live = holds.filter((h) => h.status !== 'expired')
    const perResident = new Map<string, number>()
    for (const h of live) perResident.set(h.user_id, (perResident.get(h.user_id) ?? 0) + h.quantity)
    const held = live.reduce((sum, h) => sum + h.quantity, 0)
    return {
      units: row.units,
      left: row.units_left,
      held,
      balanced: row.units_left + held === row.units,
      most: Math.max(0, ...perResident.values()),
      residents: perResident.size,
    }
  }
  /** The resident's checkout of their basket, picked up at 13:00 (a slot still offered an hour later). */
  const checkout = (userId: UserId, shopId: ShopId) =>
    placeOrders(
      { ...deps(), payments: builtInPaymentProviders(db()) },
      {
        owner: { userId },
        userId,
        idempotencyKey: `key-${newId()}`,
        contact: { name: 'Camille Martin', email: 'camille@example.fr', phone: '' },
        slots: { [shopId]: '2026-11-23T12:00:00.000Z' },
        payment: { method: 'counter' },
      },
    )
  /** A hold with its basket line written in the hold's transaction, as the API and the pages take it. */
  const holdIntoBasket = (drop: Drop, userId: UserId, quantity: number) =>
    holdDropUnits(deps(), drop.id, userId, admission(drop, userId), quantity, (trx, holding) =>
      putDropHoldLine(
        trx,
        userId,
        {
          dropId: drop.id,
          variantId: drop.variantId,
          shopId: drop.shopId,
          priceCents: GALETTE_CENTS,
          quantity: holding,
        },
        clock.now().toISOString(),
      ),
    )
  const basketOf = (userId: string) =>
    db()
      .selectFrom('basket_lines')
      .innerJoin('baskets', 'baskets.id', 'basket_lines.basket_id')
      .select(['basket_lines.quantity', 'basket_lines.drop_id'])
      .where('baskets.user_id', '=', userId)
      .execute()
  const stockOf = async (product: Product) =>
    db()
      .selectFrom('stock_levels')
      .select(['on_hand', 'reserved'])
      .where('variant_id', '=', product.variants[0]!.id)
      .executeTakeFirstOrThrow()

  describe('scheduling', () => {
    it('sets the units aside from stock at once, so ordinary sales only sell the rest', async () => {
      const { product } = await aDrop({ units: 100 }, 150)
      expect(await stockOf(product)).toEqual({ on_hand: 150, reserved: 100 })
    })

    it('refuses bad input, another shop’s product and more units than the shelf has', async () => {
      const { shop, product } = await aDrop({}, 150)
      const other = await aPickupShop(db(), clock)
      const input = {
        variantId: product.variants[0]!.id,
        title: 'Vente',
        startsAt: START,
        units: 10,
        perResidentLimit: 1,
        holdMinutes: 10,
      }
      expect(await outcomeOf(scheduleDrop(deps(), undefined, shop.id, { ...input, units: 0 }))).toBe(
        'drops.invalid_drop',
      )
      expect(
        await outcomeOf(
          scheduleDrop(deps(), undefined, shop.id, { ...input, startsAt: '2026-11-22T09:00:00Z' }),
        ),
      ).toBe('drops.invalid_drop')
      expect(await outcomeOf(scheduleDrop(deps(), undefined, shop.id, { ...input, holdMinutes: 1 }))).toBe(
        'drops.invalid_drop',
      )
      expect(await outcomeOf(scheduleDrop(deps(), undefined, other.id, input))).toBe(
        'drops.variant_not_orderable',
      )
      expect(await outcomeOf(scheduleDrop(deps(), undefined, shop.id, { ...input, units: 51 }))).toBe(
        'inventory.insufficient_stock',
      )
      expect(await stockOf(product)).toEqual({ on_hand: 150, reserved: 100 })
    })
  })

  describe('exactness under races', () => {
    it('gives 100 units to exactly 100 of 2,000 residents asking at once (limit 1), never more', async () => {
      const { drop } = await aDrop({ units: 100, perResidentLimit: 1 })
      clock.set(START)
      const people = residents(2_000)
      const outcomes = await Promise.all(
        people.map((userId) => outcomeOf(holdDropUnits(deps(), drop.id, userId, admission(drop, userId), 1))),
      )
      expect(outcomes.filter((o) => o === 'ok')).toHaveLength(100)
      expect(new Set(outcomes.filter((o) => o !== 'ok'))).toEqual(new Set(['drops.sold_out']))
      expect(await ledgerOf(drop)).toMatchObject({
        left: 0,
        held: 100,
        balanced: true,
        most: 1,
        residents: 100,
      })
    })

    it('keeps the limit of 2 across requests sent at once by one resident, with mixed quantities', async () => {
      const { drop } = await aDrop({ units: 100, perResidentLimit: 2 })
      clock.set(START)
      const people = residents(300)
      // Every resident asks twice at once (two tabs), for 1, 2 or 3 units.
      const asks = people.flatMap((userId, i) =>
        [1 + (i % 3), 1 + ((i + 1) % 3)].map((quantity) => ({ userId, quantity })),
      )
      const outcomes = await Promise.all(
        asks.map((a) =>
          outcomeOf(holdDropUnits(deps(), drop.id, a.userId, admission(drop, a.userId), a.quantity)),
        ),
      )
      expect(
        outcomes.every((o) =>
          ['ok', 'drops.sold_out', 'drops.limit_reached', 'drops.invalid_quantity'].includes(o),
        ),
      ).toBe(true)
      expect(outcomes).toContain('drops.limit_reached')
      expect(await ledgerOf(drop)).toMatchObject({ left: 0, held: 100, balanced: true, most: 2 })
    })

    it('refuses a hold without a valid admission: forged, for someone else, or expired', async () => {
      const { drop } = await aDrop()
      clock.set(START)
      const [me, other] = residents(2)
      expect(await outcomeOf(holdDropUnits(deps(), drop.id, me!, admission(drop, other!), 1))).toBe(
        'drops.not_admitted',
      )
      expect(
        await outcomeOf(holdDropUnits(deps(), drop.id, me!, `${Date.parse(START) + 60_000}.forged`, 1)),
      ).toBe('drops.not_admitted')
      expect(
        await outcomeOf(
          holdDropUnits(
            deps(),
            drop.id,
            me!,
            signAdmission(SECRET, drop.id, me!, new Date(Date.parse(START) - 1)),
            1,
          ),
        ),
      ).toBe('drops.not_admitted')
      expect(await ledgerOf(drop)).toMatchObject({ left: 100, held: 0 })
    })
  })

  describe('the queue', () => {
    it('admits those who came before the start in the order of their lottery keys, as many as there are units', async () => {
      const { drop } = await aDrop({ units: 3 })
      const people = residents(8)
      for (const userId of people) expect((await joinDrop(deps(), drop.id, userId)).state).toBe('not_started')
      clock.set(START)
      const standings = await Promise.all(people.map((userId) => standingOf(deps(), drop.id, userId)))
      const admitted = people.filter((_, i) => standings[i]!.state === 'admitted')
      const entries = await db()
        .selectFrom('drop_entries')
        .select(['user_id', 'lottery'])
        .where('drop_id', '=', drop.id)
        .execute()
      const byLottery = entries.sort((a, b) => Number(a.lottery) - Number(b.lottery)).map((e) => e.user_id)
      expect(new Set(admitted)).toEqual(new Set(byLottery.slice(0, 3)))
      const waiting = standings
        .filter((s) => s.state === 'waiting')
        .map((s) => (s as { position: number }).position)
      expect(waiting.sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5])
      // The process remembers whom it admitted: when saturated, it still lets them through to buy.
      expect(people.map((userId) => admittedLately(db(), drop.id, userId))).toEqual(
        standings.map((s) => s.state === 'admitted'),
      )
    })

    it('before the start, asks each resident to come at the start, or a little after it when they are behind every unit', async () => {
      const { drop } = await aDrop({ units: 2 })
      const people = residents(4)
      for (const userId of people) await joinDrop(deps(), drop.id, userId)
      clock.set(new Date(Date.parse(START) - 60_000))
      const entries = await db()
        .selectFrom('drop_entries')
        .select(['user_id', 'lottery'])
        .where('drop_id', '=', drop.id)
        .execute()
      const byLottery = entries
        .sort((a, b) => Number(a.lottery) - Number(b.lottery))
        .map((e) => e.user_id as UserId)
      const standings = await Promise.all(byLottery.map((userId) => standingOf(deps(), drop.id, userId)))
      expect(standings.map((s) => (s.state === 'not_started' ? s.refreshSeconds : undefined))).toEqual([
        60, 60, 61, 61,
      ])
      expect(await standingOf(deps(), drop.id, newId() as UserId)).toEqual({
        state: 'not_started',
        startsIn: 60,
        joined: false,
        refreshSeconds: 60,
      })
    })

    it('serves later arrivals first come, first served, after everyone who came before the start', async () => {
      const { drop } = await aDrop({ units: 1 })
      const early = residents(2)
      for (const userId of early) await joinDrop(deps(), drop.id, userId)
      clock.set(START)
      const late = residents(2)
      for (const userId of late) await joinDrop(deps(), drop.id, userId)
      const positions = await Promise.all(
        [...early, ...late].map(async (userId) => standingOf(deps(), drop.id, userId)),
      )
      expect(positions.map((s) => s.state)).toEqual([
        expect.stringMatching(/admitted|waiting/),
        expect.stringMatching(/admitted|waiting/),
        'waiting',
        'waiting',
      ])
      expect(positions.slice(2).map((s) => (s as { position: number }).position)).toEqual([2, 3])
    })

    it('tells a resident whose turn passed, admits the next one, and lets them join again at the back', async () => {
      const { drop } = await aDrop({ units: 1 })
      const [first, second] = residents(2)
      await joinDrop(deps(), drop.id, first!)
      await joinDrop(deps(), drop.id, second!)
      clock.set(START)
      const standings = await Promise.all(
        [first!, second!].map((userId) => standingOf(deps(), drop.id, userId)),
      )
      const [admittedOne, otherOne] =
        standings[0]!.state === 'admitted' ? [first!, second!] : [second!, first!]
      // Three minutes and more without taking the hold: the turn passes to the next resident.
      clock.set(new Date(Date.parse(START) + 4 * 60_000))
      expect((await standingOf(deps(), drop.id, otherOne)).state).toBe('admitted')
      expect((await standingOf(deps(), drop.id, admittedOne)).state).toBe('turn_passed')
      expect(await joinDrop(deps(), drop.id, admittedOne)).toMatchObject({
        state: 'waiting',
        position: 1,
        ahead: 0,
      })
    })

    it('gives expired holds back and admits the next resident', async () => {
      const { drop } = await aDrop({ units: 1, holdMinutes: 10 })
      const [first, second] = residents(2)
      await joinDrop(deps(), drop.id, first!)
      await joinDrop(deps(), drop.id, second!)
      clock.set(START)
      const firstStanding = await standingOf(deps(), drop.id, first!)
      const secondStanding = await standingOf(deps(), drop.id, second!)
      const [admittedOne, waitingOne] =
        firstStanding.state === 'admitted' ? [first!, second!] : [second!, first!]
      const token = (firstStanding.state === 'admitted' ? firstStanding : secondStanding) as { token: string }
      await holdDropUnits(deps(), drop.id, admittedOne, token.token, 1)
      expect((await standingOf(deps(), drop.id, waitingOne)).state).toBe('waiting')

      clock.set(new Date(Date.parse(START) + 11 * 60_000))
      await expireDropHolds(deps(), drop.id)
      expect(await ledgerOf(drop)).toMatchObject({ left: 1, held: 0, balanced: true })
      expect((await standingOf(deps(), drop.id, waitingOne)).state).toBe('admitted')
    })
  })

  describe('bundle offers (never instead of the single item)', () => {
    /** A drop of galettes (24 €) with a cider (6 €) offered beside it. */
    async function aDropWithCider(bundlePriceCents = 2_800) {
      clock.set(MONDAY_MORNING)
      const shop = await aPickupShop(db(), clock)
      const galette = await aProduct(db(), shop.id, {
        name: 'Galette des rois',
        variants: [{ name: '6 parts', priceCents: GALETTE_CENTS, onHand: 100 }],
      })
      const cider = await aProduct(db(), shop.id, {
        name: 'Cidre brut',
        variants: [{ name: '75 cl', priceCents: 600, onHand: 20 }],
      })
      const input = {
        variantId: galette.variants[0]!.id,
        title: 'Galettes du dimanche',
        startsAt: START,
        units: 10,
        perResidentLimit: 2,
        holdMinutes: 10,
      }
      const drop = await scheduleDrop(deps(), undefined, shop.id, {
        ...input,
        offers: [{ variantId: cider.variants[0]!.id, bundlePriceCents }],
      })
      return { shop, galette, cider, drop, input }
    }
    const holdAndBundle = async (drop: Drop, shopId: ShopId, quantity: number) => {
      clock.set(START)
      const resident = await aUser(db(), {}, clock)
      const held = await holdIntoBasket(drop, resident.id, quantity)
      const [offer] = await dropOffersOf(db(), drop)
      await putBundleInBasket(deps(), resident.id, {
        offerId: offer!.id,
        dropId: drop.id,
        variantId: offer!.variantId,
        quantity: held.holding,
        priceCents: offer!.partPriceCents,
      })
      return { resident, offer: offer!, shopId }
    }

    it('shows the bundle’s price next to each item’s own price', async () => {
      const { drop, cider } = await aDropWithCider()
      expect(await dropOffersOf(db(), drop)).toEqual([
        expect.objectContaining({
          variantId: cider.variants[0]!.id,
          productName: 'Cidre brut',
          bundlePriceCents: 2_800,
          itemPriceCents: 2_400,
          productPriceCents: 600,
          partPriceCents: 400,
          available: true,
        }),
      ])
    })

    it('refuses a bundle dearer than its items bought separately, one that adds nothing, the drop’s own item, another shop’s product, and more than three', async () => {
      const { shop, galette, cider, input } = await aDropWithCider()
      const other = await aPickupShop(db(), clock)
      const elsewhere = await aProduct(db(), other.id, { name: 'Cidre doux' })
      const extra = await Promise.all([1, 2, 3].map((i) => aProduct(db(), shop.id, { name: `Fève ${i}` })))
      const withOffers = (offers: DropInput['offers']) =>
        outcomeOf(scheduleDrop(deps(), undefined, shop.id, { ...input, units: 1, offers }))
      expect(await withOffers([{ variantId: cider.variants[0]!.id, bundlePriceCents: 3_001 }])).toBe(
        'drops.invalid_drop',
      )
      expect(await withOffers([{ variantId: cider.variants[0]!.id, bundlePriceCents: 2_400 }])).toBe(
        'drops.invalid_drop',
      )
      expect(await withOffers([{ variantId: galette.variants[0]!.id, bundlePriceCents: 2_500 }])).toBe(
        'drops.invalid_drop',
      )
      expect(await withOffers([{ variantId: elsewhere.variants[0]!.id, bundlePriceCents: 2_500 }])).toBe(
        'drops.offer_not_orderable',
      )
      expect(
        await withOffers(
          [cider, ...extra].map((p) => ({ variantId: p.variants[0]!.id, bundlePriceCents: 2_500 })),
        ),
      ).toBe('drops.invalid_drop')
      // Nothing was scheduled: only the first drop's units are set aside.
      expect(await stockOf(galette)).toEqual({ on_hand: 100, reserved: 10 })
    })

    it('charges the bundle’s price for both, and holds the added product’s stock like any line', async () => {
      const { drop, cider, shop } = await aDropWithCider()
      const { resident } = await holdAndBundle(drop, shop.id, 2)
      const basket = await viewBasket(db(), { userId: resident.id })
      expect(
        basket.parts[0]!.lines.map((l) => [
          l.variant.productName,
          l.quantity,
          l.priceCents,
          l.bundled,
          l.priceChanged,
        ]),
      ).toEqual([
        ['Galette des rois', 2, 2_400, false, false],
        ['Cidre brut', 2, 400, true, false],
      ])
      const placed = await checkout(resident.id, shop.id)
      expect(placed.orders[0]!.totalCents).toBe(2 * 2_800)
      expect(placed.orders[0]!.lines.map((l) => [l.productName, l.unitPriceCents])).toEqual([
        ['Galette des rois', 2_400],
        ['Cidre brut', 400],
      ])
      expect(await stockOf(cider)).toEqual({ on_hand: 20, reserved: 2 })
    })

    it('sells the single item alone at its own price: the bundle is never required', async () => {
      const { drop, shop } = await aDropWithCider()
      clock.set(START)
      const resident = await aUser(db(), {}, clock)
      const held = await holdIntoBasket(drop, resident.id, 1)
      const placed = await checkout(resident.id, shop.id)
      expect(placed.orders[0]!.lines.map((l) => [l.productName, l.unitPriceCents])).toEqual([
        ['Galette des rois', 2_400],
      ])
    })

    it('pairs one bundle with each unit held, and never replaces a line the resident put in the basket', async () => {
      const { drop, shop, cider } = await aDropWithCider()
      const charm = await aProduct(db(), shop.id, {
        name: 'Fève en porcelaine',
        variants: [{ name: 'Unique', priceCents: 500, onHand: 20 }],
      })
      const { resident, offer } = await holdAndBundle(drop, shop.id, 1)
      // A second offer of the same drop for the same unit: refused (here given directly, as a tampered request would).
      const second = {
        offerId: newId(),
        dropId: drop.id,
        variantId: charm.variants[0]!.id,
        quantity: 1,
        priceCents: 100,
      }
      await db()
        .insertInto('drop_offers')
        .values({
          id: second.offerId,
          drop_id: drop.id,
          variant_id: second.variantId,
          bundle_price_cents: 2_500,
          position: 1,
        })
        .execute()
      expect(await outcomeOf(putBundleInBasket(deps(), resident.id, second))).toBe('ordering.bundle_taken')
      // Taking the same offer again is harmless.
      await putBundleInBasket(deps(), resident.id, {
        offerId: offer.id,
        dropId: drop.id,
        variantId: offer.variantId,
        quantity: 1,
        priceCents: offer.partPriceCents,
      })

      const other = await aUser(db(), {}, clock)
      await addToBasket(deps(), { userId: other.id }, cider.variants[0]!.id, 3)
      const held = await holdIntoBasket(drop, other.id, 1)
      expect(
        await outcomeOf(
          putBundleInBasket(deps(), other.id, {
            offerId: offer.id,
            dropId: drop.id,
            variantId: offer.variantId,
            quantity: held.holding,
            priceCents: offer.partPriceCents,
          }),
        ),
      ).toBe('ordering.bundle_product_in_basket')
      expect(
        (await viewBasket(db(), { userId: other.id })).parts[0]!.lines.find(
          (l) => l.variant.variantId === cider.variants[0]!.id,
        ),
      ).toMatchObject({ quantity: 3, priceCents: 600, bundled: false })
    })

    it('gives the added product its own price back, to confirm, once the drop’s item is no longer beside it', async () => {
      const { drop, cider, shop } = await aDropWithCider()
      const { resident } = await holdAndBundle(drop, shop.id, 1)
      await setBasketQuantity(deps(), { userId: resident.id }, drop.variantId, 0)
      const line = (await viewBasket(db(), { userId: resident.id })).parts[0]!.lines[0]!
      expect([line.variant.variantId, line.priceCents, line.bundled, line.priceChanged]).toEqual([
        cider.variants[0]!.id,
        600,
        false,
        true,
      ])
      expect(await outcomeOf(checkout(resident.id, shop.id))).toBe('ordering.price_changed')
      await confirmBasketPrices(deps(), { userId: resident.id })
      const placed = await checkout(resident.id, shop.id)
      expect(placed.orders[0]!.totalCents).toBe(600)
    })
  })

  describe('checkout and the end', () => {
    it('turns a hold into an order through the normal checkout, and refuses it once expired', async () => {
      const { shop, product, drop } = await aDrop({ units: 5, perResidentLimit: 2, holdMinutes: 10 })
      clock.set(START)
      const resident = await aUser(db(), {}, clock)
      const held = await holdIntoBasket(drop, resident.id, 2)
      const placed = await checkout(resident.id, shop.id)
      expect(placed.orders[0]!.lines.map((l) => [l.productName, l.quantity])).toEqual([
        ['Galette des rois', 2],
      ])
      expect(await ledgerOf(drop)).toMatchObject({ left: 3, held: 2, balanced: true })
      // The units were set aside with the drop: the checkout held nothing more.
      expect(await stockOf(product)).toEqual({ on_hand: 1_000, reserved: 5 })

      const late = await aUser(db(), {}, clock)
      const lateHold = await holdIntoBasket(drop, late.id, 1)
      clock.set(new Date(Date.parse(START) + 11 * 60_000))
      expect(await outcomeOf(checkout(late.id, shop.id))).toBe('drops.hold_expired')
      expect(await basketOf(late.id)).toEqual([{ quantity: 1, drop_id: drop.id }])
    })

    it('gives the units nobody holds back to stock when the shop ends the drop', async () => {
      const { shop, product, drop } = await aDrop({ units: 10 })
      clock.set(START)
      const [someone] = residents(1)
      await holdDropUnits(deps(), drop.id, someone!, admission(drop, someone!), 1)
      const ended = await endDrop(deps(), shop.id, drop.id)
      expect(ended.unitsLeft).toBe(0)
      expect(await stockOf(product)).toEqual({ on_hand: 1_000, reserved: 1 })
      expect(await outcomeOf(joinDrop(deps(), drop.id, newId() as UserId))).toBe('drops.drop_ended')
    })
  })
})
