import { statSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import { manifestProblems, SDK_VERSION, type PluginManifest } from '@atrium/sdk';
import semver from 'semver';
import type { AtriumErrorCode } from '../errors/codes.js';
import type { DiscoveredPlugin } from './discover-plugins.js';
import { PluginErrorCode, type PluginProblem } from './plugin-problem.js';

/** The outcome of checking one plugin before any of its code runs. */
export type ManifestCheck =
  | { readonly ok: true; readonly manifest: PluginManifest; /** Absolute path of the entry module. */ readonly entry: string }
  | { readonly ok: false; readonly problems: readonly PluginProblem[] };

/**
 * Check a discovered plugin from its JSON alone: the manifest schema (the SDK's
 * `PLUGIN_MANIFEST_SCHEMA` through `manifestProblems`, one `ATRIUM_ERR_PLUGIN_MANIFEST` problem
 * per finding, naming the field), the entry module (a file inside the package folder; that it
 * exists is not checked with `{ entryOnDisk: false }`, for a plugin whose code is given another
 * way, as the plugin authors' kit does), and `engines.sdk` against `sdkVersion` with a real
 * semver range check (`ATRIUM_ERR_PLUGIN_SDK_RANGE`). Never imports the plugin.
 */
export function validateManifest(plugin: DiscoveredPlugin, sdkVersion: string = SDK_VERSION, options: { readonly entryOnDisk?: boolean } = {}): ManifestCheck {
  const m = plugin.manifest;
  const where = `plugin ${plugin.label} (${plugin.packageDir})`;
  const problem = (code: AtriumErrorCode, text: string): PluginProblem => ({ code, message: `${where}: ${text}` });
  const problems: PluginProblem[] = [];

  const idMissing = m.id === undefined;
  for (const text of manifestProblems(m)) {
    if (idMissing && text.startsWith('id ')) {
      const name = plugin.packageJson.name;
      problems.push(problem(PluginErrorCode.MANIFEST, typeof name === 'string'
        ? `atrium.id is missing and the package name "${name}" is not a plugin id ("publisher.name", lower case letters, digits, "-"): set atrium.id`
        : 'atrium.id is missing: set it to "publisher.name" (lower case letters, digits, "-")'));
    } else problems.push(problem(PluginErrorCode.MANIFEST, text));
  }

  let entry: string | undefined;
  if (typeof m.main === 'string' && m.main !== '') {
    entry = resolve(plugin.packageDir, m.main);
    const rel = relative(plugin.packageDir, entry);
    if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) {
      problems.push(problem(PluginErrorCode.MANIFEST, `main "${m.main}" must name a file inside the package folder`));
    } else if (options.entryOnDisk !== false && !isFile(entry)) {
      problems.push(problem(PluginErrorCode.MANIFEST, `main "${m.main}" does not exist (${entry})`));
    }
  }

  const range = (m.engines as { sdk?: unknown } | undefined)?.sdk;
  if (typeof range === 'string' && range.trim() !== '') {
    if (semver.validRange(range) === null) {
      problems.push(problem(PluginErrorCode.MANIFEST, `engines.sdk "${range}" is not a semver range (e.g. ^${sdkVersion})`));
    } else if (!semver.satisfies(sdkVersion, range, { includePrerelease: true })) {
      const id = typeof m.id === 'string' ? m.id : plugin.label;
      problems.push({ code: PluginErrorCode.SDK_RANGE, message: `plugin ${id} needs SDK ${range}, this host has ${sdkVersion}` });
    }
  }

  if (problems.length > 0 || entry === undefined) return { ok: false, problems };
  return { ok: true, manifest: m as unknown as PluginManifest, entry };
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
