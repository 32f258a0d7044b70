import { randomInt } from 'node:crypto'
import { sql, type SelectQueryBuilder } from 'kysely'
import type { Database, Db, Trx } from '../../db/index.js'
import { prepared, type Placeholder } from '../../db/prepared.js'
import { writeTransaction } from '../../db/group-commit.js'
import { newId, type UserId } from '../../lib/ids.js'
import { signAdmission } from './admission-token.js'
import {
  ADMISSION_MINUTES,
  admissionsDue,
  estimatedWaitSeconds,
  firstAskDelaySeconds,
  refreshSeconds,
} from './rules.js'
import { dropEnded, dropNotFound } from './errors.js'
import { forgetSnapshot, heldUnitsOf, snapshotOf } from './snapshot.js'
import type { QueueStanding } from './types.js'
import type { DropsDeps } from './deps.js'

/** Lottery keys: uniform integers below 2^48 (node's randomInt's widest range), exact in a bigint and a JS number. */
const LOTTERY_SPAN = 2 ** 48 - 1

/**
 * A resident joins a drop's queue, once per account (a second tab or device finds the same place). Before the
 * start they get a random lottery key, drawn now (the shuffle); after it, their arrival orders them.
 */
export async function joinDrop(deps: DropsDeps, dropId: string, userId: UserId): Promise<QueueStanding> {
  const now = deps.clock.now()
  const drop = await deps.db
    .selectFrom('drops')
    .select(['starts_at', 'ended_at'])
    .where('id', '=', dropId)
    .executeTakeFirst()
  if (!drop) throw dropNotFound()
  if (drop.ended_at) throw dropEnded()
  const beforeStart = now.toISOString() < drop.starts_at
  const lottery = beforeStart ? randomInt(LOTTERY_SPAN) : null
  // Thousands join at once: their inserts share commits (db/group-commit.ts).
  const { inserted, left } = await writeTransaction(deps.db, async (trx) => {
    const left = await leaveIfTurnPassed(trx, dropId, userId, now)
    const row = await trx
      .insertInto('drop_entries')
      .values({
        id: newId(),
        drop_id: dropId,
        user_id: userId,
        arrived_at: now.toISOString(),
        lottery,
        admitted_at: null,
      })
      .onConflict((oc) => oc.columns(['drop_id', 'user_id']).doNothing())
      .executeTakeFirst()
    return { inserted: Number(row.numInsertedOrUpdatedRows ?? 0n) > 0, left }
  })
  // The ranks behind the old place moved up by one: this process reads them again at once (others when their
  // snapshot shows the drop's departures changed).
  if (left) {
    ranks.get(deps.db)?.delete(dropId)
    forgetSnapshot(deps.db, dropId)
  }
  // A newcomer after the start may be due at once (units free): the next poll checks again.
  if (inserted && !beforeStart) forgetAdmissionCheck(deps.db, dropId)
  return standingOf(deps, dropId, userId)
}

/**
 * Step: a resident whose turn passed (admitted, and neither held in time nor still holding or ordered) leaves
 * their old place, so joining again puts them at the back as a new arrival. The admitted count goes down with
 * it: positions are ranks minus admitted.
 */
async function leaveIfTurnPassed(trx: Trx, dropId: string, userId: UserId, now: Date): Promise<boolean> {
  const lapsedBefore = new Date(now.getTime() - ADMISSION_MINUTES * 60_000).toISOString()
  const holding = await trx
    .selectFrom('drop_holds')
    .select('id')
    .where('drop_id', '=', dropId)
    .where('user_id', '=', userId)
    .where((eb) =>
      eb.or([
        eb('status', '=', 'ordered'),
        eb.and([eb('status', '=', 'held'), eb('expires_at', '>', now.toISOString())]),
      ]),
    )
    .executeTakeFirst()
  if (holding) return false
  const left = await trx
    .deleteFrom('drop_entries')
    .where('drop_id', '=', dropId)
    .where('user_id', '=', userId)
    .where('admitted_at', '<=', lapsedBefore)
    .executeTakeFirst()
  if (left.numDeletedRows === 0n) return false
  await trx
    .updateTable('drops')
    .set((eb) => ({ admitted: eb('admitted', '-', 1), departed: eb('departed', '+', 1) }))
    .where('id', '=', dropId)
    .where('admitted', '>', 0)
    .execute()
  return true
}

/**
 * Where the resident stands. Thousands of waiting residents ask every few seconds: one far enough back that no
 * admission since this process's snapshot can have reached them is answered from memory (their rank, kept per
 * process); the others cost two or three queries (their entry and hold, the admitted count, their rank once).
 * At most every ADMISSION_CHECK_MS per process, a poll also checks for free units and admits the next residents
 * (safe from any process: the admission is serialized on the drop's row).
 */
export async function standingOf(deps: DropsDeps, dropId: string, userId: UserId): Promise<QueueStanding> {
  const now = deps.clock.now()
  let drop = await snapshotOf(deps.db, dropId)
  if (drop.ended_at) {
    forgetRanks(deps.db, dropId)
    return { state: 'ended' }
  }
  if (now.toISOString() < drop.starts_at) {
    const startsIn = Math.ceil((Date.parse(drop.starts_at) - now.getTime()) / 1000)
    const entry = await deps.db
      .selectFrom('drop_entries')
      .select(['id', 'lottery'])
      .where('drop_id', '=', dropId)
      .where('user_id', '=', userId)
      .executeTakeFirst()
    if (!entry) return { state: 'not_started', startsIn, joined: false, refreshSeconds: startsIn }
    const rank = await countAhead(deps.db, dropId, {
      id: entry.id,
      lottery: entry.lottery === null ? null : Number(entry.lottery),
    })
    return {
      state: 'not_started',
      startsIn,
      joined: true,
      refreshSeconds: startsIn + firstAskDelaySeconds(rank, drop.units_left),
    }
  }
  // Admissions first, so the resident's own entry below shows one that just happened.
  if (drop.units_left > 0 && (await admissionCheck(deps, dropId)) > 0)
    drop = await snapshotOf(deps.db, dropId)
  // Units only held may come back when holds expire: sold out means nothing left and nothing held.
  const held = await heldUnitsOf(deps.db, dropId)
  const soldOut = drop.units_left === 0 && held === 0

  // Behind every admission the free and held units could still bring: not admitted, holding nothing. Sold out,
  // everyone reads their own entry (those who ordered are told so).
  const known = soldOut ? undefined : (await ranksOf(deps.db, dropId, drop.departed)).get(userId)
  if (known && known.rank >= drop.admitted + drop.units_left + held)
    return waitingAt(known.rank - drop.admitted, drop.admitted, drop.starts_at, now)

  const mine = await entryAndHolds.rows(deps.db, { dropId, userId })
  const entry = mine[0]
  if (!entry) return soldOut ? { state: 'sold_out' } : { state: 'not_joined' }
  const holding = mine.find((r) => r.status === 'held' && r.expires_at! > now.toISOString())
  if (holding) return { state: 'holding', quantity: holding.quantity!, expiresAt: holding.expires_at! }
  const ordered = mine.find((r) => r.status === 'ordered')
  if (ordered) return { state: 'ordered', quantity: ordered.quantity! }
  if (soldOut) return { state: 'sold_out' }

  if (entry.admitted_at) {
    const expires = new Date(Date.parse(entry.admitted_at) + ADMISSION_MINUTES * 60_000)
    if (expires <= now) return { state: 'turn_passed' }
    if (drop.units_left > 0)
      return {
        state: 'admitted',
        token: signAdmission(deps.admissionSecret, dropId, userId, expires),
        admissionExpiresAt: expires.toISOString(),
      }
    // Their turn is still on, but every unit is held by others for now: next in line if one comes back.
    return {
      state: 'waiting',
      position: 1,
      ahead: 0,
      estimatedWaitSeconds: undefined,
      refreshSeconds: refreshSeconds(1, undefined),
    }
  }
  // The admitted count is read fresh (a key lookup): the snapshot may predate another resident's admissions.
  const { admitted } = (await admittedOf.first(deps.db, { dropId }))!
  const rank = await rankOf(deps.db, dropId, drop.departed, userId, {
    id: entry.id,
    lottery: entry.lottery === null ? null : Number(entry.lottery),
  })
  return waitingAt(Math.max(0, rank - admitted), admitted, drop.starts_at, now)
}

/** A waiting resident's standing with `ahead` residents before them. */
function waitingAt(ahead: number, admitted: number, startsAt: string, now: Date): QueueStanding {
  const wait = estimatedWaitSeconds(ahead, admitted, (now.getTime() - Date.parse(startsAt)) / 1000)
  return {
    state: 'waiting',
    position: ahead + 1,
    ahead,
    estimatedWaitSeconds: wait,
    refreshSeconds: refreshSeconds(ahead + 1, wait),
  }
}

/** How long a finished admission check answers for everyone polling the same drop in this process. */
const ADMISSION_CHECK_MS = 100
const admissionChecks = new WeakMap<Db, Map<string, { done: Promise<number>; until: number; at: number }>>()

/**
 * Thousands of waiting residents poll: one admission check at a time per drop and process, shared by every
 * poll that arrives while it runs or within ADMISSION_CHECK_MS after it, in wall time and in the domain's time
 * (admissions lapse as the domain's time passes).
 */
function admissionCheck(deps: Pick<DropsDeps, 'db' | 'clock'>, dropId: string): Promise<number> {
  let forDb = admissionChecks.get(deps.db)
  if (!forDb) admissionChecks.set(deps.db, (forDb = new Map()))
  const current = forDb.get(dropId)
  const at = deps.clock.now().getTime()
  if (
    current &&
    Math.abs(at - current.at) < ADMISSION_CHECK_MS &&
    (current.until === 0 || current.until > Date.now())
  )
    return current.done
  const check = { done: admitNext(deps, dropId), until: 0, at }
  forDb.set(dropId, check)
  void check.done.then(
    () => (check.until = Date.now() + ADMISSION_CHECK_MS),
    () => forDb!.delete(dropId),
  )
  return check.done
}

/** After holds or expiries changed a drop in this process: the next poll checks admissions at once. */
export function forgetAdmissionCheck(db: Db, dropId: string): void {
  admissionChecks.get(db)?.delete(dropId)
}

/**
 * Step: moves the admission frontier (decision 005). Free units not promised to residents admitted in the last
 * ADMISSION_MINUTES who hold nothing yet let that many more in, in queue order. Serialized on the drop's row;
 * outside a transaction, a read first spares the write when nobody is due (every waiting resident asks).
 */
export async function admitNext(
  deps: Pick<DropsDeps, 'db' | 'clock'>,
  dropId: string,
  within?: Trx,
): Promise<number> {
  if (within) return admitDue(deps, within, dropId, true)
  if ((await admitDue(deps, deps.db, dropId, false)) === 0) return 0
  const admitted = await writeTransaction(deps.db, (trx) => admitDue(deps, trx, dropId, true))
  forgetSnapshot(deps.db, dropId)
  return admitted
}

/** How many residents are due; with `write`, admits them (the caller holds a transaction). */
async function admitDue(
  deps: Pick<DropsDeps, 'db' | 'clock'>,
  db: Db,
  dropId: string,
  write: boolean,
): Promise<number> {
  const now = deps.clock.now()
  // Reading, a recent snapshot will do: the write path checks again under the row's lock.
  const drop = write ? await lockDrop(db as Trx, dropId) : await snapshotOf(db, dropId)
  if (!drop || drop.ended_at || now.toISOString() < drop.starts_at || drop.units_left === 0) return 0
  const since = new Date(now.getTime() - ADMISSION_MINUTES * 60_000).toISOString()
  const waiting = (await admittedWithoutHold.first(db, { dropId, since }))!
  const due = admissionsDue(drop.units_left, Number(waiting.n))
  if (due === 0 || !write) return due
  const next = await inQueueOrder(
    db
      .selectFrom('drop_entries')
      .select(['id', 'user_id'])
      .where('drop_id', '=', dropId)
      .where('admitted_at', 'is', null),
  )
    .limit(due)
    .execute()
  if (next.length === 0) return 0
  // Per-process memory is keyed by the database, not this transaction; the caller forgets its snapshot after the commit.
  rememberAdmitted(
    deps.db,
    dropId,
    next.map((n) => n.user_id),
  )
  await db
    .updateTable('drop_entries')
    .set({ admitted_at: now.toISOString() })
    .where(
      'id',
      'in',
      next.map((n) => n.id),
    )
    .execute()
  await db
    .updateTable('drops')
    .set((eb) => ({ admitted: eb('admitted', '+', next.length) }))
    .where('id', '=', dropId)
    .execute()
  return next.length
}

/** Queue order (rules.queueOrder): lottery keys first (nulls last on both engines), then arrival. */
const inQueueOrder = <O>(
  query: SelectQueryBuilder<Database, 'drop_entries', O>,
): SelectQueryBuilder<Database, 'drop_entries', O> =>
  query
    .orderBy(sql`case when lottery is null then 1 else 0 end`)
    .orderBy('lottery')
    .orderBy('id')

// A waiting resident's poll runs these: compiled once (db/prepared.ts).
const queueInOrder = prepared((db, p: Placeholder<{ dropId: string; limit: number }>) =>
  inQueueOrder(
    db.selectFrom('drop_entries').select(['id', 'user_id']).where('drop_id', '=', p('dropId')),
  ).limit(p('limit')),
)
const entryAndHolds = prepared((db, p: Placeholder<{ dropId: string; userId: string }>) =>
  db
    .selectFrom('drop_entries as e')
    .leftJoin('drop_holds as h', (join) =>
      join
        .onRef('h.drop_id', '=', 'e.drop_id')
        .onRef('h.user_id', '=', 'e.user_id')
        .on('h.status', 'in', ['held', 'ordered']),
    )
    .select(['e.id', 'e.lottery', 'e.admitted_at', 'h.quantity', 'h.status', 'h.expires_at'])
    .where('e.drop_id', '=', p('dropId'))
    .where('e.user_id', '=', p('userId')),
)
const admittedOf = prepared((db, p: Placeholder<{ dropId: string }>) =>
  db.selectFrom('drops').select('admitted').where('id', '=', p('dropId')),
)
const admittedWithoutHold = prepared((db, p: Placeholder<{ dropId: string; since: string }>) =>
  db
    .selectFrom('drop_entries as e')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('e.drop_id', '=', p('dropId'))
    .where('e.admitted_at', '>', p('since'))
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('drop_holds as h')
            .select('h.id')
            .whereRef('h.drop_id', '=', 'e.drop_id')
            .whereRef('h.user_id', '=', 'e.user_id'),
        ),
      ),
    ),
)

/** Residents this process admitted lately, per drop: under load they go first (the sale waits on them). */
const ADMITTED_KEPT = 50_000
const admittedHere = new WeakMap<Db, Map<string, Set<string>>>()

function rememberAdmitted(db: Db, dropId: string, userIds: readonly string[]): void {
  // The admission is written in a transaction that may still roll back: at worst, someone is let through the gate.
  let forDb = admittedHere.get(db)
  if (!forDb) admittedHere.set(db, (forDb = new Map()))
  let users = forDb.get(dropId)
  if (!users || users.size + userIds.length > ADMITTED_KEPT) forDb.set(dropId, (users = new Set()))
  for (const id of userIds) users.add(id)
}

/** Whether this process admitted the resident to the drop lately: load shedding lets them through. */
export const admittedLately = (db: Db, dropId: string, userId: string): boolean =>
  admittedHere.get(db)?.get(dropId)?.has(userId) ?? false

/** Step: the drop's row, locked until the transaction ends (PostgreSQL; SQLite has one writer). */
export async function lockDrop(trx: Trx, dropId: string) {
  return trx
    .updateTable('drops')
    .set({ units_left: sql`units_left` })
    .where('id', '=', dropId)
    .returningAll()
    .executeTakeFirst()
}

/**
 * Entries' ranks in their queue, per process and drop: after the start a rank changes only when someone ahead
 * leaves (their turn passed), which the drop's `departed` count tells; later arrivals queue behind.
 */
const RANKS_KEPT = 200_000
type Ranks = Map<string, { entryId: string; rank: number }>
const ranks = new WeakMap<Db, Map<string, { departed: number; loaded: Promise<Ranks> }>>()

/**
 * The queue's ranks by resident, read in one query the first time a resident asks after the start (every one
 * of them asks then) and again after a departure, instead of one count per resident. Residents who join later
 * are ranked one by one.
 */
function ranksOf(db: Db, dropId: string, departed: number): Promise<Ranks> {
  let forDb = ranks.get(db)
  if (!forDb) ranks.set(db, (forDb = new Map()))
  let current = forDb.get(dropId)
  if (!current || current.departed !== departed) {
    const loaded = queueInOrder
      .rows(db, { dropId, limit: RANKS_KEPT })
      .then((rows) => new Map(rows.map((row, rank) => [row.user_id, { entryId: row.id, rank }])))
    current = { departed, loaded }
    forDb.set(dropId, current)
    loaded.catch(() => forDb!.delete(dropId))
  }
  return current.loaded
}

/** After a drop ended, its ranks are of no more use: the memory goes. */
function forgetRanks(db: Db, dropId: string): void {
  ranks.get(db)?.delete(dropId)
}

/** The entry's rank: from memory, or counted once on the queue index (a resident who joined again has a new entry). */
async function rankOf(
  db: Db,
  dropId: string,
  departed: number,
  userId: string,
  entry: { id: string; lottery: number | null },
): Promise<number> {
  const known = await ranksOf(db, dropId, departed)
  const remembered = known.get(userId)
  if (remembered?.entryId === entry.id) return remembered.rank
  const rank = await countAhead(db, dropId, entry)
  if (known.size < RANKS_KEPT) known.set(userId, { entryId: entry.id, rank })
  return rank
}

/** Entries before this one in queue order, counted on the queue index. */
async function countAhead(
  db: Db,
  dropId: string,
  entry: { id: string; lottery: number | null },
): Promise<number> {
  let before = db
    .selectFrom('drop_entries')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('drop_id', '=', dropId)
  if (entry.lottery === null)
    before = before.where((eb) => eb.or([eb('lottery', 'is not', null), eb('id', '<', entry.id)]))
  else
    before = before.where((eb) =>
      eb.or([
        eb('lottery', '<', entry.lottery!),
        eb.and([eb('lottery', '=', entry.lottery!), eb('id', '<', entry.id)]),
      ]),
    )
  return Number((await before.executeTakeFirstOrThrow()).n)
}
