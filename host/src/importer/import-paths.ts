import { closeSync, openSync, readSync } from 'node:fs';
import type { InstanceStore } from '../store/instance-store.js';
import type { StoreOutcome } from '../store/store-outcome.js';
import { collectInputs } from './collect-inputs.js';
import { looksLikeDicom } from './looks-like-dicom.js';

/** One line of the import summary. */
export type ImportItem = StoreOutcome & { readonly file: string };

/** What `atrium import` did, per file and in totals. */
export interface ImportSummary {
  readonly items: ImportItem[];
  readonly stored: number;
  readonly replaced: number;
  readonly duplicate: number;
  readonly rejected: number;
  /** Paths that could not be read at all (missing, unreadable); nothing was kept. */
  readonly unreadable: { file: string; reason: string }[];
  /** Files met while walking a folder that are not DICOM at all (README, images...): left alone. */
  readonly skipped: { file: string; reason: string }[];
}

/** Progress callback: files done so far, total, the current file. */
export type ImportProgress = (done: number, total: number, file: string) => void;

/**
 * Import files, folders (recursively) and DICOMDIRs into the store. Every file gets an
 * outcome; bad files are quarantined with their reason and the import goes on. Files met
 * in a folder that are not DICOM at all are listed as skipped; a file named explicitly is
 * always received (and quarantined if it is not DICOM).
 */
export function importPaths(store: InstanceStore, paths: readonly string[], onProgress?: ImportProgress): ImportSummary {
  const inputs = collectInputs(paths);
  const items: ImportItem[] = [];
  const unreadable: { file: string; reason: string }[] = [];
  const skipped: { file: string; reason: string }[] = [];
  inputs.forEach((input, i) => {
    onProgress?.(i, inputs.length, input.path);
    if ('error' in input) {
      unreadable.push({ file: input.path, reason: input.error });
      return;
    }
    // The file is read by the store: whole up to 64 MiB, larger ones in chunks (never all in memory).
    try {
      if (input.found && !looksLikeDicom(readHead(input.path))) {
        skipped.push({ file: input.path, reason: 'not a DICOM file (no DICM prefix, no DICOM element at the start)' });
        return;
      }
      items.push({ ...store.receiveFile(input.path, `import:${input.path}`), file: input.path });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).syscall === undefined) throw e; // not a file system error: a bug
      unreadable.push({ file: input.path, reason: (e as Error).message });
    }
  });
  onProgress?.(inputs.length, inputs.length, '');
  const count = (s: StoreOutcome['status']): number => items.filter((i) => i.status === s).length;
  return { items, stored: count('stored'), replaced: count('replaced'), duplicate: count('duplicate'), rejected: count('rejected'), unreadable, skipped };
}

/** The first 136 bytes of a file (preamble, "DICM" and the first element header): what {@link looksLikeDicom} needs. */
function readHead(path: string): Uint8Array {
  const fd = openSync(path, 'r');
  try {
    const head = new Uint8Array(136);
    return head.subarray(0, readSync(fd, head, 0, head.length, 0));
  } finally {
    closeSync(fd);
  }
}
