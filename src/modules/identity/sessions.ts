import { LRUCache } from 'lru-cache'
import type { Db } from '../../db/index.js'
import { prepared, type Placeholder } from '../../db/prepared.js'
import type { Clock } from '../../lib/clock.js'
import type { UserId } from '../../lib/ids.js'
import { hashSecretToken as hashToken, newSecretToken } from '../../lib/secret-token.js'
import { toUser } from './users.js'
import type { User } from './types.js'

const SESSION_DAYS = 30

/** Opens a session; the token goes in an HttpOnly cookie, only its hash is stored. */
export async function openSession(
  deps: { db: Db; clock: Clock },
  userId: UserId,
): Promise<{ token: string; expiresAt: Date }> {
  const token = newSecretToken()
  const now = deps.clock.now()
  const expiresAt = new Date(now.getTime() + SESSION_DAYS * 86_400_000)
  await deps.db
    .insertInto('sessions')
    .values({
      token_hash: hashToken(token),
      user_id: userId,
      created_at: now.toISOString(),
      expires_at: expiresAt.toISOString(),
    })
    .execute()
  return { token, expiresAt }
}

/**
 * Live sessions this process has looked up in the last few seconds. Every signed-in request needs its user, and
 * during a rush (a drop) this lookup was the busiest statement. A session closed here is forgotten at once; one
 * closed through another process stays usable here for at most SESSION_MEMORY_MS. Users never change once
 * created (no rename, no role change), so the remembered user is the stored one.
 */
const SESSION_MEMORY_MS = 5_000
const liveSessions = new LRUCache<string, { user: User; expiresAt: number }>({
  max: 20_000,
  ttl: SESSION_MEMORY_MS,
})

/** The user of a live session, or undefined for an unknown or expired token. */
export async function findSessionUser(db: Db, token: string, now: Date): Promise<User | undefined> {
  if (token.length > 100) return undefined
  const tokenHash = hashToken(token)
  const remembered = liveSessions.get(tokenHash)
  if (remembered) return remembered.expiresAt > now.getTime() ? remembered.user : undefined
  const row = await sessionUser.first(db, { tokenHash, now: now.toISOString() })
  if (!row) return undefined
  const user = toUser(row)
  liveSessions.set(tokenHash, { user, expiresAt: Date.parse(row.expires_at) })
  return user
}

// Every signed-in request runs it: compiled once (db/prepared.ts).
const sessionUser = prepared((db, p: Placeholder<{ tokenHash: string; now: string }>) =>
  db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .selectAll('users')
    .select('sessions.expires_at')
    .where('sessions.token_hash', '=', p('tokenHash'))
    .where('sessions.expires_at', '>', p('now')),
)

export async function closeSession(db: Db, token: string): Promise<void> {
  const tokenHash = hashToken(token)
  liveSessions.delete(tokenHash)
  await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute()
  // Again after the delete: a request that read the row meanwhile may have remembered it.
  liveSessions.delete(tokenHash)
}
