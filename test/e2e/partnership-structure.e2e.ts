/// <reference lib="dom" />
// (code inside page.evaluate() runs in the browser)
import { expect, it } from 'vitest'

import { describeE2e, useE2e } from './harness/e2e.ts'
import { signedIn } from './harness/journeys.ts'
import { HomePage, SignInPage } from './pages/account-pages.ts'
import {
  ConfirmDeletePage,
  GroupFormPage,
  GroupPage,
  MembershipFormPage,
  OrganisationFormPage,
  PartnershipPage,
} from './pages/partnership-pages.ts'

describeE2e('A partnership and its structure', () => {
  const e2e = useE2e()
  const countOf = async (table: 'organisations' | 'groups' | 'memberships', partnershipId: number) =>
    Number(
      (
        await e2e.server.db
          .selectFrom(table)
          .select(eb => eb.fn.countAll().as('n'))
          .where('partnershipId', '=', partnershipId)
          .executeTakeFirstOrThrow()
      ).n,
    )

  it('shows a member the joint partnership’s real structure, from the seed documents', async () => {
    const member = await signedIn(e2e, 'member')
    const id = await e2e.server.partnershipId('joint-2016')
    await member.clickLink('Castle Point and Rochford Community Safety Partnership')
    const home = await PartnershipPage.verifyOnPage(member, 'Castle Point and Rochford Community Safety Partnership')

    expect(await member.page.getByText('Covers Castle Point and Rochford (a joint partnership).').count()).toBe(1)
    expect(await home.responsibleAuthorities()).toContain('Essex Police (police)')
    expect(await home.responsibleAuthorities()).toContain('Castle Point Borough Council (district or borough council)')
    expect(await home.communityPartners()).toContain('Crimestoppers')
    const groups = await home.groups()
    expect(groups).toContainEqual(['Tactical Group', 'Sub-group', 'Weekly', 'CP&R CSP Steering Group'])
    expect(groups).toContainEqual([
      'CP&R CSP Steering Group',
      'Steering group',
      'Quarterly',
      'Local Strategic Partnership Executive',
    ])
    const areas = await home.areas()
    expect(areas.map(row => row[0])).toContain('Canvey Island Central')
    expect(areas).toContainEqual(['Hullbridge', 'Ward', 'E05010850'])
    expect((await home.people()).map(row => row[0])).toContain('Community Policing Team Inspector')
    // A member reads; only those who run the records see the buttons to change them.
    expect(await member.page.getByRole('link', { name: 'Add an organisation' }).count()).toBe(0)
    const sections = await home.sections()
    expect(sections).toContain('Overview')
    expect(sections).not.toContain('Audit log')
    expect(sections).not.toContain('Accounts')

    const group = await home.openGroup('Tactical Group')
    expect(await group.detail('Reports to')).toBe('CP&R CSP Steering Group')
    expect(await group.members()).toContainEqual(['Community Policing Team Inspector', 'Essex Police', 'Chair'])
    expect(member.path()).toMatch(new RegExp(`^/partnerships/${id}/groups/\\d+$`))
  })

  it('with JavaScript off, the coordinator adds, changes and deletes an organisation; a wrong form first saves nothing', async () => {
    const officer = await signedIn(e2e, 'coordinator', { javaScript: false })
    const id = await e2e.server.partnershipId('rochford-2011')
    const before = await countOf('organisations', id)
    const home = await PartnershipPage.open(officer, id, 'Rochford District Community Safety Partnership')

    const form = await home.addOrganisation()
    await form.fill({ name: '', shortName: 'SNT', kind: 'Statutory responsible authority', notes: 'Meets monthly' })
    await form.save()
    const failed = await OrganisationFormPage.verifyOnPage(officer, 'Add an organisation')
    expect(await failed.title()).toMatch(
      /^Error: Add an organisation – Rochford District Community Safety Partnership – CSP Hub$/,
    )
    expect(await failed.errorSummary()).toEqual([
      { text: 'Enter the name of the organisation', href: '#name' },
      { text: 'Select the type of responsible authority', href: '#authorityType' },
    ])
    expect(await failed.isErrorSummaryFocused()).toBe(false) // no scripts: the summary is simply first on the page
    expect(await failed.inlineError('name')).toBe('Enter the name of the organisation')
    expect(await failed.inlineError('authorityType')).toBe('Select the type of responsible authority')
    expect(await failed.fieldValue('shortName')).toBe('SNT')
    expect(await failed.fieldValue('notes')).toBe('Meets monthly')
    expect(await officer.page.getByLabel('Statutory responsible authority').isChecked()).toBe(true)
    expect(await countOf('organisations', id)).toBe(before)

    await failed.fill({ name: 'Safer Neighbourhood Team', authorityType: 'Police' })
    await failed.save()
    const added = await PartnershipPage.verifyOnPage(officer, 'Rochford District Community Safety Partnership')
    expect(await added.banner()).toBe('Organisation added')
    expect(await added.responsibleAuthorities()).toContain('Safer Neighbourhood Team (police)')
    expect(await countOf('organisations', id)).toBe(before + 1)

    const edit = await added.changeOrganisation('Safer Neighbourhood Team')
    expect(await edit.fieldValue('name')).toBe('Safer Neighbourhood Team')
    await edit.fill({ name: 'Rochford Safer Neighbourhood Team', kind: 'Community partner' })
    await edit.save()
    const changed = await PartnershipPage.verifyOnPage(officer)
    expect(await changed.banner()).toBe('Organisation updated')
    expect(await changed.communityPartners()).toContain('Rochford Safer Neighbourhood Team')
    expect(await changed.responsibleAuthorities()).not.toContain('Safer Neighbourhood Team (police)')

    const confirm = await (await changed.changeOrganisation('Rochford Safer Neighbourhood Team')).delete()
    expect(await confirm.page.locator('h1').textContent()).toBe(
      'Are you sure you want to delete the organisation “Rochford Safer Neighbourhood Team”?',
    )
    await confirm.confirm()
    const after = await PartnershipPage.verifyOnPage(officer)
    expect(await after.banner()).toBe('Organisation “Rochford Safer Neighbourhood Team” deleted')
    expect(await after.communityPartners()).not.toContain('Rochford Safer Neighbourhood Team')
    expect(await countOf('organisations', id)).toBe(before)
  })

  it('the coordinator adds a sub-group reporting to the steering group, changes it and deletes it; a wrong form first saves nothing', async () => {
    const officer = await signedIn(e2e, 'coordinator')
    const id = await e2e.server.partnershipId('rochford-2011')
    const before = await countOf('groups', id)
    const home = await PartnershipPage.open(officer, id)

    const form = await home.addGroup()
    await form.fill({ purpose: 'Tackles anti-social behaviour on the Rayleigh high street', meetingCadence: 'Monthly' })
    await form.save()
    const failed = await GroupFormPage.verifyOnPage(officer, 'Add a group')
    expect(await failed.errorSummary()).toEqual([
      { text: 'Enter the name of the group', href: '#name' },
      { text: 'Select the type of group', href: '#type' },
    ])
    expect(await failed.isErrorSummaryFocused()).toBe(true)
    expect(await failed.inlineError('type')).toBe('Select the type of group')
    expect(await failed.fieldValue('purpose')).toBe('Tackles anti-social behaviour on the Rayleigh high street')
    expect(await failed.fieldValue('meetingCadence')).toBe('monthly')
    expect(await countOf('groups', id)).toBe(before)

    // The error summary's link takes the user to the field.
    await officer.page.getByRole('link', { name: 'Select the type of group' }).click()
    expect(await officer.page.evaluate(() => document.activeElement?.id)).toBe('type')

    await failed.fill({
      name: 'Rayleigh Town Centre Group',
      type: 'Task and finish group',
      reportsTo: 'Community Safety Partnership Steering Group',
    })
    await failed.save()
    const group = await GroupPage.verifyOnPage(officer, 'Rayleigh Town Centre Group')
    expect(await group.banner()).toBe('Group added')
    expect(await group.detail('Reports to')).toBe('Community Safety Partnership Steering Group')
    expect(await group.detail('Meets')).toBe('Monthly')

    const edit = await group.change()
    await edit.fill({ type: 'Sub-group', reportsTo: 'Joint Local Strategic Partnership' })
    await edit.save()
    const changed = await GroupPage.verifyOnPage(officer, 'Rayleigh Town Centre Group')
    expect(await changed.banner()).toBe('Group updated')
    expect(await changed.detail('Reports to')).toBe('Joint Local Strategic Partnership')

    const confirm = await (await changed.change()).delete()
    expect(await confirm.page.getByText('Its memberships are deleted with it.').count()).toBe(1)
    await confirm.confirm()
    const after = await PartnershipPage.verifyOnPage(officer)
    expect(await after.banner()).toBe('Group “Rayleigh Town Centre Group” deleted')
    expect((await after.groups()).map(row => row[0])).not.toContain('Rayleigh Town Centre Group')
    expect(await countOf('groups', id)).toBe(before)
  })

  it('with JavaScript off, the coordinator adds a member to a group, changes their role and removes them; a wrong form first saves nothing', async () => {
    const officer = await signedIn(e2e, 'coordinator', { javaScript: false })
    const id = await e2e.server.partnershipId('rochford-2011')
    const before = await countOf('memberships', id)
    const group = await (await PartnershipPage.open(officer, id)).openGroup('Rochford District Hate Crime Panel')

    const form = await group.addMember()
    await form.fill({ role: 'Vice-chair' })
    await form.save()
    const failed = await MembershipFormPage.verifyOnPage(officer, 'Add a member to Rochford District Hate Crime Panel')
    expect(await failed.errorSummary()).toEqual([{ text: 'Select a person', href: '#personId' }])
    expect(await failed.inlineError('personId')).toBe('Select a person')
    expect(await officer.page.getByLabel('Vice-chair').isChecked()).toBe(true)
    expect(await countOf('memberships', id)).toBe(before)

    await failed.fill({ person: 'Police Licensing Officer, Essex Police' })
    await failed.save()
    const withMember = await GroupPage.verifyOnPage(officer, 'Rochford District Hate Crime Panel')
    expect(await withMember.banner()).toBe('Member added')
    expect(await withMember.members()).toContainEqual([
      'Police Licensing Officer',
      'Essex Police',
      'Vice-chair',
      'Change Police Licensing Officer Remove Police Licensing Officer',
    ])

    const edit = await withMember.changeMember('Police Licensing Officer')
    await edit.fill({ role: 'Chair' })
    await edit.save()
    const changed = await GroupPage.verifyOnPage(officer, 'Rochford District Hate Crime Panel')
    expect(await changed.banner()).toBe('Member updated')
    expect((await changed.members()).find(row => row[0] === 'Police Licensing Officer')?.[2]).toBe('Chair')

    const confirm = await changed.removeMember('Police Licensing Officer')
    await ConfirmDeletePage.verifyOnPage(
      officer,
      'Are you sure you want to delete the member “Police Licensing Officer (Rochford District Hate Crime Panel)”?',
    )
    await confirm.confirm()
    const after = await GroupPage.verifyOnPage(officer, 'Rochford District Hate Crime Panel')
    expect((await after.members()).map(row => row[0])).not.toContain('Police Licensing Officer')
    expect(await countOf('memberships', id)).toBe(before)

    // The whole journey ran without a script: sign out too.
    await after.signOut()
    await officer.goto('/')
    await HomePage.verifyOnPage(officer, 'Community Safety Partnerships')
    await officer.clickLink('Sign in')
    await SignInPage.verifyOnPage(officer)
  })
})
