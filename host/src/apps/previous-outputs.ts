import { Tag } from '@atrium/sdk';
import type { Index } from '../db/dicom-index.js';
import type { DataSet } from '../io/data-set.js';
import { readDicomHeader } from '../io/read-dicom-header.js';
import type { FileStore } from '../store/file-store.js';
import { appSource } from './derived-store-guard.js';

/** A stored object an earlier run of an app wrote from one of the input series. */
export interface PreviousOutput {
  readonly studyInstanceUID: string;
  readonly seriesInstanceUID: string;
  readonly sopClassUID: string;
  readonly sopInstanceUID: string;
  /** The input series it was derived from. */
  readonly sourceSeriesInstanceUID: string;
}

/**
 * The objects the app `qualifiedAppId` wrote earlier from the series of `inputs` (what its re-run
 * replaces): in the inputs' studies, the instances the index records as written by the app
 * (`app:<id>`), by derived series; a derived series comes from the input series its first
 * object references — by Source Image Sequence (an input instance), Referenced Series Sequence,
 * or an SR's Current Requested Procedure Evidence Sequence. Derived series from other series
 * (another input of the study, scored separately) are left alone, and so is a series whose file
 * cannot be read (nothing is removed on a guess).
 */
export function previousOutputs(
  index: Pick<Index, 'getInstances'>,
  files: Pick<FileStore, 'absolute'>,
  qualifiedAppId: string,
  inputs: readonly { readonly study: { readonly StudyInstanceUID: string }; readonly series: { readonly SeriesInstanceUID: string }; readonly instance: { readonly SOPInstanceUID: string } }[],
): PreviousOutput[] {
  const inputSeries = new Set(inputs.map((i) => i.series.SeriesInstanceUID));
  const seriesOfInput = new Map(inputs.map((i) => [i.instance.SOPInstanceUID, i.series.SeriesInstanceUID]));
  const source = appSource(qualifiedAppId);
  const out: PreviousOutput[] = [];
  for (const study of new Set(inputs.map((i) => i.study.StudyInstanceUID))) {
    const bySeries = new Map<string, ReturnType<Index['getInstances']>>();
    for (const row of index.getInstances({ StudyInstanceUID: study })) {
      if (row.file.receivedFrom !== source) continue;
      bySeries.set(row.series.SeriesInstanceUID, [...(bySeries.get(row.series.SeriesInstanceUID) ?? []), row]);
    }
    for (const [series, rows] of bySeries) {
      const from = sourceSeriesOf(files.absolute(rows[0]!.file.path), seriesOfInput).find((s) => inputSeries.has(s));
      if (from === undefined) continue;
      out.push(...rows.map((r) => ({
        studyInstanceUID: study, seriesInstanceUID: series, sopClassUID: r.instance.SOPClassUID, sopInstanceUID: r.instance.SOPInstanceUID, sourceSeriesInstanceUID: from,
      })));
    }
  }
  return out;
}

/**
 * Remove the earlier outputs a run did not write again (index first, then the files, as
 * `atrium rm`: a crash in between leaves files that `reconcile --full` indexes again). Answers
 * what was removed.
 */
export function removePreviousOutputs(
  index: Pick<Index, 'removeInstance'>,
  files: Pick<FileStore, 'remove'>,
  previous: readonly PreviousOutput[],
  written: readonly { readonly sopInstanceUID: string }[],
): { seriesInstanceUID: string; sopInstanceUID: string }[] {
  const rewritten = new Set(written.map((w) => w.sopInstanceUID));
  const removed: { seriesInstanceUID: string; sopInstanceUID: string }[] = [];
  for (const p of previous) {
    if (rewritten.has(p.sopInstanceUID)) continue;
    const result = index.removeInstance({ SOPInstanceUID: p.sopInstanceUID, SeriesInstanceUID: p.seriesInstanceUID });
    for (const path of result.paths) files.remove(path);
    if (result.instances > 0) removed.push({ seriesInstanceUID: p.seriesInstanceUID, sopInstanceUID: p.sopInstanceUID });
  }
  return removed;
}

/** The series a derived object references (none when its file cannot be read). */
function sourceSeriesOf(path: string, seriesOfInput: ReadonlyMap<string, string>): string[] {
  let ds: DataSet;
  try {
    ds = readDicomHeader(path).dataset;
  } catch {
    return [];
  }
  const fromSources = ds.items(Tag.SourceImageSequence).map((i) => seriesOfInput.get(i.dataset.string(Tag.ReferencedSOPInstanceUID) ?? ''));
  const referenced = (items: readonly { readonly dataset: DataSet }[]): (string | undefined)[] =>
    items.flatMap((i) => i.dataset.items(Tag.ReferencedSeriesSequence).map((s) => s.dataset.string(Tag.SeriesInstanceUID)));
  const fromSeries = ds.items(Tag.ReferencedSeriesSequence).map((s) => s.dataset.string(Tag.SeriesInstanceUID));
  return [...fromSources, ...fromSeries, ...referenced(ds.items(Tag.CurrentRequestedProcedureEvidenceSequence))].filter((s): s is string => s !== undefined);
}
