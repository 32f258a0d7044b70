import { describe, expect, it } from 'vitest'
import { sql } from 'kysely'
import { emptyDatabase } from '../../../test/harness/empty-database.js'
import { wantedEngines } from '../../../test/harness/engine-list.js'
import { migrateTo, migrateToLatest } from './index.js'

for (const engine of wantedEngines()) {
  describe(`the cancel reason codes migration [${engine}]`, () => {
    it('turns the reasons the platform wrote into codes, and keeps a shop’s own words as its note', async () => {
      const { opened, drop } = await emptyDatabase(engine)
      const db = opened.db
      try {
        await migrateTo(db, '20261123_17_event_reminders')
        // Orders cancelled every way before the migration, and one still open.
        const at = '2026-11-23T08:00:00.000Z'
        await sql`insert into shops (id, slug, name, kind, street, postal_code, city, created_at, updated_at) values ('S1', 'boulangerie', 'Boulangerie', 'bakery', '1 rue Haute', '79000', 'Niort', ${at}, ${at})`.execute(
          db,
        )
        await sql`insert into checkouts (id, scope, idempotency_key, fingerprint, contact_name, contact_email, created_at) values ('C1', 'visitor:x', 'key-00000001', 'f', 'Lou', 'lou@example.fr', ${at})`.execute(
          db,
        )
        const reasons = {
          O1: 'paiement refusé',
          O2: 'paiement non terminé',
          O3: 'annulée par le client',
          O4: 'Four en panne',
          O5: null,
        }
        for (const [id, reason] of Object.entries(reasons)) {
          await sql`insert into orders (id, checkout_id, shop_id, status, pickup_code, slot_starts_at, slot_ends_at, payment_method, total_cents, placed_at, updated_at, cancel_reason)
            values (${id}, 'C1', 'S1', ${reason ? 'cancelled' : 'placed'}, ${`CODE${id}`}, ${at}, ${at}, 'test_card', 1250, ${at}, ${at}, ${reason})`.execute(
            db,
          )
        }
        // The order log: the platform's cancellations (no actor), and the shop's, whose words stay.
        await sql`insert into order_events (id, order_id, shop_id, from_status, to_status, at, actor_user_id, reason) values
          ('V1', 'O1', 'S1', 'pending_payment', 'cancelled', ${at}, null, 'paiement refusé'),
          ('V2', 'O2', 'S1', 'pending_payment', 'cancelled', ${at}, null, 'paiement non terminé'),
          ('V4', 'O4', 'S1', 'placed', 'cancelled', ${at}, 'U1', 'Four en panne')`.execute(db)
        await migrateToLatest(db)
        expect(
          await db
            .selectFrom('orders')
            .select(['id', 'cancel_reason', 'cancel_note'])
            .orderBy('id')
            .execute(),
        ).toEqual([
          { id: 'O1', cancel_reason: 'payment_declined', cancel_note: null },
          { id: 'O2', cancel_reason: 'payment_timeout', cancel_note: null },
          { id: 'O3', cancel_reason: 'resident', cancel_note: null },
          { id: 'O4', cancel_reason: 'shop', cancel_note: 'Four en panne' },
          { id: 'O5', cancel_reason: null, cancel_note: null },
        ])
        expect(await db.selectFrom('order_events').select(['id', 'reason']).orderBy('id').execute()).toEqual([
          { id: 'V1', reason: 'payment_declined' },
          { id: 'V2', reason: 'payment_timeout' },
          { id: 'V4', reason: 'Four en panne' },
        ])
      } finally {
        await opened.close()
        await drop()
      }
    })
  })
}
