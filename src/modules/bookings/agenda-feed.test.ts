import { expect, it } from 'vitest'
import { aSalon } from '../../../test/factories/bookings.js'
import { MONDAY_MORNING } from '../../../test/factories/ordering.js'
import { forEachEngine } from '../../../test/harness/engines.js'
import { fixedClock } from '../../lib/clock.js'
import {
  agendaCalendar,
  bookAppointment,
  cancelBookingByShop,
  createAgendaFeed,
  findLiveAgendaFeed,
  revokeAgendaFeed,
  shopOfAgendaToken,
} from './index.js'

/** The calendar's lines, long ones unfolded (RFC 5545 §3.1), and its events as maps of their properties. */
function parseCalendar(text: string): { lines: string[]; events: Array<Record<string, string>> } {
  const lines = text
    .replace(/\r\n[ \t]/g, '')
    .split('\r\n')
    .filter(Boolean)
  const events: Array<Record<string, string>> = []
  let current: Record<string, string> | undefined
  for (const line of lines) {
    if (line === 'BEGIN:VEVENT') {
      current = {}
    } else if (line === 'END:VEVENT' && current) {
      events.push(current)
      current = undefined
    } else if (current) {
      current[line.slice(0, line.search(/[:;]/))] = line.slice(line.indexOf(':') + 1)
    }
  }
  return { lines, events }
}

forEachEngine('the staff’s agenda feed (issue #5)', ({ db }) => {
  const clock = fixedClock(MONDAY_MORNING)
  const deps = () => ({ db: db(), clock })
  const contact = (name: string) => ({
    name,
    email: `${name.toLowerCase()}@example.fr`,
    phone: '06 12 34 56 78',
  })

  it('opens its own shop’s agenda only while it is the live link: a new link replaces it, revoking ends it', async () => {
    clock.set(MONDAY_MORNING)
    const { shopId } = await aSalon(db(), clock)
    const { shopId: otherShop } = await aSalon(db(), clock)
    expect(await findLiveAgendaFeed(db(), shopId)).toBeUndefined()

    const first = await createAgendaFeed(deps(), shopId)
    const other = await createAgendaFeed(deps(), otherShop)
    expect(await shopOfAgendaToken(db(), first.token)).toBe(shopId)
    expect(await shopOfAgendaToken(db(), other.token)).toBe(otherShop)
    expect(await findLiveAgendaFeed(db(), shopId)).toEqual({
      id: first.feed.id,
      shopId,
      createdAt: MONDAY_MORNING.replace('Z', '.000Z'),
      revokedAt: undefined,
    })
    // Only the hash is stored.
    const stored = await db()
      .selectFrom('agenda_feeds')
      .select('token_hash')
      .where('id', '=', first.feed.id)
      .executeTakeFirstOrThrow()
    expect(stored.token_hash).not.toContain(first.token)

    clock.set('2026-11-24T08:00:00Z')
    const second = await createAgendaFeed(deps(), shopId)
    expect(await shopOfAgendaToken(db(), first.token)).toBeUndefined()
    expect(await shopOfAgendaToken(db(), second.token)).toBe(shopId)
    expect((await findLiveAgendaFeed(db(), shopId))?.createdAt).toBe('2026-11-24T08:00:00.000Z')

    expect(await revokeAgendaFeed(deps(), shopId)).toBe(true)
    expect(await shopOfAgendaToken(db(), second.token)).toBeUndefined()
    expect(await findLiveAgendaFeed(db(), shopId)).toBeUndefined()
    expect(await revokeAgendaFeed(deps(), shopId)).toBe(false)
    // The other shop's link is untouched; a made-up or tampered secret opens nothing.
    expect(await shopOfAgendaToken(db(), other.token)).toBe(otherShop)
    expect(await shopOfAgendaToken(db(), `${other.token.slice(0, -1)}x`)).toBeUndefined()
    expect(await shopOfAgendaToken(db(), '')).toBeUndefined()
  })

  it('lists the shop’s confirmed bookings from a week ago to 90 days ahead, one event each, with a stable UID and UTC times', async () => {
    clock.set(MONDAY_MORNING)
    const { shopId, lea, hugo, haircut } = await aSalon(db(), clock, { horizonDays: 120 })
    const elsewhere = await aSalon(db(), clock)
    const book = (resourceId: string, startsAt: string, name: string) =>
      bookAppointment(deps(), shopId, {
        variantId: haircut.variantId,
        startsAt,
        resourceId,
        contact: contact(name),
        userId: undefined,
      })
    const tuesday = await book(lea.id, '2026-11-24T10:00:00.000Z', 'Lou')
    const thursday = await book(hugo.id, '2026-11-26T13:00:00.000Z', 'Sam')
    const cancelled = await book(lea.id, '2026-11-27T10:00:00.000Z', 'Noa')
    await cancelBookingByShop(deps(), shopId, cancelled.booking.id)
    // 100 days ahead: beyond the feed's 90.
    await book(lea.id, '2027-03-03T10:00:00.000Z', 'Eli')
    await bookAppointment(deps(), elsewhere.shopId, {
      variantId: elsewhere.haircut.variantId,
      startsAt: '2026-11-24T10:00:00.000Z',
      resourceId: elsewhere.lea.id,
      contact: contact('Ailleurs'),
      userId: undefined,
    })

    const { lines, events } = parseCalendar(await agendaCalendar(deps(), shopId))
    expect(lines[0]).toBe('BEGIN:VCALENDAR')
    expect(lines.at(-1)).toBe('END:VCALENDAR')
    expect(lines.filter((l) => l.startsWith('X-WR-CALNAME:'))).toHaveLength(1)
    expect(events.map((e) => [e.UID, e.DTSTART, e.DTEND])).toEqual([
      [`${tuesday.booking.id}@comptoir`, '20261124T100000Z', '20261124T104500Z'],
      [`${thursday.booking.id}@comptoir`, '20261126T130000Z', '20261126T134500Z'],
    ])
    expect(events[0]!.SUMMARY).toBe('Léa · Coupe femme (Cheveux courts) · Lou')
    expect(events[0]!.DESCRIPTION).toContain('Téléphone : 06 12 34 56 78')
    expect(events.map((e) => e.STATUS)).toEqual(['CONFIRMED', 'CONFIRMED'])

    // Nine days later, Tuesday's booking is more than a week old and leaves the feed; Thursday's keeps its UID.
    clock.set('2026-12-03T10:00:00Z')
    expect(parseCalendar(await agendaCalendar(deps(), shopId)).events.map((e) => e.UID)).toEqual([
      `${thursday.booking.id}@comptoir`,
    ])
  })

  it('keeps one live link when the owner clicks "create" many times at once', async () => {
    clock.set(MONDAY_MORNING)
    const { shopId } = await aSalon(db(), clock)
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, () => createAgendaFeed(deps(), shopId)),
    )
    const refused = results
      .filter((r) => r.status === 'rejected')
      .map((r) => (r.reason as { code?: string }).code)
    expect(new Set(refused)).toEqual(new Set(refused.length > 0 ? ['bookings.agenda_feed_exists'] : []))
    const tokens = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value.token] : []))
    const opening = await Promise.all(tokens.map((token) => shopOfAgendaToken(db(), token)))
    expect(opening.filter((shop) => shop === shopId)).toHaveLength(1)
    const live = await db()
      .selectFrom('agenda_feeds')
      .select('id')
      .where('shop_id', '=', shopId)
      .where('revoked_at', 'is', null)
      .execute()
    expect(live).toHaveLength(1)
  })

  it('is a valid calendar with no event when the shop has no booking', async () => {
    clock.set(MONDAY_MORNING)
    const { shopId } = await aSalon(db(), clock)
    const { lines, events } = parseCalendar(await agendaCalendar(deps(), shopId))
    expect([lines[0], lines.at(-1), events.length]).toEqual(['BEGIN:VCALENDAR', 'END:VCALENDAR', 0])
  })
})
