import { defineApp, SdkError, srReferenceTo, type SourceInstance } from '@atrium/sdk';
import { calciumLoadSpec } from './calcium-load-spec.js';
import { calciumOutputs } from './calcium-outputs.js';
import { calciumParameters } from './calcium-parameters.js';
import { checkInput } from './check-input.js';
import { loadSlices } from './load-slices.js';
import { lesionsBySlice } from './outputs/lesions-by-slice.js';
import { writeReducedCt } from './outputs/write-reduced-ct.js';
import { writeReports } from './outputs/write-reports.js';
import { writeScreenSaves } from './outputs/write-screen-saves.js';
import { parseSeeds } from './parse-seeds.js';
import { fixed1 } from './report/format.js';
import { resultData } from './result-data.js';
import { scoreCalcium, thresholdForKvp, type CalciumScore, type MinAreaMode } from './scoring/index.js';
import { buildSrContent } from './sr/build-sr-content.js';
import { selectReducedSlices, type ReduceMode } from './select-reduced-slices.js';
import { unmetExpectations } from './unmet-expectations.js';

/** Name and version printed on the reports. */
export const PRODUCER = 'Atrium calcium scoring 0.1.0';

/**
 * Coronary calcium scoring (after GE SmartScore 4.0 and its conformance statement): checks the series
 * (refusing what would make the score wrong), scores calcified lesions in HU per coronary
 * artery from seed points (Agatston, volume, mass), and writes four derived series into
 * the source study: a reduced CT series (the original slices with scored lesions ± a
 * margin), a report (a 512² 16-bit MONOCHROME2 physician page and a 1024² RGB patient
 * page), RGB screen saves of every lesion slice, and a Comprehensive SR with the scores as
 * coded numeric measurements referencing the scored slices. Without seeds the candidates are
 * reported as unverified and nothing is scored. Title, input and outputs: the manifest.
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
    const method = scoringMethod(params, first);
    const n = input.instances.length;
    const slices = await loadSlices(input, ctx.signal, (done) => ctx.progress((0.4 * done) / n, `loading slice ${done} of ${n}`));
    ctx.signal.throwIfAborted();
    const score = scoreCalcium(slices, { ...method, seeds });
    ctx.progress(0.5, 'scored');

    const expectations = unmetExpectations(calciumLoadSpec, input.instances);
    const warnings = [...expectations];
    if (score.unverified) {
      const w = `no seeds given: ${score.regions.length} candidate region(s) listed as unverified, nothing scored`;
      warnings.push(w);
      ctx.warn(w);
    }
    // Lesions shown and kept: the scored ones, or every candidate when unverified.
    const bySlice = lesionsBySlice(score.lesions.filter((l) => score.unverified || l.artery !== undefined));
    const kept = selectReducedSlices(n, bySlice.keys(), reduceMode(params));
    await writeReducedCt(ctx, input, kept);
    const saves = await writeScreenSaves(ctx, input, slices, bySlice, method.threshold, score.unverified);
    ctx.signal.throwIfAborted();
    await writeReports(ctx, input, slices, bySlice, { ...method, first, slices: n, score, kvpThreshold: params.kvpThreshold, warnings: expectations, producer: PRODUCER });

    // The structured report: sources are the slices with the lesions shown (scored, or candidates when unverified), else the whole series.
    const srSources = saves.length > 0 ? saves.map((i) => input.instances[i]!) : input.instances;
    await ctx.derive.write('sr', { sources: srSources, content: buildSrContent(score, srSources.map((s) => srReferenceTo(s)), method) });
    ctx.progress(1, 'structured report written');

    const described = { threshold: method.threshold, kvp: first.number('KVP'), kvpThreshold: params.kvpThreshold, connectivity: method.connectivity, minAreaMode: params.minAreaMode, calibrationFactor: method.calibrationFactor, seeds: seeds.length };
    return {
      summary: summary(score),
      data: resultData(score, slices, described, warnings, { 'reduced-ct': kept.length, report: 2, 'screen-saves': saves.length, sr: 1 }),
    };
  },
});

/** The scoring method the parameters ask for: the threshold (from the per-kVp table when asked), connectivity, minimum-area mode, calibration factor. */
function scoringMethod(params: { readonly threshold: number; readonly kvpThreshold: boolean; readonly connectivity: '4' | '8'; readonly minAreaMode: string; readonly calibrationFactor: number }, first: SourceInstance) {
  const kvp = first.number('KVP');
  if (params.kvpThreshold && kvp === undefined) {
    throw new SdkError('ATRIUM_ERR_PARAM_INVALID', `parameter "kvpThreshold" needs KVP, and ${first.sopInstanceUID} has none`, { parameter: 'kvpThreshold' });
  }
  return {
    threshold: params.kvpThreshold ? thresholdForKvp(kvp!) : params.threshold,
    connectivity: params.connectivity === '4' ? (4 as const) : (8 as const),
    minAreaMode: params.minAreaMode as MinAreaMode,
    calibrationFactor: params.calibrationFactor > 0 ? params.calibrationFactor : undefined,
  };
}

function reduceMode(params: { readonly reduce: 'lesions' | 'all' | 'every-nth'; readonly everyNth: number; readonly margin: number }): ReduceMode {
  return params.reduce === 'all' ? { mode: 'all' } : params.reduce === 'every-nth' ? { mode: 'every-nth', n: params.everyNth } : { mode: 'lesions', margin: params.margin };
}

function summary(score: CalciumScore): string {
  if (score.unverified) return `unverified: ${score.regions.length} candidate region(s) in ${score.lesions.length} lesion slice(s); no seeds, nothing scored`;
  const arteries = score.arteries.map((a) => `${a.artery} ${fixed1(a.agatston)}`).join(', ');
  return `Agatston ${fixed1(score.total.agatston)} (${arteries}), volume ${fixed1(score.total.volumeMm3)} mm3, risk category ${score.riskCategory}`;
}
