import { expect, it } from 'vitest'

import { describeE2e, useE2e } from './harness/e2e.ts'
import { signedIn } from './harness/journeys.ts'
import { AccountPage, ChangePasswordPage, SignedOutPage, SignInPage } from './pages/account-pages.ts'

describeE2e('Your account', () => {
  const e2e = useE2e()

  it('a member changes their password (a wrong current password first), signs out, and signs in with the new one', async () => {
    const email = 'partner.lead@example.org'
    const oldPassword = 'an old but long passphrase'
    const newPassword = 'a new and longer passphrase'
    const partnershipId = await e2e.server.partnershipId('rochford-2011')
    const user = await e2e.server.services.accounts.createUser(
      { email, name: 'Partner Lead', password: oldPassword },
      { userId: null, label: 'test' },
    )
    await e2e.server.db
      .insertInto('partnershipRoles')
      .values({ userId: user.id, partnershipId, role: 'member' })
      .execute()

    const member = await signedIn(e2e, { email, password: oldPassword })
    await member.clickLink('Your account')
    const account = await AccountPage.verifyOnPage(member)
    expect(await account.tableRows('roles')).toEqual([['Rochford District Community Safety Partnership', 'Member']])

    const form = await account.changePassword()
    await form.change('not my password', newPassword)
    const failed = await ChangePasswordPage.verifyOnPage(member)
    expect(await failed.errorSummary()).toEqual([
      { text: 'Your current password is not correct', href: '#currentPassword' },
    ])
    expect(await failed.isErrorSummaryFocused()).toBe(true)
    expect(await failed.fieldValue('newPassword')).toBe('') // passwords are never sent back to the browser

    await failed.change(oldPassword, newPassword)
    const changed = await AccountPage.verifyOnPage(member)
    expect(await changed.banner()).toBe('Your password has been changed. You have been signed out everywhere else.')

    await changed.signOut()
    await SignedOutPage.verifyOnPage(member)
    await member.clickLink('Sign in again')
    await (await SignInPage.verifyOnPage(member)).signIn(email, oldPassword)
    expect(await (await SignInPage.verifyOnPage(member)).errorSummary()).toEqual([
      { text: 'Enter a correct email address and password', href: '#email' },
    ])
    await (await SignInPage.verifyOnPage(member)).signIn(email, newPassword)
    expect(member.path()).toBe('/')
  })

  it('a page that does not exist says so, with a way back', async () => {
    const visitor = await e2e.open({ javaScript: false })
    await visitor.goto('/partnerships/99999')
    expect(await visitor.page.locator('h1').textContent()).toBe('Page not found')
    await visitor.clickLink('Go to the start page')
    expect(visitor.path()).toBe('/')
  })
})
