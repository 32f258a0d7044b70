import nodemailer from 'nodemailer'
import type { MailTransport } from './types.js'

/** Mail through an SMTP server given as a URL: smtp://user:password@host:587 or smtps://…:465. */
export function smtpTransport(url: string): MailTransport {
  const transporter = nodemailer.createTransport(url)
  return {
    name: 'smtp',
    async send(mail) {
      await transporter.sendMail({
        from: mail.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        messageId: mail.messageId,
        attachments: (mail.attachments ?? []).map((file) => ({
          ...(file.cid ? { cid: file.cid } : {}),
          filename: file.filename,
          contentType: file.contentType,
          content: Buffer.from(file.base64, 'base64'),
        })),
      })
    },
  }
}
