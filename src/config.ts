import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'

/** Everything the app reads from its environment, typed and checked. The only file that reads process.env. */
export interface Config {
  host: string
  port: number
  /** `sqlite:<file>` (default) or `postgres://…` */
  databaseUrl: string
  dataDir: string
  mediaDir: string
  /** The address residents use, for absolute links (sitemap, JSON-LD, emails). */
  publicUrl: string
  /** The site operator's address, shown on the accessibility statement. */
  contactEmail: string
  /** Signs cookies; generated once into the data directory when not given. */
  cookieSecret: string
  logLevel: string
  /** Seed the demo town on start when the database has no shop. */
  seedDemo: boolean
  /** Secure cookies need HTTPS; off for http://localhost. */
  secureCookies: boolean
  trustProxy: boolean
  /** smtp://user:password@host:587; without it, mail is kept in the local mailbox (/admin/boite-mail). */
  smtpUrl: string | undefined
  /** The sender of transactional mail. */
  mailFrom: string
  /** Memory for rendered storefront pages of visitors who are not signed in, in MB; 0 turns it off. */
  pageCacheMb: number
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const dataDir = resolve(env.DATA_DIR ?? './data')
  const port = Number(env.PORT ?? 3000)
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT must be a port number, got ${env.PORT}`)
  const pageCacheMb = Number(env.PAGE_CACHE_MB ?? 32)
  if (!Number.isFinite(pageCacheMb) || pageCacheMb < 0)
    throw new Error(
      `PAGE_CACHE_MB must be a number of megabytes (0 turns the cache off), got ${env.PAGE_CACHE_MB}`,
    )
  const publicUrl = (env.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/$/, '')
  if (!/^https?:\/\//.test(publicUrl)) throw new Error('PUBLIC_URL must start with http:// or https://')
  const contactEmail = env.CONTACT_EMAIL ?? `contact@${new URL(publicUrl).hostname}`
  return {
    host: env.HOST ?? '0.0.0.0',
    port,
    databaseUrl: env.DATABASE_URL ?? `sqlite:${join(dataDir, 'comptoir.db')}`,
    dataDir,
    mediaDir: resolve(env.MEDIA_DIR ?? join(dataDir, 'media')),
    publicUrl,
    contactEmail,
    cookieSecret: env.COOKIE_SECRET ?? persistentSecret(dataDir),
    logLevel: env.LOG_LEVEL ?? 'info',
    seedDemo: (env.SEED_DEMO ?? 'auto') !== 'off',
    secureCookies: publicUrl.startsWith('https://'),
    trustProxy: env.TRUST_PROXY === 'true',
    pageCacheMb,
    smtpUrl: env.SMTP_URL || undefined,
    mailFrom: env.MAIL_FROM ?? `Comptoir <${contactEmail}>`,
  }
}

function persistentSecret(dataDir: string): string {
  const file = join(dataDir, 'cookie-secret')
  if (existsSync(file)) return readFileSync(file, 'utf8').trim()
  mkdirSync(dataDir, { recursive: true })
  const secret = randomBytes(32).toString('base64url')
  writeFileSync(file, secret, { mode: 0o600 })
  return secret
}
