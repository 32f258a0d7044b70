import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll } from 'vitest'
import { buildApp, composeModules, type AppDeps, type AppSettings } from '../../src/app.js'
import type { Db } from '../../src/db/index.js'
import { engineOf } from '../../src/db/index.js'
import { ChangeFeed } from '../../src/lib/change-feed.js'
import { systemClock } from '../../src/lib/clock.js'
import type { ShopId } from '../../src/lib/ids.js'
import { SESSION_COOKIE } from '../../src/http/auth.js'
import { openSession } from '../../src/modules/identity/index.js'
import { builtInPaymentProviders } from '../../src/modules/payments/index.js'
import type { StaffRole } from '../../src/modules/shops/index.js'
import { aStaffMember } from '../factories/shops.js'
import type { Json } from './json.js'

export interface TestApp {
  app: FastifyInstance
  /** http://127.0.0.1:<port> of the listening server: tests use real fetch calls. */
  baseUrl: string
  /** What the app's edges were given, modules included: tests call module functions with it. */
  deps: AppDeps
  close(): Promise<void>
}

/** The real app on a random loopback port, over the given database. */
export async function startTestApp(db: Db, overrides: TestAppOptions = {}): Promise<TestApp> {
  const settings: AppSettings = {
    db,
    engine: engineOf(db),
    clock: systemClock,
    changes: new ChangeFeed(),
    payments: builtInPaymentProviders(db),
    mailTransport: undefined,
    mailFrom: 'Comptoir <contact@comptoir.test>',
    pageCacheMb: 8,
    mediaDir: mkdtempSync(join(tmpdir(), 'comptoir-media-')),
    publicUrl: 'http://localhost',
    contactEmail: 'contact@comptoir.test',
    cookieSecret: 'test-cookie-secret-test-cookie-secret',
    secureCookies: false,
    trustProxy: false,
    logLevel: 'silent',
    ...overrides,
  }
  const app = await buildApp(settings)
  const deps: AppDeps = { ...settings, modules: composeModules(settings) }
  await app.listen({ host: '127.0.0.1', port: 0 })
  const address = app.server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  return { app, baseUrl: `http://127.0.0.1:${port}`, deps, close: () => app.close() }
}

/** What a suite changes in the test app: its clock, its rate limits, its payment providers… */
export type TestAppOptions = Partial<AppSettings>

/**
 * For a suite that talks to the app over HTTP: the real app over the suite's database (`db` of `forEachEngine`),
 * listening on a loopback port from the suite's start (beforeAll) to its end (afterAll). `options` is read when the
 * app starts: pass a function for options that need the database. Read the members of the answer inside tests.
 */
export function useTestApp(db: () => Db, options: TestAppOptions | (() => TestAppOptions) = {}): TestApp {
  let server: TestApp | undefined
  beforeAll(async () => {
    server = await startTestApp(db(), typeof options === 'function' ? options() : options)
  })
  afterAll(async () => server?.close())
  const started = (): TestApp => {
    if (!server) throw new Error('the test app starts in beforeAll: use it inside tests and hooks')
    return server
  }
  return {
    get app() {
      return started().app
    },
    get baseUrl() {
      return started().baseUrl
    },
    get deps() {
      return started().deps
    },
    close: () => started().close(),
  }
}

/** A JSON answer of the API, parsed (undefined for an empty body). */
export interface JsonAnswer {
  status: number
  json: Json
}

/** One JSON API call with the given cookie header ('' for a visitor): for tests that act as several people. */
export async function callApi(
  baseUrl: string,
  cookie: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<JsonAnswer> {
  const res = await fetch(baseUrl + path, {
    method,
    headers: { cookie, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  })
  const text = await res.text()
  return { status: res.status, json: text ? JSON.parse(text) : undefined }
}

/**
 * A browser-like HTTP client without a browser: keeps cookies, reads the CSRF token from the last page,
 * and posts forms the way a browser does. For HTML-route tests that do not need Chromium.
 */
export class FormClient {
  private cookies: Map<string, string>
  private csrf: string | undefined

  /** `cookies` are those it starts with (a session opened by the test, for instance). */
  constructor(
    readonly baseUrl: string,
    cookies: Record<string, string> = {},
  ) {
    this.cookies = new Map(Object.entries(cookies))
  }

  async get(
    path: string,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; body: string; headers: Headers }> {
    const res = await fetch(this.baseUrl + path, {
      headers: { accept: 'text/html', cookie: this.cookieHeader(), ...headers },
      redirect: 'manual',
    })
    this.remember(res)
    const body = await res.text()
    const token = /name="_csrf" value="([^"]+)"/.exec(body)?.[1]
    if (token) this.csrf = token
    return { status: res.status, body, headers: res.headers }
  }

  /** Posts a form as a browser does; `headers` adds e.g. the Origin a browser sends. */
  async postForm(
    path: string,
    fields: Record<string, string>,
    options: { withCsrf?: boolean; headers?: Record<string, string> } = {},
  ) {
    const form = new URLSearchParams(fields)
    if (options.withCsrf !== false && this.csrf) form.set('_csrf', this.csrf)
    const res = await fetch(this.baseUrl + path, {
      method: 'POST',
      headers: {
        accept: 'text/html',
        'content-type': 'application/x-www-form-urlencoded',
        cookie: this.cookieHeader(),
        ...options.headers,
      },
      body: form.toString(),
      redirect: 'manual',
    })
    this.remember(res)
    return { status: res.status, body: await res.text(), location: res.headers.get('location') ?? undefined }
  }

  async postMultipart(path: string, form: FormData) {
    if (this.csrf && !form.has('_csrf')) form.set('_csrf', this.csrf)
    const res = await fetch(this.baseUrl + path, {
      method: 'POST',
      headers: { accept: 'text/html', cookie: this.cookieHeader() },
      body: form,
      redirect: 'manual',
    })
    this.remember(res)
    return { status: res.status, body: await res.text(), location: res.headers.get('location') ?? undefined }
  }

  /** JSON API call with this client's cookies. */
  async api(method: string, path: string, body?: unknown) {
    const res = await fetch(this.baseUrl + path, {
      method,
      headers: {
        cookie: this.cookieHeader(),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    })
    this.remember(res)
    const text = await res.text()
    return {
      status: res.status,
      contentType: res.headers.get('content-type') ?? '',
      json: text ? (JSON.parse(text) as Json) : undefined,
    }
  }

  async signIn(email: string, password: string): Promise<void> {
    await this.get('/connexion')
    const res = await this.postForm('/connexion', { email, password })
    if (res.status !== 303) throw new Error(`sign-in failed with ${res.status}`)
  }

  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ')
  }

  private remember(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';')
      const eq = pair!.indexOf('=')
      const name = pair!.slice(0, eq).trim()
      const value = pair!.slice(eq + 1).trim()
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(line)) this.cookies.delete(name)
      else this.cookies.set(name, value)
    }
  }
}

/** A member of `shopId`'s staff (or owner), signed in through the login form of `server`. */
export async function aSignedInStaffMember(
  server: TestApp,
  shopId: ShopId,
  role: StaffRole = 'staff',
): Promise<FormClient> {
  const user = await aStaffMember(server.deps.db, shopId, role, { displayName: 'Lou' }, server.deps.clock)
  const client = new FormClient(server.baseUrl)
  await client.signIn(user.email, user.password)
  return client
}

/**
 * A member of `shopId`'s staff (or owner) whose session the test opens itself, for API tests: no login request, so
 * a test may make as many as it needs without meeting the login rate limit. `cookieHeader()` gives the cookie for
 * callApi.
 */
export async function aStaffSession(
  server: TestApp,
  shopId: ShopId,
  role: StaffRole = 'staff',
): Promise<FormClient> {
  const { db, clock } = server.deps
  const user = await aStaffMember(db, shopId, role, {}, clock)
  const { token } = await openSession({ db, clock }, user.id)
  return new FormClient(server.baseUrl, { [SESSION_COOKIE]: token })
}
