import { existsSync } from 'node:fs'
import { chromium, type Browser, type BrowserContext } from 'playwright-core'

/** The Debian chromium package; browsers are never downloaded. */
const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

/**
 * Whether browser journeys can run here. In CI Chromium is required (.ci/run installs it), so its absence
 * fails the run; on a developer machine without it the journeys are skipped with a notice.
 */
export function browserAvailable(): boolean {
  if (existsSync(CHROMIUM_PATH)) return true
  if (process.env.CI)
    throw new Error(`Chromium is required in CI but ${CHROMIUM_PATH} is missing (apt-get install chromium)`)
  console.warn(
    `[browser journeys skipped] ${CHROMIUM_PATH} not found: install the Debian package 'chromium' to run them.`,
  )
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

/**
 * A phone-sized French browser context whose pages report what a journey must never meet: script errors and
 * answers of 500 or more, pushed to `problems` (checked at the end of the journey).
 */
export async function phoneContext(browser: Browser, problems: string[]): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'fr-FR' })
  // A missing element fails the step well within the test's own timeout.
  context.setDefaultTimeout(10_000)
  context.on('page', (page) => {
    page.on('pageerror', (error) => problems.push(`${page.url()}: ${error.message}`))
    page.on('response', (response) => {
      if (response.status() >= 500)
        problems.push(`${response.request().method()} ${response.url()}: HTTP ${response.status()}`)
    })
  })
  return context
}
