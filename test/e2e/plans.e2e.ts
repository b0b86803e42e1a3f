import { expect, it } from 'vitest'

import { describeE2e, useE2e } from './harness/e2e.ts'
import { signedIn } from './harness/journeys.ts'
import { AnyPage } from './pages/any-page.ts'

describeE2e('The partnership plan', () => {
  const e2e = useE2e()

  it('with JavaScript off, a lead finds an action on “My actions” (nothing chased in plans whose years are long over) and posts its quarterly update; an empty form first saves nothing', async () => {
    const lead = await signedIn(e2e, 'lead', { javaScript: false })
    const partnershipId = await e2e.server.partnershipId('joint-2016')
    const db = e2e.server.db
    const updatesCount = async () => Number((await db.selectFrom('actionUpdates').select(eb => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)

    await lead.clickLink('Castle Point and Rochford Community Safety Partnership')
    await lead.clickLink('My actions')
    const mine = await AnyPage.verifyOnPage(lead, 'My actions')
    // The demo plans' years (2011/12, 2016/17, 2021/22) are long over by the real clock: their missing updates are history, not overdue.
    expect(await mine.qa('nothing-due').textContent()).toBe('None: you are up to date.')
    const row = mine.qa('other-actions').locator('tbody tr').first()
    const actionId = Number(await row.getAttribute('data-action-id'))
    const actionTitle = (await row.locator('td').first().textContent())!.trim()
    await lead.clickLink(actionTitle, row)
    await AnyPage.verifyOnPage(lead, actionTitle)
    await lead.clickLink('Post a quarterly update')
    const form = await AnyPage.verifyOnPage(lead, /update/i)

    const before = await updatesCount()
    await lead.submit('Post update')
    const failed = await AnyPage.verifyOnPage(lead, /update/i)
    expect((await failed.title()).startsWith('Error: ')).toBe(true)
    expect((await failed.errorSummary()).map(e => e.href)).toEqual(expect.arrayContaining(['#body', '#rag']))
    expect(await updatesCount()).toBe(before)

    await form.page.locator('input[name="quarter"]').first().check()
    await form.page.getByLabel('Update', { exact: true }).fill('Target hardening visits to 12 repeat victims; two more booked for next quarter.')
    await form.page.getByLabel('Amber', { exact: true }).check()
    await lead.submit('Post update')
    const action = await AnyPage.verifyOnPage(lead, actionTitle)
    expect(lead.path()).toBe(`/partnerships/${partnershipId}/actions/${actionId}`)
    expect(await action.banner()).toMatch(/^Your Q\d update has been posted$/)
    expect(await action.qa('action-status').textContent()).toContain('Amber')
    const history = await action.tableRows('update-history')
    expect(history.some(cells => cells.some(c => c.includes('Target hardening visits to 12 repeat victims')))).toBe(true)

    const saved = await db
      .selectFrom('actionUpdates')
      .innerJoin('users', 'users.id', 'actionUpdates.authorUserId')
      .select(['actionUpdates.rag', 'users.email'])
      .where('actionUpdates.actionId', '=', actionId)
      .orderBy('actionUpdates.id', 'desc')
      .executeTakeFirstOrThrow()
    expect(saved).toEqual({ rag: 'amber', email: e2e.server.demoAccount('lead') })
    expect(await updatesCount()).toBe(before + 1)
    const audit = await db.selectFrom('auditEvents').select(['action', 'entityType']).where('partnershipId', '=', partnershipId).orderBy('id', 'desc').executeTakeFirstOrThrow()
    expect(audit).toEqual({ action: 'create', entityType: 'action update' })
  })

  it('with JavaScript off, the coordinator starts a plan and imports its action plan from the CSV template: a file with mistakes first lists them by row and column and imports nothing', async () => {
    const officer = await signedIn(e2e, 'coordinator', { javaScript: false })
    const partnershipId = await e2e.server.partnershipId('rochford-2011')
    await officer.goto(`/partnerships/${partnershipId}/plans`)
    await AnyPage.verifyOnPage(officer, 'Partnership plans')
    await officer.clickLink('Start a new plan')
    const form = await AnyPage.verifyOnPage(officer, /new plan/i)
    await form.page.getByLabel('Title', { exact: true }).fill('Annual Partnership Plan 2012/2013')
    await form.page.getByLabel('Plan year', { exact: true }).fill('2012')
    await officer.submit('Save plan')
    const plan = await AnyPage.verifyOnPage(officer, 'Annual Partnership Plan 2012/2013')
    const planId = Number(officer.path().split('/').pop())
    expect(await plan.qa('no-priorities').count()).toBe(1)

    await officer.clickLink('Import the action plan from a spreadsheet')
    const importPage = await AnyPage.verifyOnPage(officer, /^Import/)
    const templateHref = await importPage.page.getByRole('link', { name: 'CSV' }).getAttribute('href')
    const template = await officer.context.request.get(templateHref!)
    expect(template.headers()['content-type']).toMatch(/^text\/csv/)
    const headings = (await template.text()).replace(/^\uFEFF/, '').split(/\r?\n/)[0]!.split(',').map(h => h.replace(/^"|"$/g, ''))
    expect(headings).toEqual(expect.arrayContaining(['Priority', 'Action', 'Timescale (quarters)']))
    const xlsx = await officer.context.request.get(await importPage.page.getByRole('link', { name: 'Excel (XLSX)' }).getAttribute('href').then(h => h!))
    expect(xlsx.headers()['content-type']).toContain('spreadsheetml')

    const csv = (rows: Record<string, string>[]) =>
      [headings.join(','), ...rows.map(r => headings.map(h => `"${(r[h] ?? '').replace(/"/g, '""')}"`).join(','))].join('\r\n') + '\r\n'
    const upload = async (name: string, body: string) => {
      await importPage.page.locator('#file').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(body) })
      await officer.submit('Check the file')
    }
    const asb = 'Reduce anti-social behaviour by 2% by March 2013'
    await upload(
      'plan-with-mistakes.csv',
      csv([
        { Priority: asb, Action: 'Target the hotspots identified by the Referral Group', 'Timescale (quarters)': 'Q9' },
        { Priority: asb, Action: '', 'Timescale (quarters)': 'Q1–4' },
      ]),
    )
    const problems = await AnyPage.verifyOnPage(officer, /^Import/)
    expect((await problems.title()).startsWith('Error: ')).toBe(true)
    const listed = await problems.tableRows('import-problems')
    expect(listed.map(([row, column]) => [row, column!.replace(/ \(column [A-Z]+\)$/, '')])).toEqual(
      expect.arrayContaining([
        ['2', 'Timescale (quarters)'],
        ['3', 'Action'],
      ]),
    )
    expect(await e2e.server.db.selectFrom('priorities').select('id').where('planId', '=', planId).execute()).toEqual([])

    await upload(
      'rochford-plan-2012.csv',
      csv([
        { Priority: asb, Action: 'Target the hotspots identified by the Referral Group', 'Outcomes and measures': 'Fewer calls about ASB in the hotspots', 'Lead organisations': 'Essex Police', 'Timescale (quarters)': 'Q1–4' },
        { Priority: asb, Action: 'Run diversionary activities in the summer holidays', 'Lead organisations': 'Rochford District Council', 'Timescale (quarters)': 'Q2' },
      ]),
    )
    const preview = await AnyPage.verifyOnPage(officer, 'Check the changes before they are saved')
    expect((await preview.tableRows('added')).map(cells => cells[1])).toEqual([
      `Priority “${asb}”`,
      `Action “Target the hotspots identified by the Referral Group” under “${asb}”`,
      `Action “Run diversionary activities in the summer holidays” under “${asb}”`,
    ])
    expect(await e2e.server.db.selectFrom('priorities').select('id').where('planId', '=', planId).execute()).toEqual([])
    await officer.submit('Make these changes')
    const imported = await AnyPage.verifyOnPage(officer, 'Annual Partnership Plan 2012/2013')
    expect(await imported.banner()).toBe('Imported rochford-plan-2012.csv: 3 added, 0 changed, 0 removed and 0 updates posted')
    expect((await imported.tableRows('plan-summary')).map(cells => cells[0])).toEqual([expect.stringContaining(asb)])
  })
  it('with JavaScript off, the coordinator puts a strategic objective above the priorities, changes it and deletes it, each page checked', async () => {
    const officer = await signedIn(e2e, 'coordinator', { javaScript: false })
    const partnershipId = await e2e.server.partnershipId('rochford-2011')
    await officer.goto(`/partnerships/${partnershipId}/plans`)
    await AnyPage.verifyOnPage(officer, 'Partnership plans')
    await officer.clickLink('Start a new plan')
    const form = await AnyPage.verifyOnPage(officer, /new plan/i)
    await form.page.getByLabel('Title', { exact: true }).fill('Community Safety Plan 2013/14')
    await form.page.getByLabel('Plan year', { exact: true }).fill('2013')
    await officer.submit('Save plan')
    await AnyPage.verifyOnPage(officer, 'Community Safety Plan 2013/14')
    const planId = Number(officer.path().split('/').pop())

    await officer.clickLink('Add a strategic objective above the priorities')
    const objectiveForm = await AnyPage.verifyOnPage(officer, 'Add a strategic objective above the priorities')
    await officer.submit('Save strategic objective')
    const failed = await AnyPage.verifyOnPage(officer, 'Add a strategic objective above the priorities')
    expect(await failed.errorSummary()).toEqual([{ text: 'Enter the strategic objective', href: '#title' }])
    await objectiveForm.page.getByLabel('Strategic objective', { exact: true }).fill('Reduce reoffending')
    await objectiveForm.page.getByLabel('How it is pursued (optional)').fill('Through the county’s Integrated Offender Management')
    await officer.submit('Save strategic objective')
    const plan = await AnyPage.verifyOnPage(officer, 'Community Safety Plan 2013/14')
    expect(await plan.qa('strategic-objective').locator('h3').first().textContent()).toBe('Strategic objective 1: Reduce reoffending')
    expect(await plan.qa('no-local-priority').textContent()).toBe('No local priority of its own.')

    await officer.clickLink('Change strategic objective Reduce reoffending')
    const change = await AnyPage.verifyOnPage(officer, 'Change the strategic objective')
    await change.page.getByLabel('Strategic objective', { exact: true }).fill('Reduce reoffending and repeat victimisation')
    await officer.submit('Save strategic objective')
    await AnyPage.verifyOnPage(officer, 'Community Safety Plan 2013/14')
    await officer.clickLink('Change strategic objective Reduce reoffending and repeat victimisation')
    await officer.clickLink('Delete this strategic objective')
    await AnyPage.verifyOnPage(officer, /delete/i)
    await officer.submit('Yes, delete it')
    await AnyPage.verifyOnPage(officer, 'Community Safety Plan 2013/14')
    expect(await e2e.server.db.selectFrom('strategicObjectives').select('id').where('planId', '=', planId).execute()).toEqual([])
  })
})
