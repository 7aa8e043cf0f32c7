import type { AppContext, SourceSeries } from '@atrium/sdk';
import { isScored, type CalciumFindings } from '../calcium-findings.js';
import { lesionColour } from '../render/artery-colours.js';
import { rgbPixels } from '../render/derived-pixels.js';
import { orientationMarkers } from '../render/orientation-markers.js';
import { NOT_FOR_CLINICAL_USE } from '../render/render-report.js';
import { renderScreenSave, type ScreenSavePage } from '../render/render-screen-save.js';
import { fixed1, formatNumber } from '../report/format.js';
import type { Lesion2D, ScoringSlice } from '../scoring/index.js';
import { agatstonOf, sourceOrder, sliceImage, type LesionsBySlice } from './lesions-by-slice.js';

/**
 * One RGB screen save per slice with lesions shown (output `screen-saves`, 1:1 from that slice),
 * written in the source's order (Instance Number: head first), Image Type DERIVED\SECONDARY\CAPTURE: the slice
 * windowed W 800 / L 200, orientation markers at the edges, its lesions coloured by artery and
 * labelled on a dark backdrop. Not scored: the candidates, labelled "?", and no number.
 * Returns the indices of those slices in the order written. Progress 0.7 → 0.9.
 */
export async function writeScreenSaves(ctx: AppContext, input: SourceSeries, slices: readonly ScoringSlice[], bySlice: LesionsBySlice, f: CalciumFindings): Promise<number[]> {
  const saves = sourceOrder(bySlice.keys(), slices);
  for (const [k, i] of saves.entries()) {
    ctx.signal.throwIfAborted();
    const canvas = renderScreenSave(screenSavePage(slices[i]!, bySlice.get(i)!, f));
    await ctx.derive.write('screen-saves', {
      sources: [input.instances[i]!],
      pixels: rgbPixels(canvas),
      burnedInAnnotation: true,
      content: { ImageType: 'CAPTURE', ImageComments: `Calcium scoring screen save of ${slices[i]!.sopInstanceUID}. ${NOT_FOR_CLINICAL_USE}.` },
    });
    ctx.progress(0.7 + (0.2 * (k + 1)) / saves.length, `screen save ${k + 1} of ${saves.length}`);
  }
  return saves;
}

function screenSavePage(slice: ScoringSlice, lesions: readonly Lesion2D[], f: CalciumFindings): ScreenSavePage {
  const scored = isScored(f);
  return {
    slice: sliceImage(slice, lesions),
    header: [
      `Image ${slice.instanceNumber ?? '-'}  z ${formatNumber(slice.position[2])} mm`,
      `W 800 L 200  threshold ${formatNumber(f.method.threshold)} HU`,
      scored ? `Slice Agatston ${fixed1(agatstonOf(lesions))}` : 'NOT SCORED: candidates, unverified',
      ...(f.protocol.nonStandard.length > 0 ? ['NON-STANDARD PROTOCOL'] : []),
    ],
    labels: lesions.map((l) => ({ text: scored ? `${l.artery ?? '?'} ${fixed1(l.agatston)}` : '?', colour: lesionColour(l.artery), at: l.centroidPixel })),
    markers: orientationMarkers(slice.orientation),
    footer: NOT_FOR_CLINICAL_USE,
  };
}
