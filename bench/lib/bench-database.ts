import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { sql } from 'kysely'
import pg from 'pg'
import { openDatabase, type Db, type Engine } from '../../src/db/index.js'
import { migrateToLatest } from '../../src/db/migrations/index.js'
import { startThrowawayPostgres } from '../../test/harness/postgres.js'
import { generateTown } from './generate-town.js'
import { TOWN_DATA_VERSION, type TownSize } from './town.js'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const CACHE_DIR = join(ROOT, '.bench')

export interface BenchDatabase {
  engine: Engine
  /** What bench/server.ts opens. */
  url: string
  /** The bench process's own connection, for the in-process measurements. */
  db: Db
  /** Seconds spent generating the town; undefined when a cached database was reused. */
  generationSeconds: number | undefined
  close(): Promise<void>
}

/**
 * A SQLite town, cached under .bench/ because generating 100,000 products takes minutes. The file name
 * carries the data version and a hash of the code that decides what is stored (migrations, search
 * indexing, import), so a change there builds a new file instead of measuring stale rows.
 */
export async function prepareSqlite(
  size: TownSize,
  options: { regenerate: boolean; log: (line: string) => void },
): Promise<BenchDatabase> {
  mkdirSync(CACHE_DIR, { recursive: true })
  const name = `catalog-v${TOWN_DATA_VERSION}-${size.shops}x${size.productsPerShop}-${storageHash()}.db`
  const file = join(CACHE_DIR, name)
  let generationSeconds: number | undefined
  if (options.regenerate || !existsSync(file)) {
    for (const old of readdirSync(CACHE_DIR))
      if (old.startsWith(`catalog-v`) && old.includes(`-${size.shops}x${size.productsPerShop}-`))
        rmSync(join(CACHE_DIR, old))
    const partial = `${file}.partial`
    rmSync(partial, { force: true })
    const opened = openDatabase(partial)
    await migrateToLatest(opened.db)
    options.log(`sqlite: generating ${size.shops} shops × ${size.productsPerShop} products into ${partial}`)
    generationSeconds = (await generateTown(opened.db, size, options.log)).seconds
    // Closing the last connection checkpoints the WAL into the file, so one file is the whole database.
    await opened.close()
    renameSync(partial, file)
  } else {
    options.log(`sqlite: reusing ${file}`)
  }
  const opened = openDatabase(file)
  return { engine: 'sqlite', url: file, db: opened.db, generationSeconds, close: opened.close }
}

/** A PostgreSQL town in a throwaway server, generated on each run (the server is gone afterwards). */
export async function preparePostgres(
  size: TownSize,
  options: { log: (line: string) => void },
): Promise<BenchDatabase> {
  const server = await startThrowawayPostgres()
  const admin = new pg.Client({ connectionString: server.url })
  await admin.connect()
  await admin.query('create database bench')
  await admin.end()
  const url = server.url.replace(/\/postgres$/, '/bench')
  const opened = openDatabase(url)
  await migrateToLatest(opened.db)
  options.log(`postgres: generating ${size.shops} shops × ${size.productsPerShop} products`)
  const { seconds } = await generateTown(opened.db, size, options.log)
  // Autovacuum would analyze the fresh tables on its own within minutes; do it now, as a live server has.
  await sql`analyze`.execute(opened.db)
  return {
    engine: 'postgres',
    url,
    db: opened.db,
    generationSeconds: seconds,
    close: async () => {
      await opened.close()
      await server.stop()
    },
  }
}

/** A short hash of the sources that decide the stored rows. */
function storageHash(): string {
  const hash = createHash('sha256')
  const files = [
    ...readdirSync(join(ROOT, 'src/db/migrations')).map((f) => `src/db/migrations/${f}`),
    'src/modules/catalog/search-text.ts',
    'src/modules/catalog/search-index.ts',
    'src/modules/catalog/import-products.ts',
    'bench/lib/town.ts',
    'bench/lib/vocabulary.ts',
    'bench/lib/vocabulary-food.ts',
    'bench/lib/vocabulary-other.ts',
  ].sort()
  for (const f of files) hash.update(f).update(readFileSync(join(ROOT, f)))
  return hash.digest('hex').slice(0, 10)
}
