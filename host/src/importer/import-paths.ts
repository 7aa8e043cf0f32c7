import { isAtriumError } from '../errors/atrium-error.js';
import { FileProblem, readStart, withRegularFile } from '../io/regular-file.js';
import type { InstanceStore } from '../store/instance-store.js';
import { IN_MEMORY_MAX_BYTES, receivedFile } from '../store/receive-large-object.js';
import type { UnchangedInstance } from '../store/instance-store-impl.js';
import type { StoreOutcome } from '../store/store-outcome.js';
import { collectInputs, type ImportInput } from './collect-inputs.js';
import { looksLikeDicom } from '../io/looks-like-dicom.js';
import type { AtriumErrorCode } from '../errors/codes.js';

/** The start of a file that {@link looksLikeDicom} needs: preamble, "DICM" and the first element header. */
const HEAD_BYTES = 136;

/** A file whose SOP Instance UID is stored with the same bytes: nothing was written, the index is unchanged. */
export type UnchangedItem = UnchangedInstance & { readonly status: 'duplicate'; readonly unchanged: true; readonly reason: string };

/** One line of the import summary. */
export type ImportItem = (StoreOutcome | UnchangedItem) & { readonly file: string };

/** An input that was not stored (and whose bytes are not in quarantine). */
export interface NotReadInput {
  readonly file: string;
  /**
   * ATRIUM_ERR_IMPORT_NOT_FOUND / _READ, ATRIUM_ERR_DICOMDIR_MISSING_FILE / _OUTSIDE_MEDIA,
   * ATRIUM_ERR_STORE_FAILED (the bytes could not be kept), ATRIUM_ERR_STORE_INDEX_FAILED
   * (written to the store, indexed by the next start's reconcile).
   */
  readonly code: AtriumErrorCode;
  readonly reason: string;
}

/** What `atrium import` did, per file and in totals: every input is named in `items`, `unreadable` or `skipped`. */
export interface ImportSummary {
  readonly items: ImportItem[];
  readonly stored: number;
  readonly replaced: number;
  /** Stored or replaced instances that carry validation warnings (policy `safety`). */
  readonly withWarnings: number;
  /** Series Instance UIDs held by another study (refused, in quarantine), and files stored already with the same bytes (`unchanged`). */
  readonly duplicate: number;
  /** The duplicates that are files stored already with the same bytes: nothing written, not a refusal. */
  readonly unchanged: number;
  readonly rejected: number;
  /**
   * Inputs not stored now: missing or unreadable paths, DICOMDIR references that are
   * missing or leave the media (never opened), bytes that could not be kept, a file
   * written whose indexing failed (indexed at the next start).
   */
  readonly unreadable: NotReadInput[];
  /** Files met while walking a folder that are not DICOM at all (README, images...): left alone. */
  readonly skipped: { file: string; reason: string }[];
}

/** Progress callback: files done so far, total, the current file. */
export type ImportProgress = (done: number, total: number, file: string) => void;

/** Files read, written and awaiting their group commit at once (the pipeline's depth)... */
const IN_FLIGHT_FILES = 64;
/** ...and the most bytes they hold in memory (objects over 64 MiB are streamed, never held). */
const IN_FLIGHT_BYTES = 256 * 1024 * 1024;

type Result = ImportItem | NotReadInput | { skipped: string };

/**
 * Import files, folders (recursively) and DICOMDIRs into the store. Every input gets an
 * outcome and one bad input never stops the others: bad files are refused with their
 * reason and their bytes kept in quarantine (a DICOMDIR that cannot be read too). Files
 * met in a folder that are not DICOM at all are listed as skipped; a file named
 * explicitly is always received (and quarantined if it is not DICOM). At the end the
 * series that received instances are complete (`seriesComplete`).
 *
 * Pipelined as the C-STORE SCP: each file is read, checked and written to a temp file at
 * once, then made durable with the files in flight by the store's group commit (fdatasync
 * of each, one fsync per directory), then indexed — in input order, up to
 * {@link IN_FLIGHT_FILES} files (and {@link IN_FLIGHT_BYTES}) in flight.
 */
export async function importPaths(store: InstanceStore, paths: readonly string[], onProgress?: ImportProgress): Promise<ImportSummary> {
  const inputs = collectInputs(paths);
  const items: ImportItem[] = [];
  const unreadable: NotReadInput[] = [];
  const skipped: { file: string; reason: string }[] = [];
  const series = new Set<string>();
  const record = (input: ImportInput, result: Result): void => {
    if ('skipped' in result) skipped.push({ file: input.path, reason: result.skipped });
    else if ('code' in result && !('status' in result)) unreadable.push(result);
    else {
      items.push(result);
      if (result.status === 'stored' || result.status === 'replaced') series.add(result.SeriesInstanceUID);
    }
  };
  const inFlight: { input: ImportInput; result: Promise<() => Result>; bytes: number }[] = [];
  let bytes = 0;
  const settleOldest = async (): Promise<void> => {
    const oldest = inFlight.shift()!;
    bytes -= oldest.bytes;
    // Indexed here, oldest first: the index gets the inputs in their order, whenever their writes completed.
    record(oldest.input, (await oldest.result)());
  };
  for (let i = 0; i < inputs.length; i++) {
    const input = inputs[i]!;
    onProgress?.(i, inputs.length, input.path);
    const started = importOne(store, input);
    inFlight.push({ input, ...started });
    bytes += started.bytes;
    while (inFlight.length >= IN_FLIGHT_FILES || (bytes > IN_FLIGHT_BYTES && inFlight.length > 0)) await settleOldest();
  }
  while (inFlight.length > 0) await settleOldest();
  store.completeSeries(series);
  onProgress?.(inputs.length, inputs.length, '');
  const count = (s: ImportItem['status']): number => items.filter((i) => i.status === s).length;
  const withWarnings = items.filter((i) => 'warnings' in i && (i.warnings?.length ?? 0) > 0).length;
  const unchanged = items.filter((i) => 'unchanged' in i).length;
  return { items, stored: count('stored'), replaced: count('replaced'), withWarnings, duplicate: count('duplicate'), unchanged, rejected: count('rejected'), unreadable, skipped };
}

/**
 * The outcome of one input, and the bytes it holds until then. The file is read by the
 * store: whole up to 64 MiB, larger ones in chunks (never all in memory). Every read, of a
 * file named or met in a folder, opens it non-blocking and checks the open descriptor: a
 * FIFO or a device is not read, never waited on.
 */
function importOne(store: InstanceStore, input: ImportInput): { result: Promise<() => Result>; bytes: number } {
  const file = input.path;
  const source = `import:${file}`;
  const notRead = (code: AtriumErrorCode, reason: string): NotReadInput => ({ file, code, reason });
  const now = (result: Result): { result: Promise<() => Result>; bytes: number } => ({ result: Promise.resolve(() => result), bytes: 0 });
  if ('error' in input && !input.quarantine) return now(notRead(input.code, input.error));
  let head: { bytes: Uint8Array; size: number };
  try {
    head = withRegularFile(file, (fd, size) => ({ bytes: readStart(fd, Math.min(size, HEAD_BYTES)), size }));
  } catch (e) {
    return now(notRead('ATRIUM_ERR_IMPORT_READ', (e as Error).message));
  }
  const failed = (e: unknown): Result => {
    // The store refuses bad input itself; what throws is reading the input, the disk or the index (see InstanceStore.receive).
    if (isAtriumError(e, 'ATRIUM_ERR_STORE_INDEX_FAILED')) return notRead('ATRIUM_ERR_STORE_INDEX_FAILED', e.message);
    if (e instanceof FileProblem || (e as NodeJS.ErrnoException).path === file) return notRead('ATRIUM_ERR_IMPORT_READ', (e as Error).message);
    return notRead('ATRIUM_ERR_STORE_FAILED', `not stored, and its bytes could not be kept in quarantine: ${(e as Error).message}`);
  };
  try {
    if ('error' in input) return now({ ...store.refuse(receivedFile(file), source, { code: input.code, reason: input.error, details: { path: file } }), file });
    if (input.found && !looksLikeDicom(head.bytes)) return now({ skipped: 'not a DICOM file (no DICM prefix, no DICOM element at the start)' });
    const staged = store.stageFile(file, source, { unchangedIfIdentical: true });
    // Written and durable when `staged` resolves; indexed (commit) when the caller takes the outcome.
    const result = staged.then((s) => (): Result => {
      if ('refused' in s) return { ...s.refused, file };
      if (s.unchanged) return { ...s.unchanged, status: 'duplicate', unchanged: true, reason: `stored already with the same bytes (${s.unchanged.path}): nothing written`, file };
      try {
        return { ...s.commit(), file };
      } catch (e) {
        return notRead('ATRIUM_ERR_STORE_INDEX_FAILED', `${s.path} was written but indexing it failed (${(e as Error).message}); the next start's reconcile indexes it`);
      }
    }, (e: unknown) => () => failed(e));
    return { result, bytes: head.size <= IN_MEMORY_MAX_BYTES ? head.size : 0 };
  } catch (e) {
    return now(failed(e));
  }
}
