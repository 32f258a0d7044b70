import type { FastifyInstance } from 'fastify'
import type { AppDeps } from '../../http/deps.js'
import { guardBackoffice, registerBackofficeErrors } from './access.js'
import { registerAgendaFeed } from './bookings/agenda-feed.ics.js'
import { registerAgendaFeedPage } from './bookings/agenda-feed.page.js'
import { registerBookingResourcePage } from './bookings/booking-resource.page.js'
import { registerBookingServicePage } from './bookings/booking-service.page.js'
import { registerBookingSetupPage } from './bookings/booking-setup.page.js'
import { registerBookingsPage } from './bookings/bookings.page.js'
import { registerDropsPage } from './drops/drops.page.js'
import { registerEventsPage } from './events/events.page.js'
import { registerTownEventsPage } from './events/town-events.page.js'
import { registerHomePage } from './home.page.js'
import { registerHoursPage } from './shop/hours.page.js'
import { registerMailboxPages } from './mailbox.page.js'
import { registerLineAdjustmentPages } from './orders/order-line-forms.js'
import { registerOrdersPages } from './orders/orders.page.js'
import { registerOverviewPage } from './shop/overview.page.js'
import { registerPickupSettingsPage } from './shop/pickup-settings.page.js'
import { registerProductEditPage } from './catalog/product-edit.page.js'
import { registerProductPhotoRoutes } from './catalog/product-photos.page.js'
import { registerProductsPage } from './catalog/products.page.js'
import { registerProfilePage } from './shop/profile.page.js'
import { registerQuickAddPage } from './catalog/quick-add.page.js'

/**
 * Merchant pages under /admin. They live in their own Fastify context so that one hook sends anonymous
 * visitors to the login form and refuses other tenants' shops, and one error handler answers in the
 * back-office shell, without touching the storefront's behaviour.
 */
export function registerBackofficePages(app: FastifyInstance, deps: AppDeps): void {
  // Calendar apps cannot sign in: the agenda feed answers outside the guarded context, on its link's secret.
  registerAgendaFeed(app, deps)
  void app.register(async (admin) => {
    guardBackoffice(admin)
    registerBackofficeErrors(admin)
    registerHomePage(admin)
    registerMailboxPages(admin, deps)
    registerOverviewPage(admin, deps)
    registerProductsPage(admin, deps)
    // "nouveau" is registered before ":productId"; Fastify prefers the static segment anyway.
    registerQuickAddPage(admin, deps)
    registerProductEditPage(admin, deps)
    registerProductPhotoRoutes(admin, deps)
    registerHoursPage(admin, deps)
    // "retrait", "preparation" and "flux" are static segments, which Fastify prefers to ":orderId".
    registerOrdersPages(admin, deps)
    registerLineAdjustmentPages(admin, deps)
    registerPickupSettingsPage(admin, deps)
    registerProfilePage(admin, deps)
    registerDropsPage(admin, deps)
    registerBookingsPage(admin, deps)
    registerEventsPage(admin, deps)
    // The town's events: the same pages for the coordinator, under /admin/ville/evenements.
    registerTownEventsPage(admin, deps)
    registerAgendaFeedPage(admin, deps)
    // "reglages" is a static segment, which Fastify prefers to the cancel route's ":bookingId".
    registerBookingSetupPage(admin, deps)
    registerBookingResourcePage(admin, deps)
    registerBookingServicePage(admin, deps)
  })
}
