import { Writable } from 'node:stream'
import Fastify from 'fastify'
import { expect, it } from 'vitest'
import { loggerOptions } from './app.js'

it('logs a request by its method and path: no link secret, no cookie, no client address, even when debugging', async () => {
  const lines: string[] = []
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString())
      done()
    },
  })
  const app = Fastify({ logger: { ...loggerOptions('debug'), stream } })
  app.get('/reservations/:id/annulation', async () => 'ok')
  await app.inject({
    method: 'GET',
    url: '/reservations/01ABC/annulation?jeton=SECRET-TOKEN',
    headers: { cookie: 'session=SESSION-ID' },
    remoteAddress: '203.0.113.9',
  })
  await app.close()
  const logged = lines.join('')
  expect(logged).toContain('"path":"/reservations/01ABC/annulation"')
  expect(logged).not.toContain('SECRET-TOKEN')
  expect(logged).not.toContain('SESSION-ID')
  expect(logged).not.toContain('203.0.113.9')
})
