import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'

import { page } from '#test/helpers/html'
import { createTestApp, type TestApp } from '#test/helpers/test-app'

const PRODUCTION = { NODE_ENV: 'production', CSP_HUB_BASE_URL: 'https://csp-hub.example.org' }

describe('in production', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await createTestApp({ env: PRODUCTION })
  })
  afterAll(() => t.close())
  afterEach(() => vi.restoreAllMocks())

  it('an unknown address gets the 404 page', async () => {
    const res = await t.anonymous().get('/no-such-page')
    expect(res.status).toBe(404)
    const p = page(res.text)
    expect(p.title()).toBe('Page not found – CSP Hub')
    expect(p.h1()).toBe('Page not found')
    expect(p.text('main')).toContain('If you typed the web address, check it is correct.')
  })

  it('a fault gets the 500 page with the request’s reference, and no stack trace or error message', async () => {
    vi.spyOn(t.services.partnerships, 'listFor').mockRejectedValue(
      new Error('connection to 10.0.0.7 refused: secret detail'),
    )
    const res = await t.anonymous().get('/').set('X-Request-Id', 'req-12345678')
    expect(res.status).toBe(500)
    const p = page(res.text)
    expect(p.h1()).toBe('Sorry, there is a problem with the service')
    expect(p.text('main')).toContain('req-12345678')
    expect(res.text).not.toContain('secret detail')
    expect(res.text).not.toMatch(/at .*\.ts:\d+/)
    expect(res.text).not.toContain('Error details')
  })

  it('an API fault answers JSON with the reference, and no detail', async () => {
    vi.spyOn(t.services.partnerships, 'listFor').mockRejectedValue(new Error('secret detail'))
    const res = await t.anonymous().get('/api/v1/partnerships').set('X-Request-Id', 'req-87654321')
    expect(res.status).toBe(500)
    expect(res.body).toEqual({ error: 'internal_error', requestId: 'req-87654321' })
  })

  it('a malformed form body is a 400 page, not a fault', async () => {
    const res = await t.anonymous().post('/sign-in').type('json').send('{"email": ')
    expect(res.status).toBe(400)
    expect(page(res.text).h1()).toBe('Sorry, the request could not be read')
  })
})

describe('in development', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await createTestApp({ env: { NODE_ENV: 'development' } })
  })
  afterAll(() => t.close())

  it('the 500 page shows the stack trace to the developer', async () => {
    vi.spyOn(t.services.partnerships, 'listFor').mockRejectedValue(new Error('visible while developing'))
    const res = await t.anonymous().get('/')
    expect(res.status).toBe(500)
    expect(page(res.text).text('.govuk-details')).toContain('Error: visible while developing')
  })
})
