import { spawn, type ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { createInterface } from 'node:readline'

export interface ChildServer {
  pid: number
  baseUrl: string
  /** Peak resident set size so far (VmHWM), in MiB: read it before stop(). */
  peakRssMb(): number
  stop(): Promise<void>
}

/**
 * Starts a server script in its own Node process, through tsx as `npm start` runs the app, and waits for
 * the `{"port":N}` line it prints once listening. A separate process keeps the load generator off the
 * server's event loop and makes the server's own memory measurable.
 */
export async function startChildServer(script: string, args: readonly string[]): Promise<ChildServer> {
  const child = spawn(process.execPath, [...startFlags(), '--import', 'tsx', script, ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const port = await readPort(child, script)
  const pid = child.pid!
  return {
    pid,
    baseUrl: `http://127.0.0.1:${port}`,
    peakRssMb: () => statusKb(pid, 'VmHWM') / 1024,
    stop: () => stopChild(child),
  }
}

/** The V8 flags `npm start` gives the server (heap limits), read from package.json so both stay the same. */
function startFlags(): string[] {
  const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    scripts: Record<string, string>
  }
  // BENCH_NODE_FLAGS adds flags for an investigation, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof".
  return [
    ...(manifest.scripts.start?.match(/--max-[a-z-]+=\d+/g) ?? []),
    ...(process.env.BENCH_NODE_FLAGS?.split(' ').filter(Boolean) ?? []),
  ]
}

function readPort(child: ChildProcess, script: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`${script} did not report its port within 60 s`)), 60_000)
    const lines = createInterface({ input: child.stdout! })
    const fail = (error: Error) => {
      clearTimeout(timer)
      child.kill('SIGKILL')
      reject(error)
    }
    child.once('exit', (code) => fail(new Error(`${script} exited with code ${code} before listening`)))
    lines.on('line', (line) => {
      let port: unknown
      try {
        port = (JSON.parse(line) as { port?: unknown }).port
      } catch {
        return // not our line: whatever the script printed is ignored
      }
      if (typeof port === 'number') {
        clearTimeout(timer)
        child.removeAllListeners('exit')
        resolve(port)
      }
    })
  })
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000)
    child.once('exit', () => {
      clearTimeout(timer)
      resolve()
    })
    child.kill('SIGTERM')
  })
}

/** A kB figure of /proc/<pid>/status (Linux): VmHWM is the peak RSS, VmRSS the current one. */
function statusKb(pid: number, field: 'VmHWM' | 'VmRSS'): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)
  if (!match) throw new Error(`no ${field} in /proc/${pid}/status`)
  return Number(match[1])
}
