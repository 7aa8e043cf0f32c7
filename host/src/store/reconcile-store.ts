import { readFileSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import type { Index, StoredInstance } from '../db/dicom-index.js';
import { isAtriumError } from '../errors/atrium-error.js';
import { DEFAULT_PARSE_LIMITS, type ParseLimits } from '../io/parse-limits.js';
import { parseDicomBounded } from '../io/deflated-object.js';
import type { DicomFile } from '../io/parse-part10.js';
import { readDicomHeader } from '../io/read-dicom-header.js';
import type { FileStore } from './file-store.js';
import { fileSha256, IN_MEMORY_MAX_BYTES, readLargeObject } from './receive-large-object.js';
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
 * are removed and files nobody indexed are indexed. Files of any size are read in
 * bounded memory (header, chunks); `limits` bound what their parse builds.
 */
export function reconcileStore(files: FileStore, index: Index, intents: StoreIntents, full = false, limits: ParseLimits = DEFAULT_PARSE_LIMITS): ReconcileReport {
  const report = { tmpRemoved: files.cleanTmp(intents.liveness), recovered: [] as string[], dropped: [] as string[], missing: [] as string[], unreadable: [] as { path: string; reason: string }[], checked: 0, damaged: [] as DamagedFile[] };
  const reindex = (path: string): void => {
    const problem = reindexFile(files, index, path, limits);
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
  // A file another live process (of any host) is storing is its own to index.
  const inProgress = new Set(intents.inProgress());
  for (const path of onDisk) if (!indexed.has(path) && !inProgress.has(path)) reindex(path);
  for (const row of rows) {
    if (!onDisk.has(row.file.path)) {
      index.removeInstance({ SeriesInstanceUID: row.series.SeriesInstanceUID, SOPInstanceUID: row.instance.SOPInstanceUID });
      report.missing.push(row.file.path);
      continue;
    }
    report.checked++;
    const damage = checkFile(files.absolute(row.file.path), row, limits, files.tmpDir);
    if (damage) report.damaged.push(damage);
  }
  return report;
}

/** Index a file found in `files/` (its header and a hash read in chunks: files of any size); returns why it cannot be, if so. */
function reindexFile(files: FileStore, index: Index, path: string, limits: ParseLimits): string | undefined {
  try {
    const abs = files.absolute(path);
    const file = readDicomHeader(abs, undefined, limits, files.tmpDir);
    const identity = checkIdentity(file.dataset);
    if (identity.length > 0) return `cannot be indexed: ${identity.map((p) => p.message).join('; ')}`;
    // Stored before: whatever validation finds now is recorded, not refused.
    const { refusals, warnings } = validateInstance(file, 'safety');
    const found = [...refusals, ...warnings].map((p) => ({ code: p.code, keyword: p.keyword, message: p.message }));
    const record = recordFromDataset(file.dataset, file.transferSyntax.uid, { path, size: statSync(abs).size, sha256: fileSha256(abs), receivedFrom: 'reconcile' });
    index.upsertInstance({ ...record, ...(found.length > 0 ? { warnings: found } : {}) });
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}

/**
 * How an indexed file differs from its row, if it does; a file over 64 MiB is hashed in chunks
 * and walked, never held, and a large deflated data set inflated into a file in `tempDir`.
 */
function checkFile(abs: string, row: StoredInstance, limits: ParseLimits, tempDir: string): DamagedFile | undefined {
  const { path, size, sha256 } = row.file;
  const onDisk = statSync(abs).size;
  if (onDisk !== size) return { path, problem: 'size', detail: `${onDisk} bytes on disk, ${size} when stored` };
  const bytes = onDisk <= IN_MEMORY_MAX_BYTES ? readFileSync(abs) : undefined;
  const hash = bytes ? createHash('sha256').update(bytes).digest('hex') : fileSha256(abs);
  if (hash !== sha256) return { path, problem: 'hash', detail: `sha256 ${hash} on disk, ${sha256} when stored` };
  let file: DicomFile;
  try {
    file = bytes ? parseDicomBounded(bytes, { limits, tempDir }) : readLargeObject(abs, onDisk, limits, tempDir);
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
