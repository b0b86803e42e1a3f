import { AppPage } from './app-page.ts'

/** The test identity provider's own sign-in page (test/helpers/oidc-provider.ts). */
export class ProviderSignInPage extends AppPage {
  readonly heading = 'Sign in to the test identity provider'

  async signInAs(email: string): Promise<void> {
    await this.page.getByLabel('Email address').fill(email)
    await this.session.submit('Sign in')
  }
}

export class DistrictSetupPage extends AppPage {
  readonly heading = /^(Set up a district from the ONS lookups|Set up .+)$/

  async find(name: string): Promise<void> {
    await this.page.getByLabel('District name').fill(name)
    await this.session.submit('Find the district')
  }

  async authorityName(label: string): Promise<string> {
    return this.page.getByLabel(`Name of the ${label.toLowerCase()} authority`).inputValue()
  }

  async rename(label: string, name: string): Promise<void> {
    await this.page.getByLabel(`Name of the ${label.toLowerCase()} authority`).fill(name)
  }
}

export class AccountsPage extends AppPage {
  readonly heading = 'Accounts'
  members = () => this.tableRows('team')
}

export class TeamImportPage extends AppPage {
  readonly heading = 'Give access from a spreadsheet'

  async upload(name: string, buffer: Buffer): Promise<void> {
    await this.page.getByLabel('Spreadsheet file').setInputFiles({ name, mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer })
    await this.session.submit('Check the file')
  }
}

export class TeamImportPreviewPage extends AppPage {
  readonly heading = 'Check who will be given access'
  rows = () => this.tableRows('preview')

  async confirm(why: string): Promise<void> {
    await this.page.getByLabel('Why you are giving them access (optional)').fill(why)
    await this.session.submit('Give access and send the invitations')
  }
}
