import { sql, type Kysely } from 'kysely'
import { engineOf, type Db } from '../index.js'

/** The French reasons the platform wrote until now, and the codes that replace them. */
const CODE_OF_TEXT = [
  ['paiement refusé', 'payment_declined'],
  ['paiement non terminé', 'payment_timeout'],
  ['annulée par le client', 'resident'],
] as const

// Issue #15 item 5: an order's cancel_reason is a code (ordering's CANCEL_REASONS), no longer French text; pages
// and mails say it in French from the catalogue (order.cancel_reason.*). The shop's own words, which were the
// reason when a shop cancelled, move to cancel_note. The platform's cancellations in order_events get the code too.
export async function up(anyDb: Kysely<unknown>): Promise<void> {
  const db = anyDb as unknown as Db
  // Kysely runs SQLite migrations outside a transaction (PostgreSQL's inside one): here it opens its own, so a crash
  // leaves every row as it was.
  if (engineOf(db) === 'sqlite') await db.transaction().execute(storeCodes)
  else await storeCodes(db)
}

async function storeCodes(db: Db): Promise<void> {
  await db.schema.alterTable('orders').addColumn('cancel_note', 'text').execute()
  const texts = CODE_OF_TEXT.map(([text]) => text)
  await sql`update orders set cancel_note = cancel_reason, cancel_reason = 'shop' where cancel_reason not in (${sql.join(texts)})`.execute(
    db,
  )
  for (const [text, code] of CODE_OF_TEXT) {
    await sql`update orders set cancel_reason = ${code} where cancel_reason = ${text}`.execute(db)
    await sql`update order_events set reason = ${code} where reason = ${text} and to_status = 'cancelled' and actor_user_id is null`.execute(
      db,
    )
  }
}
