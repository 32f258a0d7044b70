import { html } from 'ghtml'
import type { FastifyRequest } from 'fastify'
import type { Problem } from '../../http/problem-details.js'
import { storefrontPage } from './layout.js'

/** The HTML answer to an error a person meets while browsing: what happened, and a way on. */
export function renderErrorPage(req: FastifyRequest, problem: Problem): string {
  const heading =
    problem.status === 404
      ? 'Page introuvable'
      : problem.status >= 500
        ? 'Un souci de notre côté'
        : problem.title
  const message =
    problem.status === 404
      ? 'Cette page n’existe pas ou n’est plus en ligne.'
      : problem.status >= 500
        ? 'Une erreur inattendue est survenue. Réessayez dans un instant.'
        : problem.title
  const login =
    problem.status === 401
      ? html`<p><a class="button" href="/connexion?retour=${req.url}">Se connecter</a></p>`
      : ''
  return storefrontPage(
    { title: `${heading} — Comptoir`, noindex: true },
    req.viewer ?? { user: undefined, memberships: [] },
    html`<section class="narrow error-page">
      <h1>${heading}</h1>
      <p>${message}</p>
      !${login}
      <p><a href="/">Retour à l’accueil</a> · <a href="/recherche">Rechercher dans les commerces</a></p>
    </section>`,
  )
}
