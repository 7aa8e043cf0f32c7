import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { AtriumError } from '../../errors/atrium-error.js';
import {
  gitignoreTemplate, indexTemplate, indexTestTemplate, packageJsonTemplate, readmeTemplate, tsconfigTemplate, type TemplateValues,
} from './templates.js';

/** What `atrium plugin new <name>` asks for. */
export interface ScaffoldOptions {
  /** App id and last part of the plugin id: lower case letters, digits and "-", e.g. `grey-level`. */
  readonly name: string;
  /** Folder to create the package in; must not exist or be empty. */
  readonly dir: string;
  /** First part of the plugin id (same characters as `name`); default `local`. */
  readonly publisher?: string;
}

const NAME = /^[a-z0-9][a-z0-9-]*$/;

/**
 * Write a minimal plugin package into `dir` (`atrium plugin new <name>`): package.json with
 * a valid `atrium` manifest (`<publisher>.<name>`, `engines.sdk` = this SDK's caret range,
 * capabilities read-series and write-derived, one app), a self-contained tsconfig.json,
 * src/index.ts (one app writing one Secondary Capture image of a constant grey level),
 * src/index.test.ts (tests with a fake context built from SDK types), README.md and
 * .gitignore. The package builds and passes its test as written.
 *
 * Returns the paths written (`dir` joined with each file, in the order written).
 * Throws AtriumError `ATRIUM_ERR_SCAFFOLD_NAME` for a bad name or publisher,
 * `ATRIUM_ERR_SCAFFOLD_EXISTS` when `dir` exists and is not empty (nothing is overwritten).
 */
export function scaffoldPlugin(options: ScaffoldOptions): string[] {
  const { name, dir, publisher = 'local' } = options;
  for (const [what, value] of [['name', name], ['publisher', publisher]] as const) {
    if (!NAME.test(value) || value.endsWith('-')) {
      throw new AtriumError('ATRIUM_ERR_SCAFFOLD_NAME', `plugin ${what} "${value}" must be lower case letters, digits and "-" (starting with a letter or digit), e.g. grey-level`, { [what]: value });
    }
  }
  if (existsSync(dir) && readdirSync(dir).length > 0) {
    throw new AtriumError('ATRIUM_ERR_SCAFFOLD_EXISTS', `${dir} already exists and is not empty: choose a new folder`, { dir });
  }
  const values: TemplateValues = { name, publisher, pluginId: `${publisher}.${name}`, title: titleOf(name), appIdentifier: identifierOf(name) };
  const files: readonly (readonly [string, string])[] = [
    ['package.json', packageJsonTemplate(values)],
    ['tsconfig.json', tsconfigTemplate()],
    ['src/index.ts', indexTemplate(values)],
    ['src/index.test.ts', indexTestTemplate(values)],
    ['README.md', readmeTemplate(values)],
    ['.gitignore', gitignoreTemplate()],
  ];
  const written: string[] = [];
  for (const [file, text] of files) {
    const path = join(dir, file);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text, { flag: 'wx' });
    written.push(path);
  }
  return written;
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
