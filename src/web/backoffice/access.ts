import type { FastifyInstance, FastifyRequest } from 'fastify'
import { html } from 'ghtml'
import { requireStaffOf } from '../../http/auth.js'
import { toProblem, type Problem } from '../../http/problem-details.js'
import { AppError } from '../../lib/app-error.js'
import type { Membership } from '../../modules/shops/index.js'
import { t } from '../i18n/index.js'
import { backofficePage } from '../views/layout.js'
import { sendHtml } from '../views/send-html.js'

type ShopParams = { shopId?: string }

/** The login page, coming back here afterwards; a POST comes back to the page that holds its form. */
function loginUrl(req: FastifyRequest): string {
  const back =
    req.method === 'GET'
      ? req.url
      : ((req.headers.referer ? refererPath(req.headers.referer) : undefined) ?? '/admin')
  return `/connexion?retour=${encodeURIComponent(back.startsWith('/admin') ? back : '/admin')}`
}

function refererPath(referer: string): string | undefined {
  try {
    const url = new URL(referer)
    return url.pathname + url.search
  } catch {
    return undefined
  }
}

/**
 * Runs before the body is read: anonymous visitors go to the login page (a merchant whose session
 * expired should land on the form, not on a bare 401), and a shop the viewer does not work at is a 404
 * before any upload of theirs is parsed.
 */
export function guardBackoffice(admin: FastifyInstance): void {
  admin.addHook('onRequest', async (req, reply) => {
    if (!req.viewer.user) return reply.redirect(loginUrl(req), 303)
    const { shopId } = (req.params ?? {}) as ShopParams
    if (shopId !== undefined) requireStaffOf(req, shopId)
  })
}

/** Owner-only pages (profile, hours): staff of the shop get a 403 that says why. */
export function requireOwnerOf(req: FastifyRequest, shopId: string): Membership {
  const membership = requireStaffOf(req, shopId)
  if (membership.role !== 'owner') {
    throw new AppError('forbidden', 'identity.forbidden', 'this page needs the owner role', {
      reason: 'owner_only',
    })
  }
  return membership
}

/**
 * Errors inside /admin are shown in the back-office shell: a 404 for another tenant's shop, a 403 that
 * explains the owner role, a 413 that says how heavy a photo may be. A 500 says nothing about why.
 */
export function registerBackofficeErrors(admin: FastifyInstance): void {
  admin.setErrorHandler((error, req, reply) => {
    const problem = toProblem(error, req.url.split('?')[0] ?? '/', t)
    if (problem.status === 401) return reply.redirect(loginUrl(req), 303)
    if (problem.status >= 500) req.log.error({ err: error, reqId: req.id }, 'unexpected error')
    return sendHtml(reply.code(problem.status), errorPage(req, problem))
  })
}

function errorPage(req: FastifyRequest, problem: Problem): string {
  const { heading, message } = explain(problem)
  const back = backLink(req, problem)
  return backofficePage(
    { title: `${heading} — Comptoir` },
    req.viewer,
    '',
    html`<section class="narrow admin-error">
      <h1>${heading}</h1>
      <p>${message}</p>
      <p>!${back ? html`<a class="button" href="${back}">Revenir au formulaire</a> · ` : ''}<a href="/admin">Retour au back-office</a></p>
    </section>`,
  )
}

function explain(problem: Problem): { heading: string; message: string } {
  if (problem.status === 404)
    return { heading: 'Page introuvable', message: 'Cette page n’existe pas, ou vous n’y avez pas accès.' }
  if (problem.status === 413 || problem.code === 'catalog.image_too_large') {
    return {
      heading: 'Fichier trop lourd',
      message: `${t('catalog.image_too_large')} Réduisez la photo ou prenez-la en qualité standard, puis réessayez.`,
    }
  }
  if (problem.status === 403 && problem.reason === 'owner_only') {
    return {
      heading: 'Réservé au propriétaire',
      message:
        'Seul le propriétaire ou la propriétaire du commerce peut modifier le profil, les horaires, les réglages du retrait et ceux des rendez-vous.',
    }
  }
  if (problem.status >= 500) return { heading: 'Un souci de notre côté', message: t('http.internal') }
  return { heading: problem.title, message: problem.title }
}

/** After a refused upload or an expired form, the way back to the page that holds the form. */
function backLink(req: FastifyRequest, problem: Problem): string | undefined {
  if (problem.status !== 413 && problem.code !== 'http.csrf') return undefined
  const path = req.url.split('?')[0] ?? ''
  return path.startsWith('/admin/')
    ? path.replace(/\/(photos|fermetures)(\/[^/]+\/supprimer)?$/, '')
    : undefined
}
