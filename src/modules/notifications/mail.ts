import type { Db } from '../../db/index.js'
import { newId } from '../../lib/ids.js'
import type { MailDeps } from './deps.js'
import type { MailAttachment, OutgoingMail } from './types.js'

/**
 * Delivers a message written for one outbox message (`sourceKey`): it is stored first (once, whatever the
 * retries), then handed to the transport. A failed hand-over throws, and the outbox tries again later.
 * Delivery is at least once: a crash between the SMTP answer and the bookkeeping sends it again.
 */
export async function deliverMail(deps: MailDeps, sourceKey: string, mail: OutgoingMail): Promise<void> {
  const now = deps.clock.now().toISOString()
  await deps.db
    .insertInto('mail_messages')
    .values({
      id: newId(),
      source_key: sourceKey,
      to_address: mail.to,
      subject: mail.subject,
      text_body: mail.text,
      html_body: mail.html,
      attachments: JSON.stringify(mail.attachments ?? []),
      created_at: now,
      transport: deps.mailTransport?.name ?? 'local',
    })
    .onConflict((oc) => oc.column('source_key').doNothing())
    .execute()
  const stored = await deps.db
    .selectFrom('mail_messages')
    .selectAll()
    .where('source_key', '=', sourceKey)
    .executeTakeFirstOrThrow()
  if (stored.delivered_at) return
  if (deps.mailTransport) {
    await deps.mailTransport.send({
      from: deps.mailFrom,
      messageId: `<${stored.id}@comptoir>`,
      to: stored.to_address,
      subject: stored.subject,
      text: stored.text_body,
      html: stored.html_body,
      attachments: JSON.parse(stored.attachments) as MailAttachment[],
    })
  }
  await deps.db
    .updateTable('mail_messages')
    .set({ delivered_at: deps.clock.now().toISOString() })
    .where('id', '=', stored.id)
    .execute()
}

export interface StoredMail {
  id: string
  to: string
  subject: string
  text: string
  html: string
  attachments: MailAttachment[]
  createdAt: string
  deliveredAt: string | undefined
  transport: string
}

/** The local mailbox, newest first (the coordinator's page when no SMTP server is configured). */
export async function listMailbox(
  db: Db,
  options: { limit: number; before?: string | undefined },
): Promise<StoredMail[]> {
  let query = db
    .selectFrom('mail_messages')
    .selectAll()
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(options.limit)
  if (options.before) query = query.where('created_at', '<', options.before)
  return (await query.execute()).map(toStoredMail)
}

export async function findMail(db: Db, id: string): Promise<StoredMail | undefined> {
  const row = await db.selectFrom('mail_messages').selectAll().where('id', '=', id).executeTakeFirst()
  return row && toStoredMail(row)
}

function toStoredMail(row: {
  id: string
  to_address: string
  subject: string
  text_body: string
  html_body: string
  attachments: string
  created_at: string
  delivered_at: string | null
  transport: string
}): StoredMail {
  return {
    id: row.id,
    to: row.to_address,
    subject: row.subject,
    text: row.text_body,
    html: row.html_body,
    attachments: JSON.parse(row.attachments) as MailAttachment[],
    createdAt: row.created_at,
    deliveredAt: row.delivered_at ?? undefined,
    transport: row.transport,
  }
}
