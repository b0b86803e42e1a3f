import { expect, it } from 'vitest'

import { describeE2e, useE2e } from './harness/e2e.ts'
import { SignInPage } from './pages/account-pages.ts'

/** The harness itself must be able to fail: these prove that it does. */
describeE2e('The browser test harness', () => {
  const e2e = useE2e({ demo: false })
  const inaccessible = `<!DOCTYPE html><html lang="en"><head><title>Broken</title></head>
    <body><main><h1>Broken</h1><img src="/assets/images/favicon.svg"><form><input name="nameless"></form></main></body></html>`

  for (const javaScript of [true, false]) {
    it(`fails a page that breaks an accessibility rule, naming the rule and the element (JavaScript ${javaScript ? 'on' : 'off'})`, async () => {
      const session = await e2e.open({ javaScript })
      await session.page.route('**/broken-page', route =>
        route.fulfill({ contentType: 'text/html', body: inaccessible }),
      )
      const failure = await session.goto('/broken-page').then(
        () => undefined,
        (error: Error) => error.message,
      )
      expect(failure).toMatch(/^Accessibility violations on http:\/\/127\.0\.0\.1:\d+\/broken-page \(“Broken”\):/)
      expect(failure).toContain('image-alt [critical]')
      expect(failure).toContain('label [critical]')
      expect(failure).toContain('<input name="nameless">')
    })
  }

  it('fails the test when a page was loaded without being checked', async () => {
    const session = await e2e.open()
    await session.page.goto('/sign-in')
    await expect(session.finish()).rejects.toThrow(
      /A page was left without an accessibility check: http:\/\/127\.0\.0\.1:\d+\/sign-in/,
    )
  })

  it('fails the test on a JavaScript error in the page', async () => {
    const session = await e2e.open()
    await session.goto('/sign-in')
    await SignInPage.verifyOnPage(session)
    const thrown = session.page.waitForEvent('pageerror')
    await session.page.evaluate(() =>
      setTimeout(() => {
        throw new Error('broken script')
      }),
    )
    await thrown
    await expect(session.finish()).rejects.toThrow(/JavaScript error on .*\/sign-in: broken script/)
  })

  it('fails verifyOnPage when the page is not the one expected', async () => {
    const session = await e2e.open()
    await session.goto('/sign-in')
    await expect(SignInPage.verifyOnPage(session, 'Your account')).rejects.toThrow(/the h1 at \/sign-in/)
  })
})
