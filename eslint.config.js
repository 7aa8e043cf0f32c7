// Lint: TypeScript rules plus the import boundaries of docs/DESIGN.md (section "Boundaries").
// - sdk imports nothing from host;
// - plugins/* and examples/* import @atrium/sdk only (no host, no host-only libraries);
// - inversify, tapable, better-sqlite3 and dcmjs-dimse appear only in host.
import tseslint from 'typescript-eslint';

const HOST_ONLY = ['inversify', 'tapable', 'better-sqlite3', 'dcmjs-dimse'];
const hostOnlyPatterns = HOST_ONLY.map((name) => ({ group: [name, `${name}/*`], message: `${name} may be used only inside host/ (docs/DESIGN.md, Boundaries)` }));

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
      'no-restricted-imports': ['error', { patterns: [...hostOnlyPatterns, { group: ['@atrium/host', '@atrium/host/*', '**/host/**'], message: 'sdk must not import host (docs/DESIGN.md, Boundaries)' }] }],
    },
  },
  {
    files: ['plugins/**/*.ts', 'examples/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [...hostOnlyPatterns, { group: ['@atrium/host', '@atrium/host/*', '**/host/**', 'dcmjs', 'dcmjs/*'], message: 'plugins and examples import @atrium/sdk only (docs/DESIGN.md, Boundaries)' }] },
      ],
    },
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts', 'tools/**/*.mjs'],
    rules: { 'no-restricted-imports': 'off' },
  },
);
