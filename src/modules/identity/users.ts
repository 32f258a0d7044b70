import { hash, verify } from '@node-rs/argon2'
import type { Selectable } from 'kysely'
import type { Db } from '../../db/index.js'
import type { UsersTable } from '../../db/schema/identity.js'
import { newId, type UserId } from '../../lib/ids.js'
import { checkSignUp, normalizeEmail } from './rules.js'
import type { AccountRole, SignUpInput, User } from './types.js'
import type { IdentityDeps } from './deps.js'
import { emailTaken, invalidSignUp } from './errors.js'

// Argon2id with the library's defaults (19 MiB, 2 passes): memory-hard, about 30 ms a hash here.
const hashPassword = (password: string) => hash(password)

// Verifying against a real hash when the email is unknown keeps the answer time the same, so timing
// does not reveal which emails have accounts.
let decoyHash: Promise<string> | undefined

export const toUser = (row: Selectable<UsersTable>): User => ({
  id: row.id as UserId,
  email: row.email,
  displayName: row.display_name,
  role: row.role as AccountRole,
  createdAt: row.created_at,
})

/** Creates an account. Throws identity.invalid_sign_up or identity.email_taken. */
export async function createUser(deps: IdentityDeps, input: SignUpInput): Promise<User> {
  const problems = checkSignUp(input)
  if (problems.length > 0) throw invalidSignUp(problems)
  const row = {
    id: newId<UserId>(),
    email: normalizeEmail(input.email),
    display_name: input.displayName.trim(),
    password_hash: await hashPassword(input.password),
    role: input.role ?? 'resident',
    created_at: deps.clock.now().toISOString(),
  }
  const result = await deps.db
    .insertInto('users')
    .values(row)
    .onConflict((oc) => oc.column('email').doNothing())
    .executeTakeFirst()
  if (Number(result.numInsertedOrUpdatedRows ?? 0n) === 0) throw emailTaken()
  return toUser(row)
}

/** The user whose email and password match, or undefined; the same time either way. */
export async function authenticate(db: Db, email: string, password: string): Promise<User | undefined> {
  if (password.length > 256 || email.length > 254) return undefined
  const row = await db
    .selectFrom('users')
    .selectAll()
    .where('email', '=', normalizeEmail(email))
    .executeTakeFirst()
  if (!row) {
    decoyHash ??= hashPassword('not a password of anyone')
    await verify(await decoyHash, password)
    return undefined
  }
  return (await verify(row.password_hash, password)) ? toUser(row) : undefined
}

export async function findUserByEmail(db: Db, email: string): Promise<User | undefined> {
  const row = await db
    .selectFrom('users')
    .selectAll()
    .where('email', '=', normalizeEmail(email))
    .executeTakeFirst()
  return row && toUser(row)
}
