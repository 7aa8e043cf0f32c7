import { Tag, type DicomItem } from '@atrium/sdk';
import type { DataSet } from '../../io/data-set.js';
import type { Generator } from './generator.js';

/** CID 7202 "Source image for image processing operation". */
const PURPOSE = [{ CodeValue: '121322', CodingSchemeDesignator: 'DCM', CodeMeaning: 'Source image for image processing operation' }];

const reference = (ds: DataSet): Record<string, string> => ({
  ReferencedSOPClassUID: ds.string(Tag.SOPClassUID) ?? '',
  ReferencedSOPInstanceUID: ds.string(Tag.SOPInstanceUID) ?? '',
});

/** Source Image Sequence: one item per source instance, with the purpose of reference. */
export const sourceImageSequence: Generator = (ctx) =>
  ctx.sources.length === 0 ? undefined : ctx.sources.map((ds): DicomItem => ({ ...reference(ds), PurposeOfReferenceCodeSequence: PURPOSE }));

/**
 * Referenced Series Sequence (Common Instance Reference): one item per source series (the
 * request's input series when a source has none), listing its source instances.
 */
export const referencedSeriesSequence: Generator = (ctx) => {
  const bySeries = new Map<string, Record<string, string>[]>();
  for (const ds of ctx.sources) {
    const series = ds.string(Tag.SeriesInstanceUID) ?? ctx.request.sourceSeriesInstanceUID;
    const list = bySeries.get(series) ?? [];
    list.push(reference(ds));
    bySeries.set(series, list);
  }
  if (bySeries.size === 0) return undefined;
  return [...bySeries].map(([series, refs]): DicomItem => ({ SeriesInstanceUID: series, ReferencedInstanceSequence: refs }));
};
