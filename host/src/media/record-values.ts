import { Tag } from '@atrium/sdk';
import type { DirectoryRecord } from './directory-record.js';

/** A text value of a record's element as written (trailing padding removed), or undefined. */
export function recordValue(record: DirectoryRecord, tag: number): string | undefined {
  const e = record.elements.find((x) => x.tag === tag);
  return e ? new TextDecoder('latin1').decode(e.value).replace(/[\0 ]+$/, '').trim() : undefined;
}

/** The identifying value of a record: Patient ID, Study / Series Instance UID, or the SOP Instance UID of its file. */
export function recordIdentity(record: DirectoryRecord): string | undefined {
  switch (record.type) {
    case 'PATIENT': return recordValue(record, Tag.PatientID);
    case 'STUDY': return recordValue(record, Tag.StudyInstanceUID);
    case 'SERIES': return recordValue(record, Tag.SeriesInstanceUID);
    default: return recordValue(record, Tag.ReferencedSOPInstanceUIDInFile);
  }
}

/** The Referenced File ID components of a record, or undefined when it references no file. */
export function referencedFileId(record: DirectoryRecord): string[] | undefined {
  return recordValue(record, Tag.ReferencedFileID)?.split('\\').map((c) => c.trim());
}
