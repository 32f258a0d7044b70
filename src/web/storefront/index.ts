import type { FastifyInstance } from 'fastify'
import type { AppDeps } from '../../http/deps.js'
import type { PageCache } from '../page-cache.js'
import { registerAccessibilityPage } from './accessibility.page.js'
import { registerBookingCancelPage } from './booking-cancel.page.js'
import { registerBookingChangePage } from './booking-change.page.js'
import { registerBookingPages } from './booking.page.js'
import { registerCategoryPage } from './category.page.js'
import { registerDropPages } from './drop.page.js'
import { registerEventPages } from './events.page.js'
import { registerHomePage } from './home.page.js'
import { registerProductPage } from './product.page.js'
import { registerSearchPage } from './search.page.js'
import { registerShopPage } from './shop.page.js'
import { registerSitemap } from './sitemap.page.js'

/** Resident pages: home, shops, products, categories, search, sitemap, accessibility statement, drops, a booking's cancel and change links, events. */
export function registerStorefrontPages(
  app: FastifyInstance,
  deps: AppDeps,
  cache: PageCache | undefined,
): void {
  registerHomePage(app, deps)
  registerShopPage(app, deps)
  registerProductPage(app, deps, cache)
  registerCategoryPage(app, deps)
  registerSearchPage(app, deps)
  registerSitemap(app, deps)
  registerAccessibilityPage(app, deps)
  registerDropPages(app, deps)
  registerBookingPages(app, deps)
  registerBookingCancelPage(app, deps)
  registerBookingChangePage(app, deps)
  registerEventPages(app, deps)
}
