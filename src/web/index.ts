import type { FastifyInstance } from 'fastify'
import fastifyStatic from '@fastify/static'
import { createRequire } from 'node:module'
import { dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { AppDeps } from '../http/deps.js'
import { registerBackofficePages } from './backoffice/index.js'
import { PageCache } from './page-cache.js'
import { registerAccountPages } from './storefront/account.page.js'
import { registerBasketPages } from './storefront/basket.page.js'
import { registerCheckoutPage } from './storefront/checkout.page.js'
import { registerOrderPages } from './storefront/orders.page.js'
import { registerStorefrontPages } from './storefront/index.js'

const ASSETS_DIR = fileURLToPath(new URL('./assets/', import.meta.url))

/** The server-rendered site: storefront, account pages, back-office, and their static files. */
export async function registerWebPages(app: FastifyInstance, deps: AppDeps): Promise<void> {
  await app.register(fastifyStatic, {
    root: ASSETS_DIR,
    prefix: '/assets/',
    maxAge: '1h',
    decorateReply: false,
  })
  // The pickup scanner's QR decoder (UX-12) is jsQR's browser build, served from node_modules so the
  // installed version is the one shipped and no library code is copied into src/. Only that one file.
  const jsqrFile = createRequire(import.meta.url).resolve('jsqr')
  await app.register(fastifyStatic, {
    root: dirname(jsqrFile),
    prefix: '/assets/vendor/jsqr/',
    maxAge: '1h',
    decorateReply: false,
    index: false,
    allowedPath: (path) => path === '/jsQR.js',
  })
  // Photo files are named by a fresh id per upload, so they never change: cache them for a year.
  await app.register(fastifyStatic, {
    root: deps.mediaDir,
    prefix: '/media/',
    maxAge: '365d',
    immutable: true,
    decorateReply: false,
  })
  registerAccountPages(app, deps)
  const cache =
    deps.pageCacheMb > 0
      ? new PageCache(deps.changes, { maxBytes: deps.pageCacheMb * 1024 * 1024 })
      : undefined
  if (cache) app.addHook('onClose', async () => cache.close())
  registerStorefrontPages(app, deps, cache)
  registerBasketPages(app, deps)
  registerCheckoutPage(app, deps)
  registerOrderPages(app, deps)
  registerBackofficePages(app, deps)
}
