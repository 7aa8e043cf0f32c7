import { AtriumError } from '../errors/atrium-error.js';
import type { AtriumErrorCode } from '../errors/codes.js';

/**
 * An error raised by plugin code, tagged with the plugin id (VS Code / Fastify style):
 * the message starts with `plugin <id>: <doing>`, `details.pluginId` is set and the
 * original error is the `cause`. A coded error the plugin threw on purpose (`SdkError`,
 * `AtriumError`: `code` = `ATRIUM_ERR_...`) keeps its code and details; anything else gets
 * `fallbackCode`. An error already tagged for this plugin is returned as it is.
 */
export function tagPluginError(pluginId: string, fallbackCode: AtriumErrorCode, doing: string, error: unknown): AtriumError {
  if (error instanceof AtriumError && error.details.pluginId === pluginId) return error;
  const message = error instanceof Error ? error.message : String(error);
  const coded = error as { code?: unknown; details?: unknown } | undefined;
  if (typeof coded === 'object' && coded !== null && typeof coded.code === 'string' && coded.code.startsWith('ATRIUM_ERR_')) {
    const details = typeof coded.details === 'object' && coded.details !== null ? coded.details : {};
    return AtriumError.relay(coded.code, fallbackCode, `plugin ${pluginId}: ${doing}: ${message}`, { ...details, pluginId }, { cause: error });
  }
  return new AtriumError(fallbackCode, `plugin ${pluginId}: ${doing} threw: ${message}`, { pluginId }, { cause: error });
}
