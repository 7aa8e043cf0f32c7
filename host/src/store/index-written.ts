import type { Index } from '../db/dicom-index.js';
import type { InstanceRecord } from '../db/instance-record.js';
import type { FileStore } from './file-store.js';
import type { StoreIntents } from './store-intents.js';
import type { StoreOutcome } from './store-outcome.js';

/**
 * The last step of a store, once the file is written: its hash recorded, the index row
 * written in one transaction (demographic updates, replacement), the intent forgotten,
 * and a replaced instance's file at another path removed.
 */
export function indexWritten(
  store: { readonly index: Index; readonly intents: StoreIntents; readonly files: FileStore },
  record: InstanceRecord,
  sha256: string,
  ids: { readonly SOPInstanceUID: string; readonly SeriesInstanceUID: string; readonly StudyInstanceUID: string; readonly SOPClassUID: string },
): StoreOutcome {
  record.file.sha256 = sha256;
  const result = store.index.upsertInstance(record);
  store.intents.end(record.file.path);
  if (result.previousFile && result.previousFile.path !== record.file.path) store.files.remove(result.previousFile.path);
  return { status: result.action, ...ids, path: record.file.path, changes: result.changes };
}
