import * as cheerio from 'cheerio'
import { expect, it } from 'vitest'

import { listRoutes } from '../helpers/routes.ts'

import type { BrowserSession } from './harness/browser-session.ts'
import { describeE2e, useE2e } from './harness/e2e.ts'
import { signedIn } from './harness/journeys.ts'

/**
 * Pages no link leads to, so the crawl cannot reach them; each is covered elsewhere (say where).
 * A capability whose page is not linked from anywhere the site admin or a visitor can see adds it here.
 */
const NOT_CRAWLED: Record<string, string> = {
  'GET /reset-password/:token': 'reached from an e-mailed link (integration test: account-routes.test.ts)',
  'GET /healthz': 'JSON for the load balancer, not a page',
  'GET /readyz': 'JSON for the load balancer, not a page (app.test.ts, postgres-restart.test.ts)',
  'GET /sign-in/two-factor': 'the second step of a password sign-in with two-factor on (two-factor-routes.test.ts)',
  'GET /sign-in/two-factor/set-up': 'a password sign-in that must set up two-factor first (two-factor-routes.test.ts)',
  'GET /account/two-factor/recovery-codes': 'linked once two-factor sign-in is on (two-factor-routes.test.ts)',
  'GET /account/two-factor/turn-off': 'linked once two-factor sign-in is on (two-factor-routes.test.ts)',
  'GET /sign-in/oidc/:provider': 'single sign-on, when a provider is set (sso-routes.test.ts, onboarding.e2e.ts)',
  'GET /sign-in/oidc/:provider/callback': 'the identity provider’s redirect (sso-routes.test.ts, onboarding.e2e.ts)',
  'GET /partnerships/:partnershipId/team/email-domains/:id/delete': 'once a domain is on the list (team/onboarding.test.ts)',
  'GET /partnerships/:partnershipId/strategic-assessment/map.geojson': 'fetched by the map’s script (strategic-assessment.e2e.ts)',
  'GET /partnerships/:partnershipId/police-data/imports/:id': 'reached by uploading a file (strategic-assessment.e2e.ts)',
  'GET /partnerships/:partnershipId/police-data/imports/:id/skipped.csv': 'from an upload with bad rows (strategic-assessment.e2e.ts)',
  'GET /partnerships/:partnershipId/plans/:planId/import': 'linked from an empty draft plan (plans.e2e.ts)',
  'GET /partnerships/:partnershipId/plans/import-template.xlsx': 'linked from the import page (plans.e2e.ts)',
  'GET /partnerships/:partnershipId/plans/import-template.csv': 'linked from the import page (plans.e2e.ts)',
  'GET /partnerships/:partnershipId/plans/:planId/strategic-objectives/:id/edit': 'once a plan has a strategic objective; no demo plan has one (plan-shapes-routes.test.ts)',
  'GET /partnerships/:partnershipId/plans/:planId/strategic-objectives/:id/delete': 'once a plan has a strategic objective; no demo plan has one (plan-shapes-routes.test.ts)',
  'GET /partnerships/:partnershipId/funding/:year/reserves/:id/edit': 'once a year draws on reserves; no demo year does (money-shapes-routes.test.ts)',
  'GET /partnerships/:partnershipId/funding/:year/reserves/:id/delete': 'once a year draws on reserves; no demo year does (money-shapes-routes.test.ts)',
  'GET /partnerships/:partnershipId/indicators/:indicatorId/comparators/:id/edit': 'on one demo indicator among many (indicators.e2e.ts)',
  'GET /partnerships/:partnershipId/indicators/:indicatorId/comparators/:id/delete': 'on one demo indicator among many (indicators.e2e.ts)',
  'GET /partnerships/:partnershipId/reports/paper/logo/delete': 'linked once a council logo is uploaded; no demo partnership has one (report-paper-layout.test.ts)',
  'GET /reminders/stop/:token': 'reached from the link in a reminder e-mail (reminder-service.test.ts)',
  'GET /calendar-feeds/:token.ics': 'an iCalendar file for a calendar app at a secret address, not a page (calendar-routes.test.ts)',
  'GET /partnerships/:partnershipId/calendar/dates/:id/edit': 'once a partnership has a date of its own or a changed date; no demo partnership has one (calendar-routes.test.ts)',
  'GET /partnerships/:partnershipId/calendar/dates/:id/delete': 'once a partnership has a date of its own or a changed date; no demo partnership has one (calendar-routes.test.ts)',
}

/**
 * Each address once per shape: /partnerships/2/groups/14 and /partnerships/1/groups/3 are one page. The links
 * of one shape found on one page (the actions listed on a priority's page, say) are fetched, cheaply, for their
 * own links until QUIET_FETCHES of them in a row have led to no new shape: so the one plan whose actions have
 * updates is found among plans whose actions have none. At most MAX_FETCHES_PER_SHAPE addresses of a shape.
 */
const QUIET_FETCHES = 3
const MAX_FETCHES_PER_SHAPE = 80

const shapeOf = (path: string) => path.replace(/\/\d+(?=\/|$)/g, '/:n')

/**
 * Follow every link the user can see, from `start`. Addresses are fetched (cheaply, to find their links)
 * while their shape keeps leading somewhere new, and the first of each shape is opened in the browser, where
 * the session checks it with axe. Returns every path fetched (pages, downloads, redirects).
 */
async function crawl(
  session: BrowserSession,
  start: string[],
  limit = { pages: 400, addresses: 5000 },
): Promise<string[]> {
  const origin = new URL(session.baseUrl).origin
  const queue = start.map(path => ({ path, from: '' }))
  const seen = new Set<string>()
  const seenShapes = new Set<string>()
  const knownShapes = new Set(start.map(path => shapeOf(path.split('?')[0]!)))
  const perShape = new Map<string, number>()
  /** Per shape and the page that linked to it: fetches in a row that found no new shape. */
  const quiet = new Map<string, number>()
  const opened: string[] = []
  while (queue.length) {
    const { path, from } = queue.shift()!
    const shape = shapeOf(path.split('?')[0]!)
    const quietKey = `${shape} from ${from}`
    if (seen.has(path) || (perShape.get(shape) ?? 0) >= MAX_FETCHES_PER_SHAPE || (quiet.get(quietKey) ?? 0) >= QUIET_FETCHES) continue
    seen.add(path)
    perShape.set(shape, (perShape.get(shape) ?? 0) + 1)
    quiet.set(quietKey, (quiet.get(quietKey) ?? 0) + 1) // until its links show a new shape
    expect(seen.size, 'addresses found (is a link generating endless new addresses?)').toBeLessThan(limit.addresses)
    // With the browser's cookies, as the user: only HTML pages are pages (skip JSON and downloads).
    const response = await session.context.request.get(path, { maxRedirects: 0 })
    const location = response.headers().location
    if (response.status() >= 300 && response.status() < 400 && location) {
      queue.push({ path: new URL(location, origin).pathname, from: path })
      continue
    }
    if (!response.headers()['content-type']?.startsWith('text/html') || response.headers()['content-disposition'])
      continue
    if (!seenShapes.has(shape)) {
      seenShapes.add(shape)
      await session.goto(path)
      opened.push(path)
      expect(opened.length, 'pages opened').toBeLessThan(limit.pages)
    }
    const $ = cheerio.load(await response.text())
    for (const href of $('a[href]')
      .map((_, a) => $(a).attr('href'))
      .get()) {
      const url = new URL(href, origin + path)
      if (url.origin !== origin) continue
      queue.push({ path: url.pathname + url.search, from: path.split('?')[0]! })
      const linked = shapeOf(url.pathname)
      if (!knownShapes.has(linked)) {
        knownShapes.add(linked)
        quiet.set(quietKey, 0)
      }
    }
  }
  return [...seen]
}

const toRegExp = (pattern: string) => new RegExp(`^${pattern.replace(/:\w+/g, '[^/]+')}$`)

describeE2e('Every page', () => {
  const e2e = useE2e({ policeData: true })

  it(
    'passes axe on every page: following every link as the site admin (JavaScript on) and as a visitor (JavaScript off), every page of the app is reached',
    { timeout: 600_000 },
    async () => {
      const admin = await signedIn(e2e, 'site-admin')
      const visited = await crawl(admin, ['/', '/account', '/audit', '/api/v1/docs'])
      const visitor = await e2e.open({ javaScript: false })
      visited.push(...(await crawl(visitor, ['/', '/sign-in', '/forgot-password', '/signed-out'])))

      const pageRoutes = listRoutes(e2e.server.app).filter(
        route => route.method === 'GET' && !route.path.startsWith('/api/v1') && !(`GET ${route.path}` in NOT_CRAWLED),
      )
      // Reached: fetched by the crawl (pages were then opened and checked; downloads and redirects were not).
      const reached = (pattern: string) => visited.some(path => toRegExp(pattern).test(path.split('?')[0]!))
      const unreached = pageRoutes.filter(route => !reached(route.path)).map(route => `GET ${route.path}`)
      expect(
        unreached,
        'pages the crawl never reached: link them, or list them in NOT_CRAWLED with where they are tested',
      ).toEqual([])
      expect(admin.checks.length + visitor.checks.length, 'pages checked with axe').toBeGreaterThan(30)
    },
  )
})
