import type { DeidOptions } from './deid-options.js';
import { deidentifyPath, deidentifyPathAsync, type DeidFileOutcome } from './deidentify-path.js';
import type { AtriumErrorCode } from '../errors/codes.js';

/** One input of a batch: a file path; `found` when met walking a folder (non-DICOM then skipped). */
export interface DeidBatchInput {
  readonly path: string;
  readonly found?: boolean;
}

/** One line of a batch summary (the per-file report is kept only with `keepReports`). */
export type DeidBatchEntry =
  | { readonly status: 'written'; readonly input: string; readonly output: string; readonly report?: unknown }
  | { readonly status: 'duplicate'; readonly input: string; readonly output: string; readonly reason: string }
  | { readonly status: 'refused' | 'unreadable' | 'failed'; readonly input: string; readonly code: AtriumErrorCode; readonly reason: string }
  | { readonly status: 'skipped'; readonly input: string; readonly reason: string };

/** What a batch did: one count per outcome; `written` equals the files it created. */
export interface DeidBatchSummary {
  readonly written: number;
  readonly duplicate: number;
  readonly refused: number;
  readonly unreadable: number;
  readonly failed: number;
  readonly skipped: number;
  /** Every file that was not written, and (with `keepReports`) every written one with its report. */
  readonly entries: readonly DeidBatchEntry[];
}

/**
 * De-identify inputs one by one into `outDir` with {@link deidentifyPath}: one file in memory at a
 * time (batches of any size stream); consistency across the batch comes from the secret, not from
 * state. No output overwrites a file: an input whose copy would take a path written earlier in
 * the batch (two inputs with the same UIDs) or already there is a `duplicate`, named with the
 * input written first when that is in this batch. `onProgress(done, total, input)` after each
 * file. With `keepReports` every written file's report is kept (JSON output: counts, UIDs mapped,
 * date shift, notes, actions). Files go through the synchronous deidentifyPath; a compressed
 * object that needs Clean Pixel Data is redone with deidentifyPathAsync (frames decoded).
 */
export async function deidentifyBatch(
  inputs: readonly DeidBatchInput[],
  outDir: string,
  options: DeidOptions,
  { keepReports = false, onProgress }: { keepReports?: boolean; onProgress?: (done: number, total: number, input: string) => void } = {},
): Promise<DeidBatchSummary> {
  const counts = { written: 0, duplicate: 0, refused: 0, unreadable: 0, failed: 0, skipped: 0 };
  const entries: DeidBatchEntry[] = [];
  const writtenFrom = new Map<string, string>();
  for (const [i, input] of inputs.entries()) {
    let outcome: DeidFileOutcome = deidentifyPath(input.path, outDir, options, input.found ?? false);
    if (outcome.status === 'refused' && outcome.code === 'ATRIUM_ERR_DEID_PIXELS_COMPRESSED') {
      outcome = await deidentifyPathAsync(input.path, outDir, options, input.found ?? false);
    }
    counts[outcome.status]++;
    if (outcome.status === 'written') {
      writtenFrom.set(outcome.output, outcome.input);
      if (keepReports) entries.push({ status: 'written', input: outcome.input, output: outcome.output, report: { ...outcome.report, uidsMapped: Object.fromEntries(outcome.report.uidsMapped) } });
    } else if (outcome.status === 'duplicate') {
      const first = writtenFrom.get(outcome.output);
      const reason = first !== undefined ? `same de-identified UIDs as ${first}, written first to ${outcome.output}` : `${outcome.output} already exists in the output folder (not overwritten)`;
      entries.push({ ...outcome, reason });
    } else {
      entries.push(outcome);
    }
    onProgress?.(i + 1, inputs.length, input.path);
  }
  return { ...counts, entries };
}
