import { CommitmentTable } from '../db/commitment-table.js';
import { Index } from '../db/dicom-index.js';
import { MppsTable } from '../db/mpps-table.js';
import { RemoteAeRows } from '../db/remote-ae-rows.js';
import { SendLogTable } from '../db/send-log-table.js';
import { SettingTable } from '../db/setting-table.js';
import { JobHandlerContribution } from '../jobs/job-runner.js';
import { RemoteAeTable } from '../net/config/remote-ae-table.js';
import type { RenderForPrint } from '../net/jobs/print-job.js';
import { WorkstationServerFactory } from '../net/scp/workstation-server-factory.js';
import { FileStore } from '../store/file-store.js';
import { InstanceStore } from '../store/instance-store.js';
import { ContainerModule } from './inversify.js';

/**
 * The network: the remote AE table, the workstation's DICOM server (made by
 * `atrium serve` through {@link WorkstationServerFactory}) and the SCU jobs
 * (`net.echo|send|find|move|get`), each reading the settings when it runs; storage
 * commitment requests and reports recorded in the commitment table, performed procedure
 * steps (MPPS SCP and SCU) in the mpps table.
 */
export const netModule = new ContainerModule(({ bind }) => {
  bind(RemoteAeTable)
    .toResolvedValue(async (rows: RemoteAeRows) => new (await import('../net/config/remote-ae-table.js')).RemoteAeTableImpl(rows), [RemoteAeRows])
    .inSingletonScope();
  bind(WorkstationServerFactory)
    .toResolvedValue(
      async (index: Index, files: FileStore, store: InstanceStore, aes: RemoteAeTable, settings: SettingTable, commitments: CommitmentTable, steps: MppsTable, sendLog: SendLogTable): Promise<WorkstationServerFactory> => {
        const [{ workstationServer }, { loadNetworkConfig }] = await Promise.all([import('../net/scp/workstation-server.js'), import('../net/config/load-network-config.js')]);
        return (overrides, log) => workstationServer({ index, files, store, aes, commitments, steps, sendLog }, { ...loadNetworkConfig(settings), ...overrides }, log);
      },
      [Index, FileStore, InstanceStore, RemoteAeTable, SettingTable, CommitmentTable, MppsTable, SendLogTable],
    )
    .inSingletonScope();
  bind(JobHandlerContribution)
    .toResolvedValue(
      async (index: Index, files: FileStore, store: InstanceStore, settings: SettingTable, aes: RemoteAeTable, commitments: CommitmentTable, steps: MppsTable, sendLog: SendLogTable): Promise<JobHandlerContribution> => {
        const [{ registerNetJobs }, { printImages }, { burnLabel, labelText }, { resolveUid }, { byPosition, isImage }] = await Promise.all([
          import('../net/jobs/net-jobs.js'), import('../render/print-images.js'), import('../render/burn-label.js'), import('../db/resolve-uid.js'), import('../render/images-in-order.js'),
        ]);
        const renderForPrint: RenderForPrint = async (uids, options) => {
          const instances = uids.flatMap((uid) => resolveUid(index, uid).instances.filter(isImage).sort(byPosition));
          const images = await printImages(instances, (path) => files.absolute(path), store.limits, { ...options, burnLabel: false });
          return images.map((image, i) => {
            const label = labelText({ ...instances[i]!.patient, ...instances[i]!.study });
            return { image, label, labelled: burnLabel(image, label) };
          });
        };
        return { register: (runner) => registerNetJobs(runner, { index, files, store, settings, aes, commitments, steps, sendLog, renderForPrint }) };
      },
      [Index, FileStore, InstanceStore, SettingTable, RemoteAeTable, CommitmentTable, MppsTable, SendLogTable],
    )
    .inSingletonScope();
});
