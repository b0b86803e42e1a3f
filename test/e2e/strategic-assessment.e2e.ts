import { readFileSync } from 'node:fs'

import { expect, it } from 'vitest'

import { fixtureMonth } from '../helpers/police-data.ts'

import { describeE2e, useE2e } from './harness/e2e.ts'
import { signedIn } from './harness/journeys.ts'
import { AnyPage } from './pages/any-page.ts'

/** The police.uk and ONS fixtures (slices of the real Essex files) are imported before the demo data. */
describeE2e('The strategic assessment', () => {
  const e2e = useE2e({ policeData: true })
  const period = 'from=2024-02&to=2025-01'

  it('draws the map of districts with Leaflet from the boundaries (no tile server), and the page passes axe once it is drawn', async () => {
    const member = await signedIn(e2e, 'member')
    const partnershipId = await e2e.server.partnershipId('rochford-2011')
    const geojson = member.page.waitForResponse(response => new URL(response.url()).pathname.endsWith('/strategic-assessment/map.geojson'))
    await member.goto(`/partnerships/${partnershipId}/strategic-assessment/map?${period}`)
    const map = await AnyPage.verifyOnPage(member, 'Map: districts by rate')
    const response = await geojson
    expect(response.status()).toBe(200)
    const data = (await response.json()) as { features: { properties: { label: string } }[]; attribution: string }
    expect(data.features.map(f => f.properties.label).join(' ')).toContain('Rochford')
    expect(data.attribution).toContain('Open Government Licence')
    await member.page.locator('.app-map--interactive path.leaflet-interactive').first().waitFor()
    expect(await member.page.locator('.app-map--interactive path.leaflet-interactive').count()).toBe(data.features.length)
    expect(await member.page.locator('.app-map__static').isHidden()).toBe(true)
    // Checked again now that the script has added the interactive map.
    await member.checkAccessibility()
    const caveats = (await map.qa('caveats').textContent())!.replace(/\s+/g, ' ')
    expect(caveats).toMatch(/Locations are approximate/)
    expect(caveats).toContain('Open Government Licence')
  })

  it('with JavaScript off, a visitor sees the server-drawn map, the table of rates and the caveats', async () => {
    const visitor = await e2e.open({ javaScript: false })
    const partnershipId = await e2e.server.partnershipId('joint-2016')
    await visitor.goto(`/partnerships/${partnershipId}/strategic-assessment/map?${period}`)
    const map = await AnyPage.verifyOnPage(visitor, 'Map: districts by rate')
    expect(await visitor.page.locator('.app-map__static svg').count()).toBe(1)
    expect(await visitor.page.locator('.app-map--interactive').count()).toBe(0)
    const districts = await map.tableRows('districts')
    expect(districts.map(row => row.join(' ')).join('\n')).toMatch(/Rochford/)
    expect((await map.qa('caveats').textContent())!).toMatch(/Locations are approximate/)
  })

  it('with JavaScript off, the site admin uploads a police.uk file with a bad row, skips it, follows the import, and downloads the skipped row', async () => {
    const admin = await signedIn(e2e, 'site-admin', { javaScript: false })
    const partnershipId = await e2e.server.partnershipId('rochford-2011')
    await admin.goto(`/partnerships/${partnershipId}/police-data/imports`)
    const upload = await AnyPage.verifyOnPage(admin, 'Import police.uk data')
    // The fixture's January 2025 again (so the month is replaced, not doubled), with one row spoilt.
    const lines = readFileSync(fixtureMonth('2025-01'), 'utf8').split('\n')
    const spoilt = lines[5]!.split(',')
    spoilt[4] = 'east-ish'
    lines[5] = spoilt.join(',')
    const rowsBefore = Number(
      (await e2e.server.db.selectFrom('policeRecords').select(eb => eb.fn.countAll().as('n')).where('month', '=', '2025-01').executeTakeFirstOrThrow()).n,
    )
    await upload.page.locator('#files').setInputFiles({ name: '2025-01-essex-street.csv', mimeType: 'text/csv', buffer: Buffer.from(lines.join('\n')) })
    await upload.page.getByLabel('Import the good rows and skip the bad ones').check()
    await admin.submit('Upload and import')
    await AnyPage.verifyOnPage(admin, 'Police.uk import')
    const jobPath = admin.path()
    const jobId = Number(jobPath.split('/').pop())

    // The job runs in the background (with scripts, the page follows it; without, reloading it shows how far it has got).
    for (let i = 0; i < 150; i++) {
      const job = await e2e.server.db.selectFrom('policeImportJobs').select('status').where('id', '=', jobId).executeTakeFirstOrThrow()
      if (job.status === 'succeeded' || job.status === 'failed') break
      await new Promise(resolve => setTimeout(resolve, 200))
    }
    await admin.goto(jobPath)
    const job = await AnyPage.verifyOnPage(admin, 'Police.uk import')
    const imported = await job.tableRows('imported')
    expect(imported).toHaveLength(1)
    expect(imported[0]![1]).toContain('(replaced the month held)')
    expect(imported[0]![3]).toBe('1')
    const rowsAfter = Number(
      (await e2e.server.db.selectFrom('policeRecords').select(eb => eb.fn.countAll().as('n')).where('month', '=', '2025-01').executeTakeFirstOrThrow()).n,
    )
    expect(rowsAfter).toBe(rowsBefore - 1)

    const skipped = await admin.context.request.get(`${jobPath}/skipped.csv`)
    expect(skipped.headers()['content-type']).toMatch(/^text\/csv/)
    const report = await skipped.text()
    expect(report).toContain('east-ish')
    expect(report.split(/\r?\n/)[1]).toMatch(/^2025-01-essex-street\.csv,6,Longitude,/)
    expect(await job.page.getByRole('link', { name: /Download the 1 skipped rows/ }).count()).toBe(1)
  })
})
