import { defineConfig } from 'vitest/config'

/**
 * Projects:
 *  - unit: pure code (domain folders, shared helpers, the core's access, audit entries and calendar) — no
 *    database, no HTTP
 *  - integration-pglite: everything else under src and test/integration, each file on a fresh PGlite
 *  - integration-postgres: the same files on a real PostgreSQL, when TEST_DATABASE_URL is set
 *  - e2e: browser journeys (test/e2e/*.e2e.ts) with playwright-core and the system Chromium
 */
const unitFiles = [
  'src/**/domain/**/*.test.ts',
  'src/shared/**/*.test.ts',
  'src/core/access/**/*.test.ts',
  'src/core/audit/audit-entry.test.ts',
  'src/core/calendar/**/*.test.ts',
  'src/core/documents/chart.test.ts',
  'src/core/documents/chart-bars.test.ts',
  'src/core/documents/structured-report.test.ts',
  'scripts/**/*.test.ts',
  'src/config.test.ts',
]
const integrationFiles = ['src/**/*.test.ts', 'test/integration/**/*.test.ts']

const integration = (name: string, databaseKind: 'pglite' | 'postgres') => ({
  extends: true as const,
  test: {
    name,
    include: integrationFiles,
    exclude: unitFiles,
    globalSetup: ['test/helpers/global-setup.ts'],
    env: { TEST_DB_KIND: databaseKind },
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
})

export default defineConfig({
  test: {
    pool: 'forks',
    projects: [
      { extends: true, test: { name: 'unit', include: unitFiles } },
      integration('integration-pglite', 'pglite'),
      ...(process.env.TEST_DATABASE_URL ? [integration('integration-postgres', 'postgres')] : []),
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.e2e.ts'],
          globalSetup: ['test/e2e/harness/global-setup.ts'],
          env: { TEST_DB_KIND: 'pglite' },
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
})
