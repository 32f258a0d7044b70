import { beforeAll, expect, it } from 'vitest'
import { forEachEngine } from '../../test/harness/engines.js'
import { FormClient, useTestApp } from '../../test/harness/app.js'
import { createUser } from '../modules/identity/index.js'
import { systemClock } from '../lib/clock.js'

forEachEngine('http basics', ({ db }) => {
  const server = useTestApp(db, { loginRateLimit: 5 })
  beforeAll(async () => {
    await createUser(
      { db: db(), clock: systemClock },
      { email: 'ana@example.fr', password: 'un mot de passe long', displayName: 'Ana' },
    )
  })

  it('signs a resident in with the form and out again', async () => {
    const client = new FormClient(server.baseUrl)
    await client.signIn('ana@example.fr', 'un mot de passe long')
    const me = await client.api('GET', '/api/v1/me')
    expect(me.json.email).toBe('ana@example.fr')
    await client.get('/connexion')
    expect((await client.postForm('/deconnexion', {})).status).toBe(303)
    expect((await client.api('GET', '/api/v1/me')).status).toBe(401)
  })

  it('refuses a form posted without its CSRF token', async () => {
    const client = new FormClient(server.baseUrl)
    await client.get('/connexion')
    const res = await client.postForm(
      '/connexion',
      { email: 'ana@example.fr', password: 'un mot de passe long' },
      { withCsrf: false },
    )
    expect(res.status).toBe(403)
    expect(res.body).toContain('Le formulaire a expiré')
  })

  it('says a wrong password in French, without saying which part was wrong', async () => {
    const client = new FormClient(server.baseUrl)
    await client.get('/connexion')
    const res = await client.postForm('/connexion', {
      email: 'ana@example.fr',
      password: 'mauvais mot de passe',
    })
    expect(res.status).toBe(401)
    expect(res.body).toContain('Adresse e-mail ou mot de passe incorrect')
  })

  it('rate-limits login attempts', async () => {
    const client = new FormClient(server.baseUrl)
    await client.get('/connexion')
    const statuses: number[] = []
    for (let i = 0; i < 8; i++)
      statuses.push(
        (await client.postForm('/connexion', { email: 'x@example.fr', password: 'nope nope nope' })).status,
      )
    expect(statuses).toContain(429)
  })

  it('answers unknown API paths with problem+json and unknown pages with a French page', async () => {
    const api = await fetch(`${server.baseUrl}/api/v1/nothing-here`)
    expect(api.status).toBe(404)
    expect(api.headers.get('content-type')).toContain('application/problem+json')
    const page = await fetch(`${server.baseUrl}/nulle-part`, { headers: { accept: 'text/html' } })
    expect(page.status).toBe(404)
    expect(await page.text()).toContain('Page introuvable')
  })

  it('publishes an OpenAPI 3.1 document', async () => {
    const doc = (await (await fetch(`${server.baseUrl}/api/openapi.json`)).json()) as {
      openapi: string
      paths: Record<string, unknown>
    }
    expect(doc.openapi).toBe('3.1.0')
    expect(Object.keys(doc.paths)).toContain('/api/v1/session')
  })
})

forEachEngine('signing out from any page', ({ db }) => {
  const server = useTestApp(db)
  beforeAll(async () => {
    await createUser(
      { db: db(), clock: systemClock },
      { email: 'leo@example.fr', password: 'un mot de passe long', displayName: 'Léo' },
    )
  })

  it('works with the form every signed-in page carries', async () => {
    const client = new FormClient(server.baseUrl)
    await client.signIn('leo@example.fr', 'un mot de passe long')
    const page = await client.get('/connexion')
    expect(page.body).toContain('action="/deconnexion"')
    const token = /action="\/deconnexion"[^>]*><input type="hidden" name="_csrf" value="([^"]+)"/.exec(
      page.body,
    )?.[1]
    expect(token).toBeTruthy()
    const res = await client.postForm('/deconnexion', { _csrf: token! }, { withCsrf: false })
    expect(res.status).toBe(303)
    expect((await client.api('GET', '/api/v1/me')).status).toBe(401)
  })
})

forEachEngine('account API input', ({ db }) => {
  const server = useTestApp(db)

  it('refuses unknown fields instead of ignoring them', async () => {
    const client = new FormClient(server.baseUrl)
    const res = await client.api('POST', '/api/v1/session', {
      email: 'a@example.fr',
      password: 'x',
      remember: true,
    })
    expect(res.status).toBe(400)
    expect(res.json).toMatchObject({ code: 'http.invalid_request', field: 'remember' })
  })

  it('creates an account and answers a second one with the same email in French', async () => {
    const client = new FormClient(server.baseUrl)
    const body = { email: 'Zoe@Example.fr', password: 'un mot de passe long', displayName: 'Zoé' }
    expect((await client.api('POST', '/api/v1/accounts', body)).status).toBe(201)
    const again = await new FormClient(server.baseUrl).api('POST', '/api/v1/accounts', {
      ...body,
      email: 'zoe@example.fr',
    })
    expect(again.status).toBe(409)
    expect(again.json).toMatchObject({
      code: 'identity.email_taken',
      field: 'email',
      title: 'Un compte existe déjà avec cette adresse e-mail.',
    })
  })
})
