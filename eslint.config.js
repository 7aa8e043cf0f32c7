// Lint: TypeScript rules plus the import boundaries of docs/DESIGN.md (section "Boundaries").
// - sdk imports nothing from host, nor the test kit;
// - plugins/* and examples/* import @atrium/sdk only (no host, no host-only libraries); their
//   tests (*.test.ts, test-support/) may also import the test kit @atrium/testing;
// - the test kit (testing/) reaches the host through @atrium/host/engine only (no store, index or container);
// - inversify, tapable, better-sqlite3, dcmjs-dimse and playwright-core (the render service's browser) appear only in host.
import tseslint from 'typescript-eslint';

const HOST_ONLY = ['inversify', 'tapable', 'better-sqlite3', 'dcmjs-dimse', 'playwright-core'];
const hostOnlyPatterns = HOST_ONLY.map((name) => ({ group: [name, `${name}/*`], message: `${name} may be used only inside host/ (docs/DESIGN.md, Boundaries)` }));
const pluginPatterns = [...hostOnlyPatterns, { group: ['@atrium/host', '@atrium/host/*', '**/host/**', 'dcmjs', 'dcmjs/*'], message: 'plugins and examples import @atrium/sdk only (docs/DESIGN.md, Boundaries)' }];
const kitPattern = { group: ['@atrium/testing', '@atrium/testing/*', '**/testing/src/**'], message: 'the test kit @atrium/testing is for tests only: *.test.ts and test-support/ of plugins and examples (docs/DESIGN.md, Boundaries)' };
const pluginTests = ['plugins/**/*.test.ts', 'plugins/**/test-support/**/*.ts', 'examples/**/*.test.ts', 'examples/**/test-support/**/*.ts'];

export default tseslint.config(
  { ignores: ['**/dist/**', 'host/dist-ui/**', '**/node_modules/**', '**/*.generated.ts', 'bench/results/**', '.atrium/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['sdk/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [...hostOnlyPatterns, kitPattern, { group: ['@atrium/host', '@atrium/host/*', '**/host/**'], message: 'sdk must not import host (docs/DESIGN.md, Boundaries)' }] }],
    },
  },
  {
    files: ['plugins/**/*.ts', 'examples/**/*.ts'],
    ignores: pluginTests,
    rules: { 'no-restricted-imports': ['error', { patterns: [...pluginPatterns, kitPattern] }] },
  },
  {
    files: pluginTests,
    rules: { 'no-restricted-imports': ['error', { patterns: pluginPatterns }] },
  },
  {
    files: ['testing/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: '@atrium/host', message: 'the test kit uses the host engine only: import @atrium/host/engine (docs/DESIGN.md, Boundaries)' }],
          patterns: [...hostOnlyPatterns, { regex: '^\\.\\.?/(?:.*/)?host/', message: 'the test kit uses the host engine only: import @atrium/host/engine (docs/DESIGN.md, Boundaries)' }],
        },
      ],
    },
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts', 'tools/**/*.mjs'],
    rules: { 'no-restricted-imports': 'off' },
  },
);
