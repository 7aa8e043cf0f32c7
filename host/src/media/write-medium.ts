import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Tag } from '@atrium/sdk';
import { AtriumError, isAtriumError } from '../errors/atrium-error.js';
import { concatBytes } from '../io/concat-bytes.js';
import { parseDicom } from '../io/parse-part10.js';
import { readDicomHeader } from '../io/read-dicom-header.js';
import { fileProblem } from '../io/regular-file.js';
import { transcodeDataset } from '../io/transcode/transcode-dataset.js';
import { writeDataset } from '../io/write-dataset.js';
import { buildFileMeta, DICM } from '../io/write-part10.js';
import type { FileSet } from './directory-record.js';
import { FileSetBuilder } from './file-set-builder.js';
import type { MediaProfile } from './media-profiles.js';
import { readDicomdir } from './read-dicomdir.js';
import { instanceRecordType } from './record-keys.js';
import { writeDicomdir } from './write-dicomdir.js';

/** What {@link writeMedium} did with one source file. */
export interface MediumFile {
  readonly sopInstanceUid: string;
  /** The File ID, components joined by `/`; absent when the instance was already on the medium. */
  readonly fileId?: string;
  /** The transfer syntax it was converted from, when the profile required a conversion. */
  readonly convertedFrom?: string;
  readonly transferSyntax: string;
}

/** The outcome of a File-set Creator / Updater run. */
export interface MediumResult {
  /** The DICOMDIR existed before (File-set Updater) or was created (File-set Creator). */
  readonly updated: boolean;
  readonly dicomdir: string;
  readonly written: MediumFile[];
  /** Instances already on the medium (same SOP Instance UID): nothing written (`transferSyntax`: the stored file's). */
  readonly present: MediumFile[];
}

/**
 * Write instances (Part 10 files) to the medium in `folder` as a File-set Creator, or a
 * File-set Updater when the folder has a DICOMDIR: each file in a transfer syntax the
 * profile allows (copied byte for byte when it already is one, else converted losslessly
 * to the profile's first), under a new File ID (see {@link FileSetBuilder}); then the
 * DICOMDIR, written to a temporary file and renamed over the old one, so that a reader sees
 * the old directory or the new one. When anything fails, the files this run wrote are
 * removed and the DICOMDIR is left as it was (ATRIUM_ERR_MEDIA_WRITE, or the conversion's
 * error naming the file). An instance already on the medium is not written again.
 * The caller checks the folder (not an input, not in the store, empty or a medium).
 * A copied file keeps its File Meta Information byte for byte; a converted file and the DICOMDIR
 * get Atrium's, its Implementation Class UID under `uidRoot`, the organisation root (see implementationClassUid).
 */
export async function writeMedium(folder: string, sources: readonly string[], profile: MediaProfile, fileSetId = '', uidRoot?: string): Promise<MediumResult> {
  const dicomdir = join(folder, 'DICOMDIR');
  const updated = existsSync(dicomdir);
  const fileSet: FileSet = updated ? readDicomdir(dicomdir) : { id: fileSetId, uid: `2.25.${BigInt(`0x${randomUUID().replace(/-/g, '')}`)}`, roots: [] };
  const builder = new FileSetBuilder(fileSet, folder);
  const created: string[] = [];
  const written: MediumFile[] = [];
  const present: MediumFile[] = [];
  try {
    for (const source of sources) {
      const header = readDicomHeader(source);
      if (builder.has(header.dataset.string(Tag.SOPInstanceUID) ?? '')) {
        present.push({ sopInstanceUid: header.dataset.string(Tag.SOPInstanceUID)!, transferSyntax: header.transferSyntax.uid });
        continue;
      }
      const copy = await mediumCopy(source, profile, uidRoot);
      const ds = parseDicom(copy.bytes, { headerOnly: true }).dataset;
      const sopInstanceUid = ds.string(Tag.SOPInstanceUID) ?? '';
      const facts = { sopInstanceUid, transferSyntax: copy.transferSyntax, ...(copy.convertedFrom ? { convertedFrom: copy.convertedFrom } : {}) };
      const type = instanceRecordType(ds.string(Tag.SOPClassUID) ?? '', ds.has(Tag.PixelData) || copy.hasPixelData);
      const fileId = builder.add(ds, type, copy.transferSyntax);
      const path = join(folder, ...fileId);
      attempt(`cannot write ${path}`, () => {
        mkdirSync(dirname(path), { recursive: true });
        writeFileSync(path, copy.bytes, { flag: 'wx' });
      });
      created.push(path);
      written.push({ ...facts, fileId: fileId.join('/') });
    }
    const tmp = join(folder, `.DICOMDIR.${process.pid}.tmp`);
    attempt(`cannot write ${dicomdir}`, () => {
      writeFileSync(tmp, writeDicomdir(fileSet, uidRoot), { flag: 'wx' });
      renameSync(tmp, dicomdir);
    });
  } catch (e) {
    for (const path of created) removeFileAndEmptyFolders(path, folder);
    rmSync(join(folder, `.DICOMDIR.${process.pid}.tmp`), { force: true });
    throw e;
  }
  return { updated, dicomdir, written, present };
}

/** The bytes of a source file as the profile has it on the medium. */
async function mediumCopy(source: string, profile: MediaProfile, uidRoot: string | undefined): Promise<{ bytes: Uint8Array; transferSyntax: string; convertedFrom?: string; hasPixelData: boolean }> {
  const bytes = new Uint8Array(attempt(`cannot read ${source}`, () => readFileSync(source)));
  const file = parseDicom(bytes);
  const from = file.transferSyntax.uid;
  const hasPixelData = file.dataset.has(Tag.PixelData);
  if (profile.transferSyntaxes.includes(from) && file.meta && file.preamble && !file.transferSyntaxDetected) return { bytes, transferSyntax: from, hasPixelData };
  const to = profile.transferSyntaxes.includes(from) ? from : profile.transferSyntaxes[0]!;
  let dataset: Uint8Array;
  try {
    dataset = await transcodeDataset(file, to);
  } catch (e) {
    if (!isAtriumError(e)) throw e;
    throw AtriumError.relay(e.code, 'ATRIUM_ERR_MEDIA_PROFILE', `${source} cannot be written for ${profile.name}: ${e.message}`, { ...e.details, path: source, profile: profile.name }, { cause: e });
  }
  const meta = writeDataset(buildFileMeta(file.dataset, to, file.meta?.string(Tag.SourceApplicationEntityTitle), uidRoot));
  return { bytes: concatBytes([new Uint8Array(128), DICM, meta, dataset]), transferSyntax: to, ...(to !== from ? { convertedFrom: from } : {}), hasPixelData };
}

/** Run a file system step; its failure becomes ATRIUM_ERR_MEDIA_WRITE with the system's reason. */
function attempt<T>(what: string, step: () => T): T {
  try {
    return step();
  } catch (e) {
    if (isAtriumError(e)) throw e;
    throw new AtriumError('ATRIUM_ERR_MEDIA_WRITE', `${what}: ${fileProblem(e)}`, {}, { cause: e });
  }
}

/** Remove a file of the medium, then each folder above it that is left empty, up to (not including) `medium`. */
export function removeFileAndEmptyFolders(path: string, medium: string): void {
  rmSync(path, { force: true });
  for (let dir = dirname(path); dir !== medium && dir.startsWith(medium); dir = dirname(dir)) {
    if (readdirSync(dir).length > 0) break;
    rmdirSync(dir);
  }
}
