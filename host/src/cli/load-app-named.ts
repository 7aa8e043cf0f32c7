import { closestName } from '@atrium/sdk/core';
import type { BoundApp } from '../plugins/bind-app.js';
import { isAtriumError } from '../errors/atrium-error.js';
import type { AppEntry, PluginRegistry } from '../plugins/plugin-registry.js';
import { PluginErrorCode } from '../plugins/plugin-problem.js';
import { UsageError } from './usage-error.js';

/**
 * The app a command line names (`atrium run`, `atrium batch`), loaded. A name no app has is a
 * mistake in the command line (exit 2), with the installed app whose id is closest to it.
 * @throws UsageError `ATRIUM_ERR_APP_UNKNOWN`; the registry's other errors as they are.
 */
export async function loadAppNamed(registry: PluginRegistry, name: string): Promise<{ readonly app: AppEntry; readonly definition: BoundApp }> {
  try {
    return await registry.loadApp(name);
  } catch (e) {
    if (!isAtriumError(e, PluginErrorCode.APP_UNKNOWN)) throw e;
    const apps = registry.apps();
    const near = closestName(name, name.includes('.') ? apps.map((a) => a.qualifiedId) : apps.map((a) => a.appId));
    const message = near === undefined ? e.message : `no app "${name}": did you mean ${near}? (atrium apps lists them)`;
    throw new UsageError(PluginErrorCode.APP_UNKNOWN, message, { app: name, ...(near === undefined ? {} : { suggestion: near }) }, { cause: e });
  }
}
