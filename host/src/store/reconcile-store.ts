import { createHash } from 'node:crypto';
import type { Index, StoredInstance } from '../db/dicom-index.js';
import { isAtriumError } from '../errors/atrium-error.js';
import { parseDicom, type DicomFile } from '../io/parse-part10.js';
import type { FileStore } from './file-store.js';
import { recordFromDataset } from './record-from-dataset.js';
import type { StoreIntents } from './store-intents.js';
import { checkIdentity, identityOf } from './validation/check-identity.js';
import { validateInstance } from './validate-instance.js';

/** An indexed file whose bytes are not what was stored (left in place; the index is not changed). */
export interface DamagedFile {
  readonly path: string;
  /** `size` / `hash`: differs from the index row; `parse`: no longer DICOM; `identity`: names another instance than its row. */
  readonly problem: 'size' | 'hash' | 'parse' | 'identity';
  readonly detail: string;
}

/** What {@link reconcileStore} found and did. */
export interface ReconcileReport {
  /** Leftover temp files of interrupted writes that were removed. */
  readonly tmpRemoved: number;
  /** Files written before a crash (or found unindexed by a full pass) and now indexed. */
  readonly recovered: string[];
  /** Intents whose file never reached its place (nothing had been reported stored). */
  readonly dropped: string[];
  /** Full scan only: index rows whose file is gone, removed from the index. */
  readonly missing: string[];
  /** Files that could not be indexed (not DICOM, or identity UIDs unusable as keys), left in place. */
  readonly unreadable: { path: string; reason: string }[];
  /** Full scan only: how many indexed files were read back and checked (size, sha256, parse, identity). */
  readonly checked: number;
  /** Full scan only: indexed files whose bytes are not what was stored, left in place. */
  readonly damaged: DamagedFile[];
}

/**
 * Bring the index and the files into agreement after a crash. Always cheap: only the
 * intents left by interrupted stores are examined (the quiet pass at every start). With
 * `full` (`atrium reconcile --full`), every indexed file is read back — its size and
 * sha256 compared with the row, parsed, its identity compared — rows whose file is gone
 * are removed and files nobody indexed are indexed.
 */
export function reconcileStore(files: FileStore, index: Index, intents: StoreIntents, full = false): ReconcileReport {
  const report = { tmpRemoved: files.cleanTmp(), recovered: [] as string[], dropped: [] as string[], missing: [] as string[], unreadable: [] as { path: string; reason: string }[], checked: 0, damaged: [] as DamagedFile[] };
  const reindex = (path: string): void => {
    const problem = reindexFile(files, index, path);
    if (problem) report.unreadable.push({ path, reason: problem });
    else report.recovered.push(path);
  };
  for (const path of intents.pending()) {
    if (files.exists(path)) reindex(path);
    else report.dropped.push(path);
    intents.end(path);
  }
  if (!full) return report;
  const onDisk = new Set(files.listInstanceFiles());
  const rows = index.getInstances({});
  const indexed = new Set(rows.map((r) => r.file.path));
  for (const path of onDisk) if (!indexed.has(path)) reindex(path);
  for (const row of rows) {
    if (!onDisk.has(row.file.path)) {
      index.removeInstance({ SeriesInstanceUID: row.series.SeriesInstanceUID, SOPInstanceUID: row.instance.SOPInstanceUID });
      report.missing.push(row.file.path);
      continue;
    }
    report.checked++;
    const damage = checkFile(files.read(row.file.path), row);
    if (damage) report.damaged.push(damage);
  }
  return report;
}

/** Index a file found in `files/`; returns why it cannot be, if so. */
function reindexFile(files: FileStore, index: Index, path: string): string | undefined {
  try {
    const bytes = files.read(path);
    const file = parseDicom(bytes, { headerOnly: true });
    const identity = checkIdentity(file.dataset);
    if (identity.length > 0) return `cannot be indexed: ${identity.map((p) => p.message).join('; ')}`;
    // Stored before: whatever validation finds now is recorded, not refused.
    const { refusals, warnings } = validateInstance(file, 'safety');
    const found = [...refusals, ...warnings].map((p) => ({ code: p.code, keyword: p.keyword, message: p.message }));
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const record = recordFromDataset(file.dataset, file.transferSyntax.uid, { path, size: bytes.length, sha256, receivedFrom: 'reconcile' });
    index.upsertInstance({ ...record, ...(found.length > 0 ? { warnings: found } : {}) });
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}

/** How an indexed file differs from its row, if it does. */
function checkFile(bytes: Uint8Array, row: StoredInstance): DamagedFile | undefined {
  const { path, size, sha256 } = row.file;
  if (bytes.length !== size) return { path, problem: 'size', detail: `${bytes.length} bytes on disk, ${size} when stored` };
  const hash = createHash('sha256').update(bytes).digest('hex');
  if (hash !== sha256) return { path, problem: 'hash', detail: `sha256 ${hash} on disk, ${sha256} when stored` };
  let file: DicomFile;
  try {
    file = parseDicom(bytes);
  } catch (e) {
    if (!isAtriumError(e)) throw e;
    return { path, problem: 'parse', detail: `${e.code}: ${e.message}` };
  }
  const id = identityOf(file.dataset);
  const want = { StudyInstanceUID: row.study.StudyInstanceUID, SeriesInstanceUID: row.series.SeriesInstanceUID, SOPInstanceUID: row.instance.SOPInstanceUID };
  const differs = (Object.keys(want) as (keyof typeof want)[]).filter((k) => id[k] !== want[k]);
  if (differs.length > 0) return { path, problem: 'identity', detail: differs.map((k) => `${k} ${id[k]} in the file, ${want[k]} in the index`).join('; ') };
  return undefined;
}
