import { LogSink } from '../core/log-sink.js';
import { Index } from '../db/dicom-index.js';
import { SendLogTable } from '../db/send-log-table.js';
import { HostHooks } from '../hooks/host-hooks.js';
import { MppsTable } from '../db/mpps-table.js';
import { SettingTable } from '../db/setting-table.js';
import { JobQueue } from '../jobs/job-queue.js';
import { JobHandlerContribution } from '../jobs/job-runner.js';
import { RemoteAeTable } from '../net/config/remote-ae-table.js';
import { PluginRegistry } from '../plugins/plugin-registry.js';
import { PluginStorages } from '../plugins/plugin-storages.js';
import { RenderService } from '../render/render-service.js';
import { FileStore } from '../store/file-store.js';
import { InstanceStore } from '../store/instance-store.js';
import { ContainerModule } from './inversify.js';

/**
 * Apps: the `app.run` job handler — an app run on a stored series or study, its plugin
 * code in a worker thread, its derived objects stored through the store, its `ctx.render`
 * served by the host's {@link RenderService}, their UIDs made under the configured `uidRoot`;
 * with the network setting `appRunMpps`, each run reported as an MPPS step to that AE.
 */
export const appsModule = new ContainerModule(({ bind }) => {
  bind(JobHandlerContribution)
    .toResolvedValue(
      async (registry: PluginRegistry, index: Index, store: InstanceStore, files: FileStore, storages: PluginStorages, hooks: HostHooks, log: LogSink, render: RenderService, sendLog: SendLogTable, settings: SettingTable, aes: RemoteAeTable, steps: MppsTable, queue: JobQueue): Promise<JobHandlerContribution> => {
        const [{ registerAppRunHandler }, { appRunMpps }, { loadNetworkConfig }, { scuSettings, netJobAttempts }, { MppsJob }] = await Promise.all([
          import('../apps/app-run-handler.js'), import('../net/jobs/app-run-mpps.js'), import('../net/config/load-network-config.js'), import('../net/jobs/net-jobs.js'), import('../net/jobs/mpps-jobs.js'),
        ]);
        const config = () => loadNetworkConfig(settings);
        const reporter = appRunMpps({
          index, steps, config, scu: scuSettings, remote: (name) => aes.require(name),
          enqueueSet: (payload) => queue.enqueue({ type: MppsJob.Set, payload, label: `MPPS ${payload.status} of ${payload.SOPInstanceUID}`, maxAttempts: netJobAttempts(MppsJob.Set, config()) }),
        });
        return {
          register: (runner) =>
            registerAppRunHandler(runner, { registry, workstation: { index, store, files }, storages, sendLog, hooks, render, reporter, uidRoot: config().uidRoot, log: (level, source, message) => log.write({ level, source, message }) }),
        };
      },
      [PluginRegistry, Index, InstanceStore, FileStore, PluginStorages, HostHooks, LogSink, RenderService, SendLogTable, SettingTable, RemoteAeTable, MppsTable, JobQueue],
    )
    .inSingletonScope();
});
