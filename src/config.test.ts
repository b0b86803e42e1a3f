import { readFileSync } from 'node:fs'
import path from 'node:path'

import { describe, expect, it } from 'vitest'

import { ConfigError, loadConfig } from './config.ts'

describe('configuration', () => {
  it('suits a laptop with no settings at all', () => {
    const config = loadConfig({})
    expect(config).toMatchObject({
      env: 'development',
      isProduction: false,
      port: 3000,
      host: '0.0.0.0',
      databaseUrl: undefined,
      dataDir: path.resolve('./data'),
      baseUrl: 'http://localhost:3000',
      logLevel: 'info',
      demoData: 'auto',
      admin: undefined,
      session: { idleMinutes: 720, maxDays: 14, secureCookies: false },
      trustProxy: 'loopback',
      mail: { smtpUrl: undefined, from: 'CSP Hub <no-reply@localhost>' },
      uploadMaxBytes: 200 * 1024 * 1024,
    })
    expect(Object.isFrozen(config)).toBe(true)
  })

  it('reads and converts every setting', () => {
    const config = loadConfig({
      NODE_ENV: 'production',
      PORT: '8080',
      DATABASE_URL: 'postgres://csp:secret@db:5432/csp_hub',
      CSP_HUB_BASE_URL: 'https://csp.example.org/',
      CSP_HUB_SESSION_IDLE_MINUTES: '30',
      CSP_HUB_SECURE_COOKIES: 'no',
      CSP_HUB_ADMIN_EMAIL: 'admin@example.org',
      CSP_HUB_ADMIN_PASSWORD: 'twelve chars at least',
      CSP_HUB_UPLOAD_MAX_MB: '5',
    })
    expect(config).toMatchObject({
      isProduction: true,
      port: 8080,
      databaseUrl: 'postgres://csp:secret@db:5432/csp_hub',
      baseUrl: 'https://csp.example.org',
      session: { idleMinutes: 30, maxDays: 14, secureCookies: false },
      admin: { email: 'admin@example.org', password: 'twelve chars at least' },
      uploadMaxBytes: 5 * 1024 * 1024,
    })
  })

  it('treats a setting left empty (as in a .env file) as not set', () => {
    const config = loadConfig({
      CSP_HUB_SMTP_URL: '',
      CSP_HUB_ADMIN_EMAIL: '',
      CSP_HUB_ADMIN_PASSWORD: '',
      PORT: '',
      DATABASE_URL: '',
    })
    expect(config).toMatchObject({ port: 3000, databaseUrl: undefined, admin: undefined, mail: { smtpUrl: undefined } })
  })

  it('makes cookies Secure in production unless told otherwise', () => {
    expect(
      loadConfig({ NODE_ENV: 'production', CSP_HUB_BASE_URL: 'https://csp.example.org' }).session.secureCookies,
    ).toBe(true)
  })

  it('reads single sign-on providers: the one of CSP_HUB_OIDC_*, and more as JSON', () => {
    const config = loadConfig({
      CSP_HUB_OIDC_ISSUER: 'https://login.microsoftonline.com/tenant/v2.0',
      CSP_HUB_OIDC_CLIENT_ID: 'client',
      CSP_HUB_OIDC_CLIENT_SECRET: 'secret',
      CSP_HUB_OIDC_NAME: 'Rochford District Council',
      CSP_HUB_OIDC_TRUST_EMAIL: 'true',
      CSP_HUB_OIDC_PROVIDERS: '[{"id":"essex","name":"Essex County Council","issuer":"https://accounts.google.com","clientId":"c2"}]',
      CSP_HUB_PASSWORD_SIGN_IN: 'false',
      CSP_HUB_REQUIRE_MFA: 'admins',
      CSP_HUB_DISABLE_INACTIVE_AFTER_DAYS: '180',
    })
    expect(config.oidcProviders).toEqual([
      { id: 'sso', name: 'Rochford District Council', issuer: 'https://login.microsoftonline.com/tenant/v2.0', clientId: 'client', clientSecret: 'secret', trustEmail: true },
      { id: 'essex', name: 'Essex County Council', issuer: 'https://accounts.google.com', clientId: 'c2', clientSecret: undefined, trustEmail: false },
    ])
    expect(config).toMatchObject({ passwordSignIn: false, requireMfa: 'admins', disableInactiveAfterDays: 180 })
    expect(loadConfig({})).toMatchObject({ oidcProviders: [], passwordSignIn: true, requireMfa: 'off', disableInactiveAfterDays: undefined })
  })

  it.each([
    [{ CSP_HUB_PASSWORD_SIGN_IN: 'false' }, /CSP_HUB_PASSWORD_SIGN_IN=false needs single sign-on/],
    [{ CSP_HUB_OIDC_ISSUER: 'https://id.example.org' }, /set CSP_HUB_OIDC_CLIENT_ID too/],
    [{ CSP_HUB_OIDC_ISSUER: 'http://id.example.org', CSP_HUB_OIDC_CLIENT_ID: 'c' }, /must use https/],
    [{ CSP_HUB_OIDC_PROVIDERS: 'not json' }, /must be a JSON list/],
    [{ CSP_HUB_OIDC_PROVIDERS: '[{"id":"Bad Id","name":"x","issuer":"https://a.b","clientId":"c"}]' }, /id must be lower-case letters/],
    [{ CSP_HUB_REQUIRE_MFA: 'sometimes' }, /CSP_HUB_REQUIRE_MFA/],
  ])('refuses %o', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message)
  })

  it('allows a provider over plain http on this machine, outside production only', () => {
    const local = { CSP_HUB_OIDC_ISSUER: 'http://127.0.0.1:8080', CSP_HUB_OIDC_CLIENT_ID: 'c' }
    expect(loadConfig(local).oidcProviders).toHaveLength(1)
    expect(() => loadConfig({ ...local, NODE_ENV: 'production', CSP_HUB_BASE_URL: 'https://csp.example.org' })).toThrow(ConfigError)
  })

  it('keeps the logs quiet in tests unless asked', () => {
    expect(loadConfig({ NODE_ENV: 'test' }).logLevel).toBe('silent')
    expect(loadConfig({ NODE_ENV: 'test', CSP_HUB_LOG_LEVEL: 'debug' }).logLevel).toBe('debug')
  })

  it.each([
    [{ NODE_ENV: 'production' }, 'CSP_HUB_BASE_URL must be set in production (it is used in password reset links).'],
    [
      { CSP_HUB_ADMIN_EMAIL: 'admin@example.org' },
      'Set both CSP_HUB_ADMIN_EMAIL and CSP_HUB_ADMIN_PASSWORD, or neither.',
    ],
    [
      { CSP_HUB_ADMIN_EMAIL: 'admin@example.org', CSP_HUB_ADMIN_PASSWORD: 'short' },
      'CSP_HUB_ADMIN_PASSWORD: CSP_HUB_ADMIN_PASSWORD must be at least 12 characters',
    ],
    [{ PORT: 'eighty' }, 'PORT:'],
    [{ DATABASE_URL: 'not a url' }, 'DATABASE_URL:'],
    [{ CSP_HUB_DEMO_DATA: 'sometimes' }, 'CSP_HUB_DEMO_DATA:'],
    [{ CSP_HUB_SECURE_COOKIES: 'maybe' }, 'CSP_HUB_SECURE_COOKIES:'],
  ])('refuses %o, naming the setting', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError)
    expect(() => loadConfig(env)).toThrow(message)
  })
})

describe('the documentation of the settings', () => {
  const source = readFileSync(new URL('./config.ts', import.meta.url), 'utf8')
  const settings = [...source.matchAll(/^ {2}([A-Z][A-Z_]+): z\./gm)].map(match => match[1]!)
  const root = new URL('../', import.meta.url)

  it('finds the settings in config.ts', () => {
    expect(settings).toEqual(expect.arrayContaining(['NODE_ENV', 'PORT', 'DATABASE_URL', 'CSP_HUB_BASE_URL']))
  })

  it('lists every setting in .env.example', () => {
    const example = readFileSync(new URL('.env.example', root), 'utf8')
    expect(settings.filter(name => !new RegExp(`^${name}=`, 'm').test(example))).toEqual([])
  })

  it('lists every setting in the README’s settings table', () => {
    const readme = readFileSync(new URL('README.md', root), 'utf8')
    expect(settings.filter(name => !readme.includes(`| \`${name}\``))).toEqual([])
  })
})
