import type { AppDefinition, PluginDefinition, PluginManifest } from '@atrium/sdk';
import { AtriumError } from '../errors/atrium-error.js';
import type { AtriumErrorCode } from '../errors/codes.js';
import { bindingProblems } from './bind-app.js';
import { pluginErrorCodes } from './plugin-error-codes.js';
import { PluginErrorCode } from './plugin-problem.js';

/**
 * The plugin definition exported by an imported entry module, checked against the
 * manifest: `default` must look like `definePlugin(...)` output (`ATRIUM_ERR_PLUGIN_LOAD`
 * otherwise); its app ids must be exactly the manifest's, and each app's code must match its
 * manifest entry ({@link bindingProblems}: outputs, fields the manifest alone declares), or
 * `ATRIUM_ERR_PLUGIN_APPS_MISMATCH` names every field that differs; its error list must
 * declare codes of its own (`ATRIUM_ERR_PLUGIN_ERRORS`).
 */
export function pluginDefinitionOf(mod: unknown, manifest: PluginManifest, entry: string): PluginDefinition {
  const id = manifest.id;
  const fail = (code: AtriumErrorCode, text: string, details: Record<string, unknown> = {}): never => {
    throw new AtriumError(code, `plugin ${id}: ${text}`, { pluginId: id, entry, ...details });
  };
  const def = (mod as { default?: unknown } | undefined)?.default;
  if (typeof def !== 'object' || def === null) return fail(PluginErrorCode.LOAD, `${entry} has no default export; export default definePlugin({ apps: [...] })`);
  const d = def as Record<string, unknown>;
  if (!Array.isArray(d.apps)) return fail(PluginErrorCode.LOAD, `the default export of ${entry} has no "apps" list; export default definePlugin({ apps: [...] })`);
  for (const key of ['activate', 'deactivate'] as const) {
    if (d[key] !== undefined && typeof d[key] !== 'function') fail(PluginErrorCode.LOAD, `${key} in ${entry} must be a function`);
  }
  d.apps.forEach((a: unknown, i: number) => {
    const app = a as Record<string, unknown> | null;
    if (typeof app !== 'object' || app === null || typeof app.id !== 'string') fail(PluginErrorCode.LOAD, `apps[${i}] in ${entry} is not an app (defineApp(...))`);
    else if (typeof app.run !== 'function') fail(PluginErrorCode.LOAD, `app "${app.id}" in ${entry} has no run function`);
  });
  const declared = manifest.apps.map((a) => a.id).sort();
  const defined = (d.apps as { id: string }[]).map((a) => a.id).sort();
  if (declared.length !== defined.length || declared.some((x, i) => x !== defined[i])) {
    fail(PluginErrorCode.APPS_MISMATCH, `the manifest declares apps [${declared.join(', ')}] but ${entry} defines [${defined.join(', ')}]`, { declared, defined });
  }
  const problems = manifest.apps.flatMap((a, i) => bindingProblems(a, (d.apps as AppDefinition[]).find((x) => x.id === a.id)!, i));
  if (problems.length > 0) fail(PluginErrorCode.APPS_MISMATCH, `the apps of ${entry} do not match the manifest: ${problems.join('; ')}`, { problems });
  const errors = pluginErrorCodes(d.errors);
  if ('problem' in errors) fail(PluginErrorCode.ERRORS, `${errors.problem} (${entry})`);
  return def as PluginDefinition;
}
