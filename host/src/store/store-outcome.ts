import type { FieldChange } from '../db/dicom-index.js';

/** What happened to one received object. */
export type StoreOutcome =
  | {
      readonly status: 'stored' | 'replaced';
      readonly SOPInstanceUID: string;
      readonly SeriesInstanceUID: string;
      readonly StudyInstanceUID: string;
      readonly SOPClassUID: string;
      /** Relative path in the store. */
      readonly path: string;
      /** Demographic fields this instance changed (seed 001 §4.1.3.3.2). */
      readonly changes: readonly FieldChange[];
    }
  | {
      /** `duplicate`: Series Instance UID held by another study; `rejected`: unreadable or invalid. */
      readonly status: 'duplicate' | 'rejected';
      /**
       * Stable code: ATRIUM_ERR_PARSE_*, ATRIUM_ERR_VALIDATE_*, ATRIUM_ERR_INDEX_DUPLICATE_SERIES,
       * ATRIUM_ERR_STORE_DISK_FULL, ATRIUM_ERR_STORE_TOO_LARGE.
       */
      readonly code: string;
      /** What was wrong and where. */
      readonly reason: string;
      /**
       * Where the bytes were kept (relative to the store root). Absent when nothing could
       * be written (disk space low) or an imported object is too large to copy: the
       * sender or the original file keeps them.
       */
      readonly quarantinePath?: string;
      readonly SOPInstanceUID?: string;
    };
