import type { AppDefinition } from '../app/app-definition.js';
import type { ParameterSchema } from '../app/parameter-schema.js';
import type { ErrorList } from '../errors/define-errors.js';
import type { ErrorCode, ErrorSpec } from '../errors/error-spec.js';
import type { PluginContext } from './plugin-context.js';

/** The default export of a plugin's entry module. */
export interface PluginDefinition {
  /** The apps this plugin contributes; ids must match the manifest's `apps`. */
  readonly apps: readonly AppDefinition<ParameterSchema>[];
  /**
   * The plugin's own error codes ({@link defineErrors}), listed by `atrium help errors`
   * under the plugin. A code that is also one of the host's makes the plugin fail to load
   * (`ATRIUM_ERR_PLUGIN_ERRORS`); `defineErrors` already refuses the SDK's.
   */
  readonly errors?: ErrorList<Readonly<Record<ErrorCode, ErrorSpec>>>;
  /** Called once, on first use, in the host's main thread. Optional. */
  activate?(context: PluginContext): void | Promise<void>;
  /** Called when the host shuts down or unloads the plugin. Optional. */
  deactivate?(): void | Promise<void>;
}

/** Declare a plugin (the entry module's `export default`). */
export function definePlugin(plugin: PluginDefinition): PluginDefinition {
  return Object.freeze(plugin);
}
