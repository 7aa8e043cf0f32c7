import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { basename, delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PluginErrorCode, type PluginProblem } from './plugin-problem.js';
import { serviceToken } from '../core/service-token.js';

/**
 * The user's plugin folder, `~/.atrium/plugins` (home from `HOME`, or `USERPROFILE` on
 * Windows, of `env`): searched after `$ATRIUM_PLUGIN_PATH`, and where `atrium plugin new`
 * creates a plugin unless told otherwise. Undefined when `env` names no home.
 */
export function userPluginFolder(env: Readonly<Record<string, string | undefined>> = process.env): string | undefined {
  const home = env.HOME ?? env.USERPROFILE;
  return home === undefined || home === '' ? undefined : join(home, '.atrium', 'plugins');
}

/** The folders of `$ATRIUM_PLUGIN_PATH` in `env`, in order, then the user's plugin folder. */
export function environmentPluginFolders(env: Readonly<Record<string, string | undefined>> = process.env): string[] {
  const user = userPluginFolder(env);
  return [...(env.ATRIUM_PLUGIN_PATH ?? '').split(delimiter).filter((f) => f.trim() !== ''), ...(user === undefined ? [] : [user])];
}

/** Where a plugin package was found (the order of discovery; the first found wins). */
export type PluginOrigin = 'plugins' | 'examples' | 'folder' | 'npm';

/** A plugin package found on disk. Only JSON was read: no plugin code has run. */
export interface DiscoveredPlugin {
  /** Absolute path of the package folder, as found (symlinks not resolved). */
  readonly packageDir: string;
  readonly packageJson: Readonly<Record<string, unknown>>;
  /**
   * The package's `atrium` field with `id` (from the package `name` when it has the
   * `publisher.name` form), `version` and `main` defaulted from the package. Not yet
   * validated: see `validateManifest`.
   */
  readonly manifest: Readonly<Record<string, unknown>>;
  readonly origin: PluginOrigin;
  /** The plugin id when one could be read, else the package name, else the folder name (for messages). */
  readonly label: string;
}

/** A package that looked like a plugin but cannot be one (unreadable package.json, duplicate id). */
export interface RejectedPackage {
  readonly packageDir: string;
  readonly origin: PluginOrigin;
  readonly label: string;
  readonly problem: PluginProblem;
}

/** What discovery found. */
export interface PluginDiscovery {
  /** Plugin packages, one per id, in discovery order. */
  readonly plugins: readonly DiscoveredPlugin[];
  /** Packages that could not be taken (each with a coded problem). */
  readonly rejected: readonly RejectedPackage[];
}

/** DI token of the {@link PluginDiscovery} the registry is built from. */
export const PluginDiscovery = serviceToken<PluginDiscovery>('PluginDiscovery');

/** Where to look. Every folder that does not exist is skipped. */
export interface DiscoverOptions {
  /** Folders whose `plugins/` and `examples/` sub-folders hold plugin packages. Default: the repository holding this host. */
  readonly roots?: readonly string[];
  /**
   * Extra folders, searched after the roots: each one is a plugin package itself or holds
   * plugin packages. `$ATRIUM_PLUGIN_PATH` (separated by `:`, `;` on Windows) is appended,
   * then the user's plugin folder ({@link userPluginFolder}).
   */
  readonly folders?: readonly string[];
  /** `node_modules` folders searched last (`*` and `@*\/*`). Default: those on the host's resolution path; `[]` to skip. */
  readonly nodeModules?: readonly string[];
  /** Environment to read `ATRIUM_PLUGIN_PATH` and the home folder from (default `process.env`). */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

const PLUGIN_ID = /^[a-z0-9][a-z0-9-]*\.[a-z0-9][a-z0-9-]*$/;

/** The host package folder (`host/`, from `host/src/plugins` or `host/dist/plugins`). */
const HOST_PACKAGE_DIR = fileURLToPath(new URL('../../', import.meta.url));

/** The repository holding this host: the parent of the host package. */
export function defaultPluginRoots(): string[] {
  return [dirname(resolve(HOST_PACKAGE_DIR))];
}

/** The `node_modules` folders Node would search from the host package, nearest first. */
export function defaultNodeModules(): string[] {
  const found: string[] = [];
  let dir = resolve(HOST_PACKAGE_DIR);
  for (;;) {
    if (basename(dir) !== 'node_modules') {
      const candidate = join(dir, 'node_modules');
      if (isDirectory(candidate)) found.push(candidate);
    }
    const parent = dirname(dir);
    if (parent === dir) return found;
    dir = parent;
  }
}

/**
 * Find plugin packages — package.json files carrying an `atrium` field — in, in order:
 * `<root>/plugins/*` and `<root>/examples/*`, the extra folders (option, then
 * `$ATRIUM_PLUGIN_PATH`, then `~/.atrium/plugins`), and installed npm packages. The same folder reached twice (a
 * workspace symlink) counts once; the same plugin id twice: the first wins and the second
 * is rejected with `ATRIUM_ERR_PLUGIN_DUPLICATE`. Reads JSON only, never imports code.
 */
export function discoverPlugins(options: DiscoverOptions = {}): PluginDiscovery {
  const env = options.env ?? process.env;
  const envFolders = environmentPluginFolders(env);
  const candidates: { dir: string; origin: PluginOrigin; strict: boolean }[] = [];
  for (const root of options.roots ?? defaultPluginRoots()) {
    for (const dir of childFolders(join(root, 'plugins'))) candidates.push({ dir, origin: 'plugins', strict: true });
    for (const dir of childFolders(join(root, 'examples'))) candidates.push({ dir, origin: 'examples', strict: true });
  }
  for (const folder of [...(options.folders ?? []), ...envFolders]) {
    const abs = resolve(folder);
    if (hasAtriumField(abs)) candidates.push({ dir: abs, origin: 'folder', strict: true });
    else for (const dir of childFolders(abs)) candidates.push({ dir, origin: 'folder', strict: true });
  }
  for (const nm of options.nodeModules ?? defaultNodeModules()) {
    for (const dir of childFolders(nm)) {
      if (basename(dir).startsWith('@')) for (const scoped of childFolders(dir)) candidates.push({ dir: scoped, origin: 'npm', strict: false });
      else candidates.push({ dir, origin: 'npm', strict: false });
    }
  }

  const plugins: DiscoveredPlugin[] = [];
  const rejected: RejectedPackage[] = [];
  const seenDirs = new Set<string>();
  const byId = new Map<string, DiscoveredPlugin>();
  for (const { dir, origin, strict } of candidates) {
    const real = realpathOrSelf(dir);
    if (seenDirs.has(real)) continue;
    const read = readPackage(dir);
    if (read === undefined) continue;
    seenDirs.add(real);
    if ('error' in read) {
      if (strict) rejected.push({ packageDir: dir, origin, label: basename(dir), problem: { code: PluginErrorCode.MANIFEST, message: `plugin ${basename(dir)} (${dir}): ${read.error}` } });
      continue;
    }
    const { packageJson } = read;
    const atrium = packageJson.atrium;
    if (atrium === undefined) continue;
    const name = typeof packageJson.name === 'string' ? packageJson.name : undefined;
    if (typeof atrium !== 'object' || atrium === null || Array.isArray(atrium)) {
      rejected.push({ packageDir: dir, origin, label: name ?? basename(dir), problem: { code: PluginErrorCode.MANIFEST, message: `plugin ${name ?? basename(dir)} (${dir}): the "atrium" field of package.json must be an object` } });
      continue;
    }
    const manifest = withDefaults(atrium as Record<string, unknown>, packageJson, name);
    const id = typeof manifest.id === 'string' ? manifest.id : undefined;
    const plugin: DiscoveredPlugin = { packageDir: dir, packageJson, manifest, origin, label: id ?? name ?? basename(dir) };
    const first = id === undefined ? undefined : byId.get(id);
    if (first) {
      rejected.push({ packageDir: dir, origin, label: plugin.label, problem: {
        code: PluginErrorCode.DUPLICATE,
        message: `plugin ${id} is found twice: ${first.packageDir} is used, ${dir} is ignored`,
      } });
      continue;
    }
    if (id !== undefined) byId.set(id, plugin);
    plugins.push(plugin);
  }
  return { plugins, rejected };
}

function withDefaults(atrium: Record<string, unknown>, pkg: Record<string, unknown>, name: string | undefined): Readonly<Record<string, unknown>> {
  const m: Record<string, unknown> = { ...atrium };
  if (m.id === undefined && name !== undefined && PLUGIN_ID.test(name)) m.id = name;
  if (m.version === undefined && pkg.version !== undefined) m.version = pkg.version;
  if (m.main === undefined && pkg.main !== undefined) m.main = pkg.main;
  return Object.freeze(m);
}

function readPackage(dir: string): { packageJson: Record<string, unknown> } | { error: string } | undefined {
  const file = join(dir, 'package.json');
  if (!existsSync(file)) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    return { error: `package.json cannot be read: ${(e as Error).message}` };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return { error: 'package.json is not a JSON object' };
  return { packageJson: parsed as Record<string, unknown> };
}

function hasAtriumField(dir: string): boolean {
  const read = readPackage(dir);
  return read !== undefined && 'packageJson' in read && read.packageJson.atrium !== undefined;
}

/** Sub-folders (or symlinks to folders) of `dir`, sorted by name, dot-folders skipped. */
function childFolders(dir: string): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries
    .filter((e) => !e.name.startsWith('.') && (e.isDirectory() || (e.isSymbolicLink() && isDirectory(join(dir, e.name)))))
    .map((e) => e.name)
    .sort()
    .map((n) => join(dir, n));
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function realpathOrSelf(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}
