import type { DiscoverOptions } from '../plugins/discover-plugins.js';
import type { ValidationPolicy } from '../store/validation-policy.js';
import { serviceToken } from '../core/service-token.js';

/** What a host container is built from. */
export interface HostConfig {
  /** The data root (index, files, plugin storage under `plugins/<id>/`). */
  readonly storeRoot: string;
  /** Extra plugin folders (each a plugin package, or a folder of them); `$ATRIUM_PLUGIN_PATH` is added. */
  readonly pluginFolders: readonly string[];
  /** Where else discovery looks (roots with `plugins/` and `examples/`, `node_modules` folders, env); defaults as in `discoverPlugins`. */
  readonly discovery?: Omit<DiscoverOptions, 'folders'>;
  /** How long a plugin's `activate` / `deactivate` may take (ms, default 30 000). */
  readonly activateTimeoutMs?: number;
  /** Receive validation for this host (a command's `--validation`); default: the `validation` store setting. */
  readonly validation?: ValidationPolicy;
}

/** DI token of {@link HostConfig}. */
export const HostConfig = serviceToken<HostConfig>('HostConfig');
