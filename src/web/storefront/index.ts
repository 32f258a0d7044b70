import type { FastifyInstance } from 'fastify'
import type { AppDeps } from '../../http/deps.js'

/** Resident pages: home, shops, products, categories, search, sitemap. */
export function registerStorefrontPages(app: FastifyInstance, deps: AppDeps): void {
  void app
  void deps
}
