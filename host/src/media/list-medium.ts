import { Tag } from '@atrium/sdk';
import { type DirectoryRecord, walkRecords } from './directory-record.js';
import { readDicomdir } from './read-dicomdir.js';
import { referencedFileId } from './record-values.js';
import { DataSet } from '../io/data-set.js';
import { EXPLICIT_LE } from '../io/transfer-syntax.js';

/** One directory record of a medium, as `atrium media ls` lists it. */
export interface MediumEntry {
  readonly type: string;
  /** 0 for a record of the root directory entity (a patient), one more per level below. */
  readonly depth: number;
  /** The record's keys that say what it is (name and ID, date and description, modality and number ...). */
  readonly keys: Readonly<Record<string, string>>;
  /** The Referenced File ID (components joined by `/`), for a record that references a file. */
  readonly file?: string;
}

/** The keys a listing shows for each record type, where the record has them. */
const SHOWN: Readonly<Record<string, readonly (readonly [string, number])[]>> = {
  PATIENT: [['PatientName', Tag.PatientName], ['PatientID', Tag.PatientID]],
  STUDY: [['StudyDate', Tag.StudyDate], ['StudyDescription', Tag.StudyDescription], ['StudyInstanceUID', Tag.StudyInstanceUID]],
  SERIES: [['Modality', Tag.Modality], ['SeriesNumber', Tag.SeriesNumber], ['SeriesInstanceUID', Tag.SeriesInstanceUID]],
};
const INSTANCE: readonly (readonly [string, number])[] = [['InstanceNumber', Tag.InstanceNumber], ['SOPInstanceUID', Tag.ReferencedSOPInstanceUIDInFile], ['SOPClassUID', Tag.ReferencedSOPClassUIDInFile], ['TransferSyntaxUID', Tag.ReferencedTransferSyntaxUIDInFile]];

/**
 * File-set Reader listing: every record of a DICOMDIR in the tree its offsets make (see
 * {@link readDicomdir}), without importing or opening the files it references. Text keys are
 * decoded in the record's Specific Character Set.
 */
export function listMedium(dicomdirPath: string): { id: string; uid: string; entries: MediumEntry[] } {
  const fileSet = readDicomdir(dicomdirPath);
  const entries = [...walkRecords(fileSet.roots)].map(({ record, parents }) => entry(record, parents.length));
  return { id: fileSet.id, uid: fileSet.uid, entries };
}

function entry(record: DirectoryRecord, depth: number): MediumEntry {
  const keys: Record<string, string> = {};
  const ds = new DataSet(record.elements, EXPLICIT_LE);
  for (const [name, tag] of SHOWN[record.type] ?? INSTANCE) {
    const v = ds.text(tag);
    if (v !== undefined) keys[name] = v;
  }
  const file = referencedFileId(record);
  return { type: record.type, depth, keys, ...(file ? { file: file.join('/') } : {}) };
}
