import type { FastifyInstance } from 'fastify'
import type { AppDeps } from '../deps.js'

export function registerShopRoutes(api: FastifyInstance, deps: AppDeps): void {
  void api
  void deps
}
