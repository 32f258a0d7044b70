import autocannon from 'autocannon'

/** The bare Fastify POST's requests per second (bench/baseline-server.ts /echo, a small JSON body), by autocannon. */
export async function measureBarePost(
  baseUrl: string,
  connections: number,
  seconds: number,
): Promise<number> {
  const result = await autocannon({
    url: `${baseUrl}/echo`,
    method: 'POST',
    connections,
    duration: seconds,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      contact: { name: 'Résident', email: 'resident@example.fr' },
      payment: { method: 'counter' },
    }),
  })
  if (result.non2xx + result.errors > 0) throw new Error('the baseline endpoint failed')
  return result.requests.total / result.duration
}
