import type { ParsedMail } from 'mailparser'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import type { AppSettings } from '../../src/app.js'
import type { Db, Engine } from '../../src/db/index.js'
import type { Worker } from '../../src/jobs/worker.js'
import { systemClock } from '../../src/lib/clock.js'
import { smtpTransport } from '../../src/modules/notifications/index.js'
import { startTestApp, type TestApp } from './app.js'
import { launchChromium, phoneContext } from './browser.js'
import { freshDatabase } from './engines.js'
import { startJourneyWorker } from './journey-worker.js'
import { startSmtpServer, type TestSmtpServer } from './smtp.js'

/** Weekly hours open every day, all day: whenever a journey runs, its shop has times to offer. */
export const ALL_WEEK = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
  weekday,
  opensMinute: 0,
  closesMinute: 24 * 60,
}))

export interface JourneyOptions {
  /** The SMTP server on loopback and the outbox worker sending to it (default true). */
  mail?: boolean
  /** Launch the default Chromium, `browser` (default true); `launchBrowser` starts others. */
  browser?: boolean
  /** Overrides of the app's dependencies (a rate limit, for instance). */
  app?: Partial<AppSettings>
}

/** What a browser journey runs against; `stop` ends it all, browsers first. */
export interface Journey {
  /** The journey's own fresh, migrated database. */
  db: Db
  /** The real app with the real clock (Chromium honours cookie expiry dates, which a fixed clock would put anywhere). */
  server: TestApp
  baseUrl: string
  /** The default Chromium (with the `browser` option). */
  browser: Browser
  /** Another Chromium (e.g. with a fake camera), closed by `stop`. */
  launchBrowser(extraArgs?: readonly string[]): Promise<Browser>
  /** A phone-sized French context of `browser` whose script errors and 5xx answers go to `pageErrors`. */
  phoneContext(): Promise<BrowserContext>
  /** What pages met that a journey must never meet, checked at its end. */
  pageErrors: string[]
  /** A member of staff signs in through the login form in a new page of `context`; resolves on the back office. */
  signInAsStaff(context: BrowserContext, email: string, password: string): Promise<Page>
  /** With mail: the SMTP server the app's mail reaches, through the worker. */
  smtp: TestSmtpServer
  worker: Worker
  /** With mail: the worker's failures, checked at the end of the journey. */
  workerErrors: string[]
  /** Waits until `count` messages arrived for `email`; a failure names the worker's errors. */
  waitForMails(email: string, count: number, timeoutMs?: number): Promise<ParsedMail[]>
  stop(): Promise<void>
}

/**
 * The set-up every browser journey shares: a fresh database on `engine`, the app on loopback with the real clock,
 * the SMTP server and the outbox worker (its links point at this app, so a journey can follow them), and
 * Chromium. Call in beforeAll, and `stop` in afterAll.
 */
export async function startJourney(engine: Engine, options: JourneyOptions = {}): Promise<Journey> {
  const { mail = true, browser: withBrowser = true } = options
  // What to undo, last started first: browsers close before the app (a back-office board keeps an event stream open).
  const undo: Array<() => Promise<void>> = []
  const stop = async () => {
    while (undo.length > 0) await undo.pop()!()
  }
  const started = async <T>(start: () => Promise<T>, end: (value: T) => Promise<void>): Promise<T> => {
    const value = await start()
    undo.push(() => end(value))
    return value
  }
  const launchBrowser = (extraArgs: readonly string[] = []) =>
    started(
      () => launchChromium(extraArgs),
      (b) => b.close(),
    )
  try {
    const database = await started(
      () => freshDatabase(engine),
      async (d) => {
        await d.opened.close()
        await d.drop()
      },
    )
    const db = database.opened.db
    const smtp = mail ? await started(startSmtpServer, (s) => s.close()) : undefined
    const server = await started(
      () =>
        startTestApp(db, {
          clock: systemClock,
          ...(smtp ? { mailTransport: smtpTransport(smtp.url) } : {}),
          ...options.app,
        }),
      (s) => s.close(),
    )
    const workerErrors: string[] = []
    const worker = mail
      ? await started(
          async () => startJourneyWorker(db, server, workerErrors, server.baseUrl),
          (w) => w.stop(),
        )
      : undefined
    const browser = withBrowser ? await launchBrowser() : undefined
    const pageErrors: string[] = []
    const needs = <T>(value: T | undefined, option: string): T => {
      if (value === undefined) throw new Error(`this journey was started without ${option}`)
      return value
    }
    return {
      db,
      server,
      baseUrl: server.baseUrl,
      get browser() {
        return needs(browser, 'a browser')
      },
      launchBrowser,
      phoneContext: () => phoneContext(needs(browser, 'a browser'), pageErrors),
      pageErrors,
      async signInAsStaff(context, email, password) {
        const page = await context.newPage()
        const response = await page.goto(`${server.baseUrl}/connexion`)
        if (response?.status() !== 200) throw new Error(`the sign-in page answered ${response?.status()}`)
        await page.getByLabel('Adresse e-mail').fill(email)
        await page.getByLabel('Mot de passe').fill(password)
        await page.getByRole('button', { name: 'Se connecter' }).click()
        await page.waitForURL(/\/admin/)
        return page
      },
      get smtp() {
        return needs(smtp, 'mail')
      },
      get worker() {
        return needs(worker, 'mail')
      },
      workerErrors,
      waitForMails: (email, count, timeoutMs = 10_000) =>
        needs(smtp, 'mail').waitForTo(
          email,
          count,
          timeoutMs,
          () => `(worker errors: ${workerErrors.join('; ') || 'none'})`,
        ),
      stop,
    }
  } catch (error) {
    // A journey that could not start leaves nothing running behind it.
    await stop()
    throw error
  }
}
