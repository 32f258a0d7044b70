import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { inject } from 'vitest'
import { openDatabase, type OpenedDatabase } from '../../src/db/index.js'

/** An empty database on the engine, not migrated, and how to remove it. */
export async function emptyDatabase(
  engine: 'sqlite' | 'postgres',
): Promise<{ opened: OpenedDatabase; drop(): Promise<void> }> {
  if (engine === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'comptoir-migration-'))
    return {
      opened: openDatabase(join(dir, 'test.db')),
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    }
  }
  const adminUrl = inject('postgresUrl')
  const name = `m_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`
  const admin = new pg.Client({ connectionString: adminUrl })
  await admin.connect()
  await admin.query(`create database ${name}`)
  await admin.end()
  const opened = openDatabase(adminUrl.replace(/\/postgres$/, `/${name}`))
  return {
    opened,
    drop: async () => {
      const client = new pg.Client({ connectionString: adminUrl })
      await client.connect()
      await client.query(`drop database if exists ${name} with (force)`)
      await client.end()
    },
  }
}
