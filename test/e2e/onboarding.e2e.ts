import { createServer } from 'node:net'

import ExcelJS from 'exceljs'
import { afterAll, expect, it } from 'vitest'

import { startOidcProvider, type OidcTestProvider } from '../helpers/oidc-provider.ts'

import { describeE2e, useE2e } from './harness/e2e.ts'
import { HomePage, SignInPage } from './pages/account-pages.ts'
import { AccountsPage, DistrictSetupPage, ProviderSignInPage, TeamImportPage, TeamImportPreviewPage } from './pages/onboarding-pages.ts'
import { GroupFormPage, PartnershipPage } from './pages/partnership-pages.ts'

/** A port nobody uses now, for the app: the identity provider must know the app's address before it starts. */
async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise<void>(resolve => server.close(() => resolve()))
  return port
}

const COORDINATOR = 'new.coordinator@basildon.gov.uk'
const LEADS = [
  ['Amira Patel', 'amira.patel@essex.police.uk', 'Essex Police', 'Lead'],
  ['Ben Okafor', 'ben.okafor@essex.police.uk', 'Essex Police', 'Lead'],
  ['Carys Hughes', 'carys.hughes@basildon.gov.uk', 'Basildon Borough Council', 'Lead'],
  ['Dev Sharma', 'dev.sharma@basildon.gov.uk', 'Basildon Borough Council', 'Lead'],
  ['Ellen Price', 'ellen.price@essex.gov.uk', 'Essex County Council', 'Lead'],
  ['Femi Adeyemi', 'femi.adeyemi@essex-fire.gov.uk', 'Essex Fire and Rescue Service', 'Lead'],
  ['Grace Lin', 'grace.lin@justice.gov.uk', 'Probation Service', 'Lead'],
  ['Harry Walsh', 'harry.walsh@nhs.net', 'NHS Essex Integrated Care Board', 'Lead'],
  ['Isla Murray', 'isla.murray@basildon.gov.uk', 'Basildon Borough Council', 'Member'],
  ['Jon Reid', 'jon.reid@essex.police.uk', 'Essex Police', 'Member'],
]

async function leadsWorkbook(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook()
  const sheet = workbook.addWorksheet('People')
  sheet.addRow(['Name', 'Email address', 'Organisation', 'Role', 'Person record'])
  for (const lead of LEADS) sheet.addRow([...lead, ''])
  return Buffer.from(await workbook.xlsx.writeBuffer())
}

describeE2e('A new coordinator on board in minutes', () => {
  let op: OidcTestProvider | undefined
  const e2e = useE2e({
    policeData: true,
    async before() {
      const port = await freePort()
      const base = `http://127.0.0.1:${port}`
      op = await startOidcProvider({ redirectUris: [`${base}/sign-in/oidc/sso/callback`], identities: [{ sub: 'coord-1', email: COORDINATOR, name: 'Nadia Coordinator' }] })
      return {
        port,
        env: { CSP_HUB_BASE_URL: base, CSP_HUB_OIDC_ISSUER: op.issuer, CSP_HUB_OIDC_CLIENT_ID: op.clientId, CSP_HUB_OIDC_CLIENT_SECRET: op.clientSecret, CSP_HUB_OIDC_NAME: 'Basildon Council' },
      }
    },
  })
  afterAll(() => op?.close())

  it(
    'signs in through the council’s identity provider, sets up the district’s structure and invites ten leads from a spreadsheet',
    { timeout: 180_000 },
    async () => {
      // A site administrator has made the partnership and given the coordinator the admin role.
      const { services, db } = e2e.server
      const siteAdmin = (await services.accounts.loadCurrentUser((await db.selectFrom('users').select('id').where('email', '=', e2e.server.demoAccount('site-admin')).executeTakeFirstOrThrow()).id))!
      const partnership = await services.partnerships.create(siteAdmin, { name: 'Basildon Community Safety Partnership', shortName: 'Basildon CSP', vision: null, description: null, isPublished: false }, { userId: siteAdmin.id, label: siteAdmin.email })
      const ctx = await services.partnerships.contextFor(services.accounts.toViewer(siteAdmin), partnership.id, { userId: siteAdmin.id, label: siteAdmin.email })
      await services.team.addTeamMember(ctx, { email: COORDINATOR, name: 'Nadia Coordinator', role: 'admin', personId: null }, { notify: false })

      const steps: { step: string; seconds: number }[] = []
      let mark = performance.now()
      const lap = (step: string) => {
        const now = performance.now()
        steps.push({ step, seconds: (now - mark) / 1000 })
        mark = now
      }
      const started = mark

      // 1. Sign in with the council's identity provider.
      const user = await e2e.open()
      await user.goto('/sign-in')
      await SignInPage.verifyOnPage(user)
      await user.clickLink('Sign in with Basildon Council')
      await (await ProviderSignInPage.verifyOnPage(user)).signInAs(COORDINATOR)
      const home = await HomePage.verifyOnPage(user, 'Your partnerships')
      expect(await home.yourPartnerships()).toContain('Basildon Community Safety Partnership')
      lap('Sign in through the identity provider')

      // 2. The district, its wards and LSOAs, and its responsible authorities, in one step.
      await user.clickLink('Basildon Community Safety Partnership')
      await PartnershipPage.verifyOnPage(user, 'Basildon Community Safety Partnership')
      await user.clickLink('Set up a district from the ONS lookups')
      const finder = await DistrictSetupPage.verifyOnPage(user)
      await finder.find('Basildon')
      await user.clickLink('Basildon')
      const setUp = await DistrictSetupPage.verifyOnPage(user, 'Set up Basildon')
      expect(await setUp.authorityName('County council')).toBe('Essex County Council')
      expect(await setUp.authorityName('Police')).toBe('Essex Police')
      await setUp.rename('District or borough council', 'Basildon Borough Council')
      await setUp.rename('Fire and rescue', 'Essex Fire and Rescue Service')
      await user.submit('Add the district and its authorities')
      const structure = await PartnershipPage.verifyOnPage(user, 'Basildon Community Safety Partnership')
      expect(await structure.banner()).toMatch(/^Basildon set up: \d+ areas and 6 responsible authorities added$/)
      lap('Set up the district from the ONS lookups')

      // 3. Two groups with "Save and add another".
      await user.clickLink('Add a group')
      const board = await GroupFormPage.verifyOnPage(user, 'Add a group')
      await board.fill({ name: 'Basildon CSP Board', type: 'Partnership board' })
      await user.submit('Save and add another')
      const tactical = await GroupFormPage.verifyOnPage(user, 'Add a group')
      expect(await tactical.banner()).toBe('Group added. Add another.')
      await tactical.fill({ name: 'Tactical Group', type: 'Sub-group', reportsTo: 'Basildon CSP Board' })
      await user.submit('Save group')
      lap('Add two groups with “Save and add another”')

      // 4. Ten leads from a spreadsheet.
      await user.clickLink('Accounts')
      await AccountsPage.verifyOnPage(user)
      await user.clickLink('Give access from a spreadsheet')
      await (await TeamImportPage.verifyOnPage(user)).upload('leads.xlsx', await leadsWorkbook())
      const preview = await TeamImportPreviewPage.verifyOnPage(user)
      expect(await preview.rows()).toHaveLength(10)
      await preview.confirm('You lead actions in the Basildon partnership plan for 2026/27.')
      const accounts = await AccountsPage.verifyOnPage(user)
      expect(await accounts.banner()).toBe('10 people have been given access and sent an invitation')
      lap('Invite ten leads from a spreadsheet')

      const total = (performance.now() - started) / 1000
      const counts = await Promise.all(
        (['areas', 'organisations', 'groups', 'people'] as const).map(async table =>
          Number((await db.selectFrom(table).select(eb => eb.fn.countAll().as('n')).where('partnershipId', '=', partnership.id).executeTakeFirstOrThrow()).n),
        ),
      )
      const invited = e2e.server.mailer.sent.filter(m => m.subject === 'You have been given access to Basildon Community Safety Partnership on CSP Hub')
      expect(invited.map(m => m.to).sort()).toEqual(LEADS.map(l => l[1]).sort())
      expect(counts[1]).toBe(6)
      const lines = [
        'Onboarding journey (browser, JavaScript on, axe on every page):',
        ...steps.map(s => `  ${s.step.padEnd(48)} ${s.seconds.toFixed(1).padStart(6)} s`),
        `  ${'Total'.padEnd(48)} ${total.toFixed(1).padStart(6)} s`,
        `  Made: ${counts[0]} areas, ${counts[1]} organisations, ${counts[2]} groups, ${counts[3]} people; ${invited.length} invitations`,
      ]
      process.stdout.write(`\n${lines.join('\n')}\n`)
      expect(total).toBeLessThan(600)
    },
  )
})
