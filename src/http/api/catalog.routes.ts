import type { FastifyInstance } from 'fastify'
import type { AppDeps } from '../deps.js'

export function registerCatalogRoutes(api: FastifyInstance, deps: AppDeps): void {
  void api
  void deps
}
