import type { AppContext, SourceSeries } from '@atrium/sdk';
import { lesionColour } from '../render/artery-colours.js';
import { rgbPixels } from '../render/derived-pixels.js';
import { NOT_FOR_CLINICAL_USE } from '../render/render-report.js';
import { renderScreenSave, type ScreenSavePage } from '../render/render-screen-save.js';
import { fixed1, formatNumber } from '../report/format.js';
import type { Lesion2D, ScoringSlice } from '../scoring/index.js';
import { agatstonOf, sliceImage, type LesionsBySlice } from './lesions-by-slice.js';

/**
 * One RGB screen save per slice with lesions shown (output `screen-saves`, 1:1 from that slice):
 * the slice windowed W 800 / L 200, its lesions coloured by artery and labelled. Returns the
 * indices of those slices, ascending. Progress 0.7 → 0.9.
 */
export async function writeScreenSaves(
  ctx: AppContext,
  input: SourceSeries,
  slices: readonly ScoringSlice[],
  bySlice: LesionsBySlice,
  threshold: number,
  unverified: boolean,
): Promise<number[]> {
  const saves = [...bySlice.keys()].sort((a, b) => a - b);
  for (const [k, i] of saves.entries()) {
    ctx.signal.throwIfAborted();
    const canvas = renderScreenSave(screenSavePage(slices[i]!, bySlice.get(i)!, threshold, unverified));
    await ctx.derive.write('screen-saves', {
      sources: [input.instances[i]!],
      pixels: rgbPixels(canvas),
      burnedInAnnotation: true,
      content: { ImageComments: `Calcium scoring screen save of ${slices[i]!.sopInstanceUID}. ${NOT_FOR_CLINICAL_USE}.` },
    });
    ctx.progress(0.7 + (0.2 * (k + 1)) / saves.length, `screen save ${k + 1} of ${saves.length}`);
  }
  return saves;
}

function screenSavePage(slice: ScoringSlice, lesions: readonly Lesion2D[], threshold: number, unverified: boolean): ScreenSavePage {
  return {
    slice: sliceImage(slice, lesions),
    header: [
      `Image ${slice.instanceNumber ?? '-'}  z ${formatNumber(slice.position[2])} mm`,
      `W 800 L 200  threshold ${formatNumber(threshold)} HU`,
      `Slice Agatston ${fixed1(agatstonOf(lesions))}`,
      ...(unverified ? ['UNVERIFIED CANDIDATES (no seeds)'] : []),
    ],
    labels: lesions.map((l) => ({ text: `${l.artery ?? '?'} ${fixed1(l.agatston)}`, colour: lesionColour(l.artery), at: l.centroidPixel })),
    footer: NOT_FOR_CLINICAL_USE,
  };
}
