import { expect, it } from 'vitest'
import { aProduct } from '../../test/factories/catalog.js'
import { aPickupShop, MONDAY_MORNING } from '../../test/factories/ordering.js'
import { aStaffSession, startTestApp, useTestApp } from '../../test/harness/app.js'
import { forEachEngine } from '../../test/harness/engines.js'
import type { Json } from '../../test/harness/json.js'
import { forEachConcurrently } from '../lib/concurrency.js'
import { fixedClock } from '../lib/clock.js'
import { newId, type UserId } from '../lib/ids.js'
import { signAdmission } from '../modules/drops/index.js'
import { openSession } from '../modules/identity/index.js'
import { SESSION_COOKIE } from '../http/auth.js'

// The drop starts at 10:00 Paris time (09:00Z); residents pick up their order at 13:00 (12:00Z).
const START = '2026-11-23T09:00:00.000Z'
const PICKUP = '2026-11-23T12:00:00.000Z'

interface Answer {
  status: number
  json: Json
}

forEachEngine('drops over HTTP (issue #4)', ({ db }) => {
  const clock = fixedClock(MONDAY_MORNING)
  const server = useTestApp(db, { clock, checkoutRateLimit: 1_000_000 })

  /** A JSON call; turned away with 503 (the process is saturated: this test runs the client in it too), it tries again shortly, as a browser told Retry-After would. */
  async function call(
    cookie: string,
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Answer> {
    for (;;) {
      const res = await fetch(server.baseUrl + path, {
        method,
        headers: {
          cookie,
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...headers,
        },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      })
      const text = await res.text()
      if (res.status === 503 && res.headers.get('retry-after')) {
        await new Promise((resolve) => setTimeout(resolve, 20 + Math.random() * 80))
        continue
      }
      return { status: res.status, json: text ? JSON.parse(text) : undefined }
    }
  }

  /** Signed-in residents, many at once: accounts written directly (no password hashing) and real sessions. */
  async function residents(count: number): Promise<Array<{ id: UserId; cookie: string }>> {
    const rows = Array.from({ length: count }, () => {
      const id = newId<UserId>()
      return {
        id,
        email: `resident-${id.toLowerCase()}@example.fr`,
        display_name: 'Résident',
        password_hash: 'not-a-hash',
        role: 'resident',
        created_at: MONDAY_MORNING,
      }
    })
    for (let i = 0; i < rows.length; i += 500)
      await db()
        .insertInto('users')
        .values(rows.slice(i, i + 500))
        .execute()
    // One transaction for all the sessions: one disk flush instead of one per resident.
    return db()
      .transaction()
      .execute(async (trx) => {
        const signedIn: Array<{ id: UserId; cookie: string }> = []
        for (const row of rows)
          signedIn.push({
            id: row.id,
            cookie: `${SESSION_COOKIE}=${(await openSession({ db: trx, clock }, row.id)).token}`,
          })
        return signedIn
      })
  }

  async function aShopWithDrop(units: number, perResidentLimit: number) {
    clock.set(MONDAY_MORNING)
    const shop = await aPickupShop(db(), clock, { settings: { slotCapacity: 200 } })
    const product = await aProduct(db(), shop.id, {
      name: 'Galette des rois',
      variants: [{ name: '6 parts', priceCents: 2400, onHand: units + 20 }],
    })
    const owner = (await aStaffSession(server, shop.id, 'owner')).cookieHeader()
    const created = await call(owner, 'POST', `/api/v1/shops/${shop.id}/admin/drops`, {
      variantId: product.variants[0]!.id,
      title: 'Galettes du dimanche',
      startsAt: START,
      units,
      perResidentLimit,
      holdMinutes: 10,
    })
    expect(created.status).toBe(201)
    return { shop, product, drop: created.json, owner }
  }

  /** One resident's whole visit: join before the start, then at the start ask where they stand, hold if admitted, check out. */
  async function visit(
    resident: { cookie: string },
    dropId: string,
    shopId: string,
    quantity: number,
  ): Promise<string> {
    const standing = await call(resident.cookie, 'GET', `/api/v1/drops/${dropId}/queue`)
    if (standing.json.state !== 'admitted') return standing.json.state
    const held = await call(
      resident.cookie,
      'POST',
      `/api/v1/drops/${dropId}/holds`,
      { quantity },
      { 'drop-admission': standing.json.token },
    )
    if (held.status !== 200) return held.json.code
    const placed = await call(
      resident.cookie,
      'POST',
      '/api/v1/checkouts',
      {
        contact: { name: 'Résident', email: 'resident@example.fr' },
        slots: { [shopId]: PICKUP },
        payment: { method: 'counter' },
      },
      { 'idempotency-key': `drop-${newId()}` },
    )
    return placed.status === 201 ? 'ordered' : placed.json.code
  }

  async function ledgerOf(dropId: string, variantId: string) {
    const drop = await db()
      .selectFrom('drops')
      .select(['units', 'units_left'])
      .where('id', '=', dropId)
      .executeTakeFirstOrThrow()
    const lines = await db()
      .selectFrom('order_lines')
      .innerJoin('orders', 'orders.id', 'order_lines.order_id')
      .select(['orders.user_id', 'order_lines.quantity'])
      .where('order_lines.variant_id', '=', variantId)
      .execute()
    const perResident = new Map<string, number>()
    for (const l of lines) perResident.set(l.user_id!, (perResident.get(l.user_id!) ?? 0) + l.quantity)
    const stock = await db()
      .selectFrom('stock_levels')
      .select(['on_hand', 'reserved'])
      .where('variant_id', '=', variantId)
      .executeTakeFirstOrThrow()
    return {
      left: drop.units_left,
      orders: lines.length,
      unitsOrdered: lines.reduce((s, l) => s + l.quantity, 0),
      most: Math.max(0, ...perResident.values()),
      stock,
    }
  }

  // 2,000 residents' visits over real HTTP, client and server sharing the machine: minutes of margin on a busy CI.
  it(
    'sells 100 units to exactly 100 of 2,000 residents arriving at once (limit 1), each order durable and none cancelled',
    { timeout: 180_000 },
    async () => {
      const { shop, product, drop } = await aShopWithDrop(100, 1)
      const people = await residents(2_000)
      await forEachConcurrently(people, 64, async (r) =>
        expect((await call(r.cookie, 'POST', `/api/v1/drops/${drop.id}/queue`)).json.state).toBe(
          'not_started',
        ),
      )
      clock.set(START)
      const outcomes: string[] = []
      await forEachConcurrently(
        people,
        200,
        async (r) => void outcomes.push(await visit(r, drop.id, shop.id, 1)),
      )
      expect(outcomes.filter((o) => o === 'ordered')).toHaveLength(100)
      // The others are told they wait, or, once the last unit is ordered, that it is sold out.
      expect(
        [...new Set(outcomes.filter((o) => o !== 'ordered'))].every(
          (o) => o === 'waiting' || o === 'sold_out',
        ),
      ).toBe(true)
      expect(await ledgerOf(drop.id, product.variants[0]!.id)).toEqual({
        left: 0,
        orders: 100,
        unitsOrdered: 100,
        most: 1,
        stock: { on_hand: 120, reserved: 100 },
      })
      const after = await call(people[0]!.cookie, 'GET', `/api/v1/drops/${drop.id}`)
      expect(after.json).toMatchObject({ unitsLeft: 0, admitted: 100 })
    },
  )

  it('offers bundles beside the single item: each price shown, taken only while holding, at the bundle’s part of the price', async () => {
    clock.set(MONDAY_MORNING)
    const shop = await aPickupShop(db(), clock, { settings: { slotCapacity: 200 } })
    const galette = await aProduct(db(), shop.id, {
      name: 'Galette des rois',
      variants: [{ name: '6 parts', priceCents: 2400, onHand: 10 }],
    })
    const cider = await aProduct(db(), shop.id, {
      name: 'Cidre brut',
      variants: [{ name: '75 cl', priceCents: 600, onHand: 10 }],
    })
    const owner = (await aStaffSession(server, shop.id, 'owner')).cookieHeader()
    const [resident] = await residents(1)
    const input = {
      variantId: galette.variants[0]!.id,
      title: 'Galettes du dimanche',
      startsAt: START,
      units: 5,
      perResidentLimit: 1,
      holdMinutes: 10,
    }
    const dearer = await call(owner, 'POST', `/api/v1/shops/${shop.id}/admin/drops`, {
      ...input,
      offers: [{ variantId: cider.variants[0]!.id, bundlePriceCents: 3_100 }],
    })
    expect([dearer.status, dearer.json.code, dearer.json.errors]).toEqual([
      400,
      'drops.invalid_drop',
      [{ field: 'offers.0.bundlePriceCents', code: 'above_separate_prices' }],
    ])
    const created = await call(owner, 'POST', `/api/v1/shops/${shop.id}/admin/drops`, {
      ...input,
      offers: [{ variantId: cider.variants[0]!.id, bundlePriceCents: 2_800 }],
    })
    expect(created.status).toBe(201)
    const drop = (await call(resident!.cookie, 'GET', `/api/v1/drops/${created.json.id}`)).json
    expect(drop.offers).toEqual([
      expect.objectContaining({
        productName: 'Cidre brut',
        bundlePriceCents: 2_800,
        itemPriceCents: 2_400,
        productPriceCents: 600,
        partPriceCents: 400,
      }),
    ])
    const offerPath = `/api/v1/drops/${drop.id}/offers/${drop.offers[0].id}`

    await call(resident!.cookie, 'POST', `/api/v1/drops/${drop.id}/queue`)
    clock.set(START)
    expect((await call(resident!.cookie, 'POST', offerPath)).json.code).toBe('drops.not_holding')
    expect((await call(resident!.cookie, 'POST', `/api/v1/drops/${drop.id}/offers/${newId()}`)).status).toBe(
      404,
    )
    const standing = await call(resident!.cookie, 'GET', `/api/v1/drops/${drop.id}/queue`)
    await call(
      resident!.cookie,
      'POST',
      `/api/v1/drops/${drop.id}/holds`,
      { quantity: 1 },
      { 'drop-admission': standing.json.token },
    )
    const taken = await call(resident!.cookie, 'POST', offerPath)
    expect([taken.status, taken.json]).toEqual([
      200,
      { variantId: cider.variants[0]!.id, quantity: 1, unitPriceCents: 400 },
    ])
    const placed = await call(
      resident!.cookie,
      'POST',
      '/api/v1/checkouts',
      {
        contact: { name: 'Camille Martin', email: 'camille@example.fr' },
        slots: { [shop.id]: PICKUP },
        payment: { method: 'counter' },
      },
      { 'idempotency-key': `bundle-${newId()}` },
    )
    expect([placed.status, placed.json.orders[0].totalCents]).toEqual([201, 2_800])
  })

  it('holds the limit of 2 with mixed quantities, and refuses a hold without a valid admission', async () => {
    const { shop, product, drop } = await aShopWithDrop(100, 2)
    const people = await residents(300)
    for (const r of people) await call(r.cookie, 'POST', `/api/v1/drops/${drop.id}/queue`)
    clock.set(START)
    const forged = await call(
      people[0]!.cookie,
      'POST',
      `/api/v1/drops/${drop.id}/holds`,
      { quantity: 1 },
      { 'drop-admission': `${Date.parse(START) + 60_000}.not-a-signature` },
    )
    expect([forged.status, forged.json.code]).toEqual([403, 'drops.not_admitted'])
    const outcomes: string[] = []
    await forEachConcurrently(
      people.map((r, i) => ({ r, quantity: 1 + (i % 3) })),
      100,
      async ({ r, quantity }) => void outcomes.push(await visit(r, drop.id, shop.id, quantity)),
    )
    const ledger = await ledgerOf(drop.id, product.variants[0]!.id)
    expect(ledger.most).toBeLessThanOrEqual(2)
    expect(ledger.unitsOrdered + ledger.left).toBe(100)
    expect(ledger.left).toBe(0)
    // Asking for 3 with a limit of 2 holds 2.
    expect(ledger.orders).toBe(outcomes.filter((o) => o === 'ordered').length)
  })

  it('turns away drop requests beyond what the process serves with a fast 503 and Retry-After, and keeps browsing open', async () => {
    const { shop, drop } = await aShopWithDrop(10, 1)
    const people = await residents(300)
    clock.set(START)
    const small = await startTestApp(db(), { clock, dropInFlightLimit: 4 })
    try {
      // Holds wait for their batch (the next turn of the event loop), so many are in progress at once.
      const hold = async (r: { id: UserId; cookie: string }) => {
        const token = signAdmission(
          'test-cookie-secret-test-cookie-secret',
          drop.id,
          r.id,
          new Date(Date.parse(START) + 60_000),
        )
        const res = await fetch(`${small.baseUrl}/api/v1/drops/${drop.id}/holds`, {
          method: 'POST',
          headers: { cookie: r.cookie, 'content-type': 'application/json', 'drop-admission': token },
          body: JSON.stringify({ quantity: 1 }),
        })
        const body = (await res.json()) as { code?: string }
        return { status: res.status, retryAfter: res.headers.get('retry-after'), code: body.code }
      }
      const browse = async () => (await fetch(`${small.baseUrl}/api/v1/shops/${shop.slug}`)).status
      // A saturated process: the event loop held for 300 ms, as a burst of work would (SQLite works on the loop).
      await new Promise<void>((resolve) =>
        setTimeout(() => {
          const until = Date.now() + 300
          while (Date.now() < until) {}
          resolve()
        }, 20),
      )
      const poll = async (r: { cookie: string }) => {
        const res = await fetch(`${small.baseUrl}/api/v1/drops/${drop.id}/queue`, {
          headers: { cookie: r.cookie },
        })
        const body = (await res.json()) as { code?: string }
        return { status: res.status, retryAfter: res.headers.get('retry-after'), code: body.code }
      }
      // Right after the stall, queue polls (cheap to repeat) are turned away; holds, the sale itself, are only
      // limited by the requests in progress; browsing is never gated.
      const [polls, holds, browsing] = await Promise.all([
        Promise.all(people.map(poll)),
        Promise.all(people.slice(0, 50).map(hold)),
        Promise.all(Array.from({ length: 30 }, browse)),
      ])
      const shed = polls.filter((a) => a.status === 503)
      expect(shed.length).toBeGreaterThan(0)
      expect(shed.every((a) => a.retryAfter === '1' && a.code === 'drops.busy')).toBe(true)
      expect(polls.every((a) => a.status === 200 || a.status === 503)).toBe(true)
      expect(
        holds.every(
          (a) =>
            a.status === 200 || (a.status === 503 && a.retryAfter === '1') || a.code === 'drops.sold_out',
        ),
      ).toBe(true)
      expect(holds.filter((a) => a.status === 200).length).toBeLessThanOrEqual(10)
      expect(browsing.every((status) => status === 200)).toBe(true)
    } finally {
      await small.close()
    }
  })
})
