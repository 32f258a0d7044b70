import { existsSync } from 'node:fs'
import { chromium, type Browser } from 'playwright-core'

/** The Debian chromium package; browsers are never downloaded. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

/**
 * Whether browser journeys can run here. In CI Chromium is required (.ci/run installs it), so its absence
 * fails the run; on a developer machine without it the journeys are skipped with a notice.
 */
export function browserAvailable(): boolean {
  if (existsSync(CHROMIUM_PATH)) return true
  if (process.env.CI) throw new Error(`Chromium is required in CI but ${CHROMIUM_PATH} is missing (apt-get install chromium)`)
  console.warn(`[browser journeys skipped] ${CHROMIUM_PATH} not found: install the Debian package 'chromium' to run them.`)
  return false
}

/** The Debian Chromium, headless; `extraArgs` adds switches (a fake camera, for instance). */
export async function launchChromium(extraArgs: readonly string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--headless',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...extraArgs,
    ],
  })
}
