import { closeSync, linkSync, mkdirSync, openSync, unlinkSync, writevSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { Tag } from '@atrium/sdk';
import { isAtriumError, listedCode } from '../errors/atrium-error.js';
import { looksLikeDicom } from '../io/looks-like-dicom.js';
import { parseDicom, type DicomFile } from '../io/parse-part10.js';
import type { DeidOptions, DeidReport } from './deid-options.js';
import { deidentify } from './deidentify.js';
import { deidentifyAsync } from './deidentify-async.js';
import { part10Chunks } from './part10-chunks.js';
import { FileProblem, fileProblem, readRegularFile } from '../io/regular-file.js';
import type { AtriumErrorCode } from '../errors/codes.js';

/** What happened to one input file. */
export type DeidFileOutcome =
  | {
      readonly status: 'written';
      readonly input: string;
      /** `<out>/<new Study Instance UID>/<new Series Instance UID>/<new SOP Instance UID>.dcm`. */
      readonly output: string;
      readonly report: DeidReport;
    }
  /** Its de-identified copy would have the path of a file that exists already: not written (never overwritten). */
  | { readonly status: 'duplicate'; readonly input: string; readonly output: string }
  /** Refused by the engine (burned-in pixels, unmapped patient, damaged, ...): `code` is its ATRIUM_ERR_DEID_* code. */
  | { readonly status: 'refused'; readonly input: string; readonly code: AtriumErrorCode; readonly reason: string }
  /** Could not be read or parsed (missing, not a regular file, not DICOM when named, truncated, ...). */
  | { readonly status: 'unreadable'; readonly input: string; readonly code: AtriumErrorCode; readonly reason: string }
  /** De-identified but the copy could not be written (no space, permissions): ATRIUM_ERR_DEID_WRITE. */
  | { readonly status: 'failed'; readonly input: string; readonly code: AtriumErrorCode; readonly reason: string }
  /** Met while walking a folder and not DICOM at all. */
  | { readonly status: 'skipped'; readonly input: string; readonly reason: string };

/**
 * De-identify one file into `outDir`: read, parse, {@link deidentify}, write Part 10 under the
 * NEW UIDs (`<study>/<series>/<sop>.dcm`). The copy is written to a temporary file, then linked
 * to its final name, which fails when that name exists: an existing file — an earlier output, an
 * input, anything — is never replaced; the outcome is then `duplicate`. So a crash never leaves a
 * partial file under a final name and the outcomes count exactly the files written. The input
 * file is only read, and only when it is a regular file (a FIFO is never waited on). Nothing is
 * held after return, so batches of any size stream. `found`: the file was met walking a folder
 * (non-DICOM files are then skipped rather than reported unreadable). Synchronous: a compressed
 * object that needs Clean Pixel Data is refused with ATRIUM_ERR_DEID_PIXELS_COMPRESSED (see
 * deidentifyPathAsync).
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
    if (!(e instanceof FileProblem)) throw e;
    return { status: 'unreadable', input, code: 'ATRIUM_ERR_DEID_READ', reason: e.message };
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
  if (isAtriumError(e)) return { status, input, code: listedCode(e, 'ATRIUM_ERR_DEID_READ'), reason: e.message };
  throw e;
}

/** Run the engine (its errors: refused) and write the result under its new UIDs, never over an existing file. */
function finish(input: string, outDir: string, run: () => { file: DicomFile; report: DeidReport }): DeidFileOutcome {
  let result;
  try {
    result = run();
  } catch (e) {
    return failure(input, e, 'refused');
  }
  const ds = result.file.dataset;
  // the engine refuses objects without valid identity UIDs: these are digits and dots
  const dir = join(outDir, ds.string(Tag.StudyInstanceUID)!, ds.string(Tag.SeriesInstanceUID)!);
  const output = join(dir, `${ds.string(Tag.SOPInstanceUID)!}.dcm`);
  const temp = join(dir, `.${basename(output)}.${process.pid}.partial`);
  try {
    writeNew(temp, part10Chunks(result.file));
  } catch (e) {
    return { status: 'failed', input, code: 'ATRIUM_ERR_DEID_WRITE', reason: `${temp} ${fileProblem(e)}` };
  }
  try {
    linkSync(temp, output);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return { status: 'duplicate', input, output };
    return { status: 'failed', input, code: 'ATRIUM_ERR_DEID_WRITE', reason: `${output} ${fileProblem(e)}` };
  } finally {
    unlinkSync(temp);
  }
  return { status: 'written', input, output, report: result.report };
}

/**
 * Write `chunks` to the temporary file `path` (a leftover of a crashed run with the same name is
 * replaced), creating its folder only when the first open fails because it is missing (a series of
 * many files pays one mkdir, not one per file). A failed write removes what it wrote.
 */
function writeNew(path: string, chunks: readonly Uint8Array[]): void {
  let fd: number;
  try {
    fd = openSync(path, 'w', 0o644);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    mkdirSync(dirname(path), { recursive: true });
    fd = openSync(path, 'w', 0o644);
  }
  try {
    // writev takes at most IOV_MAX (1024) buffers per call
    for (let i = 0; i < chunks.length; i += 1024) writevSync(fd, chunks.slice(i, i + 1024));
  } catch (e) {
    closeSync(fd);
    unlinkSync(path);
    throw e;
  }
  closeSync(fd);
}

/**
 * One read buffer reused for every file (grown when a file is larger): a fresh 512 KiB buffer per
 * CT slice costs page faults and garbage collection, measured at 5–15× the read itself. Safe
 * because deidentifyPath is synchronous and nothing it returns refers to the bytes.
 */
let pool = Buffer.allocUnsafe(1 << 20);

/** The bytes of a regular file in the shared buffer; FileProblem when it is not one (see openRegularFile). */
function readIntoPool(path: string): Uint8Array {
  return readRegularFile(path, (size) => {
    if (size > pool.length) pool = Buffer.allocUnsafe(size);
    return pool;
  });
}
