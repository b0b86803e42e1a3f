import { expect, it } from 'vitest'

import { describeE2e, useE2e } from './harness/e2e.ts'
import { signedIn } from './harness/journeys.ts'
import { AnyPage } from './pages/any-page.ts'

/**
 * The statutory duties beyond the plan, in the browser with axe on every page: the coordinator (who holds the
 * reviews grant in the joint partnership) records a death review step by step with JavaScript off, and enters a
 * year of ASB case review applications whose published figures then agree; a member sees nothing of the reviews.
 */
describeE2e('Statutory duties', () => {
  const e2e = useE2e()
  const fillDate = async (page: AnyPage, name: string, date: string) => {
    const [year, month, day] = date.split('-')
    await page.page.locator(`#${name}-day`).fill(String(Number(day)))
    await page.page.locator(`#${name}-month`).fill(String(Number(month)))
    await page.page.locator(`#${name}-year`).fill(year!)
  }

  it('with JavaScript off, the coordinator records a death review from notification to its report, with its deadlines against the statutory timescales', { timeout: 180_000 }, async () => {
    const officer = await signedIn(e2e, 'coordinator', { javaScript: false })
    const partnershipId = await e2e.server.partnershipId('joint-2016')
    await officer.goto(`/partnerships/${partnershipId}`)
    await officer.clickLink('Death reviews')
    await AnyPage.verifyOnPage(officer, 'Domestic abuse related death reviews')
    await officer.clickLink('Record a notification')
    const form = await AnyPage.verifyOnPage(officer, 'Record a notification of a death')
    await officer.submit('Save notification')
    const failed = await AnyPage.verifyOnPage(officer, 'Record a notification of a death')
    expect((await failed.errorSummary()).map(e => e.href)).toEqual(['#caseReference', '#notifiedOn-day'])

    await form.page.getByLabel('Case reference').fill('DARDR 2025/07')
    await fillDate(form, 'notifiedOn', '2025-01-31')
    await officer.submit('Save notification')
    const review = await AnyPage.verifyOnPage(officer, 'Death review DARDR 2025/07')
    expect(await review.banner()).toMatch(/^Death review recorded/)

    await officer.clickLink(/^Record the decision/)
    const decision = await AnyPage.verifyOnPage(officer, 'Record the decision')
    await decision.page.getByLabel('Hold a review', { exact: true }).check()
    await fillDate(decision, 'decisionOn', '2025-03-03')
    await decision.page.getByLabel('Reasons for the decision').fill('The death meets the criteria for a review.')
    await officer.submit('Save decision')
    await officer.clickLink('Record an agreed extension')
    const extension = await AnyPage.verifyOnPage(officer, 'Record an agreed extension')
    await fillDate(extension, 'agreedOn', '2025-08-01')
    await fillDate(extension, 'extendedTo', '2025-11-28')
    await extension.page.getByLabel('Reason').fill('The criminal trial ends in October.')
    await officer.submit('Save extension')
    await officer.clickLink('Add an action to the action plan')
    const action = await AnyPage.verifyOnPage(officer, 'Add an action to the action plan')
    await action.page.getByLabel('Action', { exact: true }).fill('Brief GP practices on the learning from the review')
    await action.page.getByLabel('Open').check()
    await officer.submit('Save action')
    await officer.clickLink("Change the report’s dates")
    const report = await AnyPage.verifyOnPage(officer, 'Report, quality assurance and publication')
    await fillDate(report, 'reportSentOn', '2025-11-20')
    await officer.submit('Save')

    const done = await AnyPage.verifyOnPage(officer, 'Death review DARDR 2025/07')
    expect(await done.qa('stage').first().textContent()).toBe('With the Home Office for quality assurance')
    const deadlines = (await done.qa('deadlines').textContent())!.replace(/\s+/g, ' ')
    // Notified 31 January: the decision was due by 28 February and came on 3 March, 3 days late. The report,
    // due by 3 September and extended to 28 November, went on 20 November.
    expect(deadlines).toContain('Done late 3 March 2025: 31 days of 28 allowed, 3 late')
    expect(deadlines).toContain('Done on time 20 November 2025')
  })

  it('the coordinator enters a year of ASB case review applications, and the figures they publish agree with them', { timeout: 300_000 }, async () => {
    const officer = await signedIn(e2e, 'coordinator')
    const partnershipId = await e2e.server.partnershipId('rochford-2011')
    const applications: { reference: string; received: string; complaints: string; met: boolean; decided: string; review?: string; recommendations?: string }[] = [
      { reference: 'ACR 2024/01', received: '2024-04-15', complaints: '4', met: true, decided: '2024-04-22', review: '2024-05-20', recommendations: 'Mediation between the neighbours' },
      { reference: 'ACR 2024/02', received: '2024-07-02', complaints: '1', met: false, decided: '2024-07-05' },
      { reference: 'ACR 2024/03', received: '2024-10-10', complaints: '3', met: true, decided: '2024-10-14', review: '2024-11-07' },
      { reference: 'ACR 2024/04', received: '2025-02-03', complaints: '2', met: false, decided: '2025-02-07' },
    ]
    await officer.goto(`/partnerships/${partnershipId}/asb-case-reviews`)
    await AnyPage.verifyOnPage(officer, 'ASB case reviews')
    for (const a of applications) {
      await officer.clickLink('ASB case reviews', officer.page.getByRole('navigation', { name: 'Sections' }))
      await officer.clickLink('Add an application')
      const form = await AnyPage.verifyOnPage(officer, 'Add an ASB case review application')
      await form.page.getByLabel('Reference', { exact: true }).fill(a.reference)
      await fillDate(form, 'receivedOn', a.received)
      await form.page.getByLabel('Body that received it').selectOption({ label: 'Rochford District Council' })
      await form.page.locator('#complaintsCount').fill(a.complaints)
      await officer.submit('Save application')
      await AnyPage.verifyOnPage(officer, `ASB case review application ${a.reference}`)
      await officer.clickLink('Record the threshold decision')
      const threshold = await AnyPage.verifyOnPage(officer, 'Was the threshold met?')
      await threshold.page.getByLabel(a.met ? /threshold was met/ : /threshold was not met/).check()
      await fillDate(threshold, 'thresholdDecisionOn', a.decided)
      await officer.submit('Save decision')
      if (a.review) {
        await officer.clickLink('Record the review and its outcome')
        const review = await AnyPage.verifyOnPage(officer, 'Review and outcome')
        await fillDate(review, 'reviewOn', a.review)
        if (a.recommendations) await review.page.locator('#recommendations').fill(a.recommendations)
        await officer.submit('Save')
      }
    }
    await officer.goto(`/partnerships/${partnershipId}/asb-case-reviews`)
    await officer.clickLink('Figures for 2024/25')
    const figures = await AnyPage.verifyOnPage(officer, 'ASB case reviews 2024/25')
    const cell = async (qa: string) => (await figures.qa(qa).textContent())!.trim()
    expect([await cell('received'), await cell('not-meeting-threshold'), await cell('reviews'), await cell('with-recommendations')]).toEqual(['4', '2', '2', '1'])
    await officer.submit('Publish these figures')
    await AnyPage.verifyOnPage(officer, 'ASB case reviews 2024/25')
    const csv = await officer.context.request.get(await figures.page.getByRole('link', { name: /Download these figures/ }).getAttribute('href').then(h => h!))
    expect((await csv.text()).replace(/^\uFEFF/, '').split(/\r?\n/)[1]).toBe('2024/25,4,2,2,1,2025-03-31,no')

    const visitor = await e2e.open({ javaScript: false })
    await visitor.goto(`/partnerships/${partnershipId}/asb-case-reviews`)
    await visitor.clickLink('Figures for 2024/25')
    const published = await AnyPage.verifyOnPage(visitor, 'ASB case reviews 2024/25')
    expect((await published.qa('received').textContent())!.trim()).toBe('4')
  })

  it('a member sees nothing of the death reviews: no menu entry, and their address is not found', async () => {
    const member = await signedIn(e2e, 'member')
    const partnershipId = await e2e.server.partnershipId('joint-2016')
    await member.goto(`/partnerships/${partnershipId}`)
    const home = await AnyPage.verifyOnPage(member, /Castle Point and Rochford/)
    expect(await home.sections()).not.toContain('Death reviews')
    expect(await home.sections()).toContain('ASB case reviews')
    const response = await member.page.goto(`/partnerships/${partnershipId}/death-reviews`)
    expect(response?.status()).toBe(404)
    await member.checkAccessibility()
  })
})
