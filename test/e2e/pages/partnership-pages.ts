import type { BrowserSession } from '../harness/browser-session.ts'

import { AppPage, type Heading } from './app-page.ts'

/** A partnership's home page: its vision, partners, groups, areas and people. */
export class PartnershipPage extends AppPage {
  readonly heading: Heading = /Community Safety Partnership$/

  static async open(session: BrowserSession, partnershipId: number, name?: string): Promise<PartnershipPage> {
    await session.goto(`/partnerships/${partnershipId}`)
    return PartnershipPage.verifyOnPage(session, name)
  }

  responsibleAuthorities = () => this.listItems('responsible-authorities')
  communityPartners = () => this.listItems('community-partners')
  groups = () => this.tableRows('groups')
  areas = () => this.tableRows('areas')
  people = () => this.tableRows('people')

  async addOrganisation(): Promise<OrganisationFormPage> {
    await this.session.clickLink('Add an organisation')
    return OrganisationFormPage.verifyOnPage(this.session, 'Add an organisation')
  }

  /** Follow the “Change” link beside an organisation. */
  async changeOrganisation(name: string): Promise<OrganisationFormPage> {
    await this.session.clickLink(`Change ${name}`)
    return OrganisationFormPage.verifyOnPage(this.session, 'Change an organisation')
  }

  async addGroup(): Promise<GroupFormPage> {
    await this.session.clickLink('Add a group')
    return GroupFormPage.verifyOnPage(this.session, 'Add a group')
  }

  async openGroup(name: string): Promise<GroupPage> {
    await this.session.clickLink(name, this.qa('groups'))
    return GroupPage.verifyOnPage(this.session, name)
  }
}

export interface OrganisationFields {
  name?: string
  shortName?: string
  kind?: 'Statutory responsible authority' | 'Community partner'
  authorityType?: string
  notes?: string
}

export class OrganisationFormPage extends AppPage {
  readonly heading: Heading = /^(Add|Change) an organisation$/

  async fill(fields: OrganisationFields): Promise<void> {
    if (fields.name !== undefined) await this.page.getByLabel('Name', { exact: true }).fill(fields.name)
    if (fields.shortName !== undefined) await this.page.getByLabel('Short name (optional)').fill(fields.shortName)
    if (fields.kind) await this.page.getByLabel(fields.kind, { exact: true }).check()
    if (fields.authorityType)
      await this.page.getByLabel('Type of responsible authority').selectOption({ label: fields.authorityType })
    if (fields.notes !== undefined) await this.page.getByLabel('Notes (optional)').fill(fields.notes)
  }

  async save(): Promise<void> {
    await this.session.submit('Save organisation')
  }

  async delete(): Promise<ConfirmDeletePage> {
    await this.session.clickLink('Delete organisation')
    return ConfirmDeletePage.verifyOnPage(this.session)
  }
}

export interface GroupFields {
  name?: string
  shortName?: string
  type?: string
  purpose?: string
  meetingCadence?: string
  reportsTo?: string
}

export class GroupFormPage extends AppPage {
  readonly heading: Heading = /^(Add|Change) a group$/

  async fill(fields: GroupFields): Promise<void> {
    if (fields.name !== undefined) await this.page.getByLabel('Name', { exact: true }).fill(fields.name)
    if (fields.shortName !== undefined) await this.page.getByLabel('Short name (optional)').fill(fields.shortName)
    if (fields.type) await this.page.getByLabel('Type of group').selectOption({ label: fields.type })
    if (fields.purpose !== undefined) await this.page.getByLabel('Purpose (optional)').fill(fields.purpose)
    if (fields.meetingCadence)
      await this.page.getByLabel('How often it meets (optional)').selectOption({ label: fields.meetingCadence })
    if (fields.reportsTo) await this.page.getByLabel('Reports to (optional)').selectOption({ label: fields.reportsTo })
  }

  async save(): Promise<void> {
    await this.session.submit('Save group')
  }

  async delete(): Promise<ConfirmDeletePage> {
    await this.session.clickLink('Delete group')
    return ConfirmDeletePage.verifyOnPage(this.session)
  }
}

/** A group's page: its purpose, who it reports to, and its members. */
export class GroupPage extends AppPage {
  readonly heading: Heading = /.+/

  members = () => this.tableRows('members')

  /** The summary list's value for a key, e.g. 'Reports to'. */
  async detail(key: string): Promise<string> {
    const row = this.page
      .locator('.govuk-summary-list__row')
      .filter({ has: this.page.locator('.govuk-summary-list__key', { hasText: key }) })
    return ((await row.locator('.govuk-summary-list__value').textContent()) ?? '').replace(/\s+/g, ' ').trim()
  }

  async change(): Promise<GroupFormPage> {
    await this.session.clickLink('Change the group’s details')
    return GroupFormPage.verifyOnPage(this.session, 'Change a group')
  }

  async addMember(): Promise<MembershipFormPage> {
    await this.session.clickLink('Add a member')
    return MembershipFormPage.verifyOnPage(this.session)
  }

  async changeMember(personName: string): Promise<MembershipFormPage> {
    await this.session.clickLink(`Change ${personName}`)
    return MembershipFormPage.verifyOnPage(this.session)
  }

  async removeMember(personName: string): Promise<ConfirmDeletePage> {
    await this.session.clickLink(`Remove ${personName}`)
    return ConfirmDeletePage.verifyOnPage(this.session)
  }
}

export class MembershipFormPage extends AppPage {
  readonly heading: Heading = /^(Add a member to|Change a member of) /

  async fill(fields: { person?: string; role?: 'Chair' | 'Vice-chair' | 'Member' }): Promise<void> {
    if (fields.person) await this.page.getByLabel('Person').selectOption({ label: fields.person })
    if (fields.role) await this.page.getByLabel(fields.role, { exact: true }).check()
  }

  async save(): Promise<void> {
    await this.session.submit('Save')
  }
}

export class ConfirmDeletePage extends AppPage {
  readonly heading: Heading = /^Are you sure you want to delete /

  async confirm(): Promise<void> {
    await this.session.submit('Yes, delete it')
  }
}
