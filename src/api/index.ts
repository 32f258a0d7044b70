import type { FastifyInstance } from 'fastify'
import fastifySwagger from '@fastify/swagger'
import fastifySwaggerUi from '@fastify/swagger-ui'
import type { AppDeps } from '../http/deps.js'
import { registerBookingCalendarRoutes } from './booking-calendar.routes.js'
import { registerBookingSetupRoutes } from './booking-setup.routes.js'
import { registerBookingRoutes } from './bookings.routes.js'
import { registerCatalogRoutes } from './catalog.routes.js'
import { registerDropRoutes } from './drops.routes.js'
import { registerEventRoutes } from './events.routes.js'
import { registerTownEventRoutes } from './town-events.routes.js'
import { registerIdentityRoutes } from './identity.routes.js'
import { registerOrderingRoutes } from './ordering.routes.js'
import { registerShopRoutes } from './shops.routes.js'
import { strictValidator } from './strict-input.js'

/** The JSON API under /api/v1; its OpenAPI 3.1 document is generated from the route schemas. */
export async function registerApi(app: FastifyInstance, deps: AppDeps): Promise<void> {
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Comptoir API',
        version: '1',
        description:
          'The JSON API of Comptoir. Errors are RFC 9457 problem details (application/problem+json) with a stable `code` and the offending `field`. ' +
          'Writes are authenticated by the session cookie from POST /api/v1/session and must come from the same site.',
      },
      servers: [{ url: deps.publicUrl }],
      components: {
        securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'comptoir_session' } },
      },
    },
    // HTML pages have no tags: only the JSON API is documented.
    hideUntagged: true,
    transformObject: (documents) =>
      problemsAsProblemJson('openapiObject' in documents ? documents.openapiObject : documents.swaggerObject),
  })
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', staticCSP: true })
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger())

  await app.register(
    async (api) => {
      // Every API route validates strictly: unknown fields and wrong JSON types are refused, not dropped.
      api.setValidatorCompiler(strictValidator)
      registerIdentityRoutes(api, deps)
      registerShopRoutes(api, deps)
      registerCatalogRoutes(api, deps)
      registerOrderingRoutes(api, deps)
      registerDropRoutes(api, deps)
      registerBookingSetupRoutes(api, deps)
      registerBookingCalendarRoutes(api, deps)
      registerBookingRoutes(api, deps)
      registerEventRoutes(api, deps)
      // The town's own events, run by its coordinator, share the event schemas and public routes.
      registerTownEventRoutes(api, deps)
    },
    { prefix: '/api/v1' },
  )
}

/** Error responses are served as application/problem+json (RFC 9457); the document says so. */
function problemsAsProblemJson<T extends object>(document: T): T {
  const paths =
    (
      document as {
        paths?: Record<
          string,
          Record<string, { responses?: Record<string, { content?: Record<string, unknown> }> }>
        >
      }
    ).paths ?? {}
  for (const operations of Object.values(paths)) {
    for (const operation of Object.values(operations)) {
      for (const [status, response] of Object.entries(operation.responses ?? {})) {
        const json = response.content?.['application/json']
        if (Number(status) >= 400 && json && response.content) {
          delete response.content['application/json']
          response.content['application/problem+json'] = json
        }
      }
    }
  }
  return document
}
