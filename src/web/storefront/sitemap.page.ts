import type { FastifyInstance } from 'fastify'
import type { AppDeps } from '../../http/deps.js'
import { AppError } from '../../lib/app-error.js'
import { listCategories, listPublishedProductAddresses } from '../../modules/catalog/index.js'
import { absoluteUrl, categoryPath, productPath, shopPath } from '../views/storefront-shell.js'
import { listAllShops } from './home.page.js'

/** The sitemap protocol's limit per file (UX-29); at ~200 bytes a URL, 50,000 stay far below 50 MB. */
const SITEMAP_MAX_URLS = 50_000

export interface SitemapUrl {
  loc: string
  lastmod?: string | undefined
}

/**
 * The URLs of the site in a fixed order: the "fixed" ones (home, statement, shops, categories) first, then
 * every published product. Part n (from 1) holds global positions [(n-1)·size, n·size); this says which
 * fixed URLs and which product offsets that is, so a part never loads the whole catalog.
 */
export function partRange(part: number, pageSize: number, fixedCount: number) {
  const start = (part - 1) * pageSize
  const end = start + pageSize
  const fixedStart = Math.min(start, fixedCount)
  const fixedEnd = Math.min(end, fixedCount)
  const productOffset = Math.max(0, start - fixedCount)
  const productLimit = Math.max(0, end - Math.max(start, fixedCount))
  return { fixedStart, fixedEnd, productOffset, productLimit }
}

/** How many parts the URLs fill: probes one row at each part boundary instead of counting every product. */
export async function countParts(
  pageSize: number,
  fixedCount: number,
  productExistsAt: (offset: number) => Promise<boolean>,
): Promise<number> {
  let parts = 1
  for (;;) {
    const boundary = parts * pageSize
    const more = boundary < fixedCount || (await productExistsAt(boundary - fixedCount))
    if (!more) return parts
    parts++
  }
}

const escapeXml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

export function urlsetXml(urls: readonly SitemapUrl[]): string {
  const lines = urls.map(
    (u) =>
      `<url><loc>${escapeXml(u.loc)}</loc>${u.lastmod ? `<lastmod>${escapeXml(u.lastmod)}</lastmod>` : ''}</url>`,
  )
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${lines.join('\n')}\n</urlset>\n`
}

export function sitemapIndexXml(locs: readonly string[]): string {
  const lines = locs.map((loc) => `<sitemap><loc>${escapeXml(loc)}</loc></sitemap>`)
  return `<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${lines.join('\n')}\n</sitemapindex>\n`
}

/** Registers /sitemap.xml, its parts and /robots.txt; tests pass a small page size to see the split. */
export function registerSitemap(
  app: FastifyInstance,
  deps: AppDeps,
  options: { pageSize?: number } = {},
): void {
  const pageSize = options.pageSize ?? SITEMAP_MAX_URLS
  const url = (path: string) => absoluteUrl(deps.publicUrl, path)

  async function fixedUrls(): Promise<SitemapUrl[]> {
    const [shops, categories] = await Promise.all([listAllShops(deps.db), listCategories(deps.db)])
    return [
      { loc: url('/') },
      { loc: url('/accessibilite') },
      ...shops.map((s) => ({ loc: url(shopPath(s.slug)), lastmod: s.updatedAt })),
      ...categories.map((c) => ({ loc: url(categoryPath(c.slug)) })),
    ]
  }

  async function productUrls(offset: number, limit: number): Promise<SitemapUrl[]> {
    if (limit <= 0) return []
    const rows = await listPublishedProductAddresses(deps.db, { offset, limit })
    return rows.map((r) => ({ loc: url(productPath(r.shopSlug, r.productSlug)), lastmod: r.updatedAt }))
  }

  const productExistsAt = async (offset: number) =>
    (await listPublishedProductAddresses(deps.db, { offset, limit: 1 })).length > 0

  async function part(n: number, fixed: SitemapUrl[]): Promise<string> {
    const range = partRange(n, pageSize, fixed.length)
    return urlsetXml([
      ...fixed.slice(range.fixedStart, range.fixedEnd),
      ...(await productUrls(range.productOffset, range.productLimit)),
    ])
  }

  app.get('/sitemap.xml', async (_req, reply) => {
    const fixed = await fixedUrls()
    const parts = await countParts(pageSize, fixed.length, productExistsAt)
    const body =
      parts === 1
        ? await part(1, fixed)
        : sitemapIndexXml(Array.from({ length: parts }, (_, i) => url(`/sitemap-${i + 1}.xml`)))
    return reply
      .header('cache-control', 'public, max-age=3600')
      .type('application/xml; charset=utf-8')
      .send(body)
  })

  app.get('/sitemap-:part.xml', async (req, reply) => {
    const raw = (req.params as { part: string }).part
    const n = /^[1-9]\d{0,5}$/.test(raw) ? Number(raw) : 0
    const fixed = await fixedUrls()
    if (n < 1 || n > (await countParts(pageSize, fixed.length, productExistsAt)))
      throw new AppError('not_found', 'http.not_found', 'no such sitemap part')
    return reply
      .header('cache-control', 'public, max-age=3600')
      .type('application/xml; charset=utf-8')
      .send(await part(n, fixed))
  })

  app.get('/robots.txt', async (_req, reply) => {
    const body = [
      'User-agent: *',
      'Allow: /',
      'Disallow: /admin',
      'Disallow: /api',
      '',
      `Sitemap: ${url('/sitemap.xml')}`,
      '',
    ].join('\n')
    return reply.header('cache-control', 'public, max-age=3600').type('text/plain; charset=utf-8').send(body)
  })
}
