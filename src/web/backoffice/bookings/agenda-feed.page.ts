import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { html } from 'ghtml'
import type { AppDeps } from '../../../http/deps.js'
import { frenchDateTime } from '../../../lib/french-format.js'
import {
  AGENDA_DAYS_AFTER,
  createAgendaFeed,
  findLiveAgendaFeed,
  revokeAgendaFeed,
  type AgendaFeed,
} from '../../../modules/bookings/index.js'
import { getShop, type Membership } from '../../../modules/shops/index.js'
import { csrfInput } from '../../views/components.js'
import { sendHtml } from '../../views/send-html.js'
import { requireOwnerOf } from '../access.js'
import { noticeOf, shopPage, withNotice } from '../admin-shell.js'
import { agendaFeedUrl } from './agenda-feed.ics.js'

type Params = { Params: { shopId: string } }

/**
 * /admin/:shopId/rendez-vous/agenda (owner, issue #5): the private link that lets staff subscribe their phone's
 * calendar to the shop's bookings. The link is shown once, right after it is made (only its hash is kept);
 * afterwards the page says that one exists and since when, and revokes or replaces it.
 */
export function registerAgendaFeedPage(admin: FastifyInstance, deps: AppDeps): void {
  const path = '/admin/:shopId/rendez-vous/agenda'
  const pageOf = (shopId: string) => `/admin/${shopId}/rendez-vous/agenda`

  async function show(req: FastifyRequest, reply: FastifyReply, membership: Membership, madeUrl?: string) {
    const [shop, live] = await Promise.all([
      getShop(deps.db, membership.shopId),
      findLiveAgendaFeed(deps.db, membership.shopId),
    ])
    const csrf = csrfInput(reply.generateCsrf())
    const content = html`!${noticeOf(req)}
      <h1>Agenda des rendez-vous sur votre téléphone</h1>
      <p>Abonnez l’agenda de votre téléphone ou de votre ordinateur aux rendez-vous du commerce : ils s’y affichent et se mettent à jour tout seuls, de la semaine passée aux ${AGENDA_DAYS_AFTER} prochains jours. Les rendez-vous annulés en disparaissent.</p>
      !${madeUrl ? madeLink(madeUrl) : live ? liveLink(live, shop.timeZone, pageOf(shop.id), csrf) : noLink(pageOf(shop.id), csrf)}
      <h2>S’abonner</h2>
      <ul>
        <li><strong>iPhone, iPad ou Mac</strong> : sur l’appareil, touchez « Ouvrir dans l’agenda » juste après avoir créé le lien ; ou bien Réglages › Calendrier › Comptes › Ajouter un compte › Autre › Ajouter un calendrier avec abonnement, puis collez le lien.</li>
        <li><strong>Android (Google Agenda)</strong> : sur un ordinateur, ouvrez calendar.google.com › Autres agendas › « + » › À partir de l’URL, collez le lien ; l’agenda apparaît ensuite sur le téléphone connecté au même compte.</li>
        <li><strong>Outlook</strong> : Ajouter un calendrier › S’abonner à partir du web, puis collez le lien.</li>
      </ul>
      <p class="hint">Chaque application relit le lien à son rythme : un nouveau rendez-vous peut mettre de quelques minutes à quelques heures à apparaître. Pour la journée en cours, la page <a href="/admin/${shop.id}/rendez-vous">Rendez-vous</a> est toujours à jour.</p>`
    return sendHtml(
      reply.header('cache-control', 'private, no-store'),
      shopPage(req, membership, 'Agenda des rendez-vous', 'bookings', content),
    )
  }

  admin.get<Params>(path, async (req, reply) => show(req, reply, requireOwnerOf(req, req.params.shopId)))

  // The new link is shown in this answer, not after a redirect: its secret must not sit in a URL of the browser's history.
  admin.post<Params>(path, { preHandler: admin.csrfProtection }, async (req, reply) => {
    const membership = requireOwnerOf(req, req.params.shopId)
    const { token } = await createAgendaFeed(deps.modules.bookings, membership.shopId)
    return show(req, reply, membership, agendaFeedUrl(deps.publicUrl, membership.shopId, token))
  })

  admin.post<Params>(`${path}/revoquer`, { preHandler: admin.csrfProtection }, async (req, reply) => {
    const membership = requireOwnerOf(req, req.params.shopId)
    await revokeAgendaFeed(deps.modules.bookings, membership.shopId)
    return reply.redirect(withNotice(pageOf(membership.shopId), 'agenda-revoque'), 303)
  })
}

function madeLink(url: string): string {
  // webcal:// makes a phone open its calendar app on "subscribe" rather than download the file once.
  const webcal = url.replace(/^https?:/, 'webcal:')
  return html`<section class="admin-form" aria-labelledby="lien-titre">
    <h2 id="lien-titre">Votre lien d’abonnement</h2>
    <div class="field">
      <label for="agenda-url">Lien à copier</label>
      <p class="hint" id="agenda-url-hint">Copiez-le maintenant : il ne sera plus affiché. Il donne accès aux noms et coordonnées de vos clients : ne le partagez qu’avec votre équipe.</p>
      <input id="agenda-url" type="text" readonly value="${url}" aria-describedby="agenda-url-hint" spellcheck="false" autocomplete="off" />
    </div>
    <p><a class="button primary" href="${webcal}">Ouvrir dans l’agenda</a></p>
  </section>`
}

function liveLink(feed: AgendaFeed, timeZone: string, page: string, csrf: string): string {
  return html`<section class="admin-form" aria-labelledby="lien-titre">
    <h2 id="lien-titre">Lien d’abonnement</h2>
    <p>Un lien existe depuis le ${frenchDateTime(feed.createdAt, timeZone, { weekday: false })}. Il n’est affiché qu’une fois, à sa création : pour le retrouver, créez-en un nouveau.</p>
    <details class="confirm">
      <summary>Révoquer le lien…</summary>
      <p>Les agendas abonnés ne recevront plus les rendez-vous.</p>
      <form method="post" action="${page}/revoquer" class="inline-form">
        !${csrf}
        <button type="submit" class="button small danger">Confirmer la révocation</button>
      </form>
    </details>
    <details class="confirm">
      <summary>Remplacer par un nouveau lien…</summary>
      <p>L’ancien lien cessera de fonctionner : chaque téléphone devra s’abonner au nouveau.</p>
      <form method="post" action="${page}" class="inline-form">
        !${csrf}
        <button type="submit" class="button small">Créer un nouveau lien</button>
      </form>
    </details>
  </section>`
}

function noLink(page: string, csrf: string): string {
  return html`<section class="admin-form" aria-labelledby="lien-titre">
    <h2 id="lien-titre">Lien d’abonnement</h2>
    <p>Aucun lien pour le moment.</p>
    <form method="post" action="${page}">
      !${csrf}
      <button type="submit" class="button primary">Créer le lien d’abonnement</button>
    </form>
  </section>`
}
