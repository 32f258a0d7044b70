import { html } from 'ghtml'
import type { Viewer } from '../../http/auth.js'

export interface PageMeta {
  title: string
  description?: string
  /** Absolute URL of this page, for <link rel=canonical>. */
  canonical?: string
  /** JSON-LD objects (schema.org), serialized safely into <script type="application/ld+json">. */
  jsonLd?: unknown[]
  /** Pages that must not be indexed (back-office, account). */
  noindex?: boolean
}

/** JSON inside <script>: "<" is escaped so no text can close the tag. */
function jsonLdScript(data: unknown): string {
  return `<script type="application/ld+json">${JSON.stringify(data).replace(/</g, '\\u003c')}</script>`
}

/** The storefront shell: header with search, main content, footer. Mobile-first; no script needed. */
export function storefrontPage(meta: PageMeta, viewer: Viewer, content: string, query = ''): string {
  return document(
    meta,
    html`<header class="site-header">
        <a class="skip-link" href="#contenu">Aller au contenu</a>
        <div class="bar">
          <a class="brand" href="/">Comptoir <span class="brand-town">les commerces de la ville</span></a>
          <nav aria-label="Compte" class="account-nav">!${accountLinks(viewer)}</nav>
        </div>
        <form class="search" role="search" action="/recherche" method="get">
          <label for="q" class="visually-hidden">Rechercher un produit ou un service</label>
          <input id="q" name="q" type="search" value="${query}" placeholder="Pain au levain, réparation vélo…" maxlength="200" autocomplete="off" />
          <button type="submit">Rechercher</button>
        </form>
      </header>
      <main id="contenu">!${content}</main>
      <footer class="site-footer">
        <p>Comptoir — les commerces de la ville, ensemble. <a href="/api/docs">API</a> · <a href="/accessibilite">Accessibilité</a></p>
      </footer>`,
  )
}

/** The back-office shell: compact header with the shop switcher and sections. */
export function backofficePage(meta: PageMeta, viewer: Viewer, nav: string, content: string): string {
  return document(
    { ...meta, noindex: true, stylesheets: ['/assets/admin.css'] },
    html`<header class="site-header admin-header">
        <a class="skip-link" href="#contenu">Aller au contenu</a>
        <div class="bar">
          <a class="brand" href="/admin">Comptoir <span class="brand-town">back-office</span></a>
          <nav aria-label="Compte" class="account-nav">!${accountLinks(viewer)}</nav>
        </div>
        !${nav}
      </header>
      <main id="contenu" class="admin-main">!${content}</main>`,
  )
}

function accountLinks(viewer: Viewer): string {
  if (!viewer.user)
    return html`<a href="/panier">Panier</a> <a href="/connexion">Se connecter</a> <a href="/inscription">Créer un compte</a>`
  const admin =
    viewer.memberships.length > 0 || viewer.user.role === 'coordinator'
      ? html`<a href="/admin">Back-office</a>`
      : ''
  return html`<a href="/panier">Panier</a> <a href="/mes-commandes">Mes commandes</a> <span class="who">${viewer.user.displayName}</span> !${admin}
    <form method="post" action="/deconnexion" class="inline"><input type="hidden" name="_csrf" value="${viewer.csrfToken ?? ''}" /><button type="submit" class="link">Se déconnecter</button></form>`
}

function document(meta: PageMeta & { stylesheets?: string[] }, body: string): string {
  return html`<!doctype html>
<html lang="fr">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${meta.title}</title>
    !${meta.description ? html`<meta name="description" content="${meta.description}" />` : ''}
    !${meta.canonical ? html`<link rel="canonical" href="${meta.canonical}" />` : ''}
    !${meta.noindex ? '<meta name="robots" content="noindex" />' : ''}
    <link rel="stylesheet" href="/assets/app.css" />
    !${(meta.stylesheets ?? []).map((href) => html`<link rel="stylesheet" href="${href}" />`).join('')}
    !${(meta.jsonLd ?? []).map(jsonLdScript).join('')}
  </head>
  <body>
    !${body}
  </body>
</html>`
}
