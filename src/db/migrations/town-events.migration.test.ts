import { describe, expect, it } from 'vitest'
import { sql } from 'kysely'
import { emptyDatabase } from '../../../test/harness/empty-database.js'
import { wantedEngines } from '../../../test/harness/engine-list.js'
import { migrateTo, migrateToLatest } from './index.js'

for (const engine of wantedEngines()) {
  describe(`the town events migration [${engine}]`, () => {
    it('keeps shops’ events and their registrations, lets an event have no shop, and then requires its place', async () => {
      const { opened, drop } = await emptyDatabase(engine)
      const db = opened.db
      try {
        await migrateTo(db, '20261123_14_booking_deposits')
        // A shop's event with one seated registration, written before the migration.
        const at = '2026-11-23T08:00:00.000Z'
        await sql`insert into shops (id, slug, name, kind, street, postal_code, city, created_at, updated_at) values ('S1', 'cave', 'La Cave', 'wine', '1 rue Haute', '79000', 'Niort', ${at}, ${at})`.execute(
          db,
        )
        await sql`insert into booking_events (id, shop_id, title, description, place, starts_at, ends_at, capacity, seats_per_person, price_cents, offer_hours, cancel_hours_before, seats_taken, waiting_count, arrival_sequence, status, created_at)
          values ('E1', 'S1', 'Dégustation', '', '', '2026-11-27T18:00:00.000Z', '2026-11-27T20:00:00.000Z', 10, 2, 1500, 12, 24, 2, 0, 1, 'scheduled', ${at})`.execute(
          db,
        )
        await sql`insert into event_registrations (id, event_id, shop_id, user_id, seats, status, arrival, offer_expires_at, contact_name, contact_email, contact_phone, link_token_hash, offer_token_hash, created_at, updated_at)
          values ('R1', 'E1', 'S1', null, 2, 'seated', 1, null, 'Lou', 'lou@example.fr', '', 'hash-1', null, ${at}, ${at})`.execute(
          db,
        )
        await migrateToLatest(db)
        expect(
          await db
            .selectFrom('booking_events')
            .select(['id', 'shop_id', 'seats_taken', 'arrival_sequence'])
            .execute(),
        ).toEqual([{ id: 'E1', shop_id: 'S1', seats_taken: 2, arrival_sequence: 1 }])
        expect(
          await db
            .selectFrom('event_registrations')
            .select(['id', 'event_id', 'shop_id', 'status'])
            .execute(),
        ).toEqual([{ id: 'R1', event_id: 'E1', shop_id: 'S1', status: 'seated' }])
        // A town event: no shop, with a place; without one, refused.
        const town = (id: string, place: string) =>
          sql`insert into booking_events (id, shop_id, title, description, place, starts_at, ends_at, capacity, seats_per_person, price_cents, offer_hours, cancel_hours_before, status, created_at)
            values (${id}, null, 'Soirée', '', ${place}, '2026-11-28T17:00:00.000Z', '2026-11-28T21:00:00.000Z', 20, 2, 0, 12, 24, 'scheduled', ${at})`
            .execute(db)
            .then(
              () => 'ok',
              () => 'refused',
            )
        expect(await town('E2', 'Place du marché')).toBe('ok')
        expect(await town('E3', '')).toBe('refused')
        // Still one live registration per email per event, and still no registration of no event.
        const again =
          await sql`insert into event_registrations (id, event_id, shop_id, seats, status, arrival, contact_name, contact_email, contact_phone, link_token_hash, created_at, updated_at)
          values ('R2', 'E1', 'S1', 1, 'waiting', 2, 'Lou', 'lou@example.fr', '', 'hash-2', ${at}, ${at})`
            .execute(db)
            .then(
              () => 'ok',
              () => 'refused',
            )
        expect(again).toBe('refused')
        const dangling =
          await sql`insert into event_registrations (id, event_id, shop_id, seats, status, arrival, contact_name, contact_email, contact_phone, link_token_hash, created_at, updated_at)
          values ('R3', 'nope', null, 1, 'seated', 1, 'Noé', 'noe@example.fr', '', 'hash-3', ${at}, ${at})`
            .execute(db)
            .then(
              () => 'ok',
              () => 'refused',
            )
        expect(dangling).toBe('refused')
        const tables = await db.introspection.getTables()
        expect(
          tables.find((t) => t.name === 'booking_events')!.columns.find((c) => c.name === 'shop_id')!
            .isNullable,
        ).toBe(true)
        expect(
          tables.find((t) => t.name === 'event_registrations')!.columns.find((c) => c.name === 'shop_id')!
            .isNullable,
        ).toBe(true)
        if (engine === 'sqlite') {
          // event_registrations points at booking_events (renaming booking_events_new rewrote it), and nothing dangles.
          const keys = await sql<{ table: string }>`pragma foreign_key_list(event_registrations)`.execute(db)
          expect(keys.rows.map((k) => k.table).sort()).toEqual(['booking_events', 'users'])
          expect((await sql`pragma foreign_key_check`.execute(db)).rows).toEqual([])
          const indexes = await sql<{
            name: string
          }>`select name from sqlite_master where type = 'index' and tbl_name in ('booking_events', 'event_registrations') and name not like 'sqlite_autoindex%' order by name`.execute(
            db,
          )
          expect(indexes.rows.map((i) => i.name)).toEqual([
            'booking_events_shop_time',
            'booking_events_time',
            'event_registrations_event',
            'event_registrations_one_per_email',
          ])
        }
      } finally {
        await opened.close()
        await drop()
      }
    })
  })
}
