import type { FieldChange } from '../db/dicom-index.js';
import type { RecordWarning } from '../db/instance-record.js';
import type { AtriumErrorCode } from '../errors/codes.js';

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
      /** Demographic fields this instance changed (Canon GCA-9300R conformance statement §4.1.3.3.2). */
      readonly changes: readonly FieldChange[];
      /** What validation found but did not refuse (policy `safety`); absent when nothing. */
      readonly warnings?: readonly RecordWarning[];
    }
  | {
      /** `duplicate`: Series Instance UID held by another study; `rejected`: unreadable, invalid or not storable. */
      readonly status: 'duplicate' | 'rejected';
      /**
       * Stable code: ATRIUM_ERR_PARSE_*, ATRIUM_ERR_VALIDATE_*, ATRIUM_ERR_STORE_SOP_MISMATCH,
       * ATRIUM_ERR_INDEX_DUPLICATE_SERIES, ATRIUM_ERR_INDEX_PATH_IN_USE, ATRIUM_ERR_DICOMDIR_*,
       * ATRIUM_ERR_STORE_DISK_FULL, ATRIUM_ERR_STORE_TOO_LARGE, or ATRIUM_ERR_STORE_FAILED
       * (anything else that went wrong with this one object).
       */
      readonly code: AtriumErrorCode;
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
