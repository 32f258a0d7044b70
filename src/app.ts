import Fastify, { LogController, type FastifyInstance } from 'fastify'
import fastifyCookie from '@fastify/cookie'
import fastifyCsrf from '@fastify/csrf-protection'
import fastifyFormbody from '@fastify/formbody'
import fastifyMultipart from '@fastify/multipart'
import fastifyRateLimit from '@fastify/rate-limit'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { registerSameSiteApiWrites, registerSessions } from './http/auth.js'
import type { AppDeps, AppSettings, ModuleDeps } from './http/deps.js'
import { registerProblemDetails, sendProblem, toProblem } from './http/problem-details.js'
import { registerApi } from './api/index.js'
import { MAX_UPLOAD_BYTES } from './modules/catalog/index.js'
import { t } from './web/i18n/index.js'
import { registerWebPages } from './web/index.js'
import { renderErrorPage } from './web/views/error-page.js'

export type { AppDeps, AppSettings } from './http/deps.js'

/**
 * What the logs may hold: no cookie, no authorization header, and a request by its method and path alone, since a
 * query may carry a link's secret (?jeton=…) and the client's address is personal data.
 */
export const loggerOptions = (level: string) => ({
  level,
  redact: ['req.headers.cookie', 'req.headers.authorization'],
  serializers: {
    req: (req: { method: string; url: string }) => ({ method: req.method, path: req.url.split('?')[0] }),
  },
})

/** Every module's dependencies, built once from the settings: the edges pass each module its own. */
export function composeModules(settings: AppSettings): ModuleDeps {
  const { db, clock, changes, payments } = settings
  return {
    identity: { db, clock },
    shops: { db, clock, changes },
    catalog: { db, clock, changes, mediaDir: settings.mediaDir },
    payments: { db, payments },
    // Admissions are signed with the server's cookie secret (decision 005).
    drops: { db, clock, changes, admissionSecret: settings.cookieSecret },
    ordering: { db, clock, changes, payments },
    bookings: { db, clock, payments },
    events: { db, clock },
  }
}

/** The composition root: every plugin and route is wired here, explicitly. No I/O happens on import. */
export async function buildApp(settings: AppSettings): Promise<FastifyInstance> {
  const deps: AppDeps = { ...settings, modules: composeModules(settings) }
  const app = Fastify({
    logger: deps.logLevel === 'silent' ? false : loggerOptions(deps.logLevel),
    trustProxy: deps.trustProxy,
    bodyLimit: 256 * 1024,
    // Per-request lines would log client IP addresses (personal data): off unless debugging.
    logController: new LogController({ disableRequestLogging: deps.logLevel !== 'debug' }),
    // Refusals by the router itself (a broken %-escape, an over-long path parameter) get the same answer
    // as every other error: problem+json for the API, a French page for people.
    frameworkErrors: (error, req, reply) => {
      void sendProblem(req, reply, toProblem(error, req.url.split('?')[0] ?? '/', t), renderErrorPage)
    },
  }).withTypeProvider<TypeBoxTypeProvider>()

  registerProblemDetails(app, t, renderErrorPage)
  await app.register(fastifyCookie, { secret: deps.cookieSecret })
  await app.register(fastifyFormbody)
  // Uploads arrive as one buffer per file next to the form fields (a phone photo is a few MB).
  await app.register(fastifyMultipart, {
    attachFieldsToBody: 'keyValues',
    limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 200, parts: 210 },
  })
  await app.register(fastifyCsrf, {
    cookieOpts: { path: '/', httpOnly: true, sameSite: 'lax', secure: deps.secureCookies, signed: true },
  })
  await app.register(fastifyRateLimit, { global: false })
  registerSessions(app, deps)
  registerSameSiteApiWrites(app, deps.publicUrl)

  await registerApi(app, deps)
  await registerWebPages(app, deps)
  return app
}
