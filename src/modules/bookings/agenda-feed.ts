import { createEvents, type EventAttributes } from 'ics'
import type { Selectable } from 'kysely'
import type { Db } from '../../db/index.js'
import type { AgendaFeedsTable } from '../../db/schema/bookings.js'
import { writeTransaction } from '../../db/group-commit.js'
import { formatEuros } from '../../lib/french-format.js'
import { newId, type ShopId } from '../../lib/ids.js'
import { hashSecretToken, newSecretToken } from '../../lib/secret-token.js'
import { getShop } from '../shops/index.js'
import { toBooking } from './find-bookings.js'
import type { AgendaFeed, Booking } from './types.js'
import type { BookingsDeps } from './deps.js'
import { agendaFeedExists } from './errors.js'

/** The feed shows the last week (what happened, for the day's questions) and the next 90 days. */
const AGENDA_DAYS_BEFORE = 7
export const AGENDA_DAYS_AFTER = 90
/** Enough for a busy shop's 97 days (ten people, fifty bookings a day each); beyond, the latest are left out. */
const MAX_EVENTS = 5_000
const DAY_MS = 86_400_000

const toFeed = (row: Selectable<AgendaFeedsTable>): AgendaFeed => ({
  id: row.id,
  shopId: row.shop_id as ShopId,
  createdAt: row.created_at,
  revokedAt: row.revoked_at ?? undefined,
})

/** The shop's live agenda link, if it has one. */
export async function findLiveAgendaFeed(db: Db, shopId: ShopId): Promise<AgendaFeed | undefined> {
  const row = await db
    .selectFrom('agenda_feeds')
    .selectAll()
    .where('shop_id', '=', shopId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst()
  return row && toFeed(row)
}

/**
 * The owner makes the shop's private agenda link: a new secret, returned once and kept only as a hash. A live
 * link is revoked in the same transaction (one live link per shop, which a unique index also says), so making
 * a new link is also how a link shared by mistake is replaced. Throws bookings.agenda_feed_exists when another
 * request made one at the same instant.
 */
export async function createAgendaFeed(
  deps: BookingsDeps,
  shopId: ShopId,
): Promise<{ feed: AgendaFeed; token: string }> {
  const token = newSecretToken()
  const now = deps.clock.now().toISOString()
  const row = {
    id: newId(),
    shop_id: shopId,
    token_hash: hashSecretToken(token),
    created_at: now,
    revoked_at: null,
  }
  try {
    await writeTransaction(deps.db, async (trx) => {
      await trx
        .updateTable('agenda_feeds')
        .set({ revoked_at: now })
        .where('shop_id', '=', shopId)
        .where('revoked_at', 'is', null)
        .execute()
      await trx.insertInto('agenda_feeds').values(row).execute()
    })
  } catch (error) {
    // Two clicks at once: the unique index let one link through; the page shows that one exists.
    const live = await findLiveAgendaFeed(deps.db, shopId)
    if (live && live.id !== row.id) throw agendaFeedExists()
    throw error
  }
  return { feed: toFeed(row), token }
}

/** The owner revokes the shop's live agenda link: calendars subscribed to it get 404 from now on. False when there was none. */
export async function revokeAgendaFeed(deps: BookingsDeps, shopId: ShopId): Promise<boolean> {
  const result = await deps.db
    .updateTable('agenda_feeds')
    .set({ revoked_at: deps.clock.now().toISOString() })
    .where('shop_id', '=', shopId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst()
  return result.numUpdatedRows > 0n
}

/**
 * The shop whose live link carries this secret, if any. The lookup is by the secret's SHA-256: what the index
 * compares is a hash nobody can steer byte by byte, so the time it takes says nothing about the stored secrets.
 */
export async function shopOfAgendaToken(db: Db, token: string): Promise<ShopId | undefined> {
  if (token.length < 20 || token.length > 100) return undefined
  const row = await db
    .selectFrom('agenda_feeds')
    .select('shop_id')
    .where('token_hash', '=', hashSecretToken(token))
    .where('revoked_at', 'is', null)
    .executeTakeFirst()
  return row?.shop_id as ShopId | undefined
}

/**
 * The shop's agenda as an iCalendar file (RFC 5545), from a week ago to 90 days ahead, for calendar apps that
 * subscribe to it. Each booking keeps its UID (the one of the resident's calendar file), so a refresh updates
 * events instead of duplicating them. Cancelled bookings are left out rather than sent as STATUS:CANCELLED: a
 * subscription is replaced whole at each refresh, so the event disappears, whereas several apps (Google
 * Calendar, Outlook) show a cancelled event of a feed like any other and staff would wait for nobody.
 */
export async function agendaCalendar(deps: BookingsDeps, shopId: ShopId): Promise<string> {
  const shop = await getShop(deps.db, shopId)
  const now = deps.clock.now().getTime()
  const rows = await deps.db
    .selectFrom('bookings')
    .selectAll()
    .where('shop_id', '=', shopId)
    // Past ones stay once marked attended or no-show; only cancelled bookings leave the agenda.
    .where('status', 'not in', ['cancelled', 'pending_payment', 'payment_failed'])
    .where('starts_at', '>=', new Date(now - AGENDA_DAYS_BEFORE * DAY_MS).toISOString())
    .where('starts_at', '<', new Date(now + AGENDA_DAYS_AFTER * DAY_MS).toISOString())
    .orderBy('starts_at')
    .orderBy('id')
    .limit(MAX_EVENTS)
    .execute()
  const { error, value } = createEvents(rows.map(toBooking).map(agendaEvent), {
    productId: 'comptoir',
    method: 'PUBLISH',
    calName: `Rendez-vous — ${shop.name}`,
  })
  if (error || !value) throw error ?? new Error('calendar not generated')
  return value
}

/** One booking as the staff see it: who does what for whom, and how to reach the client. */
function agendaEvent(booking: Booking): EventAttributes {
  const client = booking.contact
  return {
    uid: `${booking.id}@comptoir`,
    start: Date.parse(booking.startsAt),
    startInputType: 'utc',
    startOutputType: 'utc',
    end: Date.parse(booking.endsAt),
    endInputType: 'utc',
    endOutputType: 'utc',
    // A large party's request holds its table until the shop answers: shown, marked as such.
    title: `${booking.status === 'requested' ? 'À confirmer · ' : ''}${booking.resourceName} · ${booking.serviceName} · ${client.name}${booking.partySize > 1 ? ` (${booking.partySize} pers.)` : ''}`,
    description: [
      `Avec ${booking.resourceName}.`,
      `Client : ${client.name}`,
      client.phone ? `Téléphone : ${client.phone}` : '',
      `E-mail : ${client.email}`,
      booking.priceCents > 0 ? `Prix : ${formatEuros(booking.priceCents)} TTC, à régler sur place` : '',
    ]
      .filter(Boolean)
      .join('\n'),
    status: booking.status === 'requested' ? 'TENTATIVE' : 'CONFIRMED',
    busyStatus: 'BUSY',
  }
}
