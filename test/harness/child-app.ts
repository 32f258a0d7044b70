import { spawn, type ChildProcess } from 'node:child_process'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'

export interface ChildApp {
  baseUrl: string
  /** kill -9: the process gets no chance to finish anything (the crash of a power cut, for the app). */
  crash(): void
  /** Resolves once the process is gone, whatever ended it. */
  exited: Promise<void>
}

const SERVER_SCRIPT = fileURLToPath(new URL('../../bench/server.ts', import.meta.url))
const running = new Set<ChildProcess>()

/**
 * The real app (bench/server.ts: buildApp over `databaseUrl`, system clock, silent logs) in its own Node
 * process, so a test can kill it as a crash would. Resolves once it listens.
 */
export async function startChildApp(
  databaseUrl: string,
  env: Record<string, string> = {},
): Promise<ChildApp> {
  // Full durability unless the test asks otherwise, whatever the caller's shell has set (bench's DURABILITY=relaxed).
  const child = spawn(process.execPath, ['--import', 'tsx', SERVER_SCRIPT, databaseUrl], {
    env: { ...process.env, DURABILITY: 'full', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  running.add(child)
  // The server logs nothing (silent): stderr only holds why it failed to start, kept for the error message.
  let errors = ''
  child.stderr!.on('data', (chunk: Buffer) => (errors = (errors + chunk.toString()).slice(-8_000)))
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  void exited.then(() => running.delete(child))
  let listening = false
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(
      () => fail(new Error('the child app did not report its port within 30 s')),
      30_000,
    )
    const fail = (error: Error) => {
      clearTimeout(timer)
      child.kill('SIGKILL')
      reject(new Error(`${error.message}\n${errors}`))
    }
    void exited.then(
      () =>
        listening ||
        fail(new Error(`the child app exited before listening (${child.exitCode ?? child.signalCode})`)),
    )
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const port = /^\{"port":(\d+)\}$/.exec(line.trim())?.[1]
      if (port) {
        listening = true
        clearTimeout(timer)
        resolve(Number(port))
      }
    })
  })
  return { baseUrl: `http://127.0.0.1:${port}`, crash: () => child.kill('SIGKILL'), exited }
}

/** For afterAll: no child app outlives its test file, even when a test failed half-way. */
export async function killChildApps(): Promise<void> {
  const children = [...running]
  for (const child of children) child.kill('SIGKILL')
  await Promise.all(
    children.map(
      (child) =>
        new Promise<void>((resolve) =>
          child.exitCode !== null || child.signalCode !== null
            ? resolve()
            : child.once('exit', () => resolve()),
        ),
    ),
  )
}
