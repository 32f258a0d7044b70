import { describe, expect, it, vi } from 'vitest'
import { aProduct } from '../../../test/factories/catalog.js'
import { aPickupShop, MONDAY_MORNING } from '../../../test/factories/ordering.js'
import { forEachEngine } from '../../../test/harness/engines.js'
import { fixedClock } from '../../lib/clock.js'
import { newId, type UserId } from '../../lib/ids.js'
import {
  expireDropHolds,
  holdDropUnits,
  joinDrop,
  queueOrder,
  scheduleDrop,
  standingOf,
  type Drop,
  type QueueStanding,
} from './index.js'

// Fairness of a drop's queue (issue #4, decision 005): those who came before the start are admitted in a
// uniform shuffle, later arrivals first come, first served.

const START = '2026-11-23T09:00:00.000Z'
const SECRET = 'drop-fairness-secret-drop-fairness'
const at = (minutesAfterStart: number) => new Date(Date.parse(START) + minutesAfterStart * 60_000)

/** mulberry32: a tiny seeded generator of 32-bit integers, so the statistical test gives the same verdict on every run. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return (t ^ (t >>> 14)) >>> 0
  }
}

/** A 48-bit key, as joinDrop draws with crypto.randomInt (16 high bits, 32 low bits). */
const key48 = (next: () => number) => (next() & 0xffff) * 2 ** 32 + next()

/** The permutation's index among the n! (Lehmer code): each of the 720 orders of 6 residents has its own. */
function rankOf(permutation: readonly number[]): number {
  let rank = 0
  permutation.forEach((value, i) => {
    const smallerAfter = permutation.slice(i + 1).filter((later) => later < value).length
    rank = rank * (permutation.length - i) + smallerAfter
  })
  return rank
}

/** How often each admission order appears when `n` residents who joined in order 0..n-1 are sorted by queueOrder. */
function admissionOrders(n: number, trials: number, draw: () => number) {
  const permutations = Array.from({ length: factorial(n) }, () => 0)
  const firsts = Array.from({ length: n }, () => 0)
  for (let trial = 0; trial < trials; trial++) {
    // Ids in join order (ULIDs are time-ordered): a tie of keys would favour the earlier joiner.
    const entries = Array.from({ length: n }, (_, joined) => ({
      joined,
      id: `01J${String(joined).padStart(3, '0')}`,
      lottery: draw(),
    }))
    const order = [...entries].sort(queueOrder).map((e) => e.joined)
    permutations[rankOf(order)]!++
    firsts[order[0]!]!++
  }
  return { permutations, firsts }
}

const factorial = (n: number): number => (n <= 1 ? 1 : n * factorial(n - 1))
const chiSquare = (observed: readonly number[], expected: number) =>
  observed.reduce((sum, o) => sum + (o - expected) ** 2 / expected, 0)

// χ² with 719 degrees of freedom exceeds 841.9 with probability 0.001 (scipy chi2.ppf(0.999, 719)).
const CHI2_719_P001 = 841.9

describe('queue order before the start (pure, seeded)', () => {
  const N = 6
  const TRIALS = 7_200 // 10 expected per permutation
  const next = mulberry32(20261123)

  it('orders residents who came before the start in a uniform shuffle: all 720 orders equally likely', () => {
    const { permutations, firsts } = admissionOrders(N, TRIALS, () => key48(next))
    const expected = TRIALS / factorial(N)
    expect(permutations.every((count) => count > 0)).toBe(true)
    expect(chiSquare(permutations, expected)).toBeLessThan(CHI2_719_P001)
    // Each resident is first 1,200 times in expectation (σ ≈ 32): joining early or late buys nothing.
    for (const count of firsts) expect(Math.abs(count - TRIALS / N)).toBeLessThan(150)
  })

  it('would notice a biased order: keys that often tie fall back to join order, and the test rejects it', () => {
    const coarse = mulberry32(7)
    const { permutations, firsts } = admissionOrders(N, TRIALS, () => coarse() % 3)
    expect(chiSquare(permutations, TRIALS / factorial(N))).toBeGreaterThan(CHI2_719_P001)
    expect(firsts[0]!).toBeGreaterThan(firsts[N - 1]! + 150)
  })
})

forEachEngine('drop fairness (issue #4)', ({ db }) => {
  const clock = fixedClock(MONDAY_MORNING)
  const deps = () => ({ db: db(), clock, admissionSecret: SECRET })
  const residents = (n: number) => Array.from({ length: n }, () => newId<UserId>())

  async function aShopAndProduct() {
    clock.set(MONDAY_MORNING)
    const shop = await aPickupShop(db(), clock)
    const product = await aProduct(db(), shop.id, {
      name: 'Galette des rois',
      variants: [{ name: '6 parts', priceCents: 2400, onHand: 1_000 }],
    })
    return { shop, variantId: product.variants[0]!.id }
  }

  async function aDrop(where: Awaited<ReturnType<typeof aShopAndProduct>>, units: number): Promise<Drop> {
    clock.set(MONDAY_MORNING)
    return scheduleDrop(deps(), undefined, where.shop.id, {
      variantId: where.variantId,
      title: 'Galettes du dimanche',
      startsAt: START,
      units,
      perResidentLimit: 1,
      holdMinutes: 10,
    })
  }

  const standingsOf = (drop: Drop, people: readonly UserId[]) =>
    Promise.all(people.map((userId) => standingOf(deps(), drop.id, userId)))
  const admittedAmong = (people: readonly UserId[], standings: readonly QueueStanding[]) =>
    people.filter((_, i) => standings[i]!.state === 'admitted')
  const positionOf = (standing: QueueStanding) =>
    standing.state === 'waiting' ? standing.position : standing.state

  it('admits first whoever drew the smallest key, wherever they joined: no join position is favoured', async () => {
    const DROPS = 30
    const PER_DROP = 8
    const where = await aShopAndProduct()
    const wins = Array.from({ length: PER_DROP }, () => 0)
    for (let d = 0; d < DROPS; d++) {
      const drop = await aDrop(where, 1)
      const people = residents(PER_DROP)
      for (const userId of people) await joinDrop(deps(), drop.id, userId)
      clock.set(START)
      const admitted = admittedAmong(people, await standingsOf(drop, people))
      expect(admitted).toHaveLength(1)
      const entries = await db()
        .selectFrom('drop_entries')
        .select(['user_id', 'lottery'])
        .where('drop_id', '=', drop.id)
        .execute()
      const smallest = entries.reduce((a, b) => (Number(a.lottery) <= Number(b.lottery) ? a : b))
      expect(admitted[0]).toBe(smallest.user_id)
      wins[people.indexOf(admitted[0]!)]!++
    }
    // Each join position wins Binomial(30, 1/8) times, 3.75 on average. The keys come from crypto.randomInt,
    // so this part is not seeded: the bound fails a fair queue with probability ≤ 8 · P(X ≥ 14) ≈ 3.7e-5 (one run in 27,000).
    expect(wins.reduce((a, b) => a + b, 0)).toBe(DROPS)
    expect(Math.max(...wins)).toBeLessThanOrEqual(13)
  })

  it('after the start, admits residents strictly in the order they joined, as units free up', async () => {
    const drop = await aDrop(await aShopAndProduct(), 2)
    clock.set(START)
    const people = residents(7)
    for (const [i, userId] of people.entries()) {
      clock.set(at(i / 60))
      // Arrival order is the entry id's (a ULID): its time is the system's, to the millisecond, not the
      // injected clock's, so the joins are a few real milliseconds apart.
      await new Promise((resolve) => setTimeout(resolve, 3))
      expect((await joinDrop(deps(), drop.id, userId)).state).toMatch(/admitted|waiting/)
    }
    // Two units: every round admits the next two in join order; their holds expire and the next two come in.
    for (let round = 0, minutes = 1; round * 2 < people.length; round++, minutes += 11) {
      clock.set(at(minutes))
      // Asked last to first, so the order of asking cannot be what orders the queue.
      const rest = people.slice(round * 2)
      const standings = (await standingsOf(drop, [...rest].reverse())).reverse()
      expect(admittedAmong(rest, standings)).toEqual(rest.slice(0, 2))
      expect(standings.slice(2).map(positionOf)).toEqual(rest.slice(2).map((_, i) => i + 1))
      for (const [i, userId] of rest.slice(0, 2).entries())
        await holdDropUnits(deps(), drop.id, userId, (standings[i] as { token: string }).token, 1)
      clock.set(at(minutes + 11))
      await expireDropHolds(deps(), drop.id)
    }
  })

  // Ids are monotonic within the process (lib/ids.ts): residents who join within the same millisecond keep their
  // arrival order. Date is frozen here to make "the same millisecond" certain.
  it('keeps the arrival order of residents who join within the same millisecond', async () => {
    const drop = await aDrop(await aShopAndProduct(), 1)
    clock.set(START)
    const people = residents(12)
    vi.useFakeTimers({ toFake: ['Date'] })
    try {
      for (const userId of people) await joinDrop(deps(), drop.id, userId)
    } finally {
      vi.useRealTimers()
    }
    const standings = await standingsOf(drop, people)
    expect(standings.map(positionOf)).toEqual(['admitted', ...people.slice(1).map((_, i) => i + 1)])
  })
})
