import { closeSync, fstatSync, mkdirSync, openSync, readSync, renameSync, writevSync } from 'node:fs';
import { join } from 'node:path';
import { Tag } from '@atrium/sdk';
import { isAtriumError } from '../errors/atrium-error.js';
import { looksLikeDicom } from '../importer/looks-like-dicom.js';
import { parseDicom, type DicomFile } from '../io/parse-part10.js';
import type { DeidOptions, DeidReport } from './deid-options.js';
import { deidentify } from './deidentify.js';
import { deidentifyAsync } from './deidentify-async.js';
import { part10Chunks } from './part10-chunks.js';

/** What happened to one input file. */
export type DeidFileOutcome =
  | {
      readonly status: 'written';
      readonly input: string;
      /** `<out>/<new Study Instance UID>/<new Series Instance UID>/<new SOP Instance UID>.dcm`. */
      readonly output: string;
      readonly report: DeidReport;
    }
  /** Refused by the engine (burned-in pixels, unmapped patient, ...): `code` is its ATRIUM_ERR_DEID_* code. */
  | { readonly status: 'refused'; readonly input: string; readonly code: string; readonly reason: string }
  /** Could not be read or parsed. */
  | { readonly status: 'unreadable'; readonly input: string; readonly code: string; readonly reason: string }
  /** Met while walking a folder and not DICOM at all. */
  | { readonly status: 'skipped'; readonly input: string; readonly reason: string };

/**
 * De-identify one file into `outDir`: read, parse, {@link deidentify}, write Part 10 under the
 * NEW UIDs (`<study>/<series>/<sop>.dcm`, written to a temporary name then renamed, so a crash
 * never leaves a partial file under the final name). The input file is only read. Nothing is held
 * after return, so batches of any size stream. `found`: the file was met walking a folder (non-DICOM
 * files are then skipped rather than reported unreadable). Synchronous: a compressed object that
 * needs Clean Pixel Data is refused with ATRIUM_ERR_DEID_PIXELS_COMPRESSED (see deidentifyPathAsync).
 */
export function deidentifyPath(input: string, outDir: string, options: DeidOptions, found = false): DeidFileOutcome {
  const parsed = readAndParse(input, found, false);
  if ('status' in parsed) return parsed;
  return finish(input, outDir, () => deidentify(parsed.file, options));
}

/**
 * {@link deidentifyPath} that also cleans compressed objects: their frames are decoded first
 * (deidentifyAsync; output native Explicit VR Little Endian).
 */
export async function deidentifyPathAsync(input: string, outDir: string, options: DeidOptions, found = false): Promise<DeidFileOutcome> {
  const parsed = readAndParse(input, found, true);
  if ('status' in parsed) return parsed;
  let result: { file: DicomFile; report: DeidReport };
  try {
    result = await deidentifyAsync(parsed.file, options);
  } catch (e) {
    return failure(input, e, 'refused');
  }
  return finish(input, outDir, () => result);
}

/** `copy`: parse a private copy of the bytes (the shared read buffer must not be held across an await). */
function readAndParse(input: string, found: boolean, copy: boolean): { file: DicomFile } | DeidFileOutcome {
  let bytes: Uint8Array;
  try {
    bytes = readIntoPool(input);
    if (copy) bytes = new Uint8Array(bytes);
  } catch (e) {
    return { status: 'unreadable', input, code: 'ATRIUM_ERR_DEID_READ', reason: (e as Error).message };
  }
  if (found && !looksLikeDicom(bytes)) return { status: 'skipped', input, reason: 'not DICOM' };
  try {
    return { file: parseDicom(bytes) };
  } catch (e) {
    return failure(input, e, 'unreadable');
  }
}

/** An engine error as an outcome (refused by de-identification, or unreadable); anything else rethrown. */
function failure(input: string, e: unknown, status: 'refused' | 'unreadable'): DeidFileOutcome {
  if (isAtriumError(e)) return { status, input, code: e.code, reason: e.message };
  throw e;
}

/** Run the engine (its errors: refused) and write the result under its new UIDs. */
function finish(input: string, outDir: string, run: () => { file: DicomFile; report: DeidReport }): DeidFileOutcome {
  let result;
  try {
    result = run();
  } catch (e) {
    return failure(input, e, 'refused');
  }
  const ds = result.file.dataset;
  const dir = join(outDir, safeName(ds.string(Tag.StudyInstanceUID)), safeName(ds.string(Tag.SeriesInstanceUID)));
  const output = join(dir, `${safeName(ds.string(Tag.SOPInstanceUID))}.dcm`);
  const temp = `${output}.partial`;
  const fd = openCreatingDir(temp, dir);
  try {
    const chunks = part10Chunks(result.file);
    // writev takes at most IOV_MAX (1024) buffers per call
    for (let i = 0; i < chunks.length; i += 1024) writevSync(fd, chunks.slice(i, i + 1024));
  } finally {
    closeSync(fd);
  }
  renameSync(temp, output);
  return { status: 'written', input, output, report: result.report };
}

/**
 * Open `path` for writing; only when that fails because `dir` is missing is it created (a series
 * of many files pays one mkdir, not one per file).
 */
function openCreatingDir(path: string, dir: string): number {
  try {
    return openSync(path, 'w');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    mkdirSync(dir, { recursive: true });
    return openSync(path, 'w');
  }
}

/**
 * One read buffer reused for every file (grown when a file is larger): a fresh 512 KiB buffer per
 * CT slice costs page faults and garbage collection, measured at 5–15× the read itself. Safe
 * because deidentifyPath is synchronous and nothing it returns refers to the bytes.
 */
let pool = Buffer.allocUnsafe(1 << 20);

function readIntoPool(path: string): Uint8Array {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    if (size > pool.length) pool = Buffer.allocUnsafe(size);
    let done = 0;
    while (done < size) {
      const n = readSync(fd, pool, done, size - done, done);
      if (n === 0) break;
      done += n;
    }
    return pool.subarray(0, done);
  } finally {
    closeSync(fd);
  }
}

/** A UID as a path component ('unknown' when absent; anything but digits and dots replaced). */
function safeName(uid: string | undefined): string {
  return uid ? uid.replace(/[^0-9.]/g, '_') : 'unknown';
}
