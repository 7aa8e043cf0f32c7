import type { CommitmentTable } from '../../db/commitment-table.js';
import type { Index } from '../../db/dicom-index.js';
import type { MppsTable } from '../../db/mpps-table.js';
import type { SendLogTable } from '../../db/send-log-table.js';
import { hexStatus } from '../../errors/dimse-statuses.js';
import type { FileStore } from '../../store/file-store.js';
import type { InstanceStore } from '../../store/instance-store.js';
import type { NetworkConfig } from '../config/network-config.js';
import type { RemoteAeTable } from '../config/remote-ae-table.js';
import { afterCommitmentReport } from '../jobs/delete-committed.js';
import { scuSettings } from '../jobs/net-jobs.js';
import { commitmentReportService } from '../services/commitment-report-service.js';
import { echoService } from '../services/echo-service.js';
import { findService } from '../services/find-service.js';
import { mppsService } from '../services/mpps-service.js';
import { retrieveService } from '../services/retrieve-service.js';
import { storeService, storeStatus } from '../services/store-service.js';
import { DicomServer, type ServerEvent } from './dicom-server.js';
import { hostId } from '../../core/host-id.js';

/** What the workstation's DICOM server serves from. */
export interface WorkstationServerDeps {
  readonly index: Index;
  readonly files: FileStore;
  readonly store: InstanceStore;
  readonly aes: RemoteAeTable;
  readonly commitments: CommitmentTable;
  readonly steps: MppsTable;
  /** Where the C-MOVE / C-GET sub-operations are recorded; without it they are not. */
  readonly sendLog?: SendLogTable;
}

/** The workstation's DICOM server and what it has stored since it was made. */
export interface WorkstationServer {
  readonly server: DicomServer;
  readonly config: NetworkConfig;
  storedCount(): number;
}

/** The line logged for a server event (`atrium serve`). */
function describeEvent(e: ServerEvent, storedCount: number): string {
  if (e.type === 'associated') return `association ${e.id} from ${e.callingAeTitle}@${e.peer}: ${e.contexts} presentation contexts accepted${e.queryRetrieveRefused ? ' (query/retrieve refused: not a registered caller at its host)' : ''}`;
  if (e.type === 'rejected') return `association from ${e.callingAeTitle}@${e.peer} rejected: ${e.why}`;
  if (e.type === 'failed') return `connection from ${e.peer} dropped: ${e.error.message} [${e.error.code}]`;
  return `association ${e.id} ${e.end.how}${e.end.error && e.end.how !== 'released' ? `: ${e.end.error.message}` : ''} (${storedCount} instances stored since start)`;
}

/**
 * The workstation's DICOM SCP on its store, under `config`: C-ECHO, C-STORE (into the one
 * store path, answered after fsync when `syncStorageArea`), C-FIND on the index, C-MOVE to
 * destinations of the AE table with role `store`, C-GET, storage commitment reports (the
 * Push Model in the SCU role; with `deleteCommitted`, the committed instances' local copies
 * deleted), MPPS N-CREATE / N-SET; callers identified by the AE table.
 * `log` gets one line per refusal, warning, association and index failure.
 */
export function workstationServer(deps: WorkstationServerDeps, config: NetworkConfig, log: (line: string) => void): WorkstationServer {
  let storedCount = 0;
  const { index, files, store, aes, commitments, steps, sendLog } = deps;
  const afterReport = afterCommitmentReport({ index, files, commitments }, () => config.deleteCommitted, log);
  const server = new DicomServer({
    ...config,
    identifyCaller: (title, address) => aes.identifyCaller(title, address),
    services: [
      echoService(),
      storeService({
        store, sync: config.syncStorageArea, uidRoot: config.uidRoot,
        onStored: (outcome, calling) => {
          if ('code' in outcome) log(`C-STORE from ${calling} refused (${hexStatus(storeStatus(outcome).Status)}): ${outcome.reason} [${outcome.code}]${outcome.quarantinePath ? ` kept in ${outcome.quarantinePath}` : ''}`);
          else {
            storedCount++;
            if (outcome.warnings?.length) log(`C-STORE from ${calling}: ${outcome.SOPInstanceUID} stored with ${outcome.warnings.length} validation warning(s) (B007): ${outcome.warnings.map((w) => w.message).join('; ')}`);
          }
        },
        onIndexError: (error, path) => log(`indexing ${path} failed after it was acknowledged: ${(error as Error).message}; the next start's reconcile indexes it`),
      }),
      findService({ index, aeTitle: config.aeTitle, limit: config.findLimit, limitAnswer: config.findLimitAnswer, relationalQueries: config.relationalQueries }),
      retrieveService({
        index, files,
        scu: scuSettings(config),
        ...(sendLog ? { sendLog } : {}),
        subRetries: { rounds: config.moveScpRetries, delayMs: config.moveScpRetryDelayMs },
        destination: (title) => {
          const ae = aes.find(title);
          return ae && ae.title === title.trim() && ae.roles.includes('store') ? ae : undefined;
        },
      }),
      commitmentReportService({
        commitments,
        onReport: (report, from) => {
          // One AE title for several hosts: the report may be for another host's request; it is
          // recorded in the shared table all the same, where that host's waiting send sees it.
          const owner = commitments.get(report.transactionUid)?.ownerHost;
          afterReport(report, from, owner === undefined || owner === hostId() ? '' : ` (a request of host ${owner}, recorded for it)`);
        },
      }),
      mppsService({ steps, log }),
    ],
    onEvent: (e) => log(describeEvent(e, storedCount)),
  });
  return { server, config, storedCount: () => storedCount };
}
