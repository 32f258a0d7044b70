import type { FastifyInstance } from 'fastify'
import { html } from 'ghtml'
import { backofficePage } from '../views/layout.js'
import { sendHtml } from '../views/send-html.js'

/** /admin: the shops the viewer works at; with exactly one, straight to it. */
export function registerHomePage(admin: FastifyInstance): void {
  admin.get('/admin', async (req, reply) => {
    const memberships = req.viewer.memberships
    const coordinator = req.viewer.user?.role === 'coordinator'
    if (memberships.length === 1 && !coordinator)
      return reply.redirect(`/admin/${memberships[0]!.shopId}`, 303)
    const townTools = coordinator
      ? html`<section class="narrow">
          <h2>La ville</h2>
          <p><a href="/admin/ville/evenements">Événements en ville</a> : programmer une soirée, une braderie, suivre les inscrits et la liste d’attente.</p>
          <p><a href="/admin/boite-mail">Boîte aux lettres locale</a> : les e-mails écrits par la plateforme.</p>
        </section>`
      : ''
    const content =
      memberships.length === 0
        ? html`<section class="narrow">
            <h1>Aucun commerce pour l’instant</h1>
            <p>Votre compte n’est rattaché à aucun commerce. Quand l’association des commerçants (ou la personne qui
              gère le site de la ville) aura inscrit votre boutique, elle apparaîtra ici.</p>
            <p>Si vous travaillez dans un commerce déjà inscrit, demandez à son propriétaire de vous ajouter à l’équipe.</p>
            <p><a href="/">Retour au site</a></p>
          </section>`
        : html`<section class="narrow">
            <h1>Vos commerces</h1>
            <ul class="shop-choices">
              !${memberships
                .map(
                  (m) => html`<li><a class="button" href="/admin/${m.shopId}">${m.shopName}</a>
                    <span class="muted">${m.role === 'owner' ? 'propriétaire' : 'équipe'}</span></li>`,
                )
                .join('')}
            </ul>
          </section>`
    return sendHtml(
      reply,
      backofficePage({ title: `Back-office — Comptoir` }, req.viewer, '', content + townTools),
    )
  })
}
