import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Tag } from '@atrium/sdk';
import type { DataElement } from '../io/data-element.js';
import type { DataSet } from '../io/data-set.js';
import { stringElement } from '../io/element-factory.js';
import { type DirectoryRecord, type FileSet, walkRecords } from './directory-record.js';
import { recordKeys } from './record-keys.js';
import { recordValue, referencedFileId } from './record-values.js';

/** The levels above an instance's record, with the key that identifies a record of each. */
const LEVELS = [
  { type: 'PATIENT', key: Tag.PatientID, prefix: 'PA' },
  { type: 'STUDY', key: Tag.StudyInstanceUID, prefix: 'ST' },
  { type: 'SERIES', key: Tag.SeriesInstanceUID, prefix: 'SE' },
] as const;

/** The folder of the medium's files (PS3.12: the File IDs are below it). */
const ROOT_FOLDER = 'DICOM';

/**
 * Places instances in a File-set's tree (the File-set Creator / Updater's bookkeeping): finds or
 * makes the PATIENT (by Patient ID), STUDY and SERIES records above an instance, and gives it a
 * File ID (PS3.10 §8.2, PS3.12 Annex F: components of at most 8 upper-case letters, digits
 * or `_`, at most 8 levels): `DICOM/PA000001/ST000001/SE000001/IM000001`. An instance joining
 * a series already on the medium goes to that series' folder, whatever layout the medium's
 * creator used; new folders and files take the next free name (of those on disk and of those
 * given out). Nothing is written here.
 */
export class FileSetBuilder {
  private readonly byKey = new Map<string, DirectoryRecord>();
  private readonly bySop = new Map<string, DirectoryRecord>();
  private readonly folders = new Map<DirectoryRecord, string[]>();
  private readonly taken = new Set<string>();

  constructor(readonly fileSet: FileSet, private readonly mediumFolder: string) {
    for (const { record, parents } of walkRecords(fileSet.roots)) {
      const level = LEVELS.find((l) => l.type === record.type);
      const key = level && valueOf(record.elements, level.key);
      if (level && key !== undefined) this.byKey.set(scoped(level.type, parents, key), record);
      const sop = valueOf(record.elements, Tag.ReferencedSOPInstanceUIDInFile);
      if (sop !== undefined) this.bySop.set(sop, record);
    }
  }

  /** Whether an instance of this SOP Instance UID is on the medium. */
  has(sopInstanceUid: string): boolean {
    return this.bySop.has(sopInstanceUid);
  }

  /**
   * Add the record of an instance (its keys from `ds`, the medium's copy) of record type `type`,
   * under its patient, study and series records (made when new); returns the File ID
   * components its file must be written at.
   */
  add(ds: DataSet, type: string, transferSyntaxUid: string): string[] {
    let siblings = this.fileSet.roots;
    let parents: DirectoryRecord[] = [];
    let folder: string[] = [ROOT_FOLDER];
    for (const level of LEVELS) {
      // The key as the record would hold it (a missing Patient ID is filled), compared raw.
      const elements = recordKeys(level.type, ds, siblings.length + 1);
      const id = scoped(level.type, parents, valueOf(elements, level.key) ?? '');
      let record = this.byKey.get(id);
      if (!record) {
        record = { type: level.type, elements, children: [] };
        siblings.push(record);
        this.byKey.set(id, record);
      }
      folder = this.folderOf(record, folder, level.prefix);
      parents = [...parents, record];
      siblings = record.children;
    }
    const sop = ds.string(Tag.SOPInstanceUID)!;
    const fileId = [...folder, this.freeName(folder, 'IM')];
    const references = [
      stringElement(Tag.ReferencedFileID, 'CS', fileId),
      stringElement(Tag.ReferencedSOPClassUIDInFile, 'UI', ds.string(Tag.SOPClassUID) ?? ''),
      stringElement(Tag.ReferencedSOPInstanceUIDInFile, 'UI', sop),
      stringElement(Tag.ReferencedTransferSyntaxUIDInFile, 'UI', transferSyntaxUid),
    ];
    const record = { type, elements: [...references, ...recordKeys(type, ds, siblings.length + 1)], children: [] };
    siblings.push(record);
    this.bySop.set(sop, record);
    return fileId;
  }

  /**
   * The folder of a PATIENT / STUDY / SERIES record: where the files below it already are (the
   * folder of a file below it, less one component per record between), or a new folder in
   * `parentFolder`.
   */
  private folderOf(record: DirectoryRecord, parentFolder: string[], prefix: string): string[] {
    let folder = this.folders.get(record);
    if (folder) return folder;
    for (const { record: r, parents } of walkRecords(record.children)) {
      const components = referencedFileId(r);
      if (!components) continue;
      const cut = components.length - 1 - parents.length;
      if (cut >= 1) folder = components.slice(0, cut);
      break;
    }
    folder ??= [...parentFolder, this.freeName(parentFolder, prefix)];
    this.folders.set(record, folder);
    return folder;
  }

  /** The next `PREFIXnnnnnn` (8 characters) neither on disk in `folder` nor given out. */
  private freeName(folder: readonly string[], prefix: string): string {
    for (let n = 1; ; n++) {
      const name = `${prefix}${String(n).padStart(8 - prefix.length, '0')}`;
      const key = [...folder, name].join('\\');
      if (this.taken.has(key) || existsSync(join(this.mediumFolder, ...folder, name))) continue;
      this.taken.add(key);
      return name;
    }
  }
}

/** A record's key within its parent: the same Series Instance UID under two studies is two records. */
function scoped(type: string, parents: readonly DirectoryRecord[], key: string): string {
  return [...parents.map((p) => p.type + ':' + (valueOf(p.elements, LEVELS.find((l) => l.type === p.type)?.key ?? 0) ?? '')), `${type}:${key}`].join('/');
}

function valueOf(elements: DataElement[], tag: number): string | undefined {
  return recordValue({ type: '', elements, children: [] }, tag);
}
