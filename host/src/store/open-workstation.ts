import { resolve } from 'node:path';
import type { Index } from '../db/dicom-index.js';
import type { HostDatabase } from '../db/host-database.js';
import { indexLocation, openDatabase } from '../db/open-database.js';
import { defaultStoreRoot } from './store-root.js';
import type { FileStore } from './file-store.js';
import { FileStoreImpl } from './file-store-impl.js';
import type { InstanceStore } from './instance-store.js';
import { InstanceStoreImpl } from './instance-store-impl.js';
import { backfillSeriesKeys } from './backfill-series-keys.js';
import { reconcileLog } from './reconcile-log.js';
import { reconcileStore, type ReconcileReport } from './reconcile-store.js';
import { StoreIntents } from './store-intents.js';
import { loadStoreSettings, WIDEST_PARSE_LIMITS } from './store-settings.js';
export { defaultStoreRoot, storeExists } from './store-root.js';
import type { ValidationPolicy } from './validate-instance.js';

/** The embedded workstation on one data root: files, index, and the store that joins them. */
export interface Workstation {
  readonly root: string;
  readonly files: FileStore;
  /** The store's database: the index and the tables beside it (settings, jobs, remote AEs, ...). */
  readonly database: HostDatabase;
  /** The database's index. */
  readonly index: Index;
  readonly store: InstanceStore;
  readonly intents: StoreIntents;
  /** What the startup reconcile found. */
  readonly startup: ReconcileReport;
  close(): void;
}

/** Options of {@link openWorkstation}. */
export interface WorkstationOptions {
  /** The validation policy for this session; default: the `validation` store setting. */
  readonly validation?: ValidationPolicy;
  /**
   * The organisation UID root (`atrium config set uidRoot`), read when the store first needs its
   * settings: it names Atrium in the File Meta Information made for an object that came without
   * one. Default: Atrium's own 2.25 Implementation Class UID.
   */
  readonly uidRoot?: () => string;
}

/**
 * The store on `files` and `database`: the one path that stores anything, with the receive
 * settings read when it stores (`atrium config`; `options.validation` overrides the policy).
 */
export function openStore(files: FileStore, database: HostDatabase, options: WorkstationOptions = {}): InstanceStore {
  return new InstanceStoreImpl(files, database.index, new StoreIntents(database.intents, database.liveness), () => {
    const settings = loadStoreSettings(database.settings);
    const uidRoot = options.uidRoot?.();
    return { policy: options.validation ?? settings.validation, stableAgeMs: settings.stableAge * 1000, limits: settings, ...(uidRoot ? { uidRoot } : {}) };
  });
}

/**
 * The quiet start-up pass: re-examine what an earlier crash may have left (intents, temp
 * files), so that index and files agree; what it repaired is logged for `atrium reconcile`.
 */
export function reconcileAtStartup(files: FileStore, database: HostDatabase): ReconcileReport {
  // The files of interrupted stores passed the limits in force when they came: read back
  // with the widest any setting allows, so that opening a store never needs its settings.
  const reconciled = reconcileStore(files, database.index, new StoreIntents(database.intents, database.liveness), false, WIDEST_PARSE_LIMITS);
  const backfill = backfillSeriesKeys(files, database, WIDEST_PARSE_LIMITS);
  const startup = backfill && backfill.unreadable.length > 0
    ? { ...reconciled, unreadable: [...reconciled.unreadable, ...backfill.unreadable.map((u) => ({ path: u.path, reason: `series Station Name / Performing Physician's Name not read back: ${u.reason}` }))] }
    : reconciled;
  reconcileLog.recordStartup(database.reconcileLog, startup);
  database.liveness.pruneDead();
  return startup;
}

/**
 * Open (creating if needed) the store under `root`: SQLite index `index.sqlite` (WAL) or the
 * PostgreSQL index its store.json names,
 * files under `files/`, the receive settings (`atrium config`), then reconcile what an
 * earlier crash may have left (what that quiet pass repaired is logged for `atrium reconcile`).
 * The host container assembles the same parts (store and db modules); this is for tests and
 * programs that embed the store without a container.
 */
export function openWorkstation(root: string = defaultStoreRoot(), options: WorkstationOptions = {}): Workstation {
  const files = new FileStoreImpl(resolve(root));
  const database = openDatabase(indexLocation(files.root));
  try {
    const store = openStore(files, database, options);
    const startup = reconcileAtStartup(files, database);
    const intents = new StoreIntents(database.intents, database.liveness);
    return { root: files.root, files, database, index: database.index, store, intents, startup, close: () => { store.close(); database.close(); } };
  } catch (e) {
    database.close();
    throw e;
  }
}
