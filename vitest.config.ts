import { defineConfig } from 'vitest/config';

/**
 * `npm test` runs the unit tests once and the integration tests on embedded PGlite, and again on
 * PostgreSQL when `TEST_DATABASE_URL` is set (CI sets it), and the browser tests (Debian's Chromium
 * driven by playwright-core against the built dispatcher app) on PGlite.
 */
const integration = (name: string, db: 'pglite' | 'postgres') => ({
  extends: true as const,
  test: {
    name,
    include: ['src/**/*.int.test.ts', 'test/**/*.int.test.ts'],
    env: { RINGBACK_TEST_DB: db },
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});

export default defineConfig({
  test: {
    pool: 'forks',
    projects: [
      // Property tests run hundreds of cases: 30 s leaves room when the other projects share the CPUs.
      { extends: true, test: { name: 'unit', include: ['src/**/*.unit.test.ts', 'test/**/*.unit.test.ts'], testTimeout: 30_000 } },
      integration('int-pglite', 'pglite'),
      ...(process.env.TEST_DATABASE_URL ? [integration('int-postgres', 'postgres')] : []),
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['test/browser/**/*.browser.test.ts'],
          env: { RINGBACK_TEST_DB: 'pglite' },
          globalSetup: ['test/support/global-setup.ts', 'test/browser/build-web-app.setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
