import { expect, it } from 'vitest'

import { describeE2e, useE2e } from './harness/e2e.ts'
import { signedIn } from './harness/journeys.ts'
import { AuditLogPage } from './pages/audit-pages.ts'
import { PartnershipPage } from './pages/partnership-pages.ts'

describeE2e('The audit log', () => {
  const e2e = useE2e()

  it('shows the coordinator who changed an organisation, with the values before and after, and filters by record type and change', async () => {
    const officer = await signedIn(e2e, 'coordinator')
    const id = await e2e.server.partnershipId('joint-2016')
    const home = await PartnershipPage.open(officer, id)
    const edit = await home.changeOrganisation('Crimestoppers')
    await edit.fill({ shortName: 'CS', notes: 'Anonymous reporting line' })
    await edit.save()
    await PartnershipPage.verifyOnPage(officer)

    await officer.clickLink('Audit log', officer.page.getByRole('navigation', { name: 'Sections' }))
    const log = await AuditLogPage.verifyOnPage(officer, 'Audit log')
    const sections = await log.sections()
    expect(sections).toContain('Audit log')
    expect(sections).not.toContain('Accounts') // a coordinator runs the records, not the accounts
    // The demo data itself is in the log: every record created, by “demo data”.
    expect(await log.total()).toMatch(/^\d{2,} changes\.$/)

    await log.filter({ recordType: 'organisation', change: 'update' })
    const filtered = await AuditLogPage.verifyOnPage(officer, 'Audit log')
    expect(officer.path()).toMatch(new RegExp(`^/partnerships/${id}/audit\\?entityType=organisation&action=update&`))
    expect(await filtered.total()).toBe('1 change matches the filter.')
    const [event] = await filtered.events()
    expect(event).toMatchObject({ who: 'coordinator@csp-hub.example', what: 'Updated organisation “Crimestoppers”' })
    expect(event!.values).toEqual({ shortName: ['—', 'CS'], notes: ['—', 'Anonymous reporting line'] })
    // The filter keeps what was chosen.
    expect(await filtered.fieldValue('entityType')).toBe('organisation')
    expect(await filtered.fieldValue('action')).toBe('update')
  })

  it('with JavaScript off, filters by who made the change', async () => {
    const officer = await signedIn(e2e, 'coordinator', { javaScript: false })
    const id = await e2e.server.partnershipId('rochford-2011')
    await officer.goto(`/partnerships/${id}/audit`)
    const log = await AuditLogPage.verifyOnPage(officer, 'Audit log')
    await log.filter({ change: 'create', recordType: 'group' })
    const groups = await AuditLogPage.verifyOnPage(officer)
    expect(await groups.total()).toBe('9 changes match the filter.')
    expect(
      (await groups.events()).every(event => event.who === 'demo data' && event.what.startsWith('Created group')),
    ).toBe(true)
  })
})
