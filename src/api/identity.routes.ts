import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { AppError } from '../lib/app-error.js'
import { authenticate, createUser } from '../modules/identity/index.js'
import { listMemberships } from '../modules/shops/index.js'
import { endSession, requireUser, startSession } from '../http/auth.js'
import type { AppDeps } from '../http/deps.js'
import { withProblems } from './route-options.js'

const Me = Type.Object({
  id: Type.String(),
  email: Type.String(),
  displayName: Type.String(),
  role: Type.String({ description: 'resident | coordinator' }),
  shops: Type.Array(
    Type.Object({
      shopId: Type.String(),
      shopSlug: Type.String(),
      shopName: Type.String(),
      role: Type.String({ description: 'owner | staff' }),
    }),
  ),
})

const Credentials = Type.Object(
  { email: Type.String({ maxLength: 254 }), password: Type.String({ maxLength: 256 }) },
  { additionalProperties: false },
)

export function registerIdentityRoutes(parent: FastifyInstance, deps: AppDeps): void {
  const api = parent.withTypeProvider<TypeBoxTypeProvider>()
  const tags = ['Accounts']

  api.post(
    '/session',
    {
      schema: withProblems({
        tags,
        summary: 'Sign in (sets the session cookie)',
        body: Credentials,
        response: { 200: Me },
      }),
      config: { rateLimit: { max: deps.loginRateLimit ?? 10, timeWindow: '1 minute' } },
    },
    async (req, reply) => {
      const user = await authenticate(deps.db, req.body.email, req.body.password)
      if (!user)
        throw new AppError('unauthenticated', 'identity.invalid_credentials', 'wrong email or password')
      await startSession(req, reply, deps, user)
      return { ...user, shops: await listMemberships(deps.db, user.id) }
    },
  )

  api.delete(
    '/session',
    { schema: { tags, summary: 'Sign out', response: { 204: Type.Null() } } },
    async (req, reply) => {
      await endSession(req, reply, deps.db)
      return reply.code(204).send(null)
    },
  )

  api.post(
    '/accounts',
    {
      schema: withProblems({
        tags,
        summary: 'Create a resident account (and sign in)',
        body: Type.Object(
          {
            email: Type.String({ maxLength: 254 }),
            password: Type.String({ maxLength: 256 }),
            displayName: Type.String({ maxLength: 80 }),
          },
          { additionalProperties: false },
        ),
        response: { 201: Me },
      }),
      config: { rateLimit: { max: 20, timeWindow: '1 minute' } },
    },
    async (req, reply) => {
      const user = await createUser(deps.modules.identity, req.body)
      await startSession(req, reply, deps, user)
      return reply.code(201).send({ ...user, shops: [] })
    },
  )

  api.get(
    '/me',
    { schema: withProblems({ tags, summary: 'The signed-in account and its shops', response: { 200: Me } }) },
    async (req) => {
      const user = requireUser(req)
      return { ...user, shops: req.viewer.memberships }
    },
  )
}
