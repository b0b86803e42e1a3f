import { expect, it } from 'vitest'

import { describeE2e, useE2e } from './harness/e2e.ts'
import { HomePage, SignedOutPage, SignInPage } from './pages/account-pages.ts'

describeE2e('Signing in and out', () => {
  const e2e = useE2e()

  it('when the password is wrong, then the error summary takes the focus, the email is kept and the password is not', async () => {
    const user = await e2e.open()
    await user.goto('/sign-in')
    const signIn = await SignInPage.verifyOnPage(user)
    await signIn.signIn(e2e.server.demoAccount('coordinator'), 'not the password')

    const again = await SignInPage.verifyOnPage(user)
    expect(await again.title()).toMatch(/^Error: Sign in – CSP Hub$/)
    expect(await again.errorSummary()).toEqual([{ text: 'Enter a correct email address and password', href: '#email' }])
    expect(await again.isErrorSummaryFocused()).toBe(true)
    expect(await again.inlineError('email')).toBe('Enter a correct email address and password')
    expect(await again.fieldValue('email')).toBe(e2e.server.demoAccount('coordinator'))
    expect(await again.fieldValue('password')).toBe('')
  })

  it('the coordinator signs in, sees both demo partnerships, and signs out', async () => {
    const user = await e2e.open()
    await user.goto('/')
    await user.clickLink('Sign in')
    await (await SignInPage.verifyOnPage(user)).signIn(e2e.server.demoAccount('coordinator'), e2e.server.demoPassword)

    const home = await HomePage.verifyOnPage(user, 'Your partnerships')
    expect(await home.yourPartnerships()).toEqual([
      'Castle Point and Rochford Community Safety Partnership',
      'Rochford District Community Safety Partnership',
    ])

    await home.signOut()
    await SignedOutPage.verifyOnPage(user)
    await user.goto('/account')
    expect(user.path()).toBe('/sign-in?returnTo=%2Faccount')
    await SignInPage.verifyOnPage(user)
  })
})
