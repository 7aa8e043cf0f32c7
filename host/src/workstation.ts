import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Index } from './db/dicom-index.js';
import { openIndex } from './db/open-index.js';
import { FileStore } from './store/file-store.js';
import { InstanceStore } from './store/instance-store.js';
import { reconcileLog } from './store/reconcile-log.js';
import { reconcileStore, type ReconcileReport } from './store/reconcile-store.js';
import { StoreIntents } from './store/store-intents.js';
import { loadStoreSettings, WIDEST_PARSE_LIMITS } from './store/store-settings.js';
import type { ValidationPolicy } from './store/validate-instance.js';

/** The embedded workstation on one data root: files, index, and the store that joins them. */
export interface Workstation {
  readonly root: string;
  readonly files: FileStore;
  readonly index: Index;
  readonly store: InstanceStore;
  readonly intents: StoreIntents;
  /** What the startup reconcile found. */
  readonly startup: ReconcileReport;
  close(): void;
}

/** The default data root: `$ATRIUM_STORE`, else `./.atrium`. */
export function defaultStoreRoot(): string {
  return resolve(process.env.ATRIUM_STORE ?? '.atrium');
}

/** Options of {@link openWorkstation}. */
export interface WorkstationOptions {
  /** The validation policy for this session; default: the `validation` store setting. */
  readonly validation?: ValidationPolicy;
}

/** True when `root` holds a store (its index): commands that only read check this rather than create an empty store. */
export function storeExists(root: string): boolean {
  return existsSync(join(resolve(root), 'index.sqlite'));
}

/**
 * Open (creating if needed) the store under `root`: SQLite index `index.sqlite` (WAL),
 * files under `files/`, the receive settings (`atrium config`), then reconcile what an
 * earlier crash may have left (what that quiet pass repaired is logged for `atrium reconcile`).
 */
export function openWorkstation(root: string = defaultStoreRoot(), options: WorkstationOptions = {}): Workstation {
  const files = new FileStore(resolve(root));
  const index = openIndex(join(files.root, 'index.sqlite'));
  try {
    const intents = new StoreIntents(index.db);
    const store = new InstanceStore(files, index, intents, () => {
      const settings = loadStoreSettings(index.db);
      return { policy: options.validation ?? settings.validation, stableAgeMs: settings.stableAge * 1000, limits: settings };
    });
    // The files of interrupted stores passed the limits in force when they came: read back
    // with the widest any setting allows, so that opening a store never needs its settings.
    const startup = reconcileStore(files, index, intents, false, WIDEST_PARSE_LIMITS);
    reconcileLog.recordStartup(index.db, startup);
    return { root: files.root, files, index, store, intents, startup, close: () => { store.close(); index.close(); } };
  } catch (e) {
    index.close();
    throw e;
  }
}
