import type { DataElement } from '../io/data-element.js';

/**
 * One directory record of a DICOMDIR (PS3.3 F.3.2.2) as a node of the file-set's tree: its
 * type, its own elements (the Referenced File ID and SOP references, Specific Character Set,
 * the record's keys — everything but the offsets, the in-use flag and the type, which the
 * writer makes), and the records of its lower-level directory entity, in order.
 */
export interface DirectoryRecord {
  /** Directory Record Type (0004,1430): PATIENT, STUDY, SERIES, IMAGE, SR DOCUMENT ... */
  readonly type: string;
  /** Elements in ascending tag order, raw (Explicit VR Little Endian). */
  elements: DataElement[];
  children: DirectoryRecord[];
}

/** A File-set: its DICOMDIR's identification and the records of the root directory entity. */
export interface FileSet {
  /** File-set ID (0004,1130), up to 16 characters of CS. */
  readonly id: string;
  /** Media Storage SOP Instance UID of the DICOMDIR (the File-set UID). */
  readonly uid: string;
  roots: DirectoryRecord[];
}

/** Every record of the tree under `records`, depth first (a record before its children). */
export function* walkRecords(records: readonly DirectoryRecord[], parents: readonly DirectoryRecord[] = []): Generator<{ record: DirectoryRecord; parents: readonly DirectoryRecord[] }> {
  for (const record of records) {
    yield { record, parents };
    yield* walkRecords(record.children, [...parents, record]);
  }
}
