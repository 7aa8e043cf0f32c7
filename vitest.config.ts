import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * Two tiers. `npm test` (this config without ATRIUM_TEST_TIER): unit and in-process
 * end-to-end tests. `npm run test:interop` (ATRIUM_TEST_TIER=interop): the suites under
 * test/interop that start real peers (DCMTK, Orthanc, Chromium, PostgreSQL), the heavy
 * system suites (multi-gigabyte objects, kill storms, the plugin scaffold's npm install, the
 * demo, the CLI bundle built from a copy of the host), and
 * the `*.interop.test.ts` files beside the code (the codec referees, which run every sample
 * through DCMTK, GDCM and pydicom).
 */
const interop = process.env.ATRIUM_TEST_TIER === 'interop';

export default defineConfig({
  // Tests run on the sources of the workspace packages (the kit's engine included), never on a stale dist/.
  resolve: {
    alias: {
      // The subpath before the package: an alias also matches what starts with it.
      '@atrium/sdk/core': fileURLToPath(new URL('./sdk/src/core.ts', import.meta.url)),
      '@atrium/sdk/dictionary': fileURLToPath(new URL('./sdk/src/standard/dictionary.ts', import.meta.url)),
      '@atrium/sdk': fileURLToPath(new URL('./sdk/src/index.ts', import.meta.url)),
      '@atrium/host/engine': fileURLToPath(new URL('./host/src/engine.ts', import.meta.url)),
      '@atrium/testing': fileURLToPath(new URL('./testing/src/index.ts', import.meta.url)),
    },
  },
  test: {
    include: interop ? ['test/interop/**/*.test.ts', '{sdk,host,testing,plugins}/**/*.interop.test.ts'] : ['{sdk,host,testing,plugins,examples,test,bench}/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**', ...(interop ? [] : ['test/interop/**', '**/*.interop.test.ts'])],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
