import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { AtriumError } from '../../errors/atrium-error.js';
import { defaultPluginRoots, environmentPluginFolders } from '../discover-plugins.js';
import { packPackage, type WorkstationPackage } from './pack-package.js';
import { greyImageTemplate, greyImageTestTemplate, indexTemplate, indexTestTemplate } from './source-templates.js';
import { gitignoreTemplate, packageJsonTemplate, readmeTemplate, tsconfigTemplate, type PackageSpecs, type TemplateValues } from './templates.js';

/** What `atrium plugin new <name>` asks for. */
export interface ScaffoldOptions {
  /** App id and last part of the plugin id: lower case letters, digits and "-", e.g. `grey-level`. */
  readonly name: string;
  /** Folder to create the package in; must not exist or be empty. Default: `<name>` in {@link defaultPluginHome}. */
  readonly dir?: string;
  /** First part of the plugin id (same characters as `name`); default `local`. */
  readonly publisher?: string;
  /**
   * How the package gets the workstation's `@atrium/sdk`, and for its tests `@atrium/testing` and
   * the `@atrium/host` it runs: `'pack'` (default) packs them into the folder and depends on them as
   * `file:atrium-<name>-<version>.tgz` (they are not published); or dependency specs written as
   * they are (e.g. ranges a workspace resolves).
   */
  readonly packages?: 'pack' | PackageSpecs;
  /** Environment for the default folder and for whether the host finds the plugin (default `process.env`). */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/** What was made. */
export interface ScaffoldResult {
  readonly dir: string;
  /** Paths written, in the order written (the packed packages first, when packed). */
  readonly files: readonly string[];
  /** True when the host finds plugins in the parent folder of `dir` (no `ATRIUM_PLUGIN_PATH` needed). */
  readonly discovered: boolean;
}

const NAME = /^[a-z0-9][a-z0-9-]*$/;

/**
 * Where `atrium plugin new` creates a plugin by default: the first folder of
 * `$ATRIUM_PLUGIN_PATH`, else the user's plugin folder `~/.atrium/plugins` — folders the host
 * searches, so `atrium apps` lists the plugin once it is built.
 */
export function defaultPluginHome(env: Readonly<Record<string, string | undefined>> = process.env): string {
  const first = environmentPluginFolders(env)[0];
  if (first === undefined) throw new AtriumError('ATRIUM_ERR_SCAFFOLD_DIR', 'no $ATRIUM_PLUGIN_PATH and no home folder to put the plugin in: give --dir <folder>');
  return resolve(first);
}

/**
 * Write a minimal plugin package (`atrium plugin new <name>`): package.json with a valid
 * `atrium` manifest (`<publisher>.<name>`, `engines.sdk` = this SDK's caret range,
 * capabilities read-series and write-derived, one app with its title, input and output) and the
 * workstation's `@atrium/sdk` (and, for tests, `@atrium/testing` and `@atrium/host`) as `file:`
 * dependencies on packages packed next to it, a self-contained tsconfig.json, src/grey-image.ts
 * (the pure algorithm) and its unit test, src/index.ts (one app writing one Secondary Capture
 * image of a constant grey level) and src/index.test.ts (the app run by the test kit, and a golden
 * file of its output), README.md and .gitignore. Outside the repository and with no registry
 * access for `@atrium/*`, the README's commands install, build and test it as written.
 *
 * Throws AtriumError `ATRIUM_ERR_SCAFFOLD_NAME` for a bad name or publisher,
 * `ATRIUM_ERR_SCAFFOLD_EXISTS` when `dir` exists and is not empty (nothing is overwritten),
 * `ATRIUM_ERR_SCAFFOLD_SDK` when a workstation package cannot be packed (nothing is left behind).
 */
export function scaffoldPlugin(options: ScaffoldOptions): ScaffoldResult {
  const { name, publisher = 'local', env = process.env } = options;
  for (const [what, value] of [['name', name], ['publisher', publisher]] as const) {
    if (!NAME.test(value) || value.endsWith('-')) {
      throw new AtriumError('ATRIUM_ERR_SCAFFOLD_NAME', `plugin ${what} "${value}" must be lower case letters, digits and "-" (starting with a letter or digit), e.g. grey-level`, { [what]: value });
    }
  }
  const dir = resolve(options.dir ?? join(defaultPluginHome(env), name));
  const existed = existsSync(dir);
  if (existed && !statSync(dir).isDirectory()) {
    throw new AtriumError('ATRIUM_ERR_SCAFFOLD_EXISTS', `${dir} is a file: choose a new folder`, { dir });
  }
  if (existed && readdirSync(dir).length > 0) {
    throw new AtriumError('ATRIUM_ERR_SCAFFOLD_EXISTS', `${dir} already exists and is not empty: choose a new folder`, { dir });
  }
  mkdirSync(dir, { recursive: true });
  const written: string[] = [];
  try {
    const pack = (name: WorkstationPackage): string => {
      const tarball = packPackage(name, dir);
      written.push(join(dir, tarball));
      return `file:${tarball}`;
    };
    const packages: PackageSpecs = options.packages === undefined || options.packages === 'pack'
      ? { sdk: pack('@atrium/sdk'), host: pack('@atrium/host'), testing: pack('@atrium/testing') }
      : options.packages;
    const parent = dirname(dir);
    const searched = [...defaultPluginRoots().flatMap((root) => [join(root, 'plugins'), join(root, 'examples')]), ...environmentPluginFolders(env)];
    const discovered = searched.some((folder) => resolve(folder) === parent);
    const values: TemplateValues = {
      name, publisher, pluginId: `${publisher}.${name}`, title: titleOf(name), appIdentifier: identifierOf(name),
      packages, workstation: defaultPluginRoots()[0]!, parent, discovered,
    };
    for (const [file, text] of templateFiles(values)) {
      const path = join(dir, file);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, text, { flag: 'wx' });
      written.push(path);
    }
    return { dir, files: written, discovered };
  } catch (e) {
    if (existed) for (const f of written) rmSync(f, { force: true });
    else rmSync(dir, { recursive: true, force: true });
    throw e;
  }
}

function templateFiles(values: TemplateValues): readonly (readonly [string, string])[] {
  return [
    ['package.json', packageJsonTemplate(values)],
    ['tsconfig.json', tsconfigTemplate()],
    ['src/grey-image.ts', greyImageTemplate()],
    ['src/grey-image.test.ts', greyImageTestTemplate()],
    ['src/index.ts', indexTemplate(values)],
    ['src/index.test.ts', indexTestTemplate(values)],
    ['README.md', readmeTemplate(values)],
    ['.gitignore', gitignoreTemplate()],
  ];
}

/** `grey-level` → `Grey level`. */
function titleOf(name: string): string {
  const words = name.split('-').filter((w) => w !== '');
  const text = words.join(' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** `grey-level` → `greyLevelApp`; a name starting with a digit gets a `plugin` prefix (`3d-view` → `plugin3dViewApp`). */
function identifierOf(name: string): string {
  const [first = '', ...rest] = name.split('-').filter((w) => w !== '');
  const camel = first + rest.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');
  return `${/^\d/.test(camel) ? `plugin${camel.charAt(0).toUpperCase()}${camel.slice(1)}` : camel}App`;
}
