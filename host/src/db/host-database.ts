import type { CommitmentTable } from './commitment-table.js';
import type { Index } from './dicom-index.js';
import type { HostHeartbeatTable } from './host-heartbeat-table.js';
import type { IntentTable } from './intent-table.js';
import type { JobTable } from './job-table.js';
import type { MppsTable } from './mpps-table.js';
import type { ReconcileLogTable } from './reconcile-log-table.js';
import type { RemoteAeRows } from './remote-ae-rows.js';
import type { SendLogTable } from './send-log-table.js';
import type { SettingTable } from './setting-table.js';
import { serviceToken } from '../core/service-token.js';
import type { HostLiveness } from './host-liveness.js';

/**
 * The database of a store: the DICOM index and the tables the other subsystems keep beside
 * it. Every SQL statement of the host is behind one of these interfaces, so another backend
 * (PostgreSQL) is another implementation of them; callers do not change. Open the SQLite
 * one with `openDatabase`.
 */
export interface HostDatabase {
  /** Patient / study / series / instance records, the quarantine list and the query engine. */
  readonly index: Index;
  /** Network and store settings (`atrium config`). */
  readonly settings: SettingTable;
  /** The persistent job queue. */
  readonly jobs: JobTable;
  /** The remote AE table (`atrium ae`). */
  readonly remoteAes: RemoteAeRows;
  /** The store's write-ahead intents. */
  readonly intents: IntentTable;
  /** The heartbeats of the processes (of every host) using the store. */
  readonly heartbeats: HostHeartbeatTable;
  /** This process's heartbeat, started when the database is opened and stopped when it is closed; who may still be writing. */
  readonly liveness: HostLiveness;
  /** What the start-up reconcile passes repaired. */
  readonly reconcileLog: ReconcileLogTable;
  /** Storage commitment requests and their results. */
  readonly commitments: CommitmentTable;
  /** Modality Performed Procedure Steps received and sent. */
  readonly mpps: MppsTable;
  /** Instances sent by C-STORE (send jobs, C-MOVE / C-GET sub-operations): to which AE, when, the outcome. */
  readonly sendLog: SendLogTable;
  /** Where the database is (a file path, `:memory:`): names it for work done once per database. */
  readonly location: string;
  /** Close the connection (the index with it); closing twice does nothing. */
  close(): void;
}

/** DI token of {@link HostDatabase} (the db module opens it on the host's data root). */
export const HostDatabase = serviceToken<HostDatabase>('HostDatabase');
