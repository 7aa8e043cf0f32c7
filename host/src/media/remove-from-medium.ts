import { existsSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AtriumError } from '../errors/atrium-error.js';
import { referencedFile } from './dicomdir-files.js';
import { type DirectoryRecord, walkRecords } from './directory-record.js';
import { readDicomdir } from './read-dicomdir.js';
import { recordIdentity, referencedFileId } from './record-values.js';
import { writeDicomdir } from './write-dicomdir.js';
import { removeFileAndEmptyFolders } from './write-medium.js';

/** The outcome of {@link removeFromMedium}. */
export interface MediumRemoval {
  /** The File IDs removed (components joined by `/`). */
  readonly files: string[];
  /** How many directory records were removed, the emptied parents included. */
  readonly records: number;
}

/** The levels that only group records: left without records below them, they are removed too. */
const GROUPING = new Set(['PATIENT', 'STUDY', 'SERIES']);

/**
 * File-set Updater deletion (TigerView conformance statement §1.2.1, "additions to, or
 * deletions of, current SOP instances"): remove what each UID names on the medium in `folder`
 * — a Patient ID, a Study or Series Instance UID, or a SOP Instance UID — with every record
 * below it, then every PATIENT / STUDY / SERIES record left with nothing below it. The new
 * DICOMDIR replaces the old one (temporary file, rename) before the files are deleted, so the
 * directory never names a file that is gone; emptied folders go too. A UID that names nothing
 * on the medium refuses the whole request (ATRIUM_ERR_MEDIA_NOT_ON_MEDIUM) before anything is
 * changed. Files are deleted only inside the medium (a Referenced File ID leading out of it is
 * left alone, as the importer refuses to read it). The new DICOMDIR's Implementation Class UID is
 * made under `uidRoot`, the organisation root (see implementationClassUid).
 */
export function removeFromMedium(folder: string, uids: readonly string[], uidRoot?: string): MediumRemoval {
  const dicomdir = join(folder, 'DICOMDIR');
  const fileSet = readDicomdir(dicomdir);
  const doomed = new Set<DirectoryRecord>();
  for (const uid of uids) {
    const hits = [...walkRecords(fileSet.roots)].filter(({ record }) => recordIdentity(record) === uid);
    if (hits.length === 0) throw new AtriumError('ATRIUM_ERR_MEDIA_NOT_ON_MEDIUM', `no record of ${dicomdir} has the UID or Patient ID ${uid}`, { uid, dicomdir });
    for (const { record } of hits) for (const { record: r } of walkRecords([record])) doomed.add(r);
  }
  const before = [...walkRecords(fileSet.roots)].length;
  const files = [...doomed].map(referencedFileId).filter((id): id is string[] => id !== undefined);
  fileSet.roots = prune(fileSet.roots, doomed);
  const records = before - [...walkRecords(fileSet.roots)].length;
  const tmp = join(folder, `.DICOMDIR.${process.pid}.tmp`);
  writeFileSync(tmp, writeDicomdir(fileSet, uidRoot), { flag: 'wx' });
  renameSync(tmp, dicomdir);
  const medium = resolve(folder);
  const removed: string[] = [];
  for (const id of files) {
    const file = referencedFile(medium, id);
    if (!('path' in file) || !existsSync(file.path)) continue;
    removeFileAndEmptyFolders(file.path, medium);
    removed.push(id.join('/'));
  }
  rmSync(tmp, { force: true });
  return { files: removed, records };
}

/** The records less the doomed ones, and less the grouping records left empty by that. */
function prune(records: DirectoryRecord[], doomed: ReadonlySet<DirectoryRecord>): DirectoryRecord[] {
  return records.flatMap((r) => {
    if (doomed.has(r)) return [];
    const hadChildren = r.children.length > 0;
    r.children = prune(r.children, doomed);
    return hadChildren && r.children.length === 0 && GROUPING.has(r.type) ? [] : [r];
  });
}
