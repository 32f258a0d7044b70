/** The storefront routes the benchmark needs, found on the running server before any measurement. */
export interface BenchRoutes {
  /** '/recherche' (the HTML search page) or '/api/v1/search' when only the API exists; undefined when neither. */
  search: string | undefined
  productPages: boolean
  problems: string[]
}

/**
 * Asks the server for a search and a product page once. A missing route must stop the benchmark with a
 * clear message: load on a 404 would measure Fastify's not-found handler, not our pages.
 */
export async function findRoutes(baseUrl: string, productPath: string): Promise<BenchRoutes> {
  const problems: string[] = []
  let search: string | undefined
  for (const route of ['/recherche', '/api/v1/search']) {
    const answer = await probe(baseUrl, `${route}?q=pain`)
    if (answer.status === 200) {
      search = route
      break
    }
    problems.push(`GET ${route}?q=pain answered ${answer.status}: ${answer.excerpt}`)
  }
  const product = await probe(baseUrl, productPath)
  if (product.status !== 200)
    problems.push(`GET ${productPath} (a published product) answered ${product.status}: ${product.excerpt}`)
  return {
    search,
    productPages: product.status === 200,
    problems: search && product.status === 200 ? [] : problems,
  }
}

async function probe(baseUrl: string, path: string): Promise<{ status: number; excerpt: string }> {
  const response = await fetch(baseUrl + path, { headers: { accept: 'text/html,application/json' } })
  const body = await response.text()
  return { status: response.status, excerpt: body.replace(/\s+/g, ' ').slice(0, 200) }
}
