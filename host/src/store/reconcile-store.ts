import { statSync } from 'node:fs';
import type { Index } from '../db/dicom-index.js';
import type { ParseLimits } from '../io/parse-limits.js';
import { readDicomHeader } from '../io/read-dicom-header.js';
import type { FileStore } from './file-store.js';
import { fileSha256 } from './receive-large-object.js';
import { recordFromDataset } from './record-from-dataset.js';
import type { StoreIntents } from './store-intents.js';

/** What {@link reconcileStore} found and did. */
export interface ReconcileReport {
  /** Leftover temp files of interrupted writes that were removed. */
  readonly tmpRemoved: number;
  /** Files written before a crash but not yet indexed, now indexed. */
  readonly recovered: string[];
  /** Intents whose file never reached its place (nothing had been reported stored). */
  readonly dropped: string[];
  /** Full scan only: index rows whose file is gone, removed from the index. */
  readonly missing: string[];
  /** Full scan only: files that could not be read back, left in place and reported. */
  readonly unreadable: { path: string; reason: string }[];
}

/**
 * Bring the index and the files into agreement after a crash. Always cheap: only the
 * intents left by interrupted stores are examined. With `full`, every file and every
 * index row are compared as well (`atrium reconcile --full`).
 */
export function reconcileStore(files: FileStore, index: Index, intents: StoreIntents, full = false, limits?: ParseLimits): ReconcileReport {
  const report: ReconcileReport = { tmpRemoved: files.cleanTmp(), recovered: [], dropped: [], missing: [], unreadable: [] };
  const reindex = (path: string): void => {
    try {
      // The header and a hash read in chunks: files of any size (over 2 GiB too) are indexed again.
      const abs = files.absolute(path);
      const file = readDicomHeader(abs, undefined, limits);
      index.upsertInstance(recordFromDataset(file.dataset, file.transferSyntax.uid, { path, size: statSync(abs).size, sha256: fileSha256(abs), receivedFrom: 'reconcile' }));
      report.recovered.push(path);
    } catch (e) {
      report.unreadable.push({ path, reason: (e as Error).message });
    }
  };
  for (const path of intents.pending()) {
    if (files.exists(path)) reindex(path);
    else report.dropped.push(path);
    intents.end(path);
  }
  if (full) {
    const indexed = new Set(index.listInstancePaths());
    const onDisk = new Set(files.listInstanceFiles());
    for (const path of onDisk) if (!indexed.has(path)) reindex(path);
    for (const path of indexed) {
      if (onDisk.has(path)) continue;
      const [, , SeriesInstanceUID, name] = path.split('/');
      if (SeriesInstanceUID && name) index.removeInstance({ SeriesInstanceUID, SOPInstanceUID: name.replace(/\.dcm$/, '') });
      report.missing.push(path);
    }
  }
  return report;
}
