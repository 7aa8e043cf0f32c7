import type { DeidOptions } from './deid-options.js';
import { deidentifyPath, deidentifyPathAsync, type DeidFileOutcome } from './deidentify-path.js';

/** One input of a batch: a file path; `found` when met walking a folder (non-DICOM then skipped). */
export interface DeidBatchInput {
  readonly path: string;
  readonly found?: boolean;
}

/** One line of a batch summary (the per-file report is kept only with `keepReports`). */
export type DeidBatchEntry =
  | { readonly status: 'written'; readonly input: string; readonly output: string; readonly report?: unknown }
  | { readonly status: 'refused' | 'unreadable'; readonly input: string; readonly code: string; readonly reason: string }
  | { readonly status: 'skipped'; readonly input: string; readonly reason: string };

/** What a batch did. */
export interface DeidBatchSummary {
  readonly written: number;
  readonly refused: number;
  readonly unreadable: number;
  readonly skipped: number;
  /** Every file that was not written, and (with `keepReports`) every written one with its report. */
  readonly entries: readonly DeidBatchEntry[];
}

/**
 * De-identify inputs one by one into `outDir` with {@link deidentifyPath}: one file in memory at a
 * time (batches of any size stream); consistency across the batch comes from the secret, not from
 * state. `onProgress(done, total, input)` after each file. With `keepReports` every written file's
 * report is kept (JSON output: counts, UIDs mapped, date shift, notes, actions). Files go through
 * the synchronous deidentifyPath; a compressed object that needs Clean Pixel Data is redone with
 * deidentifyPathAsync (frames decoded).
 */
export async function deidentifyBatch(
  inputs: readonly DeidBatchInput[],
  outDir: string,
  options: DeidOptions,
  { keepReports = false, onProgress }: { keepReports?: boolean; onProgress?: (done: number, total: number, input: string) => void } = {},
): Promise<DeidBatchSummary> {
  const counts = { written: 0, refused: 0, unreadable: 0, skipped: 0 };
  const entries: DeidBatchEntry[] = [];
  for (const [i, input] of inputs.entries()) {
    let outcome: DeidFileOutcome = deidentifyPath(input.path, outDir, options, input.found ?? false);
    if (outcome.status === 'refused' && outcome.code === 'ATRIUM_ERR_DEID_PIXELS_COMPRESSED') {
      outcome = await deidentifyPathAsync(input.path, outDir, options, input.found ?? false);
    }
    counts[outcome.status]++;
    if (outcome.status === 'written') {
      if (keepReports) entries.push({ status: 'written', input: outcome.input, output: outcome.output, report: { ...outcome.report, uidsMapped: Object.fromEntries(outcome.report.uidsMapped) } });
    } else {
      entries.push(outcome);
    }
    onProgress?.(i + 1, inputs.length, input.path);
  }
  return { ...counts, entries };
}
