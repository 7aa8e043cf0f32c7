import type { InstanceRecord, SeriesFields } from './instance-record.js';
import type { PatientIdentity } from './patient-key.js';
import type { QueryLevel } from './query-keys.js';
import type { QueryOptions, QueryResult } from './query-engine.js';
import { serviceToken } from '../core/service-token.js';

/** A level of the DICOM information model whose records take demographic updates. */
export type RecordLevel = 'PATIENT' | 'STUDY' | 'SERIES';

/**
 * What the duplicate-UID rules of seed §4.1.3.3.3 decide for a received instance:
 *
 * - `store`: new instance. This includes a known Study Instance UID with a new series, and
 *   a known SOP Instance UID in a different series (`sameSopInSeries` lists those series).
 * - `replace`: the same SOP Instance UID in the same series was received before; the new
 *   file replaces `existing` (seed §4.1.3.3.2 "the new instances ... replace").
 * - `quarantine-duplicate-series`: the Series Instance UID is already held by another
 *   study; the object must not be indexed (it needs administrative clean-up).
 * - `path-in-use`: the record's file path is indexed for another instance (only an index
 *   written before identity UIDs were validated can hold such a row); nothing may be
 *   written there.
 */
export type Classification =
  | { action: 'store'; existing?: { sameSopInSeries: string[] } }
  | { action: 'replace'; existing: StoredFile }
  | {
      action: 'quarantine-duplicate-series';
      existing: { SeriesInstanceUID: string; StudyInstanceUID: string };
    }
  | { action: 'path-in-use'; existing: { SeriesInstanceUID: string; SOPInstanceUID: string } };

/** File facts kept for an indexed instance. */
export interface StoredFile {
  path: string;
  size: number;
  sha256: string;
  storedAt: string;
  receivedFrom?: string;
}

/** One demographic field that a received instance changed (seed §4.1.3.3.2). */
export interface FieldChange {
  level: RecordLevel;
  /** DICOM keyword. */
  field: string;
  old: string | number | undefined;
  new: string | number | undefined;
}

/** Outcome of {@link Index.upsertInstance}. */
export interface UpsertResult {
  action: 'stored' | 'replaced';
  /** The file the replaced instance pointed at (the caller deletes it if it differs). */
  previousFile?: StoredFile;
  /**
   * Demographic changes seen by this study: for PATIENT, compared with the patient the
   * study was linked to before (or the matching patient row for a new study).
   */
  changes: FieldChange[];
  /** Set when the study moved to another patient because its Patient ID changed. */
  relinked?: {
    StudyInstanceUID: string;
    from: PatientIdentity;
    to: PatientIdentity;
    /** True when the old patient had no other study and was deleted. */
    oldPatientRemoved: boolean;
  };
  created: { patient: boolean; study: boolean; series: boolean };
}

/** Outcome of the `remove*` methods: files to delete and rows removed per table. */
export interface RemovalResult {
  paths: string[];
  instances: number;
  series: number;
  studies: number;
  patients: number;
}

/** An indexed instance, as read back from the index (`warnings` present only when there are some). */
export interface StoredInstance extends InstanceRecord {
  file: StoredFile;
}

/** A received object that was kept aside instead of being indexed. */
export interface QuarantineEntry {
  id: number;
  receivedAt: string;
  /** Stable code, e.g. `ATRIUM_ERR_INDEX_DUPLICATE_SERIES`. */
  reasonCode: string;
  reason: string;
  details: Record<string, unknown>;
  /** Where the kept bytes are, relative to the store root. */
  path?: string;
  sha256?: string;
  /** Free-text origin (calling AE and address, import path, ...). */
  source?: string;
}

/** Input of {@link Index.addQuarantine}; `receivedAt` defaults to now. */
export type NewQuarantineEntry = Omit<QuarantineEntry, 'id' | 'receivedAt' | 'details'> & {
  receivedAt?: string;
  details?: Record<string, unknown>;
};

/** Selects instances by any combination of unique keys. */
export interface InstanceFilter {
  StudyInstanceUID?: string;
  SeriesInstanceUID?: string;
  SOPInstanceUID?: string;
}

/**
 * The local database of the workstation: Patient / Study / Series / Instance records of
 * the stored objects (the PS3.4 Annex C.6 information model) plus a quarantine list.
 * Open it with `openDatabase` (or `openIndex`). Every write is one transaction.
 */
export interface Index {
  /**
   * Applies the duplicate-UID rules of the Canon GCA-9300R conformance statement §4.1.3.3.3
   * to `record` without writing, and checks that its file path is not indexed for another
   * instance.
   */
  classify(record: InstanceRecord): Classification;
  /**
   * Inserts or replaces one instance and applies the demographic update of seed
   * §4.1.3.3.2 to its patient, study and series in one transaction.
   * @throws AtriumError `ATRIUM_ERR_INDEX_DUPLICATE_SERIES` when {@link classify} says
   *   quarantine; `ATRIUM_ERR_INDEX_PATH_IN_USE` when it says the path is in use;
   *   `ATRIUM_ERR_INDEX_BAD_RECORD` for a missing UID or a non-integer number.
   */
  upsertInstance(record: InstanceRecord): UpsertResult;
  /**
   * Runs `fn` in one write transaction: the writes it makes (through this index and the
   * tables on the same database) are committed together, or none of them.
   */
  inTransaction<T>(fn: () => T): T;
  /** Removes the instance(s) with this SOP Instance UID (in one series if given). */
  removeInstance(ref: { SOPInstanceUID: string; SeriesInstanceUID?: string }): RemovalResult;
  removeSeries(SeriesInstanceUID: string): RemovalResult;
  removeStudy(StudyInstanceUID: string): RemovalResult;
  /** Removes the patient row with this identity (see `patientKey`) and everything below. */
  removePatient(identity: PatientIdentity): RemovalResult;
  getInstance(SeriesInstanceUID: string, SOPInstanceUID: string): StoredInstance | undefined;
  /** Instances matching all given keys (all instances for `{}`), in hierarchy order. */
  getInstances(filter: InstanceFilter): StoredInstance[];
  /** Every indexed file path, sorted (for reconciling the index with the store). */
  listInstancePaths(): string[];
  /**
   * Sets series-level values read back from a stored file (a back-fill after a schema step
   * added their columns); only the fields given are written. Returns whether the series exists.
   */
  fillSeries(SeriesInstanceUID: string, fields: Readonly<Partial<Omit<SeriesFields, 'SeriesInstanceUID'>>>): boolean;
  /** Where a series came from: the receive source of its first stored instance (`app:<plugin>.<app>` for an app's output). */
  seriesSource(SeriesInstanceUID: string): string | undefined;
  /**
   * The records of `level` matching `keys` (PS3.4 C.2.2.2 matching), with the requested keys
   * (see `query` in query-engine.ts, which C-FIND and the CLI share).
   */
  query(level: QueryLevel, keys: Readonly<Record<string, string | undefined>>, options?: QueryOptions): QueryResult[];
  /** Records a quarantined object; returns its id. */
  addQuarantine(entry: NewQuarantineEntry): number;
  listQuarantine(): QuarantineEntry[];
  /** Forgets a quarantine entry (after administrative clean-up); returns it. */
  removeQuarantine(id: number): QuarantineEntry | undefined;
  close(): void;
}

/** DI token of {@link Index} (the host database's index). */
export const Index = serviceToken<Index>('Index');
