import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { page } from '#test/helpers/html'
import { binary, readDocx, readPdf, type DocxContent, type PdfContent } from '#test/helpers/read-documents'
import { expectTaggedLikeWord } from '#test/helpers/read-pdf-structure'
import { openInLibreOffice, soffice } from '#test/helpers/libreoffice'
import { createTestApp, type TestApp, type TestClient } from '#test/helpers/test-app'
import { loadDemoData } from '../../demo/index.ts'
import { formatMoney } from '../../shared/format.ts'
import type { PartnershipContext } from '../../core/access/partnership-context.ts'
import { financialYearLabel } from '../../core/calendar/index.ts'
import { countRags, RAG_LABELS, ragInQuarter, updatesInQuarter } from '../plans/index.ts'

/**
 * The documents a coordinator of the demo partnerships produces in one click — from the Reports page, the
 * Word and PDF links of each demo report — with every figure checked against the records as the plans,
 * indicators and funding services give them.
 */
let t: TestApp
let coordinator: TestClient
const partnerships = { joint: 0, rochford: 0 }
const contexts = {} as Record<keyof typeof partnerships, PartnershipContext>

beforeAll(async () => {
  t = await createTestApp()
  await loadDemoData(t.deps, t.services, { onlyIfEmpty: false })
  const user = await t.db.selectFrom('users').select('id').where('email', '=', 'coordinator@csp-hub.example').executeTakeFirstOrThrow()
  coordinator = await t.as(user)
  for (const row of await t.db.selectFrom('partnerships').select(['id', 'name']).execute()) {
    const key = row.name.startsWith('Rochford') ? 'rochford' : 'joint'
    partnerships[key] = row.id
    contexts[key] = await t.services.partnerships.contextFor({ userId: user.id, isSiteAdmin: false, roles: new Map([[row.id, 'coordinator']]) }, row.id, { userId: user.id, label: 'test' })
  }
}, 120_000)
afterAll(() => t.close())

/** Open the partnership's Reports page, find the report by its title, and follow its Word and PDF links. */
async function oneClick(partnershipId: number, title: string): Promise<{ docx: DocxContent; pdf: PdfContent }> {
  const files = await download(partnershipId, title)
  return { docx: await readDocx(files.docx), pdf: await readPdf(files.pdf) }
}

async function download(partnershipId: number, title: string): Promise<{ docx: Buffer; pdf: Buffer }> {
  const list = page((await coordinator.get(`/partnerships/${partnershipId}/reports`).expect(200)).text)
  const row = list.$('[data-qa="reports"] tbody tr').filter((_, tr) => list.$(tr).find('th').text().trim() === title)
  expect(row, `a report “${title}” on the Reports page`).toHaveLength(1)
  const link = (ending: string) => row.find(`a[href$="${ending}"]`).attr('href')!
  const docx = await coordinator.get(link('/document.docx')).buffer(true).parse(binary).expect(200)
  expect(docx.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document')
  const pdf = await coordinator.get(link('/document.pdf')).buffer(true).parse(binary).expect(200)
  expect(pdf.headers['content-type']).toBe('application/pdf')
  return { docx: docx.body as Buffer, pdf: pdf.body as Buffer }
}

const tableOf = (docx: DocxContent, caption: string) => {
  const index = docx.captions.findIndex(c => c.startsWith(caption))
  expect(index, `a table “${caption}…”`).toBeGreaterThanOrEqual(0)
  return docx.tables[index]!
}

/** The first line of an update as a document cell shows it (a line starting with a dash is a bullet point). */
const firstLine = (body: string) => body.split('\n')[0]!.replace(/^[-*•]\s+/, '').trim()

async function planOfYear(ctx: PartnershipContext, year: number) {
  const plan = (await t.services.plans.list(ctx)).find(p => p.planYear === year)!
  return t.services.plans.planView(ctx, plan.id)
}

describe('the quarterly plan update of the joint CSP’s 2016/17 plan, 1st quarter (seed 001, Appendix A)', () => {
  let files: { docx: DocxContent; pdf: PdfContent }
  beforeAll(async () => {
    files = await oneClick(partnerships.joint, 'Partnership Plan 2016/17: 1st Quarter Update')
  })

  it('counts the actions of each priority by their Q1 status as the plan holds them', async () => {
    const plan = await planOfYear(contexts.joint, 2016)
    const counts = (actions: (typeof plan.priorities)[number]['actions']) => {
      const rag = countRags(actions.map(a => ragInQuarter(a.updates, 1)))
      return [actions.length, rag.red, rag.amber, rag.green, rag.none, actions.filter(a => a.status === 'complete').length].map(String)
    }
    const expected = [
      ...plan.priorities.map((p, i) => [`Priority ${i + 1}: ${p.title}`, ...counts(p.actions)]),
      ['All priorities', ...counts(plan.priorities.flatMap(p => p.actions))],
    ]
    expect(tableOf(files.docx, 'RAG status of the actions in Q1 2016/17').rows.slice(1)).toEqual(expected)
    // The seed's 1st quarter update: 49 actions in three priorities, and no RAG statuses given.
    expect(expected.at(-1)).toEqual(['All priorities', '49', '0', '0', '0', '49', '0'])
    expect(files.pdf.flat).toContain(`All priorities ${expected.at(-1)!.slice(1).join(' ')}`)
    expect(files.pdf.flat).toContain('Of the 49 actions in Q1 2016/17 (April to June 2016), 49 have no RAG status yet.')
  })

  it('lists every action of each priority, objective by objective, with its Q1 updates and status', async () => {
    const plan = await planOfYear(contexts.joint, 2016)
    let updates = 0
    plan.priorities.forEach((priority, i) => {
      const table = tableOf(files.docx, `Priority ${i + 1}: ${priority.title} – actions and Q1 2016/17`)
      const rows = table.rows.slice(1)
      const expectedRows = priority.groups.flatMap(group => [...(group.objective ? [[`Strategic objective: ${group.objective.title}`]] : []), ...group.actions.map(a => a.title)])
      expect(rows.map(r => (r.length === 1 ? r : r[0]!.split('\n')[0]))).toEqual(expectedRows)
      for (const action of priority.actions) {
        const row = rows.find(r => r[0]!.split('\n')[0] === action.title)!
        const q1 = updatesInQuarter(action.updates, 1)
        updates += q1.length
        if (q1.length === 0) expect(row.slice(4)).toEqual(['No update for Q1', 'No update'])
        for (const update of q1) expect(row[4]).toContain(firstLine(update.body))
        const rag = ragInQuarter(action.updates, 1)
        expect(row[5]!.split('\n')[0]).toBe(rag ? RAG_LABELS[rag] : q1.length ? 'No RAG given' : 'No update')
      }
      expect(files.pdf.flat).toContain(`Priority ${i + 1}: ${priority.title}`)
    })
    expect(updates).toBe(25)
  })

  it('draws the Q1 statuses of each priority as a chart, with alt text and its figures in a table beside it', () => {
    const image = files.docx.images.find(i => i.title === 'Actions by RAG status, priority by priority, in Q1 2016/17 (April to June 2016)')
    expect(image?.description).toMatch(/^Stacked bar chart with a bar for each of the 3 priorities/)
    const counts = tableOf(files.docx, 'RAG status of the actions in Q1 2016/17').rows.slice(1, -1)
    // The chart's figures agree with the summary table: priority, Red, Amber, Green, No status yet.
    expect(tableOf(files.docx, 'Actions by RAG status, priority by priority, in Q1 2016/17 (April to June 2016): the figures').rows.slice(1)).toEqual(counts.map(r => [r[0], r[2], r[3], r[4], r[5]]))
    expect(files.pdf.flat).toContain('Actions by RAG status, priority by priority, in Q1 2016/17 (April to June 2016): the figures')
    expect(files.pdf.flat).toContain('No status yet 22 (22 in all)')
  })

  it('shows the same chart in the print view, drawn as SVG with its title, description and figures table', async () => {
    const list = page((await coordinator.get(`/partnerships/${partnerships.joint}/reports`).expect(200)).text)
    const row = list.$('[data-qa="reports"] tbody tr').filter((_, tr) => list.$(tr).find('th').text().trim() === 'Partnership Plan 2016/17: 1st Quarter Update')
    const print = page((await coordinator.get(row.find('a[href$="/document.docx"]').attr('href')!.replace(/\/document\.docx$/, '/print')).expect(200)).text)
    const figure = print.$('.app-document figure#rag-by-priority')
    expect(figure.find('svg[role=img] > title').text()).toBe('Actions by RAG status, priority by priority, in Q1 2016/17 (April to June 2016)')
    expect(figure.find('svg > desc').text()).toMatch(/^Stacked bar chart/)
    const figures = figure.find('tbody tr').map((_, r) => [print.$(r).find('th, td').map((_, c) => print.$(c).text().trim()).get()]).get()
    expect(figures).toEqual(tableOf(files.docx, 'Actions by RAG status, priority by priority, in Q1 2016/17 (April to June 2016): the figures').rows.slice(1))
  })

  it('gives the partnership’s own words for the RAG statuses', async () => {
    const words = await t.services.plans.ragDefinitions(contexts.joint)
    expect(tableOf(files.docx, 'What the RAG statuses mean').rows.slice(1)).toEqual([
      ['Green', words.green],
      ['Amber', words.amber],
      ['Red', words.red],
    ])
    for (const text of Object.values(words)) expect(files.pdf.flat).toContain(text)
  })
})

describe('the joint CSP’s 2021/22 report to the Review Committee (seed 004)', () => {
  let files: { docx: DocxContent; pdf: PdfContent }
  beforeAll(async () => {
    files = await oneClick(partnerships.joint, 'Castle Point and Rochford Community Safety Partnership: annual report to the Review Committee 2021/22')
  })

  it('states the funding ledger’s figures: the £12,337 grant, the £10,142 roll-over and the £1,518 anticipated underspend', async () => {
    const funding = (await t.services.funding.reportSummary(contexts.joint, 2021))!
    const money = formatMoney
    // The seed's figures, as the ledger holds them.
    expect([money(funding.streams[0]!.amountPence), money(funding.rollOverPence), money(funding.forecastUnderspendPence!)]).toEqual(['£12,337', '£10,142', '£1,518'])
    expect(tableOf(files.docx, 'Funding for 2021/22').rows.slice(1)).toEqual([
      ...funding.streams.map(s => [s.name, money(s.amountPence)]),
      ['Underspend rolled over from 2020/21', money(funding.rollOverPence)],
      ['Total available', money(funding.availablePence)],
      ['Allocated', money(funding.allocatedPence)],
      ['Spent', money(funding.spentPence)],
      ['Committed', money(funding.committedPence)],
      ['Forecast underspend', money(funding.forecastUnderspendPence!)],
    ])
    expect(tableOf(files.docx, 'Allocations for 2021/22').rows.slice(1)).toEqual(funding.allocations.map(a => [a.name, money(a.amountPence), money(a.spentPence), money(a.amountPence - a.spentPence)]))
    const sentence = `Funding from ${funding.streams[0]!.name} for 2021/22 amounted to £12,337. In addition, an underspend of £10,142 from 2020/21 was approved for roll over into 2021/22, giving ${money(funding.availablePence)} in all.`
    expect(files.docx.text).toContain(sentence)
    expect(files.docx.text).toContain('The forecast underspend for the year is £1,518.')
    expect(files.pdf.flat).toContain(sentence)
    expect(files.pdf.flat).toContain('The forecast underspend for the year is £1,518.')
    expect(files.pdf.flat).toContain('Forecast underspend £1,518')
  })

  it('names the year’s priority areas from the 2021/22 plan, and has the committee report’s sections', async () => {
    const plan = await planOfYear(contexts.joint, 2021)
    const bullets = files.docx.paragraphs.filter(p => p.style === 'ListParagraph').map(p => p.text)
    expect(bullets).toEqual(expect.arrayContaining(plan.priorities.map(p => p.title)))
    expect(plan.priorities.map(p => p.title)).toEqual(['Protecting vulnerable people', 'Anti-Social Behaviour', 'Violence (including knife crime)'])
    expect(files.docx.paragraphs.filter(p => p.style === 'Heading1').map(p => p.text)).toEqual([
      '1\tPurpose of report',
      '2\tIntroduction',
      '3\tBackground',
      '4\tRisk implications',
      '5\tCrime and disorder implications',
      '6\tResource implications',
      '7\tLegal implications',
      '8\tEquality and diversity implications',
      '9\tRecommendation',
      // The statutory duties' sections, from their records for the year.
      'Events and campaigns',
      'ASB case reviews (the community trigger)',
      'Domestic abuse related death reviews',
    ])
    expect(files.pdf.flat).toContain('The priority areas for action for 2021/22 were:')
  })
})

describe('the joint CSP’s 2016/17 report to the Review Committee (seed 001)', () => {
  it('says nothing is allocated yet for 2016/17, as the funding page does, instead of forecasting an underspend of the grant', async () => {
    const files = await oneClick(partnerships.joint, 'Castle Point and Rochford Community Safety Partnership: annual report to the Review Committee 2016/17')
    const rows = tableOf(files.docx, 'Funding for 2016/17').rows.slice(1)
    expect(rows.at(-1)).toEqual(['Forecast underspend', 'Nothing allocated yet'])
    expect(rows).toContainEqual(['Total available', '£14,019'])
    expect(files.pdf.flat).not.toContain('Forecast underspend £14,019')
    expect(files.pdf.flat).toContain('Forecast underspend Nothing allocated yet')
    expect(tableOf(files.docx, 'Money not counted as available in 2016/17').rows.slice(1)).toEqual([['PCC annual grant: Castle Point Borough Council’s share', 'Amount not recorded', 'Not known yet']])
    const page2016 = page((await coordinator.get(`/partnerships/${partnerships.joint}/funding/2016-17`).expect(200)).text)
    expect(page2016.text('[data-figure="forecastUnderspend"] td')).toBe('Nothing allocated yet')
    expect(page2016.text('[data-qa="funding-warning"]')).toContain('Castle Point Borough Council’s share')
  })
})

describe('Rochford CSP’s 2010/11 documents with the achievements table (seed 000, section 8)', () => {
  /** The performance table as the indicators give it: [indicator, target, baseline, target figure, last year, this year, change, status]. */
  async function achievements() {
    const table = await t.services.indicators.performance(contexts.rochford, 2010)
    return table.groups.flatMap(g => g.rows).filter(r => r.lastYear.value !== null && r.thisYear.value !== null)
  }

  for (const [kind, title] of [
    ['report to the Review Committee', 'Rochford District Community Safety Partnership: annual report to the Review Committee 2010/11'],
    ['performance table', 'Achievements from Strategic Priorities 2010/11'],
  ] as const) {
    it(`the ${kind} has each target with both years’ figures, the change and the status the indicators give`, async () => {
      const files = await oneClick(partnerships.rochford, title)
      const rows = await achievements()
      const table = tableOf(files.docx, 'Achievements from strategic priorities 2010/11')
      for (const row of rows) {
        expect(table.rows).toContainEqual([
          row.indicatorName,
          row.targetWording ?? 'No target',
          row.baselineFigure ? `${row.baselineFigure.text} (${row.baselineFigure.label})` : '',
          row.targetFigure?.text ?? '',
          row.lastYear.text,
          row.thisYear.text,
          row.change!.text,
          row.rag ? RAG_LABELS[row.rag] : 'No status',
        ])
      }
      // The seed's own figures, as the indicators hold them.
      expect(rows.map(r => [r.statement, r.lastYear.text, r.thisYear.text, r.rag])).toEqual(
        expect.arrayContaining([
          ['Reduce Theft From Motor Vehicle by 10% during 2010/2011', '325', '198', 'green'],
          ['Reduce Robbery by 5% during 2010/2011', '23', '8', 'green'],
          ['Reduce alcohol related disorder by 5% during 2010/2011 (Assault with less serious injury NI 20)', '181', '186', 'red'],
          ['All Crime', '2,650', '2,401', 'green'],
        ]),
      )
      // In the PDF the change wraps within its cell, after the indicator, target, baseline and target figure.
      expect(files.pdf.flat).toMatch(/Theft from .*325 293 325 198 39\.1% \(127 /)
      expect(files.pdf.flat).toMatch(/Robbery .*23 22 23 8 65\.2% \(15 /)
      expect(files.pdf.flat).toContain('Achievements from strategic priorities 2010/11')
    })
  }

  it('the report to the Review Committee draws each indicator with a target against it, with alt text and its figures in a table', async () => {
    const files = await oneClick(partnerships.rochford, 'Rochford District Community Safety Partnership: annual report to the Review Committee 2010/11')
    const table = await t.services.indicators.performance(contexts.rochford, 2010)
    const withTargets = table.groups.flatMap(g => g.rows).filter(r => r.targetFigure?.value != null)
    expect(withTargets.length).toBeGreaterThan(3)
    const theft = withTargets.find(r => r.statement === 'Reduce Theft From Motor Vehicle by 10% during 2010/2011')!
    const title = `${theft.indicatorName}: actual against target`
    const image = files.docx.images.find(i => i.title === title)
    expect(image?.description).toContain(`Bar chart of ${theft.indicatorName}`)
    expect(tableOf(files.docx, `${title}: the figures`).rows).toContainEqual(['2010/11', '198', '293'])
    expect(files.docx.images.filter(i => i.title.endsWith(': actual against target'))).toHaveLength(withTargets.length)
    expect(files.pdf.flat).toContain(`${title}: the figures`)
    expect(files.pdf.flat).toContain('Actual: 198')
  })

  it('the report to the Review Committee is about 2010/11 without a plan for that year, in the plan’s words from the seed', async () => {
    const { docx } = await oneClick(partnerships.rochford, 'Rochford District Community Safety Partnership: annual report to the Review Committee 2010/11')
    expect(docx.text).toContain('For general ‘All Crime’, the partnership achieved a reduction of 9.4% in the number of offences reported to the Police in 2010/2011 compared to the previous year.')
    expect(docx.text).toContain(`Performance against the partnership’s targets for ${financialYearLabel(2010)} is shown in the table below.`)
    expect(docx.captions.some(c => c.startsWith('Progress on the actions'))).toBe(false)
  })
})

const EVERY_DEMO_DOCUMENT = [
  ['joint', 'Partnership Plan 2016/17: 1st Quarter Update'],
  ['joint', 'Castle Point and Rochford Community Safety Partnership: annual report to the Review Committee 2021/22'],
  ['joint', 'Castle Point and Rochford Community Safety Partnership: annual report to the Review Committee 2016/17'],
  ['rochford', 'Rochford District Community Safety Partnership: annual report to the Review Committee 2010/11'],
  ['rochford', 'Achievements from Strategic Priorities 2010/11'],
] as const

describe('every demo document in the formats councils publish', () => {
  it.skipIf(!soffice)('opens in LibreOffice: each Word document converts to PDF with its title and every table caption', async () => {
    const docx: Record<string, Buffer> = {}
    for (const [partnership, title] of EVERY_DEMO_DOCUMENT) docx[title] = (await download(partnerships[partnership], title)).docx
    const pdfs = await openInLibreOffice(docx)
    for (const [, title] of EVERY_DEMO_DOCUMENT) {
      const word = await readDocx(docx[title]!)
      const laidOut = pdfs[title]!.flat.replace(/\s+/g, ' ')
      expect(pdfs[title]!.pages.length, title).toBeGreaterThan(1)
      expect(laidOut, title).toContain(word.paragraphs[0]!.text.replace(/\s+/g, ' '))
      for (const caption of word.captions) expect(laidOut, `${title}: “${caption}”`).toContain(caption.replace(/\s+/g, ' ').slice(0, 40))
    }
  }, 180_000)

  for (const [partnership, title] of EVERY_DEMO_DOCUMENT) {
    it(`${title}: a tagged PDF with the Word document’s headings and tables, and Word’s own numbering`, async () => {
      const files = await download(partnerships[partnership], title)
      const structure = await expectTaggedLikeWord(files.pdf, files.docx, title)
      expect(structure.pages.length).toBeGreaterThan(1)
      const docx = await readDocx(files.docx)
      // Every section and paragraph number is Word's list numbering: none is typed.
      expect(docx.paragraphs.filter(p => /^\d+(\.\d+)*\t/.test(p.text) && p.listNumber === undefined).map(p => p.text)).toEqual([])
      if (title.includes('Review Committee')) expect(docx.paragraphs.filter(p => p.listNumber?.includes('.')).length).toBeGreaterThan(5)
      for (const table of docx.tables) expect(table.headerRows).toBeGreaterThan(0)
    })
  }
})
