import Fastify from 'fastify'

/**
 * The baseline: a bare Fastify app with one small JSON endpoint, started the same way as the app under test,
 * so "product page at 40 % of the baseline" compares our work against Fastify's own floor on this machine today.
 */
const app = Fastify({ logger: false })
app.get('/', async () => ({ name: 'Comptoir', status: 'ok', shops: 200 }))
// The POST baseline of bench:checkout: Fastify parses the JSON body and answers 201.
app.post('/echo', async (req, reply) => reply.code(201).send({ received: typeof req.body === 'object' }))
await app.listen({ host: '127.0.0.1', port: 0 })
const address = app.server.address()
console.log(JSON.stringify({ port: typeof address === 'object' && address ? address.port : 0 }))
process.once('SIGTERM', () => {
  void app.close().finally(() => process.exit(0))
})
