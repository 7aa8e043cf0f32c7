import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { reconcileStore, type ReconcileReport } from '../../host/src/store/reconcile-store.js';
import { openWorkstation } from '../../host/src/store/open-workstation.js';

/** What {@link auditStore} found in a data root; a healthy store has every list empty. */
export interface StoreAudit {
  /** What the startup reconcile of `openWorkstation` did. */
  readonly startup: ReconcileReport;
  /** Files under `tmp/` after the startup reconcile. */
  readonly tmpLeft: string[];
  /** Intents still pending after the startup reconcile. */
  readonly intentsLeft: string[];
  /** A full reconcile run right after the startup one (it should find nothing to do). */
  readonly full: ReconcileReport;
  /** Index rows (paths) whose file is missing or differs in size or sha256 from the row. */
  readonly badRows: string[];
  /** Files under `files/` with no index row. */
  readonly unindexedFiles: string[];
  /** Stored files whose bytes differ from the expected input of the same SOP Instance UID. */
  readonly notAsReceived: string[];
  /** Stored SOP Instance UIDs that are not among the expected inputs. */
  readonly unexpected: string[];
  /** Rows of the quarantine list. */
  readonly quarantined: number;
  /** Index rows, and distinct SOP Instance UIDs among them. */
  readonly indexed: number;
  readonly distinctSops: number;
}

/**
 * Open the store under `root` (running its startup reconcile), then compare index and
 * files directly: every row's file exists with the row's size and sha256, every file has
 * a row, nothing is left in `tmp/` or in the intent log, and a full reconcile finds
 * nothing. With `expected` (SOP Instance UID → the bytes that were imported), each stored
 * file must be byte-identical to its input.
 */
export function auditStore(root: string, expected?: ReadonlyMap<string, Uint8Array>): StoreAudit {
  const ws = openWorkstation(root);
  try {
    const tmpLeft = readdirSync(ws.files.tmpDir);
    const intentsLeft = ws.intents.pending();
    const full = reconcileStore(ws.files, ws.index, ws.intents, true);
    const rows = ws.index.getInstances({});
    const onDisk = new Set(ws.files.listInstanceFiles());
    const badRows: string[] = [];
    const notAsReceived: string[] = [];
    const unexpected: string[] = [];
    for (const row of rows) {
      const { path, size, sha256 } = row.file;
      if (!onDisk.has(path)) {
        badRows.push(`${path}: file missing`);
        continue;
      }
      const bytes = readFileSync(join(ws.root, ...path.split('/')));
      if (statSync(join(ws.root, ...path.split('/'))).size !== size || bytes.length !== size) badRows.push(`${path}: size ${bytes.length} ≠ row ${size}`);
      else if (createHash('sha256').update(bytes).digest('hex') !== sha256) badRows.push(`${path}: sha256 differs from the row`);
      if (expected) {
        const input = expected.get(row.instance.SOPInstanceUID);
        if (!input) unexpected.push(row.instance.SOPInstanceUID);
        else if (!Buffer.from(input).equals(bytes)) notAsReceived.push(path);
      }
    }
    const indexedPaths = new Set(rows.map((r) => r.file.path));
    return {
      startup: ws.startup,
      tmpLeft,
      intentsLeft,
      full,
      badRows,
      unindexedFiles: [...onDisk].filter((p) => !indexedPaths.has(p)),
      notAsReceived,
      unexpected,
      quarantined: ws.index.listQuarantine().length,
      indexed: rows.length,
      distinctSops: new Set(rows.map((r) => r.instance.SOPInstanceUID)).size,
    };
  } finally {
    ws.close();
  }
}
