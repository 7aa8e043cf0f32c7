import { defineApp, SdkError, srReferenceTo } from '@atrium/sdk';
import { calciumLoadSpec } from './calcium-load-spec.js';
import { calciumOutputs } from './calcium-outputs.js';
import { calciumParameters } from './calcium-parameters.js';
import { checkInput } from './check-input.js';
import { loadSlices } from './load-slices.js';
import { parseSeeds } from './parse-seeds.js';
import { lesionColour } from './render/artery-colours.js';
import type { Rgb } from './render/canvas.js';
import { grey16Pixels, rgbPixels } from './render/derived-pixels.js';
import { KEY_BOX, renderReport } from './render/render-report.js';
import { renderScreenSave } from './render/render-screen-save.js';
import { renderSlice } from './render/render-slice.js';
import { buildReportPage } from './report/build-report-page.js';
import { fixed1, formatNumber } from './report/format.js';
import { resultData } from './result-data.js';
import { scoreCalcium, thresholdForKvp, type CalciumScore, type Lesion2D, type MinAreaMode, type ScoringSlice } from './scoring/index.js';
import { buildSrContent } from './sr/build-sr-content.js';
import { selectReducedSlices, type ReduceMode } from './select-reduced-slices.js';
import { unmetExpectations } from './unmet-expectations.js';

/** Name and version printed on the reports. */
export const PRODUCER = 'Atrium calcium scoring 0.1.0';
const NOT_FOR_CLINICAL_USE = 'NOT FOR CLINICAL USE';

/**
 * Coronary calcium scoring (after GE SmartScore 4.0 and its conformance statement): checks the series
 * (refusing what would make the score wrong), scores calcified lesions in HU per coronary
 * artery from seed points (Agatston, volume, mass), and writes three derived series into
 * the source study: a reduced CT series (the original slices with scored lesions ± a
 * margin), a report (a 512² 16-bit MONOCHROME2 physician page and a 1024² RGB patient
 * page), RGB screen saves of every lesion slice, and a Comprehensive SR with the scores as
 * coded numeric measurements referencing the scored slices. Without seeds the candidates are
 * reported as unverified and nothing is scored.
 */
export const calciumScoringApp = defineApp({
  id: 'calcium-scoring',
  load: calciumLoadSpec,
  parameters: calciumParameters,
  outputs: calciumOutputs,
  async run(ctx, input, params) {
    const seeds = parseSeeds(params.seeds);
    checkInput(input);
    const first = input.instances[0]!;
    const kvp = first.number('KVP');
    if (params.kvpThreshold && kvp === undefined) {
      throw new SdkError('ATRIUM_ERR_PARAM_INVALID', `parameter "kvpThreshold" needs KVP, and ${first.sopInstanceUID} has none`, { parameter: 'kvpThreshold' });
    }
    const threshold = params.kvpThreshold ? thresholdForKvp(kvp!) : params.threshold;
    const connectivity = params.connectivity === '4' ? 4 : 8;
    const calibrationFactor = params.calibrationFactor > 0 ? params.calibrationFactor : undefined;
    const n = input.instances.length;

    const slices = await loadSlices(input, ctx.signal, (done) => ctx.progress((0.4 * done) / n, `loading slice ${done} of ${n}`));
    ctx.signal.throwIfAborted();
    const score = scoreCalcium(slices, { threshold, connectivity, minAreaMode: params.minAreaMode, calibrationFactor, seeds });
    ctx.progress(0.5, 'scored');

    const expectations = unmetExpectations(calciumLoadSpec, input.instances);
    const warnings = [...expectations];
    if (score.unverified) {
      const w = `no seeds given: ${score.regions.length} candidate region(s) listed as unverified, nothing scored`;
      warnings.push(w);
      ctx.warn(w);
    }
    // Lesions shown and kept: the scored ones, or every candidate when unverified.
    const shown = score.lesions.filter((l) => score.unverified || l.artery !== undefined);
    const bySlice = groupBySlice(shown);

    const reduce: ReduceMode = params.reduce === 'all' ? { mode: 'all' } : params.reduce === 'every-nth' ? { mode: 'every-nth', n: params.everyNth } : { mode: 'lesions', margin: params.margin };
    const kept = selectReducedSlices(n, bySlice.keys(), reduce);
    for (const [k, i] of kept.entries()) {
      ctx.signal.throwIfAborted();
      await ctx.derive.write('reduced-ct', { sources: [input.instances[i]!], copySourcePixels: true });
      ctx.progress(0.5 + (0.2 * (k + 1)) / kept.length, `reduced CT ${k + 1} of ${kept.length}`);
    }

    const saves = [...bySlice.keys()].sort((a, b) => a - b);
    for (const [k, i] of saves.entries()) {
      ctx.signal.throwIfAborted();
      const canvas = renderScreenSave(screenSavePage(slices[i]!, bySlice.get(i)!, threshold, score.unverified));
      await ctx.derive.write('screen-saves', {
        sources: [input.instances[i]!],
        pixels: rgbPixels(canvas),
        burnedInAnnotation: true,
        content: { ImageComments: `Calcium scoring screen save of ${slices[i]!.sopInstanceUID}. ${NOT_FOR_CLINICAL_USE}.` },
      });
      ctx.progress(0.7 + (0.2 * (k + 1)) / saves.length, `screen save ${k + 1} of ${saves.length}`);
    }

    ctx.signal.throwIfAborted();
    const facts = {
      first,
      slices: n,
      score,
      threshold,
      kvpThreshold: params.kvpThreshold,
      connectivity,
      minAreaMode: params.minAreaMode as MinAreaMode,
      calibrationFactor,
      warnings: expectations,
      producer: PRODUCER,
    } as const;
    const key = keySlice(bySlice);
    const keyImage = (unit: 1 | 2, colour: boolean) => {
      if (key === undefined) return undefined;
      const image = sliceImage(slices[key]!, bySlice.get(key)!, colour ? undefined : [255, 255, 255]);
      return { image: renderSlice(image, KEY_BOX * unit, 3 * unit), label: `Key: image ${slices[key]!.instanceNumber ?? key + 1}, Agatston ${fixed1(sum(bySlice.get(key)!))}` };
    };
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

    // The structured report: sources are the slices with the lesions shown (scored, or candidates when unverified), else the whole series.
    const srSources = saves.length > 0 ? saves.map((i) => input.instances[i]!) : input.instances;
    await ctx.derive.write('sr', { sources: srSources, content: buildSrContent(score, srSources.map((s) => srReferenceTo(s)), { threshold, connectivity, minAreaMode: params.minAreaMode as MinAreaMode, calibrationFactor }) });
    ctx.progress(1, 'structured report written');

    const method = { threshold, kvp, kvpThreshold: params.kvpThreshold, connectivity, minAreaMode: params.minAreaMode, calibrationFactor, seeds: seeds.length };
    return {
      summary: summary(score),
      data: resultData(score, slices, method, warnings, { 'reduced-ct': kept.length, report: 2, 'screen-saves': saves.length, sr: 1 }),
    };
  },
});

function summary(score: CalciumScore): string {
  if (score.unverified) return `unverified: ${score.regions.length} candidate region(s) in ${score.lesions.length} lesion slice(s); no seeds, nothing scored`;
  const arteries = score.arteries.map((a) => `${a.artery} ${fixed1(a.agatston)}`).join(', ');
  return `Agatston ${fixed1(score.total.agatston)} (${arteries}), volume ${fixed1(score.total.volumeMm3)} mm3, risk category ${score.riskCategory}`;
}

function groupBySlice(lesions: readonly Lesion2D[]): Map<number, Lesion2D[]> {
  const m = new Map<number, Lesion2D[]>();
  for (const l of lesions) m.set(l.sliceIndex, [...(m.get(l.sliceIndex) ?? []), l]);
  return m;
}

function sum(lesions: readonly Lesion2D[]): number {
  return lesions.reduce((s, l) => s + l.agatston, 0);
}

/** The slice whose shown lesions have the highest Agatston sum (the first of equals); undefined when none. */
function keySlice(bySlice: ReadonlyMap<number, readonly Lesion2D[]>): number | undefined {
  let best: number | undefined;
  for (const [i, lesions] of [...bySlice].sort(([a], [b]) => a - b)) if (best === undefined || sum(lesions) > sum(bySlice.get(best)!)) best = i;
  return best;
}

/** A slice with its lesions in their artery colours, or all in `colour`. */
function sliceImage(slice: ScoringSlice, lesions: readonly Lesion2D[], colour?: Rgb) {
  return { rows: slice.rows, columns: slice.columns, hu: slice.hu, lesions: lesions.map((l) => ({ pixelIndices: l.pixelIndices, colour: colour ?? lesionColour(l.artery) })) };
}

function screenSavePage(slice: ScoringSlice, lesions: readonly Lesion2D[], threshold: number, unverified: boolean) {
  return {
    slice: sliceImage(slice, lesions),
    header: [
      `Image ${slice.instanceNumber ?? '-'}  z ${formatNumber(slice.position[2])} mm`,
      `W 800 L 200  threshold ${formatNumber(threshold)} HU`,
      `Slice Agatston ${fixed1(sum(lesions))}`,
      ...(unverified ? ['UNVERIFIED CANDIDATES (no seeds)'] : []),
    ],
    labels: lesions.map((l) => ({ text: `${l.artery ?? '?'} ${fixed1(l.agatston)}`, colour: lesionColour(l.artery), at: l.centroidPixel })),
    footer: NOT_FOR_CLINICAL_USE,
  };
}
