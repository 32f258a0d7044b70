import { AxeBuilder } from '@axe-core/playwright'
import type { Page } from 'playwright-core'

/** Serious or critical axe findings on the page (WCAG 2.1 AA, UX-27), each as "rule: selectors". */
export async function seriousAxeFindings(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze()
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
}

/** How many pixels the page scrolls sideways (UX-30: none at phone width). */
export async function horizontalOverflow(page: Page): Promise<number> {
  // A string expression: it runs in the page, where `document` exists (test files have no DOM types).
  return Math.max(
    0,
    await page.evaluate<number>(
      'document.documentElement.scrollWidth - document.documentElement.clientWidth',
    ),
  )
}

/** Both checks at once, for `expect(await audit(page)).toEqual({ serious: [], overflow: 0 })`. */
export async function audit(page: Page): Promise<{ serious: string[]; overflow: number }> {
  return { serious: await seriousAxeFindings(page), overflow: await horizontalOverflow(page) }
}
