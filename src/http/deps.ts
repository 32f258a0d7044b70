import type { Db, Engine } from '../db/index.js'
import type { ChangeFeed } from '../lib/change-feed.js'
import type { Clock } from '../lib/clock.js'
import type { BookingsDeps } from '../modules/bookings/index.js'
import type { CatalogDeps } from '../modules/catalog/index.js'
import type { DropsDeps } from '../modules/drops/index.js'
import type { EventsDeps } from '../modules/events/index.js'
import type { IdentityDeps } from '../modules/identity/index.js'
import type { MailTransport } from '../modules/notifications/index.js'
import type { PlaceDeps } from '../modules/ordering/index.js'
import type { PaymentProviders, PaymentsDeps } from '../modules/payments/index.js'
import type { ShopsDeps } from '../modules/shops/index.js'

/** Each module's dependencies, built once by the composition root (app.ts): edges hand a module its own. */
export interface ModuleDeps {
  identity: IdentityDeps
  shops: ShopsDeps
  catalog: CatalogDeps
  payments: PaymentsDeps
  drops: DropsDeps
  ordering: PlaceDeps
  bookings: BookingsDeps
  events: EventsDeps
}

/** What buildApp is given: the infrastructure and the settings (main.ts, the tests, the benchmarks). */
export type AppSettings = Omit<AppDeps, 'modules'>

/** What the edges (API routes, pages) receive from the composition root. */
export interface AppDeps {
  /** The modules' dependencies: pass `deps.modules.<module>` to a module's commands. */
  modules: ModuleDeps
  db: Db
  engine: Engine
  clock: Clock
  /** What changed on the storefront, published by the modules after each commit (the page cache listens). */
  changes: ChangeFeed
  /** Undefined without SMTP settings: mail is kept in the local mailbox. */
  mailTransport: MailTransport | undefined
  mailFrom: string
  /** Card providers by name; "counter" and "test_card" are built in. */
  payments: PaymentProviders
  mediaDir: string
  publicUrl: string
  /** Where residents write to the people who run the site (accessibility statement, legal pages). */
  contactEmail: string
  cookieSecret: string
  secureCookies: boolean
  trustProxy: boolean
  /** Memory for rendered anonymous storefront pages, in MB; 0 turns the page cache off. */
  pageCacheMb: number
  logLevel: string
  /** Login attempts allowed per IP per minute; tests lower it to see the limit. */
  loginRateLimit?: number
  /** Checkouts allowed per IP per minute (default 60); the checkout benchmark raises it. */
  checkoutRateLimit?: number
  /** Drop requests (queue, holds) one process serves at once; beyond, a fast 503 with Retry-After. */
  dropInFlightLimit?: number
}
