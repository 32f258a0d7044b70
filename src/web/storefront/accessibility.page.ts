import type { FastifyInstance } from 'fastify'
import { html } from 'ghtml'
import type { AppDeps } from '../../http/deps.js'
import { frenchDate } from '../../lib/french-format.js'
import { absoluteUrl, sendStorefront } from '../views/storefront-shell.js'

/** The day this statement was last reviewed; update it with the statement (RGAA asks for the date). */
const STATEMENT_DATE = '2026-11-22'

/** UX-27: the accessibility statement the RGAA requires, in its usual sections. */
export function registerAccessibilityPage(app: FastifyInstance, deps: AppDeps): void {
  app.get('/accessibilite', async (req, reply) => {
    const contact = deps.contactEmail
    const content = html`<article class="narrow prose">
      <h1>Déclaration d’accessibilité</h1>
      <p>Comptoir s’engage à rendre son site accessible à toutes et à tous, conformément à l’article 47 de la loi n° 2005-102 du 11 février 2005 et à la directive européenne sur l’accessibilité des produits et services.</p>
      <p>Cette déclaration s’applique au site public des commerces (catalogue, pages des commerces, recherche, compte client) et au back-office des commerçants.</p>

      <h2>État de conformité</h2>
      <p>Le site est <strong>partiellement conforme</strong> avec le référentiel général d’amélioration de l’accessibilité (RGAA), version 4.1, en raison des non-conformités et des dérogations énumérées ci-dessous.</p>

      <h2>Résultats des tests</h2>
      <p>L’évaluation repose sur une auto-évaluation de l’équipe (contrôles automatiques et vérifications manuelles au clavier et au lecteur d’écran). Un audit complet des 106 critères du RGAA reste à mener ; ses résultats seront publiés ici.</p>

      <h2>Contenus non accessibles</h2>
      <ul>
        <li>Certaines photos de produits, ajoutées par les commerçants, peuvent avoir une description textuelle incomplète.</li>
        <li>Les descriptions rédigées par les commerçants peuvent contenir des abréviations ou des mots étrangers non signalés.</li>
        <li>Les documents à imprimer (bons, reçus) n’ont pas encore été vérifiés.</li>
      </ul>

      <h2>Établissement de cette déclaration</h2>
      <p>Cette déclaration a été établie le ${frenchDate(STATEMENT_DATE, true)}.</p>
      <p>Technologies utilisées : HTML, CSS. Le site fonctionne sans JavaScript.</p>
      <p>Le site est conçu pour les téléphones dès 360 pixels de large, avec des zones cliquables d’au moins 24 pixels, un contraste de texte suffisant (niveau AA) et une navigation complète au clavier.</p>

      <h2>Retour d’information et contact</h2>
      <p>Si vous n’arrivez pas à accéder à un contenu ou à un service, écrivez-nous à <a href="mailto:${contact}">${contact}</a> : nous vous répondrons et vous proposerons une autre façon d’obtenir l’information (par exemple par téléphone avec le commerce concerné).</p>

      <h2>Voies de recours</h2>
      <p>Si vous nous avez signalé un défaut d’accessibilité et que vous n’avez pas obtenu de réponse satisfaisante, vous pouvez :</p>
      <ul>
        <li>écrire un message au <a href="https://formulaire.defenseurdesdroits.fr/">Défenseur des droits</a> ;</li>
        <li>contacter le <a href="https://www.defenseurdesdroits.fr/carte-des-delegues">délégué du Défenseur des droits dans votre région</a> ;</li>
        <li>envoyer un courrier (gratuit, sans timbre) : Défenseur des droits, Libre réponse 71120, 75342 Paris CEDEX 07.</li>
      </ul>
    </article>`
    return sendStorefront(
      req,
      reply,
      {
        title: 'Déclaration d’accessibilité — Comptoir',
        description:
          'Accessibilité du site Comptoir : partiellement conforme au RGAA 4.1, contenus non accessibles, contact et voies de recours.',
        canonical: absoluteUrl(deps.publicUrl, '/accessibilite'),
      },
      content,
    )
  })
}
