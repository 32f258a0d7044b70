import type { FastifyReply, FastifyRequest } from 'fastify'
import { newSecretToken } from '../lib/secret-token.js'
import type { BasketOwner } from '../modules/ordering/index.js'

export const BASKET_COOKIE = 'comptoir_panier'
const BASKET_DAYS = 30

/**
 * Whose basket a request works on: the signed-in resident's, else the visitor's, known by a random token
 * in an HttpOnly cookie (the database keeps its hash). With `create`, a visitor without one gets one.
 */
export function basketOwner(
  req: FastifyRequest,
  reply: FastifyReply,
  options: { create: boolean; secure: boolean },
): BasketOwner | undefined {
  if (req.viewer.user) return { userId: req.viewer.user.id }
  const token = visitorBasketToken(req)
  if (token) return { token }
  if (!options.create) return undefined
  const fresh = newSecretToken()
  reply.setCookie(BASKET_COOKIE, fresh, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: options.secure,
    maxAge: BASKET_DAYS * 86_400,
  })
  return { token: fresh }
}

/** The visitor's basket token, if any: merged into the resident's basket when they sign in. */
export const visitorBasketToken = (req: FastifyRequest): string | undefined => {
  const token = req.cookies[BASKET_COOKIE]
  return token && /^[A-Za-z0-9_-]{43}$/.test(token) ? token : undefined
}
