// Lint: TypeScript rules plus the import boundaries of DESIGN.md.
// - sdk imports nothing from host;
// - plugins/* and examples/* import @atrium/sdk only (no host, no host-only libraries);
// - inversify, tapable, better-sqlite3, dcmjs-dimse and playwright-core (the render service's browser) appear only in host.
import tseslint from 'typescript-eslint';

const HOST_ONLY = ['inversify', 'tapable', 'better-sqlite3', 'dcmjs-dimse', 'playwright-core'];
const hostOnlyPatterns = HOST_ONLY.map((name) => ({ group: [name, `${name}/*`], message: `${name} may be used only inside host/ (DESIGN.md import boundaries)` }));

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '**/*.generated.ts', 'bench/results/**', '.atrium/**'] },
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
      'no-restricted-imports': ['error', { patterns: [...hostOnlyPatterns, { group: ['@atrium/host', '@atrium/host/*', '**/host/**'], message: 'sdk must not import host' }] }],
    },
  },
  {
    files: ['plugins/**/*.ts', 'examples/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [...hostOnlyPatterns, { group: ['@atrium/host', '@atrium/host/*', '**/host/**', 'dcmjs', 'dcmjs/*'], message: 'plugins and examples import @atrium/sdk only' }] },
      ],
    },
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts', 'tools/**/*.mjs'],
    rules: { 'no-restricted-imports': 'off' },
  },
);
