import { expect, it } from 'vitest'
import { FormClient, useTestApp } from '../../../test/harness/app.js'
import { forEachEngine } from '../../../test/harness/engines.js'
import { systemClock } from '../../lib/clock.js'
import { createUser } from '../../modules/identity/index.js'
import { deliverMail } from '../../modules/notifications/index.js'

const PASSWORD = 'un mot de passe assez long'

forEachEngine('local mailbox', ({ db }) => {
  const server = useTestApp(db)

  async function signedIn(role: 'resident' | 'coordinator') {
    const email = `${role}-${Math.random().toString(36).slice(2, 8)}@example.fr`
    await createUser({ db: db(), clock: systemClock }, { email, password: PASSWORD, displayName: role, role })
    const client = new FormClient(server.baseUrl)
    await client.signIn(email, PASSWORD)
    return client
  }

  it('shows the coordinator every message kept without SMTP, with its inline image, and nobody else', async () => {
    await deliverMail(
      { db: db(), clock: systemClock, mailTransport: undefined, mailFrom: 'Comptoir <c@t.fr>' },
      'test:1',
      {
        to: 'lou@example.fr',
        subject: 'Votre commande est prête',
        text: 'Code K7M 4QX',
        html: '<p>Code <strong>K7M 4QX</strong></p><img src="cid:pickup-code" alt="QR">',
        attachments: [
          { cid: 'pickup-code', filename: 'qr.png', contentType: 'image/png', base64: 'iVBORw0KGgo=' },
        ],
      },
    )
    const coordinator = await signedIn('coordinator')
    const list = await coordinator.get('/admin/boite-mail')
    expect(list.status).toBe(200)
    expect(list.body).toContain('Aucun serveur SMTP n’est configuré')
    expect(list.body).toContain('lou@example.fr')
    const link = /href="(\/admin\/boite-mail\/[0-9A-Z]{26})"/.exec(list.body)![1]!
    const message = await coordinator.get(link)
    expect(message.body).toContain('Votre commande est prête')
    expect(message.body).toContain('sandbox=""')
    expect(message.body).toContain('data:image/png;base64,iVBORw0KGgo')
    expect(message.body).not.toContain('<strong>K7M') // the HTML part is escaped into srcdoc, never inlined into the page

    const resident = await signedIn('resident')
    expect((await resident.get('/admin/boite-mail')).status).toBe(403)
    expect((await resident.get(link)).status).toBe(403)
    expect((await new FormClient(server.baseUrl).get('/admin/boite-mail')).status).toBe(303)
  })
})
