import type { AppContext, SourceSeries } from '@atrium/sdk';
import { isScored, type CalciumFindings } from '../calcium-findings.js';
import { grey16Pixels, rgbPixels } from '../render/derived-pixels.js';
import { renderPatientReport } from '../render/render-patient-report.js';
import { KEY_BOX, NOT_FOR_CLINICAL_USE, renderReport } from '../render/render-report.js';
import type { Canvas } from '../render/canvas.js';
import { labelLesions } from '../render/label-lesions.js';
import { renderSlice } from '../render/render-slice.js';
import { buildPatientPage } from '../report/build-patient-page.js';
import { buildPhysicianPage } from '../report/build-physician-page.js';
import { fixed1 } from '../report/format.js';
import type { Lesion2D, ScoringSlice } from '../scoring/index.js';
import { agatstonOf, keySlice, sliceImage, type LesionsBySlice } from './lesions-by-slice.js';

/**
 * The two report pages (output `report`, N:1 from the whole series), Image Type
 * DERIVED\SECONDARY\CAPTURE (GE SmartScore conformance statement, §4.5.5.1.1.1): the physician
 * report, 512² 16-bit MONOCHROME2 with the key slice's lesions in white, and the patient report,
 * its own 1024² RGB page in plain words. Not scored: the key image shows the candidates with
 * no number under it. Progress 0.95.
 */
export async function writeReports(ctx: AppContext, input: SourceSeries, slices: readonly ScoringSlice[], bySlice: LesionsBySlice, f: CalciumFindings): Promise<void> {
  const key = keySlice(bySlice);
  const keyImage = key === undefined ? undefined : {
    image: keyImageOf(slices[key]!, bySlice.get(key)!, isScored(f)),
    label: isScored(f)
      ? `Key image ${slices[key]!.instanceNumber ?? key + 1}: Agatston ${fixed1(agatstonOf(bySlice.get(key)!))}`
      : 'Candidates only, not scored',
  };
  const { score } = f;
  const status = isScored(f) ? `total Agatston ${fixed1(score.total.agatston)}, risk category ${score.riskCategory}` : 'NOT SCORED (no seeds)';
  const physician = grey16Pixels(renderReport(buildPhysicianPage(f, keyImage), 1, false));
  const padding = pagePadding(input, physician.data);
  await ctx.derive.write('report', {
    sources: input.instances,
    pixels: physician,
    burnedInAnnotation: true,
    content: { ImageType: 'CAPTURE', ImageComments: `Calcium score physician report: ${status}. ${NOT_FOR_CLINICAL_USE}.`, ...(padding === undefined ? {} : { PixelPaddingValue: padding }) },
  });
  await ctx.derive.write('report', {
    sources: input.instances,
    pixels: rgbPixels(renderPatientReport(buildPatientPage(f))),
    burnedInAnnotation: true,
    content: { ImageType: 'CAPTURE', ImageComments: `Calcium score patient report: ${status}. ${NOT_FOR_CLINICAL_USE}.` },
  });
  ctx.progress(0.95, 'reports written');
}

/**
 * The key image: the slice fitted in the key box, its lesions white and outlined (3 pixels out);
 * scored, each labelled with its artery right of its outline (the page is grey: the label, not
 * a colour, says which artery it is).
 */
function keyImageOf(slice: ScoringSlice, lesions: readonly Lesion2D[], scored: boolean): Canvas {
  const image = renderSlice(sliceImage(slice, lesions, [255, 255, 255]), KEY_BOX, 3);
  if (!scored) return image;
  const sx = image.width / slice.columns;
  const sy = image.height / slice.rows;
  const labels = lesions.filter((l) => l.artery !== undefined).map((l) => {
    let right = 0;
    for (const p of l.pixelIndices) right = Math.max(right, p % slice.columns);
    // labelLesions puts the text 6 pixels right of `at`: start it 2 pixels right of the outline.
    return { text: l.artery!, colour: [255, 255, 255] as const, at: [l.centroidPixel[0] * sy, right * sx + 3 - 4] as const };
  });
  labelLesions(image, labels, 1, 1);
  return image;
}

/**
 * Pixel Padding Value of the grayscale page, as GE SmartScore copies it (Table 4-8): the sources'
 * value when every source has the same one, it is negative (the page is signed 16-bit, its
 * pixels 0 … 4080) and no pixel of the page has it (PS3.3 C.7.5.1.1.2); else none.
 */
export function pagePadding(input: SourceSeries, page: ArrayLike<number>): number | undefined {
  const values = input.instances.map((i) => i.number('PixelPaddingValue'));
  const v = values[0];
  if (v === undefined || !values.every((x) => x === v) || !(v < 0 && v >= -32768)) return undefined;
  for (let i = 0; i < page.length; i++) if (page[i] === v) return undefined;
  return v;
}
