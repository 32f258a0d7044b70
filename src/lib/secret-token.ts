import { createHash, randomBytes } from 'node:crypto'

/** A token for a cookie (a session, an anonymous basket): 256 random bits, URL-safe. */
export const newSecretToken = (): string => randomBytes(32).toString('base64url')

/** What the database keeps instead of the token: a stolen table opens no session and no basket. */
export const hashSecretToken = (token: string): string => createHash('sha256').update(token).digest('base64url')
