import type { FastifyInstance } from 'fastify'
import fastifySwagger from '@fastify/swagger'
import fastifySwaggerUi from '@fastify/swagger-ui'
import type { AppDeps } from '../deps.js'
import { registerCatalogRoutes } from './catalog.routes.js'
import { registerIdentityRoutes } from './identity.routes.js'
import { registerShopRoutes } from './shops.routes.js'

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
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'comptoir_session' } } },
    },
  })
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', staticCSP: true })
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger())

  await app.register(
    async (api) => {
      registerIdentityRoutes(api, deps)
      registerShopRoutes(api, deps)
      registerCatalogRoutes(api, deps)
    },
    { prefix: '/api/v1' },
  )
}
