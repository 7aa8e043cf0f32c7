import { resolve } from 'node:path';
import type { ServiceOf } from '../core/service-token.js';
import { Index } from '../db/dicom-index.js';
import { SettingTable } from '../db/setting-table.js';
import { HostConfig } from '../di/host-config.js';
import { HostHooks } from '../hooks/host-hooks.js';
import { JobQueue } from '../jobs/job-queue.js';
import { JobRunner } from '../jobs/job-runner.js';
import { loadUidRoot } from '../net/config/load-network-config.js';
import { RemoteAeTable } from '../net/config/remote-ae-table.js';
import { PluginRegistry } from '../plugins/plugin-registry.js';
import { FileStore } from '../store/file-store.js';
import { InstanceStore } from '../store/instance-store.js';

/** The host services the web server uses (typed tokens): what `atrium web` declares it uses. */
export const WEB_USES = {
  config: HostConfig, files: FileStore, index: Index, store: InstanceStore, settings: SettingTable, aes: RemoteAeTable,
  registry: PluginRegistry, queue: JobQueue, runner: JobRunner, hooks: HostHooks,
} as const;

/** Each service of {@link WEB_USES}, resolved on call (a command's `use`, or a container's `getAsync`). */
export type WebUses = { readonly [K in keyof typeof WEB_USES]: () => Promise<ServiceOf<(typeof WEB_USES)[K]>> };

/** What the web server serves from: the host's services, as the host container builds them. */
export interface WebServices {
  /** The store: its data root, files, index and the one path that stores anything. */
  readonly workstation: { readonly root: string; readonly files: FileStore; readonly index: Index; readonly store: InstanceStore };
  /** The store settings (the network settings among them). */
  readonly settings: SettingTable;
  /**
   * The organisation UID root (`atrium config set uidRoot`), read on each call so that a change
   * applies while serving: the web server's one reader of it, for what it writes (File Meta
   * Information of transcoded retrieves, de-identified copies).
   */
  readonly uidRoot: () => string;
  readonly aes: RemoteAeTable;
  readonly registry: PluginRegistry;
  readonly queue: JobQueue;
  readonly runner: JobRunner;
  readonly hooks: HostHooks;
}

/** The web server's services from the host's (each resolved once, in parallel). */
export async function webServices(use: WebUses): Promise<WebServices> {
  const [config, files, index, store, settings, aes, registry, queue, runner, hooks] = await Promise.all([
    use.config(), use.files(), use.index(), use.store(), use.settings(), use.aes(), use.registry(), use.queue(), use.runner(), use.hooks(),
  ]);
  return { workstation: { root: resolve(config.storeRoot), files, index, store }, settings, uidRoot: () => loadUidRoot(settings), aes, registry, queue, runner, hooks };
}
