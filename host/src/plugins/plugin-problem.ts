import type { ErrorCode } from '@atrium/sdk';

/**
 * Stable codes of the plugin runtime. Every error and every listed problem carries one,
 * and every message names the plugin (id, or package folder when no id could be read).
 */
export const PluginErrorCode = Object.freeze({
  /** package.json unreadable, or the `atrium` manifest fails its schema (each problem named). */
  MANIFEST: 'ATRIUM_ERR_PLUGIN_MANIFEST',
  /** `engines.sdk` does not include this host's SDK version. */
  SDK_RANGE: 'ATRIUM_ERR_PLUGIN_SDK_RANGE',
  /** The same plugin id was found twice; the first found wins. */
  DUPLICATE: 'ATRIUM_ERR_PLUGIN_DUPLICATE',
  /** The entry module threw while importing, or does not export a plugin definition. */
  LOAD: 'ATRIUM_ERR_PLUGIN_LOAD',
  /** The entry's apps differ from the manifest's apps. */
  APPS_MISMATCH: 'ATRIUM_ERR_PLUGIN_APPS_MISMATCH',
  /** The definition's error list is not a `defineErrors` list, or declares a code of the host. */
  ERRORS: 'ATRIUM_ERR_PLUGIN_ERRORS',
  /** `activate` threw, rejected or did not finish in time. */
  ACTIVATE: 'ATRIUM_ERR_PLUGIN_ACTIVATE',
  /** No plugin with this id was discovered. */
  UNKNOWN: 'ATRIUM_ERR_PLUGIN_UNKNOWN',
  /** A plugin's storage could not be read or written, or a value is not JSON. */
  STORAGE: 'ATRIUM_ERR_PLUGIN_STORAGE',
  /** An event listener, `deactivate` or a subscription's `dispose` threw (logged, never thrown to the host). */
  LISTENER: 'ATRIUM_ERR_PLUGIN_LISTENER',
  /** No app with this id. */
  APP_UNKNOWN: 'ATRIUM_ERR_APP_UNKNOWN',
  /** A short app id that more than one plugin contributes. */
  APP_AMBIGUOUS: 'ATRIUM_ERR_APP_AMBIGUOUS',
});

/** One thing wrong with a plugin, as `atrium plugins` lists it. */
export interface PluginProblem {
  /** One of {@link PluginErrorCode}, or the plugin's own code when its code threw one. */
  readonly code: ErrorCode;
  /** What was wrong and where, starting with `plugin <id>`. */
  readonly message: string;
}
