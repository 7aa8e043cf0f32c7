import { LogSink } from '../core/log-sink.js';
import { Index } from '../db/dicom-index.js';
import { SettingTable } from '../db/setting-table.js';
import { HostHooks } from '../hooks/host-hooks.js';
import { JobHandlerContribution } from '../jobs/job-runner.js';
import { loadNetworkConfig } from '../net/config/load-network-config.js';
import { PluginRegistry } from '../plugins/plugin-registry.js';
import { PluginStorages } from '../plugins/plugin-storages.js';
import { RenderService } from '../render/render-service.js';
import { FileStore } from '../store/file-store.js';
import { InstanceStore } from '../store/instance-store.js';
import { ContainerModule } from './inversify.js';

/**
 * Apps: the `app.run` job handler — an app run on a stored series or study, its plugin
 * code in a worker thread, its derived objects stored through the store, its `ctx.render`
 * served by the host's {@link RenderService}, their UIDs made under the configured `uidRoot`.
 */
export const appsModule = new ContainerModule(({ bind }) => {
  bind(JobHandlerContribution)
    .toResolvedValue(
      async (registry: PluginRegistry, index: Index, store: InstanceStore, files: FileStore, storages: PluginStorages, hooks: HostHooks, log: LogSink, render: RenderService, settings: SettingTable): Promise<JobHandlerContribution> => {
        const { registerAppRunHandler } = await import('../apps/app-run-handler.js');
        const { uidRoot } = loadNetworkConfig(settings);
        return {
          register: (runner) =>
            registerAppRunHandler(runner, { registry, workstation: { index, store, files }, storages, hooks, render, uidRoot, log: (level, source, message) => log.write({ level, source, message }) }),
        };
      },
      [PluginRegistry, Index, InstanceStore, FileStore, PluginStorages, HostHooks, LogSink, RenderService, SettingTable],
    )
    .inSingletonScope();
});
