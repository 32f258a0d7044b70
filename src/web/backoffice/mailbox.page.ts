import type { FastifyInstance } from 'fastify'
import { html } from 'ghtml'
import { requireCoordinator } from '../../http/auth.js'
import type { AppDeps } from '../../http/deps.js'
import { AppError } from '../../lib/app-error.js'
import { timeAgo } from '../../lib/french-format.js'
import { findMail, listMailbox, type StoredMail } from '../../modules/notifications/index.js'
import { backofficePage } from '../views/layout.js'
import { sendHtml } from '../views/send-html.js'

const PAGE = 50

/**
 * The local mailbox: every message the platform wrote, as it left (or, without SMTP settings, instead of
 * leaving). For the town's coordinator only: the messages carry residents' names and addresses.
 */
export function registerMailboxPages(admin: FastifyInstance, deps: AppDeps): void {
  admin.get('/admin/boite-mail', async (req, reply) => {
    requireCoordinator(req)
    const before = (req.query as { avant?: string }).avant
    const mails = await listMailbox(deps.db, {
      limit: PAGE,
      before: before && /^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/.test(before) ? before : undefined,
    })
    const now = deps.clock.now()
    const content = html`<h1>Boîte aux lettres locale</h1>
      <p>${deps.mailTransport ? 'Les messages partent par SMTP ; en voici la copie.' : 'Aucun serveur SMTP n’est configuré (SMTP_URL) : les messages restent ici, rien n’est envoyé.'}</p>
      !${
        mails.length === 0
          ? html`<p>Aucun message pour l’instant.</p>`
          : html`<table class="mailbox">
            <thead><tr><th scope="col">Écrit</th><th scope="col">À</th><th scope="col">Objet</th><th scope="col">État</th></tr></thead>
            <tbody>!${mails
              .map(
                (m) => html`<tr>
                  <td>${timeAgo(m.createdAt, now)}</td>
                  <td>${m.to}</td>
                  <td><a href="/admin/boite-mail/${m.id}">${m.subject}</a></td>
                  <td>${stateOf(m)}</td>
                </tr>`,
              )
              .join('')}</tbody>
          </table>
          !${mails.length === PAGE ? html`<p><a href="/admin/boite-mail?avant=${encodeURIComponent(mails.at(-1)!.createdAt)}">Messages plus anciens</a></p>` : ''}`
      }`
    return sendHtml(reply, backofficePage({ title: 'Boîte aux lettres — Comptoir' }, req.viewer, '', content))
  })

  admin.get('/admin/boite-mail/:mailId', async (req, reply) => {
    requireCoordinator(req)
    const mail = await findMail(deps.db, (req.params as { mailId: string }).mailId)
    if (!mail) throw new AppError('not_found', 'http.not_found', 'message not found')
    // The HTML part is shown in a sandboxed frame (no script, no navigation); its inline images are inlined.
    let body = mail.html
    for (const image of mail.attachments)
      if (image.cid)
        body = body.replaceAll(`cid:${image.cid}`, `data:${image.contentType};base64,${image.base64}`)
    const content = html`<p><a href="/admin/boite-mail">← Boîte aux lettres</a></p>
      <h1>${mail.subject}</h1>
      <p>À : ${mail.to} · ${stateOf(mail)}</p>
      <iframe class="mail-frame" title="Message tel qu’il est reçu" sandbox="" srcdoc="${body}"></iframe>
      <details><summary>Version texte</summary><pre class="mail-text">${mail.text}</pre></details>`
    return sendHtml(reply, backofficePage({ title: `${mail.subject} — Comptoir` }, req.viewer, '', content))
  })
}

function stateOf(mail: StoredMail): string {
  if (!mail.deliveredAt) return 'en attente'
  return mail.transport === 'smtp' ? 'envoyé' : 'gardé ici'
}
