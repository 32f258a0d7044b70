import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, inject, it } from 'vitest'
import pg from 'pg'
import { wantedEngines } from '../harness/engine-list.js'

/**
 * What a new user does: `comptoir serve` on an empty database creates, migrates and seeds the demo town,
 * then serves it. Runs the real CLI in a child process, on each engine.
 */
describe('comptoir serve on a fresh database', () => {
  const children: ChildProcess[] = []
  const dirs: string[] = []
  afterAll(() => {
    for (const child of children) child.kill('SIGTERM')
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
  })

  async function serve(env: Record<string, string>): Promise<string> {
    const dataDir = mkdtempSync(join(tmpdir(), 'comptoir-serve-'))
    dirs.push(dataDir)
    const port = String(20000 + Math.floor(Math.random() * 20000))
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'serve'], {
      env: { ...process.env, DATA_DIR: dataDir, PORT: port, HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    children.push(child)
    let output = ''
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()))
    const deadline = Date.now() + 150_000
    while (!output.includes('Comptoir est ouvert')) {
      if (child.exitCode !== null) throw new Error(`serve exited with ${child.exitCode}:\n${output}`)
      if (Date.now() > deadline) throw new Error(`serve did not start in time:\n${output}`)
      await new Promise((r) => setTimeout(r, 200))
    }
    expect(output).toMatch(/commerces, \d+ produits et \d+ commandes de démonstration créés/)
    return `http://127.0.0.1:${port}`
  }

  async function expectDemoTown(baseUrl: string) {
    const home = await fetch(baseUrl, { headers: { accept: 'text/html' } })
    expect(home.status).toBe(200)
    const page = await home.text()
    expect(page).toContain('Boulangerie')
    const search = await fetch(`${baseUrl}/api/v1/search?q=croisant`)
    expect(search.status).toBe(200)
    const results = (await search.json()) as { total: number; items: Array<{ name: string }> }
    expect(results.items.some((item) => /croissant/i.test(item.name))).toBe(true)
  }

  it.runIf(wantedEngines().includes('sqlite'))(
    'serves the demo town on SQLite',
    { timeout: 180_000 },
    async () => {
      await expectDemoTown(await serve({}))
    },
  )

  it.runIf(wantedEngines().includes('postgres'))(
    'serves the demo town on PostgreSQL',
    { timeout: 180_000 },
    async () => {
      const adminUrl = inject('postgresUrl')
      const name = `serve_${Date.now().toString(36)}`
      const admin = new pg.Client({ connectionString: adminUrl })
      await admin.connect()
      await admin.query(`create database ${name}`)
      await admin.end()
      await expectDemoTown(await serve({ DATABASE_URL: adminUrl.replace(/\/postgres$/, `/${name}`) }))
    },
  )
})
