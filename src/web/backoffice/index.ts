import type { FastifyInstance } from 'fastify'
import type { AppDeps } from '../../http/deps.js'

/** Merchant pages under /admin. */
export function registerBackofficePages(app: FastifyInstance, deps: AppDeps): void {
  void app
  void deps
}
