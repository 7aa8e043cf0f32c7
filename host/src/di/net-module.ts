import { Index } from '../db/dicom-index.js';
import { RemoteAeRows } from '../db/remote-ae-rows.js';
import { SettingTable } from '../db/setting-table.js';
import { JobHandlerContribution } from '../jobs/job-runner.js';
import { RemoteAeTable } from '../net/config/remote-ae-table.js';
import { WorkstationServerFactory } from '../net/scp/workstation-server-factory.js';
import { FileStore } from '../store/file-store.js';
import { InstanceStore } from '../store/instance-store.js';
import { ContainerModule } from './inversify.js';

/**
 * The network: the remote AE table, the workstation's DICOM server (made by
 * `atrium serve` through {@link WorkstationServerFactory}) and the SCU jobs
 * (`net.echo|send|find|move|get`), each reading the settings when it runs.
 */
export const netModule = new ContainerModule(({ bind }) => {
  bind(RemoteAeTable)
    .toResolvedValue(async (rows: RemoteAeRows) => new (await import('../net/config/remote-ae-table.js')).RemoteAeTableImpl(rows), [RemoteAeRows])
    .inSingletonScope();
  bind(WorkstationServerFactory)
    .toResolvedValue(
      async (index: Index, files: FileStore, store: InstanceStore, aes: RemoteAeTable, settings: SettingTable): Promise<WorkstationServerFactory> => {
        const [{ workstationServer }, { loadNetworkConfig }] = await Promise.all([import('../net/scp/workstation-server.js'), import('../net/config/load-network-config.js')]);
        return (overrides, log) => workstationServer({ index, files, store, aes }, { ...loadNetworkConfig(settings), ...overrides }, log);
      },
      [Index, FileStore, InstanceStore, RemoteAeTable, SettingTable],
    )
    .inSingletonScope();
  bind(JobHandlerContribution)
    .toResolvedValue(
      async (index: Index, files: FileStore, store: InstanceStore, settings: SettingTable, aes: RemoteAeTable): Promise<JobHandlerContribution> => {
        const { registerNetJobs } = await import('../net/jobs/net-jobs.js');
        return { register: (runner) => registerNetJobs(runner, { index, files, store, settings, aes }) };
      },
      [Index, FileStore, InstanceStore, SettingTable, RemoteAeTable],
    )
    .inSingletonScope();
});
