import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import type { Engine } from '../../src/db/index.js'
import { startThrowawayPostgres } from '../../test/harness/postgres.js'

/** An empty database for one benchmark run: a SQLite file in a temporary folder, or a throwaway PostgreSQL. */
export async function freshBenchDatabase(
  engine: Engine,
  name: string,
): Promise<{ url: string; close(): Promise<void> }> {
  if (engine === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), `comptoir-bench-${name}-`))
    return { url: join(dir, `${name}.db`), close: async () => rmSync(dir, { recursive: true, force: true }) }
  }
  const server = await startThrowawayPostgres()
  const admin = new pg.Client({ connectionString: server.url })
  await admin.connect()
  await admin.query(`create database ${name}`)
  await admin.end()
  return { url: server.url.replace(/\/postgres$/, `/${name}`), close: () => server.stop() }
}

/** Progress lines on stderr, stamped with the time of day. */
export const benchLog = (line: string) =>
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}\n`)
