import type {} from '@fastify/cookie'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { Db } from '../db/index.js'
import { AppError } from '../lib/app-error.js'
import type { Clock } from '../lib/clock.js'
import { isWellFormedId, type ShopId } from '../lib/ids.js'
import { closeSession, findSessionUser, openSession, type User } from '../modules/identity/index.js'
import { mergeBaskets } from '../modules/ordering/index.js'
import { listMemberships, type Membership, type StaffRole } from '../modules/shops/index.js'
import { BASKET_COOKIE, visitorBasketToken } from './basket-owner.js'

export const SESSION_COOKIE = 'comptoir_session'

/** Who is asking: resolved once per request from the session cookie. */
export interface Viewer {
  user: User | undefined
  memberships: Membership[]
  /** For the sign-out form every signed-in page carries. */
  csrfToken?: string | undefined
}

declare module 'fastify' {
  interface FastifyRequest {
    viewer: Viewer
  }
}

export function registerSessions(app: FastifyInstance, deps: { db: Db; clock: Clock }): void {
  app.decorateRequest('viewer', null as unknown as Viewer)
  app.addHook('onRequest', async (req, reply) => {
    req.viewer = { user: undefined, memberships: [] }
    const token = req.cookies[SESSION_COOKIE]
    if (!token || req.url.startsWith('/assets/') || req.url.startsWith('/media/')) return
    const user = await findSessionUser(deps.db, token, deps.clock.now())
    if (!user) return
    const csrfToken = req.url.startsWith('/api/') ? undefined : reply.generateCsrf()
    req.viewer = { user, memberships: await listMemberships(deps.db, user.id), csrfToken }
  })
}

/** Signs the user in; what the visitor put in their basket before joins the resident's basket. */
export async function startSession(
  req: FastifyRequest,
  reply: FastifyReply,
  deps: { db: Db; clock: Clock; secureCookies: boolean },
  user: User,
): Promise<void> {
  const { token, expiresAt } = await openSession(deps, user.id)
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: deps.secureCookies,
    expires: expiresAt,
  })
  const basketToken = visitorBasketToken(req)
  if (basketToken) {
    await mergeBaskets(deps, basketToken, user.id)
    reply.clearCookie(BASKET_COOKIE, { path: '/' })
  }
}

export async function endSession(req: FastifyRequest, reply: FastifyReply, db: Db): Promise<void> {
  const token = req.cookies[SESSION_COOKIE]
  if (token) await closeSession(db, token)
  reply.clearCookie(SESSION_COOKIE, { path: '/' })
}

export function requireUser(req: FastifyRequest): User {
  if (!req.viewer.user) throw new AppError('unauthenticated', 'identity.unauthenticated', 'sign in first')
  return req.viewer.user
}

/**
 * The viewer's membership of the shop named in the URL. A shop the viewer does not work at answers
 * 404 exactly like a shop that does not exist, so staff cannot probe other tenants.
 */
export function requireStaffOf(
  req: FastifyRequest,
  shopId: string,
  roles: readonly StaffRole[] = ['owner', 'staff'],
): Membership & { shopId: ShopId } {
  requireUser(req)
  const membership = isWellFormedId(shopId)
    ? req.viewer.memberships.find((m) => m.shopId === shopId)
    : undefined
  if (!membership) throw new AppError('not_found', 'shops.shop_not_found', 'shop not found')
  if (!roles.includes(membership.role))
    throw new AppError('forbidden', 'identity.forbidden', 'this action needs the owner role')
  return membership
}

/**
 * The town's coordinator; anyone else signed in gets a 403. With `orNotFound`, a 404 instead, as the town's
 * back-office pages answer (like another shop's pages: nothing to probe).
 */
export function requireCoordinator(req: FastifyRequest, options: { orNotFound?: boolean } = {}): User {
  const user = requireUser(req)
  if (user.role === 'coordinator') return user
  if (options.orNotFound) throw new AppError('not_found', 'http.not_found', 'page not found')
  throw new AppError('forbidden', 'identity.forbidden', 'coordinators only')
}

/**
 * Cookie-authenticated API writes must come from this site: browsers send Sec-Fetch-Site and Origin,
 * which a cross-site form or script cannot forge. (HTML forms carry a CSRF token instead.)
 */
export function registerSameSiteApiWrites(app: FastifyInstance, publicUrl: string): void {
  app.addHook('preHandler', async (req) => {
    if (!req.url.startsWith('/api/') || ['GET', 'HEAD', 'OPTIONS'].includes(req.method)) return
    if (!comesFromThisSite(req, publicUrl, { requireOrigin: false }))
      throw new AppError('forbidden', 'http.cross_site', 'cross-site API write refused')
  })
}

/**
 * Whether a write comes from a page of this site, by the Origin and Sec-Fetch-Site headers a cross-site
 * page cannot forge. Forms on pages served from the page cache carry no CSRF token (the copy is shared by
 * every visitor), so they require an Origin header, which browsers send with every form POST.
 */
export function comesFromThisSite(
  req: FastifyRequest,
  publicUrl: string,
  options: { requireOrigin: boolean },
): boolean {
  const site = req.headers['sec-fetch-site']
  const origin = req.headers.origin
  const host = req.headers.host
  if (!origin) return !options.requireOrigin && (!site || site === 'same-origin' || site === 'none')
  const sameOrigin = origin === publicUrl || (host !== undefined && hostOf(origin) === host)
  return sameOrigin && (!site || site === 'same-origin' || site === 'none')
}

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).host
  } catch {
    return undefined
  }
}
