import type { FastifyReply, FastifyRequest } from 'fastify'
import { html } from 'ghtml'
import type { CachedPage } from '../page-cache.js'
import { storefrontPage, type PageMeta } from './layout.js'
import { sendHtml } from './send-html.js'

/**
 * Sends a storefront page with cache headers that fit the viewer. Anonymous pages are the same for
 * everyone, so a shared cache may keep them a minute; a signed-in page carries the person's name and must
 * never be stored. `Vary: Cookie` stops a cache from serving the anonymous copy to someone signed in.
 */
export function sendStorefront(
  req: FastifyRequest,
  reply: FastifyReply,
  meta: PageMeta,
  content: string,
  query = '',
): FastifyReply {
  const signedIn = req.viewer?.user !== undefined
  return sendHtml(
    reply
      .header('cache-control', signedIn ? 'private, no-store' : 'public, max-age=60')
      .header('vary', 'Cookie'),
    storefrontPage(meta, req.viewer, content, query),
  )
}

/**
 * Sends a page from the page cache to a visitor who is not signed in. It shows live stock, so browsers
 * and shared caches must ask again each time (`no-cache`); the ETag makes that question cheap (304).
 */
export function sendCachedPage(req: FastifyRequest, reply: FastifyReply, page: CachedPage): FastifyReply {
  reply.header('cache-control', 'public, no-cache').header('vary', 'Cookie').header('etag', page.etag)
  if (req.headers['if-none-match'] === page.etag) return reply.code(304).send()
  return reply.type('text/html; charset=utf-8').send(page.body)
}

export interface Crumb {
  label: string
  href?: string
}

/** The trail above a shop or product heading; the last crumb is the current page (WCAG 2.4.8). */
export function breadcrumbs(crumbs: readonly Crumb[]): string {
  return html`<nav class="breadcrumbs" aria-label="Fil d’Ariane"><ol>
    !${crumbs
      .map((c, i) =>
        i === crumbs.length - 1 || !c.href
          ? html`<li><span aria-current="page">${c.label}</span></li>`
          : html`<li><a href="${c.href}">${c.label}</a></li>`,
      )
      .join('')}
  </ol></nav>`
}

/** Absolute URL on the public site, for canonical links, JSON-LD and the sitemap. */
export function absoluteUrl(publicUrl: string, path: string): string {
  return `${publicUrl.replace(/\/+$/, '')}${path}`
}

/** Path segments are slugs ([a-z0-9-]); encoding anyway keeps a stray character from breaking a URL. */
export const shopPath = (shopSlug: string) => `/commerces/${encodeURIComponent(shopSlug)}`
export const productPath = (shopSlug: string, productSlug: string) =>
  `${shopPath(shopSlug)}/${encodeURIComponent(productSlug)}`
export const categoryPath = (categorySlug: string) => `/rayons/${encodeURIComponent(categorySlug)}`
