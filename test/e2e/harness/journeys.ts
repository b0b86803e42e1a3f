import { HomePage, SignInPage } from '../pages/account-pages.ts'

import type { BrowserSession } from './browser-session.ts'
import type { E2e } from './e2e.ts'

/**
 * Open a new tab and sign in through the sign-in page, as a user would (every page is axe-checked).
 * `account` is a demo account ('coordinator', 'member'…) or any e-mail address with `password`.
 */
export async function signedIn(
  e2e: E2e,
  account: Parameters<E2e['server']['demoAccount']>[0] | { email: string; password: string },
  options: { javaScript?: boolean } = {},
): Promise<BrowserSession> {
  const session = await e2e.open(options)
  const { email, password } =
    typeof account === 'string'
      ? { email: e2e.server.demoAccount(account), password: e2e.server.demoPassword }
      : account
  await session.goto('/sign-in')
  await (await SignInPage.verifyOnPage(session)).signIn(email, password)
  await HomePage.verifyOnPage(session, 'Your partnerships')
  return session
}
