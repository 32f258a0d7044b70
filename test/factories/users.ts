import type { Db } from '../../src/db/index.js'
import { fixedClock, type Clock } from '../../src/lib/clock.js'
import { createUser, type SignUpInput, type User } from '../../src/modules/identity/index.js'

const suffix = () => Math.random().toString(36).slice(2, 10)

/** A resident account with a unique email; the password is returned so tests can sign in. */
export async function aUser(
  db: Db,
  overrides: Partial<SignUpInput> = {},
  clock: Clock = fixedClock('2026-05-04T08:00:00Z'),
): Promise<User & { password: string }> {
  const password = overrides.password ?? `mot de passe ${suffix()}`
  const user = await createUser(
    { db, clock },
    {
      email: `resident-${suffix()}@example.fr`,
      displayName: `Résident ${suffix()}`,
      ...overrides,
      password,
    },
  )
  return { ...user, password }
}
