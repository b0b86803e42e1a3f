import type { Browser } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe } from 'vitest'

import { NoScriptAxe } from './accessibility.ts'
import { startTestServer, type ServerOptions, type TestServer } from './app-server.ts'
import { BrowserSession, type SessionOptions } from './browser-session.ts'
import { findChromium, isCi, launchChromium } from './chromium.ts'

export const chromiumStatus = findChromium()

/**
 * A group of browser journeys. Without Chromium it is skipped, and its name says why; under CI=true a
 * missing Chromium is an error instead (CI must run the journeys).
 */
export function describeE2e(name: string, fn: () => void): void {
  if (chromiumStatus.available) {
    describe(name, fn)
    return
  }
  if (isCi()) throw new Error(`CI=true, but the browser journeys cannot run. ${chromiumStatus.reason}`)
  describe.skip(`${name} — skipped: ${chromiumStatus.reason}`, fn)
}

export interface E2e {
  /** The app under test (demo data loaded); its services and database for arranging and checking. */
  readonly server: TestServer
  /** A new browser tab with its own cookies. Closed, and checked for unchecked pages, after each test. */
  open(options?: SessionOptions): Promise<BrowserSession>
}

/**
 * Call once inside `describeE2e`: starts the app with demo data and Chromium before the file's tests,
 * closes every tab after each test (failing it if a page went unchecked) and stops both at the end.
 */
export function useE2e(options: ServerOptions = {}): E2e {
  let server: TestServer | undefined
  let browser: Browser | undefined
  let noScriptAxe: NoScriptAxe | undefined
  let sessions: BrowserSession[] = []

  beforeAll(async () => {
    if (!chromiumStatus.available) return
    ;[server, browser] = await Promise.all([startTestServer(options), launchChromium(chromiumStatus.path)])
    noScriptAxe = new NoScriptAxe(browser)
  }, 120_000)

  afterEach(async () => {
    const open = sessions
    sessions = []
    const failures: string[] = []
    for (const session of open) await session.finish().catch((error: Error) => failures.push(error.message))
    if (failures.length) throw new Error(failures.join('\n'))
  })

  afterAll(async () => {
    await noScriptAxe?.close()
    await browser?.close()
    await server?.close()
  })

  return {
    get server() {
      if (!server) throw new Error('The test server has not started')
      return server
    },
    async open(sessionOptions) {
      if (!browser || !server || !noScriptAxe) throw new Error('The browser has not started')
      const session = await BrowserSession.open(browser, server.baseUrl, noScriptAxe, sessionOptions)
      sessions.push(session)
      return session
    },
  }
}
