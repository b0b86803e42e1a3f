import { AxeBuilder } from '@axe-core/playwright'
import type { Result } from 'axe-core'
import type { Browser, BrowserContext, Page } from 'playwright-core'

/** WCAG 2.2 AA, as the conventions ask: every rule axe has for these levels. */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']

export interface AccessibilityCheck {
  url: string
  title: string
  violations: Result[]
}

/** One line per violation and per element, so a failure says what to fix and where. */
export function describeViolations(check: AccessibilityCheck): string {
  const lines = [`Accessibility violations on ${check.url} (“${check.title}”):`]
  for (const violation of check.violations) {
    lines.push(`  ${violation.id} [${violation.impact ?? 'unknown'}]: ${violation.help} (${violation.helpUrl})`)
    for (const node of violation.nodes.slice(0, 8)) {
      lines.push(`    at ${node.target.join(' ')}: ${node.html.replace(/\s+/g, ' ').slice(0, 200)}`)
      if (node.failureSummary) lines.push(`       ${node.failureSummary.replace(/\s+/g, ' ').slice(0, 300)}`)
    }
    if (violation.nodes.length > 8) lines.push(`    … and ${violation.nodes.length - 8} more`)
  }
  return lines.join('\n')
}

/** Run axe on a page whose own scripts may run (a JavaScript-enabled context). */
export async function axeOnLivePage(page: Page): Promise<AccessibilityCheck> {
  const results = await new AxeBuilder({ page }).setLegacyMode(true).withTags(AXE_TAGS).analyze()
  return { url: page.url(), title: await page.title(), violations: results.violations }
}

/**
 * axe cannot run inside a page whose context has JavaScript turned off (its timers never fire). So for
 * such a page we check an exact copy of what the user sees: the page's current DOM, served at the same
 * address (so its stylesheets load) in a JavaScript-enabled helper page, with every script removed so
 * nothing changes the copy. Colour contrast, landmarks, labels and headings are those of the no-JS page.
 */
export class NoScriptAxe {
  #context: BrowserContext | undefined
  #page: Page | undefined
  constructor(private readonly browser: Browser) {}

  async check(page: Page): Promise<AccessibilityCheck> {
    const url = page.url()
    const html = (await page.content()).replace(/<script\b[^>]*>[\s\S]*?<\/script>/gi, '')
    if (!this.#page) {
      this.#context = await this.browser.newContext({ javaScriptEnabled: true })
      this.#page = await this.#context.newPage()
      // Scripts never run in the copy; stylesheets and images come from the app itself.
      await this.#page.route(/\.m?js(\?|$)/, route => route.abort())
    }
    const copy = this.#page
    const target = new URL(url)
    const matcher = (candidate: URL) => candidate.href === target.href
    await copy.route(matcher, route =>
      route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }),
    )
    try {
      await copy.goto(url, { waitUntil: 'load' })
    } finally {
      await copy.unroute(matcher)
    }
    const check = await axeOnLivePage(copy)
    return { ...check, url }
  }

  async close(): Promise<void> {
    await this.#context?.close()
  }
}
