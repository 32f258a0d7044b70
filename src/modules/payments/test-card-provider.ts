import type { Db } from '../../db/index.js'
import { newId } from '../../lib/ids.js'
import { counterProvider, type PaymentProvider, type PaymentProviders } from './provider.js'
import { providerRefused } from './errors.js'

/** Test tokens, as a provider's test mode offers them: no real card, no money. */
export const TEST_CARD_TOKENS = { accepted: 'tok_visa', declined: 'tok_declined' } as const

/**
 * The built-in test card provider. It keeps its books in its own tables, like a provider on its side:
 * one charge per authorization, the amounts captured and refunded, and the answer to every idempotency key.
 */
export function testCardProvider(db: Db): PaymentProvider {
  return {
    name: 'test_card',
    async authorize({ idempotencyKey, amountCents, token }) {
      const chargeId = `ch_${newId()}`
      const outcome = token === TEST_CARD_TOKENS.declined ? 'declined' : 'authorized'
      return db.transaction().execute(async (trx) => {
        // The request row first: a concurrent twin waits on it (PostgreSQL) or runs after (SQLite), then reads it.
        const inserted = await trx
          .insertInto('test_card_requests')
          .values({ idempotency_key: idempotencyKey, charge_id: chargeId, result: outcome })
          .onConflict((oc) => oc.column('idempotency_key').doNothing())
          .executeTakeFirst()
        if (inserted.numInsertedOrUpdatedRows === 0n) {
          const known = await trx
            .selectFrom('test_card_requests')
            .select(['result', 'charge_id'])
            .where('idempotency_key', '=', idempotencyKey)
            .executeTakeFirstOrThrow()
          return { outcome: known.result as 'authorized' | 'declined', reference: known.charge_id }
        }
        await trx
          .insertInto('test_card_charges')
          .values({
            id: chargeId,
            status: outcome,
            amount_cents: amountCents,
            created_at: new Date().toISOString(),
          })
          .execute()
        return { outcome, reference: chargeId }
      })
    },
    capture: ({ idempotencyKey, reference, amountCents }) =>
      change(db, idempotencyKey, reference, 'captured', amountCents),
    void: ({ idempotencyKey, reference }) => change(db, idempotencyKey, reference, 'voided', 0),
    refund: ({ idempotencyKey, reference, amountCents }) =>
      change(db, idempotencyKey, reference, 'refunded', amountCents),
  }
}

const ALLOWED_FROM: Record<string, string> = {
  captured: 'authorized',
  voided: 'authorized',
  refunded: 'captured',
}

async function change(
  db: Db,
  key: string,
  chargeId: string,
  to: 'captured' | 'voided' | 'refunded',
  amountCents: number,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('test_card_requests')
      .values({ idempotency_key: key, charge_id: chargeId, result: to })
      .onConflict((oc) => oc.column('idempotency_key').doNothing())
      .executeTakeFirst()
    if (inserted.numInsertedOrUpdatedRows === 0n) return // already done under this key
    const updated = await trx
      .updateTable('test_card_charges')
      .set({
        status: to,
        ...(to === 'captured' ? { captured_cents: amountCents } : {}),
        ...(to === 'refunded' ? { refunded_cents: amountCents } : {}),
      })
      .where('id', '=', chargeId)
      .where('status', '=', ALLOWED_FROM[to]!)
      .executeTakeFirst()
    if (updated.numUpdatedRows === 0n) throw providerRefused(to)
  })
}

/** The providers every installation has: "pay at the counter" and the test card provider. */
export function builtInPaymentProviders(db: Db): PaymentProviders {
  return new Map([
    [counterProvider.name, counterProvider],
    ['test_card', testCardProvider(db)],
  ])
}
