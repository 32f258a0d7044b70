import { describe, expect, it } from 'vitest'
import { sql } from 'kysely'
import { emptyDatabase } from '../../../test/harness/empty-database.js'
import { wantedEngines } from '../../../test/harness/engine-list.js'
import { migrateTo, migrateToLatest } from './index.js'

for (const engine of wantedEngines()) {
  describe(`the booking deposits migration [${engine}]`, () => {
    it('keeps the payments of orders and their operations, and lets a payment belong to an order or a booking, never both or neither', async () => {
      const { opened, drop } = await emptyDatabase(engine)
      const db = opened.db
      try {
        await migrateTo(db, '20261123_13_bookings_by_contact')
        // An order paid by card before the migration, with its authorization.
        const at = '2026-11-23T08:00:00.000Z'
        await sql`insert into shops (id, slug, name, kind, street, postal_code, city, created_at, updated_at) values ('S1', 'boulangerie', 'Boulangerie', 'bakery', '1 rue Haute', '79000', 'Niort', ${at}, ${at})`.execute(
          db,
        )
        await sql`insert into checkouts (id, scope, idempotency_key, fingerprint, contact_name, contact_email, created_at) values ('C1', 'visitor:x', 'key-00000001', 'f', 'Lou', 'lou@example.fr', ${at})`.execute(
          db,
        )
        await sql`insert into orders (id, checkout_id, shop_id, status, pickup_code, slot_starts_at, slot_ends_at, payment_method, total_cents, placed_at, updated_at) values ('O1', 'C1', 'S1', 'placed', 'ABC123', ${at}, ${at}, 'test_card', 1250, ${at}, ${at})`.execute(
          db,
        )
        await sql`insert into payments (id, order_id, shop_id, provider, status, amount_cents, currency, provider_reference, created_at, updated_at) values ('P1', 'O1', 'S1', 'test_card', 'authorized', 1250, 'EUR', 'ch_1', ${at}, ${at})`.execute(
          db,
        )
        await sql`insert into payment_operations (id, payment_id, kind, idempotency_key, outcome, amount_cents, at) values ('Q1', 'P1', 'authorize', 'P1:authorize', 'authorized', 1250, ${at})`.execute(
          db,
        )
        await migrateToLatest(db)
        expect(
          await db
            .selectFrom('payments')
            .select(['id', 'order_id', 'booking_id', 'status', 'amount_cents', 'provider_reference'])
            .execute(),
        ).toEqual([
          {
            id: 'P1',
            order_id: 'O1',
            booking_id: null,
            status: 'authorized',
            amount_cents: 1250,
            provider_reference: 'ch_1',
          },
        ])
        expect(
          await db.selectFrom('payment_operations').select(['id', 'payment_id', 'idempotency_key']).execute(),
        ).toEqual([{ id: 'Q1', payment_id: 'P1', idempotency_key: 'P1:authorize' }])
        // One operation of a kind per payment, still.
        const twice =
          await sql`insert into payment_operations (id, payment_id, kind, idempotency_key, outcome, amount_cents, at) values ('Q2', 'P1', 'authorize', 'P1:authorize', 'authorized', 1250, ${at})`
            .execute(db)
            .then(
              () => 'ok',
              () => 'refused',
            )
        expect(twice).toBe('refused')
        // An operation of no payment: refused (the reference survived the rebuild).
        const dangling =
          await sql`insert into payment_operations (id, payment_id, kind, idempotency_key, outcome, amount_cents, at) values ('Q3', 'nope', 'capture', 'nope:capture', 'captured', 1, ${at})`
            .execute(db)
            .then(
              () => 'ok',
              () => 'refused',
            )
        expect(dangling).toBe('refused')
        const columns = (await db.introspection.getTables()).find((t) => t.name === 'payments')!.columns
        expect(columns.find((c) => c.name === 'order_id')!.isNullable).toBe(true)
        expect(columns.find((c) => c.name === 'booking_id')!.isNullable).toBe(true)
        // Neither an order nor a booking: refused.
        const orphan =
          await sql`insert into payments (id, order_id, booking_id, shop_id, provider, status, amount_cents, currency, provider_reference, created_at, updated_at) values ('P2', null, null, 'S1', 'test_card', 'pending', 100, 'EUR', null, ${at}, ${at})`
            .execute(db)
            .then(
              () => 'ok',
              () => 'refused',
            )
        expect(orphan).toBe('refused')
        if (engine === 'sqlite') {
          // payment_operations still points at payments (renaming payments_new rewrote the reference), and nothing dangles.
          const keys = await sql<{ table: string }>`pragma foreign_key_list(payment_operations)`.execute(db)
          expect(keys.rows.map((k) => k.table)).toEqual(['payments'])
          expect((await sql`pragma foreign_key_check`.execute(db)).rows).toEqual([])
        }
      } finally {
        await opened.close()
        await drop()
      }
    })
  })
}
