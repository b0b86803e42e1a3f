import { expect, it } from 'vitest'

import { describeE2e, useE2e } from './harness/e2e.ts'
import { signedIn } from './harness/journeys.ts'
import { AnyPage } from './pages/any-page.ts'
import { ConfirmDeletePage } from './pages/partnership-pages.ts'

describeE2e('Performance indicators', () => {
  const e2e = useE2e()

  it('shows a member the 2010/11 achievements table as the seed prints it, with the RAG as words', async () => {
    const member = await signedIn(e2e, 'member')
    const partnershipId = await e2e.server.partnershipId('rochford-2011')
    await member.goto(`/partnerships/${partnershipId}/indicators?year=2010`)
    const table = await AnyPage.verifyOnPage(member, 'Performance 2010/11')
    const text = (await table.page.locator('main').textContent())!.replace(/\s+/g, ' ')
    // Seed 000, "Achievements from Strategic Priorities 2010/2011": 325 → 198 theft from motor vehicle, printed as
    // 39.0% (127 offences); CSP Hub shows the correct 39.1%.
    expect(text).toContain('39.1% (127 offences)')
    expect(text).not.toContain('39.0%')
    expect(await table.page.locator('.govuk-tag', { hasText: 'Green' }).count()).toBeGreaterThan(0)
  })

  it('with JavaScript off, the coordinator ranks the partnership among comparator areas: adds one (a mistake first), changes the most similar group average, and deletes what was added', async () => {
    const officer = await signedIn(e2e, 'coordinator', { javaScript: false })
    const partnershipId = await e2e.server.partnershipId('rochford-2011')
    const indicator = await e2e.server.db
      .selectFrom('indicators')
      .select('id')
      .where('partnershipId', '=', partnershipId)
      .where('name', '=', 'All crime')
      .executeTakeFirstOrThrow()
    const url = `/partnerships/${partnershipId}/indicators/${indicator.id}`
    await officer.goto(url)
    const page = await AnyPage.verifyOnPage(officer, 'All crime')
    // The plan's one comparator figure: the most similar group average of 47.694 per 1,000 (at 31 March 2010).
    expect(await page.tableRows('ranking')).toEqual([
      ['1', expect.stringMatching(/^Rochford.*This partnership$/), '2,650', '31.9'],
      ['2', 'Most similar group average', '47,694', '47.7'],
    ])

    await officer.clickLink('Add a comparator area')
    const form = await AnyPage.verifyOnPage(officer, 'Add a comparator area')
    const fill = async (values: Record<string, string>) => {
      for (const [label, value] of Object.entries(values)) await form.page.getByLabel(label, { exact: true }).fill(value)
    }
    await fill({ 'Financial year': '2009/10', 'Group of areas': 'Most similar group (Home Office iQuanta)', Area: 'Castle Point', 'Figure for the year': 'many', Population: '88,000' })
    await officer.submit('Save comparator area')
    const failed = await AnyPage.verifyOnPage(officer, 'Add a comparator area')
    expect(await failed.errorSummary()).toEqual([{ text: expect.stringMatching(/figure/i), href: '#value' }])
    expect(await failed.fieldValue('areaName')).toBe('Castle Point')
    await fill({ 'Figure for the year': '3,100' })
    await officer.submit('Save comparator area')
    const ranked = await AnyPage.verifyOnPage(officer, 'All crime')
    expect((await ranked.tableRows('ranking')).map(row => row[1]!.replace(/This partnership$/, '').trim())).toEqual([
      expect.stringMatching(/^Rochford/),
      'Castle Point',
      'Most similar group average',
    ])

    // The change and delete links sit in a “details” element, which opens without JavaScript.
    await ranked.page.getByText('Change or delete comparator figures').click()
    await officer.clickLink('Change Most similar group average, 2009/10')
    const change = await AnyPage.verifyOnPage(officer, 'Change a comparator area')
    expect(await change.fieldValue('value')).toBe('47694')
    await change.page.getByLabel('Figure for the year', { exact: true }).fill('47,700')
    await officer.submit('Save comparator area')
    const changed = await AnyPage.verifyOnPage(officer, 'All crime')
    expect((await changed.tableRows('ranking')).at(-1)).toEqual(['3', 'Most similar group average', '47,700', '47.7'])

    await changed.page.getByText('Change or delete comparator figures').click()
    await officer.clickLink('Delete Castle Point, 2009/10')
    await (await ConfirmDeletePage.verifyOnPage(officer)).confirm()
    const after = await AnyPage.verifyOnPage(officer, 'All crime')
    expect((await after.tableRows('ranking')).map(row => row[1])).not.toContain('Castle Point')
    const audit = await e2e.server.db
      .selectFrom('auditEvents')
      .select('action')
      .where('partnershipId', '=', partnershipId)
      .where('entityType', 'ilike', '%comparator%')
      .orderBy('id')
      .execute()
    expect(audit.map(a => a.action)).toEqual(['create', 'create', 'update', 'delete']) // the demo data's, then the coordinator's
  })
})
