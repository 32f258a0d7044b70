import { expect, it } from 'vitest'
import { forEachEngine } from '../../../test/harness/engines.js'
import { aUser } from '../../../test/factories/users.js'
import { AppError } from '../../lib/app-error.js'
import { fixedClock } from '../../lib/clock.js'
import {
  authenticate,
  closeSession,
  createUser,
  findSessionUser,
  findUserByEmail,
  MIN_PASSWORD_LENGTH,
  openSession,
} from './index.js'

const DAY = 86_400_000
const unique = () => Math.random().toString(36).slice(2, 10)

forEachEngine('identity', ({ db }) => {
  const clock = fixedClock('2026-05-04T08:00:00Z')
  const deps = () => ({ db: db(), clock })

  it('signs a resident up with a normalized email', async () => {
    const email = `Anne.${unique()}@Example.FR`
    const user = await createUser(deps(), {
      email: `  ${email} `,
      password: 'une phrase de passe',
      displayName: '  Anne  ',
    })
    expect(user).toMatchObject({
      email: email.toLowerCase(),
      displayName: 'Anne',
      role: 'resident',
      createdAt: '2026-05-04T08:00:00.000Z',
    })
    expect(await findUserByEmail(db(), email)).toEqual(user)
  })

  it('refuses a second account for the same email, whatever its case', async () => {
    const email = `paul.${unique()}@example.fr`
    await createUser(deps(), { email, password: 'une phrase de passe', displayName: 'Paul' })
    const second = createUser(deps(), {
      email: email.toUpperCase(),
      password: 'autre phrase de passe',
      displayName: 'Paul bis',
    })
    await expect(second).rejects.toBeInstanceOf(AppError)
    await expect(second).rejects.toMatchObject({
      kind: 'conflict',
      code: 'identity.email_taken',
      details: { field: 'email' },
    })
    const rows = await db().selectFrom('users').select('id').where('email', '=', email).execute()
    expect(rows).toHaveLength(1)
  })

  it('refuses two sign-ups with the same email at the same moment, keeping one account', async () => {
    const email = `simultane.${unique()}@example.fr`
    const results = await Promise.allSettled(
      Array.from({ length: 5 }, (_, i) =>
        createUser(deps(), { email, password: 'une phrase de passe', displayName: `Essai ${i}` }),
      ),
    )
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
    for (const r of results)
      if (r.status === 'rejected') expect(r.reason).toMatchObject({ code: 'identity.email_taken' })
  })

  it(`refuses a password shorter than ${MIN_PASSWORD_LENGTH} characters`, async () => {
    const email = `court.${unique()}@example.fr`
    const signUp = createUser(deps(), {
      email,
      password: 'a'.repeat(MIN_PASSWORD_LENGTH - 1),
      displayName: 'Court',
    })
    await expect(signUp).rejects.toMatchObject({
      kind: 'invalid',
      code: 'identity.invalid_sign_up',
      details: { errors: [{ field: 'password', code: 'password_too_short' }] },
    })
    expect(await findUserByEmail(db(), email)).toBeUndefined()
  })

  it('refuses an invalid email and an empty name, reporting both', async () => {
    const signUp = createUser(deps(), {
      email: 'pas-un-email',
      password: 'une phrase de passe',
      displayName: ' ',
    })
    await expect(signUp).rejects.toMatchObject({
      code: 'identity.invalid_sign_up',
      details: {
        errors: [
          { field: 'email', code: 'invalid_email' },
          { field: 'displayName', code: 'required' },
        ],
      },
    })
  })

  it('never stores the password itself', async () => {
    const user = await aUser(db())
    const row = await db()
      .selectFrom('users')
      .select('password_hash')
      .where('id', '=', user.id)
      .executeTakeFirstOrThrow()
    expect(row.password_hash).not.toContain(user.password)
    expect(row.password_hash).toMatch(/^\$argon2id\$/)
  })

  it('lets a resident sign in with the right password, whatever the case of the email', async () => {
    const user = await aUser(db())
    expect(await authenticate(db(), user.email, user.password)).toMatchObject({
      id: user.id,
      email: user.email,
    })
    expect(await authenticate(db(), ` ${user.email.toUpperCase()} `, user.password)).toMatchObject({
      id: user.id,
    })
  })

  it('refuses a wrong password', async () => {
    const user = await aUser(db())
    expect(await authenticate(db(), user.email, `${user.password}!`)).toBeUndefined()
    expect(await authenticate(db(), user.email, '')).toBeUndefined()
  })

  it('refuses an unknown email without revealing that it is unknown', async () => {
    expect(await authenticate(db(), `personne.${unique()}@example.fr`, 'une phrase de passe')).toBeUndefined()
  })

  it('refuses oversized credentials without hashing them', async () => {
    const user = await aUser(db())
    expect(await authenticate(db(), user.email, 'x'.repeat(10_000))).toBeUndefined()
    expect(await authenticate(db(), `${'x'.repeat(300)}@example.fr`, user.password)).toBeUndefined()
  })

  it('keeps a resident signed in with the session token until they sign out', async () => {
    const user = await aUser(db())
    const { token, expiresAt } = await openSession(deps(), user.id)
    expect(expiresAt).toEqual(new Date(clock.now().getTime() + 30 * DAY))
    expect(await findSessionUser(db(), token, clock.now())).toMatchObject({ id: user.id, email: user.email })

    await closeSession(db(), token)
    expect(await findSessionUser(db(), token, clock.now())).toBeUndefined()
  })

  it('ends a session after 30 days', async () => {
    const user = await aUser(db())
    const { token } = await openSession(deps(), user.id)
    const opened = clock.now().getTime()
    expect(await findSessionUser(db(), token, new Date(opened + 29 * DAY))).toMatchObject({ id: user.id })
    expect(await findSessionUser(db(), token, new Date(opened + 30 * DAY - 1))).toMatchObject({ id: user.id })
    expect(await findSessionUser(db(), token, new Date(opened + 30 * DAY))).toBeUndefined()
    expect(await findSessionUser(db(), token, new Date(opened + 31 * DAY))).toBeUndefined()
  })

  it('signing out of one session leaves the others open', async () => {
    const user = await aUser(db())
    const phone = await openSession(deps(), user.id)
    const laptop = await openSession(deps(), user.id)
    expect(phone.token).not.toBe(laptop.token)
    await closeSession(db(), phone.token)
    expect(await findSessionUser(db(), phone.token, clock.now())).toBeUndefined()
    expect(await findSessionUser(db(), laptop.token, clock.now())).toMatchObject({ id: user.id })
  })

  it('does not recognise an unknown, tampered or oversized token', async () => {
    const user = await aUser(db())
    const { token } = await openSession(deps(), user.id)
    expect(await findSessionUser(db(), 'a'.repeat(43), clock.now())).toBeUndefined()
    expect(
      await findSessionUser(db(), `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`, clock.now()),
    ).toBeUndefined()
    expect(await findSessionUser(db(), 'x'.repeat(101), clock.now())).toBeUndefined()
    expect(await findSessionUser(db(), '', clock.now())).toBeUndefined()
  })

  it('stores only a hash of the session token, so a database leak does not sign anyone in', async () => {
    const user = await aUser(db())
    const { token } = await openSession(deps(), user.id)
    const rows = await db()
      .selectFrom('sessions')
      .select('token_hash')
      .where('user_id', '=', user.id)
      .execute()
    expect(rows).toHaveLength(1)
    expect(rows[0]!.token_hash).not.toBe(token)
    expect(rows[0]!.token_hash).not.toContain(token)
    // The stored key used as a token does not open the session.
    expect(await findSessionUser(db(), rows[0]!.token_hash, clock.now())).toBeUndefined()
    expect(
      await db().selectFrom('sessions').select('token_hash').where('token_hash', '=', token).execute(),
    ).toEqual([])
  })
})
