import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // PGlite+PostGIS takes seconds to open; two workers match this machine's two cores.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: {
          name: 'server',
          include: ['packages/*/test/**/*.test.ts', 'apps/*/test/**/*.test.ts'],
          exclude: ['**/node_modules/**', 'apps/web/test/unit/**'],
          globalSetup: ['./vitest.global-setup.ts'],
        },
      },
      // The web app's unit tests: Solid's browser build in Node, no database.
      './apps/web/vitest.config.ts',
    ],
  },
});
