import type { HostDatabase } from '../db/host-database.js';
import type { ParseLimits } from '../io/parse-limits.js';
import { readDicomHeader } from '../io/read-dicom-header.js';
import type { FileStore } from './file-store.js';
import { recordFromDataset } from './record-from-dataset.js';

/** The setting the index schema step 10 leaves when it added series columns to a non-empty index. */
export const SERIES_BACKFILL_SETTING = 'index.backfill.seriesStation';

/** What {@link backfillSeriesKeys} did. */
export interface SeriesBackfill {
  /** Series whose new columns were read from one of their files. */
  readonly filled: number;
  /** Series whose files could not be read (their values stay empty), with the reason. */
  readonly unreadable: readonly { path: string; reason: string }[];
}

/**
 * Station Name and Performing Physician's Name became series-level matching keys (Shimadzu
 * DAR-9500f conformance statement, Table 4) after series were indexed: read them from the
 * latest stored file of each series, once. Returns undefined when nothing was pending.
 */
export function backfillSeriesKeys(files: FileStore, database: HostDatabase, limits: ParseLimits): SeriesBackfill | undefined {
  if (!database.settings.list(SERIES_BACKFILL_SETTING).has(SERIES_BACKFILL_SETTING)) return undefined;
  const latest = new Map<string, { path: string; storedAt: string }>();
  for (const row of database.index.getInstances({})) {
    const seen = latest.get(row.series.SeriesInstanceUID);
    const storedAt = row.file.storedAt;
    if (seen === undefined || storedAt >= seen.storedAt) latest.set(row.series.SeriesInstanceUID, { path: row.file.path, storedAt });
  }
  let filled = 0;
  const unreadable: { path: string; reason: string }[] = [];
  for (const [uid, { path }] of latest) {
    try {
      const file = readDicomHeader(files.absolute(path), undefined, limits, files.tmpDir);
      const { StationName, PerformingPhysicianName } = recordFromDataset(file.dataset, file.transferSyntax.uid, { path, size: 0, sha256: '' }).series;
      if (database.index.fillSeries(uid, { ...(StationName !== undefined ? { StationName } : {}), ...(PerformingPhysicianName !== undefined ? { PerformingPhysicianName } : {}) })) filled++;
    } catch (e) {
      unreadable.push({ path, reason: (e as Error).message });
    }
  }
  database.settings.unset(SERIES_BACKFILL_SETTING);
  return { filled, unreadable };
}
