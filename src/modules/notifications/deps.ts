import type { Db } from '../../db/index.js'
import type { Clock } from '../../lib/clock.js'
import type { MailTransport } from './types.js'

// What the mail senders ask of the composition root (app.ts, the worker).

export interface MailDeps {
  db: Db
  clock: Clock
  /** Undefined when no SMTP server is configured: messages are kept in the local mailbox. */
  mailTransport: MailTransport | undefined
  mailFrom: string
}

export interface OrderMailDeps extends MailDeps {
  publicUrl: string
}
