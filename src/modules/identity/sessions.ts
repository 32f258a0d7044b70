import type { Db } from '../../db/index.js'
import { prepared, type Placeholder } from '../../db/prepared.js'
import type { Clock } from '../../lib/clock.js'
import type { UserId } from '../../lib/ids.js'
import { hashSecretToken as hashToken, newSecretToken } from '../../lib/secret-token.js'
import { toUser } from './users.js'
import type { User } from './types.js'

const SESSION_DAYS = 30

/** Opens a session; the token goes in an HttpOnly cookie, only its hash is stored. */
export async function openSession(deps: { db: Db; clock: Clock }, userId: UserId): Promise<{ token: string; expiresAt: Date }> {
  const token = newSecretToken()
  const now = deps.clock.now()
  const expiresAt = new Date(now.getTime() + SESSION_DAYS * 86_400_000)
  await deps.db
    .insertInto('sessions')
    .values({ token_hash: hashToken(token), user_id: userId, created_at: now.toISOString(), expires_at: expiresAt.toISOString() })
    .execute()
  return { token, expiresAt }
}

/** The user of a live session, or undefined for an unknown or expired token. */
export async function findSessionUser(db: Db, token: string, now: Date): Promise<User | undefined> {
  if (token.length > 100) return undefined
  const row = await sessionUser.first(db, { tokenHash: hashToken(token), now: now.toISOString() })
  return row && toUser(row)
}

// Every signed-in request runs it: compiled once (db/prepared.ts).
const sessionUser = prepared((db, p: Placeholder<{ tokenHash: string; now: string }>) =>
  db.selectFrom('sessions').innerJoin('users', 'users.id', 'sessions.user_id').selectAll('users').where('sessions.token_hash', '=', p('tokenHash')).where('sessions.expires_at', '>', p('now')),
)

export async function closeSession(db: Db, token: string): Promise<void> {
  await db.deleteFrom('sessions').where('token_hash', '=', hashToken(token)).execute()
}
