/** A file sent with a message: with a `cid`, an image the HTML shows inline; without, an attachment (a calendar file). */
export interface MailAttachment {
  cid?: string | undefined
  filename: string
  contentType: string
  base64: string
}

export interface OutgoingMail {
  to: string
  subject: string
  text: string
  html: string
  attachments?: MailAttachment[]
}

/** How mail leaves: SMTP in production. Without it, messages stay in the local mailbox, never dropped. */
export interface MailTransport {
  readonly name: string
  send(mail: OutgoingMail & { from: string; messageId: string }): Promise<void>
}
