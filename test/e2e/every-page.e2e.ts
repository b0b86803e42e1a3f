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
}

/** Each address once per shape: /partnerships/2/groups/14 and /partnerships/1/groups/3 are one page. */
/** Addresses of one shape fetched for their links (enough to find, say, a group that has members). */
const FETCHES_PER_SHAPE = 4

const shapeOf = (path: string) => path.replace(/\/\d+(?=\/|$)/g, '/:n')

/**
 * Follow every link the user can see, from `start`. Up to FETCHES_PER_SHAPE addresses of each shape
 * are fetched (cheaply, to find their links), and the first of each shape is opened in the browser,
 * where the session checks it with axe. Returns every path fetched (pages, downloads, redirects).
 */
async function crawl(
  session: BrowserSession,
  start: string[],
  limit = { pages: 400, addresses: 5000 },
): Promise<string[]> {
  const origin = new URL(session.baseUrl).origin
  const queue = [...start]
  const seen = new Set<string>()
  const seenShapes = new Set<string>()
  const fetchedPerShape = new Map<string, number>()
  const opened: string[] = []
  while (queue.length) {
    const path = queue.shift()!
    const shape = shapeOf(path.split('?')[0]!)
    if (seen.has(path) || (fetchedPerShape.get(shape) ?? 0) >= FETCHES_PER_SHAPE) continue
    seen.add(path)
    fetchedPerShape.set(shape, (fetchedPerShape.get(shape) ?? 0) + 1)
    expect(seen.size, 'addresses found (is a link generating endless new addresses?)').toBeLessThan(limit.addresses)
    // With the browser's cookies, as the user: only HTML pages are pages (skip JSON and downloads).
    const response = await session.context.request.get(path, { maxRedirects: 0 })
    const location = response.headers().location
    if (response.status() >= 300 && response.status() < 400 && location) {
      queue.push(new URL(location, origin).pathname)
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
      if (url.origin === origin) queue.push(url.pathname + url.search)
    }
  }
  return [...seen]
}

const toRegExp = (pattern: string) => new RegExp(`^${pattern.replace(/:\w+/g, '[^/]+')}$`)

describeE2e('Every page', () => {
  const e2e = useE2e()

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
