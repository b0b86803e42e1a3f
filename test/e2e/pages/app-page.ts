/// <reference lib="dom" />
// (code inside page.evaluate() runs in the browser)
import type { Locator, Page } from 'playwright-core'
import { expect } from 'vitest'

import type { BrowserSession } from '../harness/browser-session.ts'

export type Heading = string | RegExp

const tidy = (text: string | null) => (text ?? '').replace(/\s+/g, ' ').trim()

/**
 * The base of every page object. `verifyOnPage` checks that the browser shows the expected page (its one
 * h1) and that axe has checked it; the reading helpers see the page as a user does (headings, the error
 * summary, inline errors, the success banner), and `data-qa` hooks find what has no better name.
 */
export abstract class AppPage {
  /** The h1 this page must show; `verifyOnPage(session, heading)` can name it more exactly. */
  abstract readonly heading: Heading

  constructor(readonly session: BrowserSession) {}

  get page(): Page {
    return this.session.page
  }

  static async verifyOnPage<P extends AppPage>(
    this: new (session: BrowserSession) => P,
    session: BrowserSession,
    heading?: Heading,
  ): Promise<P> {
    const instance = new this(session)
    await instance.verify(heading ?? instance.heading)
    return instance
  }

  async verify(heading: Heading = this.heading): Promise<void> {
    const headings = (await this.page.locator('h1').allTextContents()).map(tidy)
    expect(headings, `the page at ${this.session.path()} has one h1`).toHaveLength(1)
    if (typeof heading === 'string') expect(headings[0], `the h1 at ${this.session.path()}`).toBe(heading)
    else expect(headings[0], `the h1 at ${this.session.path()}`).toMatch(heading)
    if (!this.session.isCurrentPageChecked()) await this.session.checkAccessibility()
  }

  qa(name: string): Locator {
    return this.session.qa(name)
  }

  async title(): Promise<string> {
    return this.page.title()
  }

  /** The error summary's links, as { text, href }; empty when there is no summary. */
  async errorSummary(): Promise<{ text: string; href: string }[]> {
    const links = this.page.locator('.govuk-error-summary__list a')
    const out: { text: string; href: string }[] = []
    for (const link of await links.all())
      out.push({ text: tidy(await link.textContent()), href: (await link.getAttribute('href')) ?? '' })
    return out
  }

  /** The message shown beside a field (without the hidden “Error:” prefix), or '' if none. */
  async inlineError(fieldId: string): Promise<string> {
    const message = this.page.locator(`#${fieldId}-error`)
    if ((await message.count()) === 0) return ''
    return tidy(await message.textContent()).replace(/^Error:\s*/, '')
  }

  /** Whether keyboard focus is on the error summary (govuk-frontend moves it there when scripts run). */
  async isErrorSummaryFocused(): Promise<boolean> {
    return this.page.evaluate(() => document.activeElement?.classList.contains('govuk-error-summary') ?? false)
  }

  /** The success banner's message, or '' if none. */
  async banner(): Promise<string> {
    const banner = this.page.locator('.govuk-notification-banner--success .govuk-notification-banner__content')
    return (await banner.count()) ? tidy(await banner.textContent()) : ''
  }

  /** The value of a field, found by its id. */
  async fieldValue(id: string): Promise<string> {
    return this.page.locator(`#${id}`).inputValue()
  }

  /** The cells of a table (by its data-qa hook), one array per body row. */
  async tableRows(qa: string): Promise<string[][]> {
    const rows = this.qa(qa).locator('tbody tr')
    const out: string[][] = []
    for (const row of await rows.all()) out.push((await row.locator('th, td').allTextContents()).map(tidy))
    return out
  }

  /** The items of a list (by its data-qa hook), without the words of links inside them (“Change”). */
  async listItems(qa: string): Promise<string[]> {
    const texts = await this.qa(qa)
      .locator('li')
      .evaluateAll(items =>
        items.map(item => {
          const copy = item.cloneNode(true) as Element
          copy.querySelectorAll('a').forEach(link => link.remove())
          return copy.textContent ?? ''
        }),
      )
    return texts.map(tidy)
  }

  /** The links of the partnership's service navigation. */
  async sections(): Promise<string[]> {
    return (await this.page.getByRole('navigation', { name: 'Sections' }).getByRole('link').allTextContents()).map(tidy)
  }

  async signOut(): Promise<void> {
    await this.session.navigate(() => this.page.getByRole('button', { name: 'Sign out' }).click(), 'signing out')
  }
}
