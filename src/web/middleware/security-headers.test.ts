import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { page } from '#test/helpers/html'
import { createTestApp, type TestApp } from '#test/helpers/test-app'

let t: TestApp
beforeAll(async () => {
  t = await createTestApp()
})
afterAll(() => t.close())

const directives = (header: string) =>
  new Map(
    header
      .split(';')
      .map(part => part.trim().split(/\s+/))
      .map(([name, ...values]) => [name!, values]),
  )

describe('security headers', () => {
  it('allow only the page’s own scripts, by a nonce that changes with every response', async () => {
    const first = await t.anonymous().get('/sign-in')
    const csp = directives(first.headers['content-security-policy'] ?? '')
    const nonce = /^'nonce-(.+)'$/.exec(csp.get('script-src')?.find(value => value.startsWith("'nonce-")) ?? '')?.[1]
    expect(nonce).toBeTruthy()
    expect(csp.get('script-src')).toEqual(["'self'", `'nonce-${nonce}'`])
    expect(csp.get('default-src')).toEqual(["'self'"])
    expect(csp.get('style-src')).toEqual(["'self'"])
    expect(csp.get('frame-ancestors')).toEqual(["'none'"])
    expect(csp.get('form-action')).toEqual(["'self'"])
    // Every script on the page carries that nonce, so the browser runs them, and nothing else.
    const scripts = page(first.text).$('script')
    expect(scripts.length).toBeGreaterThan(0)
    scripts.each((_, script) => expect(page(first.text).$(script).attr('nonce')).toBe(nonce))

    const second = await t.anonymous().get('/sign-in')
    expect(second.headers['content-security-policy']).not.toContain(nonce)
  })

  it('do not say what the server runs, and stop sniffing, framing and leaking the address', async () => {
    const res = await t.anonymous().get('/')
    expect(res.headers['x-powered-by']).toBeUndefined()
    expect(res.headers['x-content-type-options']).toBe('nosniff')
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN')
    expect(res.headers['referrer-policy']).toBe('same-origin')
    expect(res.headers['strict-transport-security']).toMatch(/max-age=\d+/)
  })

  it('give each response a request id, or keep a sensible one the proxy sent', async () => {
    expect((await t.anonymous().get('/healthz')).headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/)
    expect((await t.anonymous().get('/healthz').set('X-Request-Id', 'lb-abcdef12')).headers['x-request-id']).toBe(
      'lb-abcdef12',
    )
    expect((await t.anonymous().get('/healthz').set('X-Request-Id', '<script>')).headers['x-request-id']).not.toBe(
      '<script>',
    )
  })
})
