import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'

/** A token for a cookie (a session, an anonymous basket): 256 random bits, URL-safe. */
export const newSecretToken = (): string => randomBytes(32).toString('base64url')

/** What the database keeps instead of the token: a stolen table opens no session and no basket. */
export const hashSecretToken = (token: string): string =>
  createHash('sha256').update(token).digest('base64url')

/** Whether a token is the one whose hash was stored, compared in constant time; no stored hash matches nothing. */
export function secretMatches(token: string, storedHash: string | null): boolean {
  if (!storedHash) return false
  const given = Buffer.from(hashSecretToken(token))
  const stored = Buffer.from(storedHash)
  return given.length === stored.length && timingSafeEqual(given, stored)
}
