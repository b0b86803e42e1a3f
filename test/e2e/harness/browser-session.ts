import { mkdirSync } from 'node:fs'
import path from 'node:path'

import type { Browser, BrowserContext, Locator, Page } from 'playwright-core'

import { axeOnLivePage, describeViolations, type AccessibilityCheck, type NoScriptAxe } from './accessibility.ts'

export interface SessionOptions {
  /** false: a context with JavaScript turned off, as for a user whose scripts are blocked. Default true. */
  javaScript?: boolean
}

/** Set CSP_HUB_E2E_SCREENSHOTS=<folder> to keep a full-page screenshot of every page checked. */
const SCREENSHOT_DIR = process.env.CSP_HUB_E2E_SCREENSHOTS
let screenshotCount = 0

/** How long a click or submit may take to bring the next page. */
const NAVIGATION_TIMEOUT_MS = 15_000

/**
 * One user's browser tab. Every page it loads is checked with axe: the navigation helpers (`goto`,
 * `navigate`, `clickLink`, `submit`) wait for the new page and check it at once, and a listener notes any
 * page loaded some other way, so `finish()` fails the test if a page was ever left unchecked. JavaScript
 * errors and Content-Security-Policy refusals in the console fail the test too.
 */
export class BrowserSession {
  readonly checks: AccessibilityCheck[] = []
  readonly #problems: string[] = []
  #unchecked: string | null = null
  #finished = false

  private constructor(
    readonly context: BrowserContext,
    readonly page: Page,
    readonly baseUrl: string,
    readonly javaScript: boolean,
    private readonly noScriptAxe: NoScriptAxe,
  ) {
    page.on('load', () => {
      if (this.#unchecked) this.#problems.push(`A page was left without an accessibility check: ${this.#unchecked}`)
      this.#unchecked = page.url()
    })
    page.on('console', message => {
      // A page answered with 400 (a form sent back with errors) is logged as a failed load: not a fault.
      // Failed stylesheets, scripts and images are caught below, by their responses.
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
        this.#problems.push(`Console error on ${page.url()}: ${message.text()}`)
      }
    })
    page.on('response', response => {
      if (response.request().resourceType() !== 'document' && response.status() >= 400) {
        this.#problems.push(`${response.url()} answered ${response.status()} on ${page.url()}`)
      }
    })
    page.on('pageerror', error => this.#problems.push(`JavaScript error on ${page.url()}: ${error.message}`))
  }

  static async open(
    browser: Browser,
    baseUrl: string,
    noScriptAxe: NoScriptAxe,
    options: SessionOptions = {},
  ): Promise<BrowserSession> {
    const javaScript = options.javaScript ?? true
    const context = await browser.newContext({ javaScriptEnabled: javaScript, baseURL: baseUrl, locale: 'en-GB' })
    context.setDefaultTimeout(NAVIGATION_TIMEOUT_MS)
    const page = await context.newPage()
    return new BrowserSession(context, page, baseUrl, javaScript, noScriptAxe)
  }

  /** The path (and query) of the page shown now, e.g. '/partnerships/1/audit?entityType=group'. */
  path(): string {
    const url = new URL(this.page.url())
    return url.pathname + url.search
  }

  /** Open a path of the app (as typing the address), then check the page. */
  async goto(path: string): Promise<void> {
    await this.page.goto(path, { waitUntil: 'load' })
    await this.checkAccessibility()
  }

  /** Do something that loads a new page (following a link, sending a form), wait for it, check it. */
  async navigate(action: () => Promise<unknown>, description = 'the action'): Promise<void> {
    const loaded = this.page.waitForEvent('load', { timeout: NAVIGATION_TIMEOUT_MS }).then(
      () => undefined,
      () => new Error(`No new page was loaded after ${description} (waited ${NAVIGATION_TIMEOUT_MS / 1000} s)`),
    )
    await action()
    const failure = await loaded
    if (failure) throw failure
    await this.checkAccessibility()
  }

  /**
   * Follow the link with this accessible name (the first, if several), and check the new page. A link
   * styled as a button (govukButton with an href, role="button") counts as a link.
   */
  async clickLink(name: string | RegExp, within?: Locator): Promise<void> {
    const scope = within ?? this.page
    const exact = typeof name === 'string'
    const link = scope
      .getByRole('link', { name, exact })
      .or(scope.locator('a[role="button"]').filter({ hasText: name }))
      .first()
    await this.navigate(() => link.click(), `following the link “${String(name)}”`)
  }

  /** Press the button with this accessible name (sending its form), and check the new page. */
  async submit(buttonName: string | RegExp = /save|continue|sign in|filter/i): Promise<void> {
    const button = this.page.getByRole('button', { name: buttonName, exact: typeof buttonName === 'string' }).first()
    await this.navigate(() => button.click(), `pressing “${String(buttonName)}”`)
  }

  /** Run axe on the page shown now; throws with every violation, element by element. */
  async checkAccessibility(): Promise<AccessibilityCheck> {
    if (SCREENSHOT_DIR) await this.screenshot()
    const check = this.javaScript ? await axeOnLivePage(this.page) : await this.noScriptAxe.check(this.page)
    this.checks.push(check)
    this.#unchecked = null
    if (check.violations.length) throw new Error(describeViolations(check))
    return check
  }

  /** Whether axe has checked the page shown now. */
  isCurrentPageChecked(): boolean {
    return this.#unchecked === null && this.checks.at(-1)?.url === this.page.url()
  }

  async screenshot(): Promise<void> {
    if (!SCREENSHOT_DIR) return
    mkdirSync(SCREENSHOT_DIR, { recursive: true })
    const name = `${String(++screenshotCount).padStart(3, '0')}${this.javaScript ? '' : '-nojs'}${this.path().replace(/[^\w]+/g, '-')}.png`
    await this.page.screenshot({ path: path.join(SCREENSHOT_DIR, name), fullPage: true })
  }

  /** An element by its `data-qa` hook. */
  qa(name: string): Locator {
    return this.page.locator(`[data-qa="${name}"]`)
  }

  /** Close the tab; throws if a page went unchecked or the console showed an error. */
  async finish(): Promise<void> {
    if (this.#finished) return
    this.#finished = true
    if (this.#unchecked) this.#problems.push(`A page was left without an accessibility check: ${this.#unchecked}`)
    await this.context.close()
    if (this.#problems.length) throw new Error(this.#problems.join('\n'))
  }
}
