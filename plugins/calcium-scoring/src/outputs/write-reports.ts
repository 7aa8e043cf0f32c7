import type { AppContext, SourceSeries } from '@atrium/sdk';
import { grey16Pixels, rgbPixels } from '../render/derived-pixels.js';
import { KEY_BOX, NOT_FOR_CLINICAL_USE, renderReport } from '../render/render-report.js';
import { renderSlice } from '../render/render-slice.js';
import { buildReportPage, type ReportFacts } from '../report/build-report-page.js';
import { fixed1 } from '../report/format.js';
import type { ScoringSlice } from '../scoring/index.js';
import { agatstonOf, keySlice, sliceImage, type LesionsBySlice } from './lesions-by-slice.js';

/**
 * The two report pages (output `report`, N:1 from the whole series): the physician report, 512²
 * 16-bit MONOCHROME2 with the key slice's lesions in white, and the patient report, 1024² RGB
 * with them in their artery colours. Progress 0.95.
 */
export async function writeReports(
  ctx: AppContext,
  input: SourceSeries,
  slices: readonly ScoringSlice[],
  bySlice: LesionsBySlice,
  facts: Omit<ReportFacts, 'keyImage'>,
): Promise<void> {
  const key = keySlice(bySlice);
  const keyImage = (unit: 1 | 2, colour: boolean): ReportFacts['keyImage'] => {
    if (key === undefined) return undefined;
    const image = sliceImage(slices[key]!, bySlice.get(key)!, colour ? undefined : [255, 255, 255]);
    return { image: renderSlice(image, KEY_BOX * unit, 3 * unit), label: `Key: image ${slices[key]!.instanceNumber ?? key + 1}, Agatston ${fixed1(agatstonOf(bySlice.get(key)!))}` };
  };
  const { score } = facts;
  const status = score.unverified ? 'UNVERIFIED candidates, nothing scored' : `total Agatston ${fixed1(score.total.agatston)}, risk category ${score.riskCategory}`;
  await ctx.derive.write('report', {
    sources: input.instances,
    pixels: grey16Pixels(renderReport(buildReportPage({ ...facts, keyImage: keyImage(1, false) }), 1, false)),
    burnedInAnnotation: true,
    content: { ImageComments: `Calcium score physician report: ${status}. ${NOT_FOR_CLINICAL_USE}.` },
  });
  await ctx.derive.write('report', {
    sources: input.instances,
    pixels: rgbPixels(renderReport(buildReportPage({ ...facts, keyImage: keyImage(2, true) }), 2, true)),
    burnedInAnnotation: true,
    content: { ImageComments: `Calcium score patient report: ${status}. ${NOT_FOR_CLINICAL_USE}.` },
  });
  ctx.progress(0.95, 'reports written');
}
