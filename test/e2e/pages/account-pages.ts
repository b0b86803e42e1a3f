import { AppPage } from './app-page.ts'

export class SignInPage extends AppPage {
  readonly heading = 'Sign in to CSP Hub'

  async fill(email: string, password: string): Promise<void> {
    await this.page.getByLabel('Email address').fill(email)
    await this.page.getByLabel('Password', { exact: true }).fill(password)
  }

  /** Fill in the form and press “Sign in”; the next page is checked. */
  async signIn(email: string, password: string): Promise<void> {
    await this.fill(email, password)
    await this.session.submit('Sign in')
  }
}

export class SignedOutPage extends AppPage {
  readonly heading = 'You have signed out'
}

export class AccountPage extends AppPage {
  readonly heading = 'Your account'

  async changePassword(): Promise<ChangePasswordPage> {
    await this.session.clickLink('Change password')
    return ChangePasswordPage.verifyOnPage(this.session)
  }
}

export class ChangePasswordPage extends AppPage {
  readonly heading = 'Change your password'

  async change(current: string, next: string, confirm = next): Promise<void> {
    await this.page.getByLabel('Current password').fill(current)
    await this.page.getByLabel('New password', { exact: true }).fill(next)
    await this.page.getByLabel('Confirm new password').fill(confirm)
    await this.session.submit('Change password')
  }
}

/** The start page: “Your partnerships” when signed in, “Community Safety Partnerships” for visitors. */
export class HomePage extends AppPage {
  readonly heading = /^(Your partnerships|Community Safety Partnerships)$/

  async yourPartnerships(): Promise<string[]> {
    return (await this.qa('your-partnerships').locator('h2').allTextContents()).map(text => text.trim())
  }
}
