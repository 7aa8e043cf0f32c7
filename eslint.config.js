// Lint: TypeScript rules plus the import boundaries of docs/DESIGN.md (section "Boundaries").
// - sdk imports nothing from host, nor the test kit;
// - plugins/* and examples/* import @atrium/sdk only (no host, no host-only libraries); their
//   tests (*.test.ts, test-support/) may also import the test kit @atrium/testing;
// - the test kit (testing/) reaches the host through @atrium/host/engine only (no store, index or container);
// - inversify, tapable, better-sqlite3, dcmjs-dimse and playwright-core (the render service's browser) appear only in host;
// - inside host/src, folders import only lower layers (HOST_LAYERS; tools/eslint/host-layers.mjs);
// - SQL and the SQLite driver stay in host/src/db (behind its interfaces);
// - DICOM tags are written by keyword, never as hex (atrium/no-raw-tag; RAW_TAG_ALLOWED lists the exceptions).
import tseslint from 'typescript-eslint';
import atrium from './tools/eslint/atrium-plugin.mjs';

/** A string that starts like an SQL statement. */
const SQL = String.raw`/^\s*(SELECT\s[\s\S]*\sFROM\s|INSERT\s+(OR\s+\w+\s+)?INTO\s|UPDATE\s+\w+\s+SET\s|DELETE\s+FROM\s|CREATE\s+(TABLE|(UNIQUE\s+)?INDEX)\s|ALTER\s+TABLE\s|PRAGMA\s)/`;

/**
 * The layers of host/src, lowest first (docs/DESIGN.md, Layers); folders of one rank do not
 * import each other. `testing` (synthetic test data) is imported by tests only.
 */
export const HOST_LAYERS = {
  root: 'host/src',
  layers: [['core', 'errors'], 'io', 'db', 'store', 'hooks', 'jobs', 'media', 'importer', ['deid', 'derive', 'render', 'net'], 'plugins', 'apps', 'di', 'web', 'cli'],
  testOnly: ['testing'],
  above: 'di',
};

/** Where DICOM tags are written by keyword (`Tag.X`, `CommandTag.X`), never as hex (tools/eslint/no-raw-tag.mjs). */
const RAW_TAG_CHECKED = ['{host,sdk,testing,test,bench}/**/*.{ts,mts,js,mjs}', '{plugins,examples}/**/*.{ts,mts,js,mjs}', 'ui/src/**/*.{ts,js}'];
/** The places where a tag may be written as hex, each with its reason. */
export const RAW_TAG_ALLOWED = [
  ['sdk/src/standard/*.test.ts', 'tests of the generated tables: they check them against the numbers the standard prints (Tag.X would check the table against itself)'],
  ['host/src/net/dimse/command-tags.test.ts', 'the test of the generated command group table and of its generator input rows, for the same reason'],
  ['test/support/dicom-fixture.ts', 'the byte-level fixture writer: builds test files byte by byte, written independently of the host and of the tables it tests'],
];

const HOST_ONLY = ['inversify', 'tapable', 'better-sqlite3', 'dcmjs-dimse', 'playwright-core'];
const hostOnlyPatterns = HOST_ONLY.map((name) => ({ group: [name, `${name}/*`], message: `${name} may be used only inside host/ (docs/DESIGN.md, Boundaries)` }));
const pluginPatterns = [...hostOnlyPatterns, { group: ['@atrium/host', '@atrium/host/*', '**/host/**', 'dcmjs', 'dcmjs/*'], message: 'plugins and examples import @atrium/sdk only (docs/DESIGN.md, Boundaries)' }];
const kitPattern = { group: ['@atrium/testing', '@atrium/testing/*', '**/testing/src/**'], message: 'the test kit @atrium/testing is for tests only: *.test.ts and test-support/ of plugins and examples (docs/DESIGN.md, Boundaries)' };
const pluginTests = ['plugins/**/*.test.ts', 'plugins/**/test-support/**/*.ts', 'examples/**/*.test.ts', 'examples/**/test-support/**/*.ts'];

export default tseslint.config(
  { ignores: ['**/dist/**', 'host/dist-ui/**', 'host/dist-bundle/**', '**/node_modules/**', '**/*.generated.ts', 'bench/results/**', '.atrium/**'] },
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
  { plugins: { atrium } },
  {
    files: ['host/src/**/*.ts'],
    rules: { 'atrium/host-layers': ['error', HOST_LAYERS] },
  },
  {
    files: RAW_TAG_CHECKED,
    ignores: RAW_TAG_ALLOWED.map(([glob]) => glob),
    rules: { 'atrium/no-raw-tag': 'error' },
  },
  {
    files: ['host/src/**/*.ts'],
    ignores: ['host/src/db/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['better-sqlite3'], message: 'the SQLite driver is used in host/src/db only, behind its interfaces (docs/DESIGN.md, Layers)' }] }],
    },
  },
  {
    files: ['host/src/**/*.ts'],
    ignores: ['host/src/db/**', '**/*.test.ts', '**/test-support/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        ...[`Literal[value=${SQL}]`, `TemplateElement[value.raw=${SQL}]`].map((selector) => ({
          selector,
          message: 'SQL belongs in host/src/db, behind its interfaces (docs/DESIGN.md, Layers)',
        })),
      ],
    },
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts', 'tools/**/*.mjs'],
    rules: { 'no-restricted-imports': 'off' },
  },
);
