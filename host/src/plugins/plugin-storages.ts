import { join } from 'node:path';
import type { PluginStorage } from '@atrium/sdk';
import { AtriumError } from '../errors/atrium-error.js';
import { JsonPluginStorage } from './json-plugin-storage.js';
import { PluginErrorCode } from './plugin-problem.js';
import { serviceToken } from '../core/service-token.js';

/** Hands out each plugin's own storage (the same object for the same plugin id). */
export interface PluginStorages {
  forPlugin(pluginId: string): PluginStorage;
}

/** DI token of {@link PluginStorages}. */
export const PluginStorages = serviceToken<PluginStorages>('PluginStorages');

const PLUGIN_ID = /^[a-z0-9][a-z0-9-]*\.[a-z0-9][a-z0-9-]*$/;

/** Storage in `<storeRoot>/plugins/<pluginId>/storage.json`, one {@link JsonPluginStorage} per plugin. */
export class PluginStoragesImpl implements PluginStorages {
  private readonly storages = new Map<string, JsonPluginStorage>();

  constructor(private readonly storeRoot: string) {}

  forPlugin(pluginId: string): PluginStorage {
    if (!PLUGIN_ID.test(pluginId)) throw new AtriumError(PluginErrorCode.STORAGE, `plugin ${pluginId}: storage needs a valid plugin id ("publisher.name")`, { pluginId });
    let storage = this.storages.get(pluginId);
    if (!storage) {
      storage = new JsonPluginStorage(pluginId, join(this.storeRoot, 'plugins', pluginId, 'storage.json'));
      this.storages.set(pluginId, storage);
    }
    return storage;
  }
}
