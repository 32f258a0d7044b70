import { createHmac, timingSafeEqual } from 'node:crypto'

/**
 * The signed, short-lived proof that a resident was admitted to a drop (decision 005): the hold request is
 * checked without reading the queue. Format: `<expires ms>.<HMAC-SHA256 of drop, account and expiry>`.
 */
export function signAdmission(secret: string, dropId: string, userId: string, expiresAt: Date): string {
  const expires = String(expiresAt.getTime())
  return `${expires}.${mac(secret, dropId, userId, expires)}`
}

export function isAdmitted(
  secret: string,
  token: string,
  dropId: string,
  userId: string,
  now: Date,
): boolean {
  const [expires, signature] = token.split('.')
  if (!expires || !signature || !/^\d{1,15}$/.test(expires) || Number(expires) < now.getTime()) return false
  const expected = Buffer.from(mac(secret, dropId, userId, expires))
  const given = Buffer.from(signature)
  return given.length === expected.length && timingSafeEqual(given, expected)
}

const mac = (secret: string, dropId: string, userId: string, expires: string) =>
  createHmac('sha256', secret).update(`drop-admission|${dropId}|${userId}|${expires}`).digest('base64url')
