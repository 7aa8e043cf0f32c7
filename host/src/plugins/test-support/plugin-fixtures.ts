import { mkdirSync, mkdtempSync, readFileSync, existsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** What fixture plugins record on `globalThis.__atriumFixture[pluginId]` (one test process). */
export interface FixtureRecord {
  activations: number;
  deactivations: number;
  context?: unknown;
  received: unknown[];
}

/** The per-plugin records written by fixture entries. */
export function fixtureRecords(): Record<string, FixtureRecord> {
  const g = globalThis as { __atriumFixture?: Record<string, FixtureRecord> };
  g.__atriumFixture ??= {};
  return g.__atriumFixture;
}

/** A fresh temporary folder. */
export function tempDir(prefix = 'atrium-plugins-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** A valid `atrium` manifest for `apps` (id, version and main come from the package unless given). */
export function manifest(apps: readonly string[] = ['summary'], extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    engines: { sdk: '^0.1.0' },
    capabilities: ['read-series'],
    apps: apps.map((id) => ({ id, title: `App ${id}`, description: `does ${id}`, input: { modality: ['CT'] } })),
    ...extra,
  };
}

/** What the fixture's `index.mjs` does. */
export interface EntryOptions {
  /** App ids the default export defines (default: the manifest's). */
  readonly apps?: readonly string[];
  /** Statements run at import, before the export (e.g. `throw new Error('boom')`). */
  readonly atImport?: string;
  /** Statements run in `activate(ctx)` after it is recorded. */
  readonly activate?: string;
  /** Statements run in `deactivate()` after it is recorded. */
  readonly deactivate?: string;
  /** Replace the whole module source. */
  readonly source?: string;
}

/**
 * Plain-JS entry module shaped like `definePlugin(...)` output. Every import appends one
 * `i` to `imported.marker` next to it, so tests can count imports.
 */
export function entrySource(apps: readonly string[], o: EntryOptions = {}): string {
  if (o.source !== undefined) return o.source;
  const appObjects = (o.apps ?? apps).map((id) => `{ id: ${JSON.stringify(id)}, load: {}, parameters: {}, outputs: {}, run: async () => ({ summary: ${JSON.stringify(`ran ${id}`)} }) }`);
  return `import { appendFileSync } from 'node:fs';
appendFileSync(new URL('./imported.marker', import.meta.url), 'i');
${o.atImport ?? ''}
const record = (id) => { const all = (globalThis.__atriumFixture ??= {}); return (all[id] ??= { activations: 0, deactivations: 0, received: [] }); };
let id;
export default {
  apps: [${appObjects.join(', ')}],
  async activate(ctx) {
    id = ctx.pluginId;
    const r = record(id); r.activations++; r.context = ctx;
    ${o.activate ?? ''}
  },
  async deactivate() {
    const r = record(id); r.deactivations++;
    ${o.deactivate ?? ''}
  },
};
`;
}

/** Options of {@link writePlugin}. */
export interface PluginPackageOptions {
  /** package.json `name` (default: the plugin id). */
  readonly name?: string;
  readonly version?: string;
  /** package.json `main` (default `index.mjs`). */
  readonly main?: string;
  /** The `atrium` field (default {@link manifest}()); pass a non-object to test refusals. */
  readonly atrium?: unknown;
  readonly entry?: EntryOptions;
  /** Raw package.json text (overrides everything above). */
  readonly rawPackageJson?: string;
}

/** Write a plugin package into `dir` (created): package.json + index.mjs. Returns `dir`. */
export function writePlugin(dir: string, id: string, o: PluginPackageOptions = {}): string {
  mkdirSync(dir, { recursive: true });
  const atrium = o.atrium === undefined ? manifest() : o.atrium;
  const pkg = { name: o.name ?? id, version: o.version ?? '1.2.3', type: 'module', main: o.main ?? 'index.mjs', atrium };
  writeFileSync(join(dir, 'package.json'), o.rawPackageJson ?? `${JSON.stringify(pkg, undefined, 2)}\n`);
  const apps = typeof atrium === 'object' && atrium !== null && Array.isArray((atrium as { apps?: unknown }).apps)
    ? ((atrium as { apps: { id: string }[] }).apps.map((a) => a.id))
    : ['summary'];
  writeFileSync(join(dir, 'index.mjs'), entrySource(apps, o.entry));
  return dir;
}

/** How many times the plugin in `dir` was imported (0 when never). */
export function importCount(dir: string): number {
  const marker = join(dir, 'imported.marker');
  return existsSync(marker) ? readFileSync(marker, 'utf8').length : 0;
}
