import { defineApp, SopClass, srReferenceTo } from '@atrium/sdk';
import { calciumLoadSpec } from './calcium-load-spec.js';
import { calciumOutputs } from './calcium-outputs.js';
import { calciumParameters } from './calcium-parameters.js';
import { isScored, type CalciumFindings } from './calcium-findings.js';
import { checkBloodPool, checkContrastAttributes } from './check-contrast.js';
import { checkInput } from './check-input.js';
import { checkProtocol } from './check-protocol.js';
import { loadSlices } from './load-slices.js';
import { massCalibration } from './mass-calibration.js';
import { sourceOrder, lesionsBySlice } from './outputs/lesions-by-slice.js';
import { writeReducedCt } from './outputs/write-reduced-ct.js';
import { writeReports } from './outputs/write-reports.js';
import { writeScreenSaves } from './outputs/write-screen-saves.js';
import { parseSeeds } from './parse-seeds.js';
import { readingOf } from './reading.js';
import { fixed1 } from './report/format.js';
import { resultData } from './result-data.js';
import { scoringMethod } from './scoring-method.js';
import { scoreCalcium, sliceGeometry } from './scoring/index.js';
import { buildSrContent } from './sr/build-sr-content.js';
import { selectReducedSlices, type ReduceMode } from './select-reduced-slices.js';
import { unmetExpectations } from './unmet-expectations.js';

/** Name and version printed on the reports. */
export const PRODUCER = 'Atrium calcium scoring 0.1.0';

/**
 * Coronary calcium scoring (after GE SmartScore 4.0 and its conformance statement): refuses what
 * would make the score silently wrong (geometry, gaps between slices, a tube voltage without a
 * threshold, contrast, a seeded region that cannot be a coronary lesion), scores the calcium the
 * seeds select per coronary artery (Agatston, volume, mass), and writes four derived series into
 * the source study: a reduced CT series, a report (a 512² 16-bit physician page and a 1024² RGB
 * patient page), RGB screen saves of the lesion slices, and a Comprehensive SR. Without seeds
 * nothing is scored and everything says so; a reader named in `reader` verifies the SR. Title,
 * input and outputs: the manifest.
 */
export const calciumScoringApp = defineApp({
  id: 'calcium-scoring',
  load: calciumLoadSpec,
  parameters: calciumParameters,
  outputs: calciumOutputs,
  async run(ctx, input, params) {
    const seeds = parseSeeds(params.seeds);
    const first = input.instances[0]!;
    const reading = readingOf(params, seeds, first, ctx.now ?? new Date());
    checkInput(input);
    if (!params.allowContrast) checkContrastAttributes(input);
    const protocol = checkProtocol(input, input.geometry!.sliceIncrement!);
    const method = scoringMethod(params, input.instances);
    const n = input.instances.length;
    const slices = await loadSlices(input, ctx.signal, (done) => ctx.progress((0.4 * done) / n, `loading slice ${done} of ${n}`));
    ctx.signal.throwIfAborted();
    if (!params.allowContrast) checkBloodPool(input, slices, method.threshold);
    const calibration = massCalibration(params, input, slices, sliceGeometry(slices));
    const plausibility = params.allowImplausibleRegions ? undefined : { maxAreaMm2: params.maxLesionAreaMm2, maxExtentMm: params.maxLesionExtentMm };
    const score = scoreCalcium(slices, { ...method, seeds, calibrationFactor: calibration?.factor, ...(plausibility ? { plausibility } : {}) });
    ctx.progress(0.5, 'scored');

    const warnings = unmetExpectations(calciumLoadSpec, input.instances);
    const findings: CalciumFindings = { score, reading, protocol, method, ...(calibration ? { calibration } : {}), warnings, first, slices: n, producer: PRODUCER };
    if (!isScored(findings)) ctx.warn(`not scored: no seeds given (${score.regions.length} candidate region(s) above the threshold, unverified); give seeds, or reviewedNoCalcium=true`);
    if (protocol.nonStandard.length > 0) ctx.warn(`non-standard protocol (not comparable with published categories): ${protocol.nonStandard.join('; ')}`);
    // Lesions shown: the scored ones, or every candidate when not scored (unlabelled, without numbers).
    const shown = score.lesions.filter((l) => (isScored(findings) ? l.artery !== undefined : !l.excluded));
    const bySlice = lesionsBySlice(shown);
    const kept = selectReducedSlices(n, bySlice.keys(), reduceMode(params));
    await writeReducedCt(ctx, input, sourceOrder(kept, slices));
    const saves = await writeScreenSaves(ctx, input, slices, bySlice, findings);
    ctx.signal.throwIfAborted();
    await writeReports(ctx, input, slices, bySlice, findings);

    // The structured report: derived from the scored slices (their Patient / Study attributes), else from the whole series.
    const scoredSlices = [...new Set(score.lesions.filter((l) => l.artery !== undefined).map((l) => l.sliceIndex))].sort((a, b) => a - b);
    const srSources = scoredSlices.length > 0 ? scoredSlices.map((i) => input.instances[i]!) : input.instances;
    // A re-run with other seeds supersedes the earlier SRs of this series: named as its predecessors.
    const predecessors = (ctx.superseded ?? []).filter((o) => o.sopClassUID === SopClass.ComprehensiveSRStorage);
    await ctx.derive.write('sr', { sources: srSources, content: buildSrContent(findings, input.instances.map((s) => srReferenceTo(s)), predecessors) });
    ctx.progress(1, 'structured report written');

    return {
      summary: summary(findings),
      data: resultData(findings, slices, { seeds: seeds.length }, { 'reduced-ct': kept.length, report: 2, 'screen-saves': saves.length, sr: 1 }),
    };
  },
});

function reduceMode(params: { readonly reduce: 'lesions' | 'all' | 'every-nth'; readonly everyNth: number; readonly margin: number }): ReduceMode {
  return params.reduce === 'all' ? { mode: 'all' } : params.reduce === 'every-nth' ? { mode: 'every-nth', n: params.everyNth } : { mode: 'lesions', margin: params.margin };
}

function summary(f: CalciumFindings): string {
  const { score } = f;
  if (!isScored(f)) return `NOT SCORED: no seeds; ${score.regions.filter((r) => !r.excluded).length} candidate region(s) above the threshold, unverified`;
  const arteries = score.arteries.map((a) => `${a.artery} ${fixed1(a.agatston)}`).join(', ');
  const verified = f.reading.verified ? `, verified by ${f.reading.reader}` : ', unverified';
  const protocol = f.protocol.nonStandard.length > 0 ? ', non-standard protocol' : '';
  return `Agatston ${fixed1(score.total.agatston)} (${arteries}), volume ${fixed1(score.total.volumeMm3)} mm3, risk category ${score.riskCategory}${verified}${protocol}`;
}
