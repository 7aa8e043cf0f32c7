import { SopClass, type DicomItem, type DicomValue } from '@atrium/sdk';
import { expectDerivedToMatchGolden, testPlugin, type DerivedTestObject, type TestRunOptions, type TestSeries } from '@atrium/testing';
import { describe, expect, it } from 'vitest';
import { checkInput } from './check-input.js';
import plugin from './index.js';
import { calciumSeries, pixelToPatient, type CalciumBox } from './test-support/calcium-series.js';

// 64×64 slices, pixel spacing 0.5 mm (pixel area 0.25 mm²), increment 3 mm (Agatston factor 1).
// LAD: 4×4 px = 4 mm² at 250 HU (weight 2) on slices 3 and 4: 2 × 4 × 2 = 16; volume 2 × 4 × 3 = 24 mm³.
// RCA: 2×2 px = 1 mm² at 450 HU (weight 4) on slice 7: 4; volume 3 mm³.
// A candidate nobody seeds: 3×3 px = 2.25 mm² at 180 HU on slice 1 (listed, not scored).
const LAD: CalciumBox = { slices: [3, 4], row: 40, column: 10, height: 4, width: 4, hu: 250 };
const RCA: CalciumBox = { slices: [7], row: 46, column: 30, height: 2, width: 2, hu: 450 };
const CANDIDATE: CalciumBox = { slices: [1], row: 48, column: 4, height: 3, width: 3, hu: 180 };
const BOXES = [LAD, RCA, CANDIDATE];
const SEEDS = JSON.stringify([
  { artery: 'LAD', instanceNumber: 4, row: 41, column: 11 },
  { artery: 'RCA', at: pixelToPatient(7, 46, 30) },
]);

/** The plugin as the host loads it: its manifest checked, the code joined with it. */
const kit = testPlugin(new URL('..', import.meta.url), plugin);

/** The parts of the result data the tests read. */
interface RunData {
  readonly scored: boolean;
  readonly unverified: boolean;
  readonly reading: Readonly<Record<string, unknown>>;
  readonly method: Readonly<Record<string, unknown>>;
  readonly arteries: readonly { readonly massMg?: number }[];
  readonly total?: Readonly<Record<string, number>>;
  readonly riskCategory?: string;
  readonly cacDrs?: string;
  readonly slices: readonly { readonly instanceNumber: number; readonly agatston: number }[];
  readonly lesions: readonly { readonly scored: boolean }[];
  readonly warnings: readonly string[];
  readonly written: Readonly<Record<string, number>>;
}

/** A run of the app on the host engine, in process, with its derived objects by output. */
async function run(input: TestSeries, raw: Record<string, unknown> = { seeds: SEEDS }, options: TestRunOptions = {}) {
  const r = await kit.run('calcium-scoring', input, raw, options);
  return { ...r, data: r.result.data as unknown as RunData, reduced: r.output('reduced-ct'), reports: r.output('report'), saves: r.output('screen-saves'), srs: r.output('sr') };
}

/** The SOP Instance UIDs an object references: its Source Image Sequence, or for the SR its Current Requested Procedure Evidence. */
function referenced(o: DerivedTestObject): string[] {
  const items = (v: DicomValue | undefined): DicomItem[] => (Array.isArray(v) ? (v as DicomItem[]) : []);
  const sources = items(o.attribute('SourceImageSequence'));
  if (sources.length > 0) return sources.map((i) => i.ReferencedSOPInstanceUID as string);
  return items(o.attribute('CurrentRequestedProcedureEvidenceSequence'))
    .flatMap((study) => items(study.ReferencedSeriesSequence).flatMap((series) => items(series.ReferencedSOPSequence).map((i) => i.ReferencedSOPInstanceUID as string)));
}

/** The slice indices an object was derived from. */
const sliceIndices = (input: TestSeries) => (o: DerivedTestObject): number[] => referenced(o).map((uid) => input.sopInstanceUIDs.indexOf(uid));

describe('calcium scoring app: a seeded run', () => {
  it('scores per artery, totals and risk as the geometry gives them', async () => {
    const { data, result } = await run(calciumSeries({ boxes: BOXES }));
    expect([data.scored, data.unverified, data.reading]).toEqual([true, true, { kind: 'scored', verified: false }]);
    expect(data.arteries).toEqual([
      { artery: 'LM', agatston: 0, volumeMm3: 0, lesions: 0 },
      { artery: 'LAD', agatston: 16, volumeMm3: 24, lesions: 1 },
      { artery: 'LCX', agatston: 0, volumeMm3: 0, lesions: 0 },
      { artery: 'RCA', agatston: 4, volumeMm3: 3, lesions: 1 },
    ]);
    expect(data.total).toEqual({ agatston: 20, volumeMm3: 27, lesions: 2 });
    expect(data.riskCategory).toBe('11-100');
    expect(data.cacDrs).toBe('CAC-DRS A1/N2');
    expect(data.method).toMatchObject({ threshold: 130, thresholdSource: expect.stringMatching(/^kVp table: 120 kVp, Agatston/), connectivity: 8, minAreaMode: 'literature', sliceIncrement: 3, seeds: 2 });
    expect(data.slices.map((s) => [s.instanceNumber, s.agatston])).toEqual([[4, 8], [5, 8], [8, 4]]);
    expect(data.lesions).toHaveLength(4);
    expect(data.lesions.filter((l) => !l.scored)).toMatchObject([{ instanceNumber: 2, areaMm2: 2.25, peakHu: 180, weight: 1 }]);
    expect(data.written).toEqual({ 'reduced-ct': 7, report: 2, 'screen-saves': 3, sr: 1 });
    expect(result.summary).toBe('Agatston 20.0 (LM 0.0, LAD 16.0, LCX 0.0, RCA 4.0), volume 27.0 mm3, risk category 11-100, unverified');
    expect(JSON.parse(JSON.stringify(data))).toEqual(data);
  });

  it('writes one structured report from the scored slices, its content the SR tree of the scores', async () => {
    const input = calciumSeries({ boxes: BOXES });
    const { srs } = await run(input);
    expect(srs).toHaveLength(1);
    const sr = srs[0]!;
    expect(sr.sopClassUID).toBe(SopClass.ComprehensiveSRStorage);
    // Evidence: every slice reviewed; the scored images: the slices of the scored lesions.
    expect(sliceIndices(input)(sr)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const images = (sr.attribute('ContentSequence') as DicomItem[]).filter((i) => i.ValueType === 'IMAGE');
    expect(images.map((i) => input.sopInstanceUIDs.indexOf((i.ReferencedSOPSequence as DicomItem[])[0]!.ReferencedSOPInstanceUID as string))).toEqual([3, 4, 7]);
    expect([sr.string('Modality'), sr.string('CompletionFlag'), sr.string('VerificationFlag'), sr.string('ValueType')]).toEqual(['SR', 'COMPLETE', 'UNVERIFIED', 'CONTAINER']);
  });

  it('writes the reduced CT: one pixel copy per lesion slice ± margin, each from its own source', async () => {
    const input = calciumSeries({ boxes: BOXES });
    const { reduced } = await run(input);
    expect(reduced.map(sliceIndices(input))).toEqual([[2], [3], [4], [5], [6], [7], [8]]);
    expect(reduced.every((r) => r.sopClassUID === SopClass.CTImageStorage)).toBe(true);
    const copy = await reduced[1]!.frame(0, { rescale: true });
    const source = await input.source.instances[3]!.frame(0, { rescale: true });
    expect(Array.from(copy.data)).toEqual(Array.from(source.data));
  });

  it('chooses the reduced slices by margin, all, or every n-th', async () => {
    const input = calciumSeries({ boxes: BOXES });
    const slicesOf = async (raw: Record<string, unknown>) => (await run(input, { seeds: SEEDS, ...raw })).reduced.map((r) => sliceIndices(input)(r)[0]);
    expect(await slicesOf({ margin: 0 })).toEqual([3, 4, 7]);
    expect(await slicesOf({ margin: 3 })).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(await slicesOf({ reduce: 'all' })).toHaveLength(10);
    expect(await slicesOf({ reduce: 'every-nth', everyNth: 3 })).toEqual([0, 3, 6, 9]);
  });

  it('writes the physician report (512² 16-bit MONOCHROME2) and the patient report (1024² RGB) from the whole series', async () => {
    const input = calciumSeries({ boxes: BOXES });
    const { reports } = await run(input);
    const frames = await Promise.all(reports.map((r) => r.frame(0)));
    expect(frames.map((f) => [f.rows, f.columns, f.samplesPerPixel, f.photometricInterpretation, f.data.length])).toEqual([
      [512, 512, 1, 'MONOCHROME2', 512 * 512],
      [1024, 1024, 3, 'RGB', 1024 * 1024 * 3],
    ]);
    expect([reports[0]!.number('BitsAllocated'), reports[1]!.number('BitsAllocated')]).toEqual([16, 8]);
    expect(reports.every((r) => r.string('BurnedInAnnotation') === 'YES' && referenced(r).length === 10)).toBe(true);
    expect(reports.map((r) => r.string('ImageComments'))).toEqual([
      'Calcium score physician report: total Agatston 20.0, risk category 11-100. NOT FOR CLINICAL USE.',
      'Calcium score patient report: total Agatston 20.0, risk category 11-100. NOT FOR CLINICAL USE.',
    ]);
    // Text is drawn: the page is not blank, and white (4080) is its brightest grey.
    const grey = Array.from(frames[0]!.data);
    expect(grey.reduce((m, v) => Math.max(m, v), 0)).toBe(4080);
    expect(grey.filter((v) => v > 0).length).toBeGreaterThan(5000);
  });

  it('writes one RGB screen save per scored lesion slice, its source that slice, lesion pixels in the artery colour', async () => {
    const input = calciumSeries({ boxes: BOXES });
    const { saves } = await run(input);
    expect(saves.map(sliceIndices(input))).toEqual([[3], [4], [7]]);
    const frames = await Promise.all(saves.map((s) => s.frame(0)));
    expect(saves.every((s, k) => s.string('BurnedInAnnotation') === 'YES' && s.number('BitsAllocated') === 8 && frames[k]!.samplesPerPixel === 3 && frames[k]!.rows === 64)).toBe(true);
    const rgbAt = (k: number, row: number, column: number) => [...frames[k]!.data.subarray(3 * (row * 64 + column), 3 * (row * 64 + column) + 3)];
    expect(rgbAt(0, 43, 13)).toEqual([255, 0, 0]); // LAD red
    expect(rgbAt(2, 47, 31)).toEqual([0, 96, 255]); // RCA blue
  });

  it('writes what the golden files hold: a reduced CT slice, both reports, a screen save and the SR', async () => {
    // The physician page prints the analysis date-time (the run's start, local time): fixed here.
    const { reduced, reports, saves, srs } = await run(calciumSeries({ boxes: BOXES }), { seeds: SEEDS }, { now: new Date(2026, 0, 2, 10, 20, 30) });
    expectDerivedToMatchGolden(reduced[1]!, 'golden/reduced-ct.json');
    expectDerivedToMatchGolden(reports[0]!, 'golden/report-physician.json');
    expectDerivedToMatchGolden(reports[1]!, 'golden/report-patient.json');
    expectDerivedToMatchGolden(saves[0]!, 'golden/screen-save.json');
    expectDerivedToMatchGolden(srs[0]!, 'golden/sr.json');
  });

  it('reports progress up to 1, in order', async () => {
    const { progress } = await run(calciumSeries({ boxes: BOXES }));
    const fractions = progress.map((p) => p.fraction);
    expect(fractions.at(-1)).toBe(1);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
  });

  it('replaces what it wrote when run again with the same parameters', async () => {
    const input = calciumSeries({ boxes: BOXES });
    const again = testPlugin(new URL('..', import.meta.url), plugin);
    const first = await again.run('calcium-scoring', input, { seeds: SEEDS });
    const second = await again.run('calcium-scoring', input, { seeds: SEEDS });
    expect(second.objects.map((o) => [o.sopInstanceUID, o.status])).toEqual(first.objects.map((o) => [o.sopInstanceUID, 'replaced']));
  });
});

describe('calcium scoring app: a re-run with other parameters', () => {
  it('names the earlier SRs it supersedes (Predecessor Documents Sequence), not their images', async () => {
    const input = calciumSeries({ boxes: BOXES });
    const study = input.studyInstanceUID;
    const earlier = [
      { studyInstanceUID: study, seriesInstanceUID: '2.25.91', sopClassUID: SopClass.ComprehensiveSRStorage, sopInstanceUID: '2.25.91.1' },
      { studyInstanceUID: study, seriesInstanceUID: '2.25.92', sopClassUID: SopClass.SecondaryCaptureImageStorage, sopInstanceUID: '2.25.92.1' },
    ];
    const { srs } = await run(input, { seeds: SEEDS }, { superseded: earlier });
    expect(srs[0]!.attribute('PredecessorDocumentsSequence')).toEqual([
      { StudyInstanceUID: study, ReferencedSeriesSequence: [{ SeriesInstanceUID: '2.25.91', ReferencedSOPSequence: [{ ReferencedSOPClassUID: SopClass.ComprehensiveSRStorage, ReferencedSOPInstanceUID: '2.25.91.1' }] }] },
    ]);
    const first = await run(input, { seeds: SEEDS });
    expect(first.srs[0]!.attribute('PredecessorDocumentsSequence')).toBeUndefined();
  });
});

describe('calcium scoring app: without seeds', () => {
  it('scores nothing: no total, no category, no number, and says NOT SCORED in the result, warnings and reports', async () => {
    const input = calciumSeries({ boxes: BOXES });
    const { data, result, warnings, reports, saves, reduced } = await run(input, {});
    expect([data.scored, data.unverified, data.reading]).toEqual([false, true, { kind: 'not-scored', verified: false }]);
    expect(data.arteries).toEqual([]);
    expect([data.total, data.riskCategory, data.cacDrs]).toEqual([undefined, undefined, undefined]);
    expect(data.lesions).toHaveLength(4);
    expect(result.summary).toBe('NOT SCORED: no seeds; 3 candidate region(s) above the threshold, unverified');
    expect(warnings).toContain('not scored: no seeds given (3 candidate region(s) above the threshold, unverified); give seeds, or reviewedNoCalcium=true');
    expect(reports.map((r) => r.string('ImageComments'))).toEqual([
      'Calcium score physician report: NOT SCORED (no seeds). NOT FOR CLINICAL USE.',
      'Calcium score patient report: NOT SCORED (no seeds). NOT FOR CLINICAL USE.',
    ]);
    expect(saves.map(sliceIndices(input))).toEqual([[1], [3], [4], [7]]);
    expect(reduced.map((r) => sliceIndices(input)(r)[0])).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    // candidates are orange
    expect([...(await saves[0]!.frame(0)).data.subarray(3 * (49 * 64 + 5), 3 * (49 * 64 + 5) + 3)]).toEqual([255, 165, 0]);
  });
});

describe('calcium scoring app: parameters', () => {
  it('rejects seeds that are not JSON, not an array, or badly formed, naming the parameter', async () => {
    const input = calciumSeries({ boxes: BOXES });
    for (const [seeds, why] of [
      ['[{"artery":"LAD"', /parameter "seeds" is not valid JSON/],
      ['{"artery":"LAD"}', /parameter "seeds" must be a JSON array/],
      ['[{"artery":"XYZ","at":[1,2,3]}]', /parameter "seeds" seed 1: unknown artery "XYZ"; arteries: LM, LAD, LCX, RCA, PDA/],
      ['[{"artery":"LDA","at":[1,2,3]}]', /parameter "seeds" seed 1: unknown artery "LDA" \(did you mean LAD\?\)/],
      ['[{"artery":"LAD","at":[1,2]}]', /seed 1 \(LAD\): "at" must be \[x, y, z\]/],
      ['[{"artery":"RCA","at":[1,2,3]},{"artery":"LM","row":1}]', /seed 2 \(LM\) needs "at"/],
    ] as const) {
      await expect(run(input, { seeds }), seeds).rejects.toMatchObject({ code: 'ATRIUM_ERR_PARAM_INVALID', details: { parameter: 'seeds' }, message: expect.stringMatching(why) });
    }
  });

  it('refuses parameters out of their schema before any work', async () => {
    const input = calciumSeries({ boxes: BOXES });
    await expect(run(input, { threshold: '5000' })).rejects.toMatchObject({ code: 'ATRIUM_ERR_PARAM_INVALID', details: { parameter: 'threshold' } });
    await expect(run(input, { connectivity: '6' })).rejects.toMatchObject({ code: 'ATRIUM_ERR_PARAM_INVALID', details: { parameter: 'connectivity' } });
    await expect(run(input, { seed: '[]' })).rejects.toMatchObject({ code: 'ATRIUM_ERR_PARAM_UNKNOWN' });
  });

  it('passes a seed that hits no calcification on as the scoring error naming the seed', async () => {
    const seeds = JSON.stringify([{ artery: 'LCX', instanceNumber: 4, row: 0, column: 0 }]);
    await expect(run(calciumSeries({ boxes: BOXES }), { seeds })).rejects.toMatchObject({ code: 'ATRIUM_ERR_CALCIUM_SEED_MISS' });
  });

  it('takes the threshold from the kVp table, needs KVP for it, and takes the threshold parameter with kvpThreshold=false', async () => {
    const { data } = await run(calciumSeries({ boxes: BOXES }), { seeds: SEEDS });
    expect([data.method.threshold, data.method.weightScale]).toEqual([130, 1]);
    const noKvp = calciumSeries({ boxes: BOXES, override: () => ({ KVP: undefined }) });
    await expect(run(noKvp, { seeds: SEEDS })).rejects.toMatchObject({ code: 'ATRIUM_ERR_CALCIUM_KVP', message: expect.stringMatching(/instance 1 .* has no KVP/) });
    const fixed = await run(noKvp, { seeds: SEEDS, kvpThreshold: false, threshold: 150 });
    expect([fixed.data.method.threshold, fixed.data.method.thresholdSource, fixed.data.total!.agatston]).toEqual([150, 'threshold parameter', 20]);
  });

  it('reports mass only with a calibration factor', async () => {
    const { data } = await run(calciumSeries({ boxes: BOXES }), { seeds: SEEDS, calibrationFactor: 0.8 });
    // LAD: 0.8 × (24 mm³ × 250 HU) / 1000 = 4.8 mg; RCA: 0.8 × 3 × 450 / 1000 = 1.08 mg
    expect(data.arteries.map((a) => a.massMg)).toEqual([0, 4.8, 0, 1.08]);
    expect(data.total!.massMg).toBe(5.88);
  });

  it('warns (and continues) when an expectation of the load table is not met', async () => {
    const { data, warnings } = await run(calciumSeries({ boxes: BOXES }));
    expect(data.warnings).toEqual(['Rows is 64 on 10 of 10 slices (expected 512)', 'Columns is 64 on 10 of 10 slices (expected 512)']);
    expect(warnings).toEqual([expect.stringContaining('Rows'), expect.stringContaining('Columns')]);
  });

  it('stops when the job is cancelled, before or while loading the slices', async () => {
    const before = new AbortController();
    before.abort();
    await expect(run(calciumSeries({ boxes: BOXES }), { seeds: SEEDS }, { signal: before.signal })).rejects.toMatchObject({ name: 'AbortError' });
    const during = new AbortController();
    const seen: (string | undefined)[] = [];
    await expect(run(calciumSeries({ boxes: BOXES }), { seeds: SEEDS }, { signal: during.signal, onProgress: (_f, m) => (seen.push(m), during.abort()) })).rejects.toMatchObject({ name: 'AbortError' });
    expect(seen).toEqual(['loading slice 1 of 10']);
  });
});

describe('calcium scoring app: refusals before scoring', () => {
  const refused = async (input: TestSeries, why: RegExp) => {
    await expect(run(input)).rejects.toMatchObject({ code: 'ATRIUM_ERR_CALCIUM_REFUSED', message: expect.stringMatching(why) });
  };
  const withSlice = (k: number, values: Readonly<Record<string, DicomValue | undefined>>) => calciumSeries({ boxes: BOXES, override: (i) => (i === k ? values : {}) });

  it('oblique slices (rotated 10° about the patient z axis)', async () => {
    const c = Math.cos(Math.PI / 18);
    const s = Math.sin(Math.PI / 18);
    await refused(calciumSeries({ boxes: BOXES, override: () => ({ ImageOrientationPatient: [c, s, 0, -s, c, 0] }) }), /slices are not axial .*instance 1 2\.25\./);
  });

  it('a tilted (sheared) stack: positions move across the image plane', async () => {
    const tilted = calciumSeries({ boxes: BOXES, override: (i) => ({ ImagePositionPatient: [-8, -8 + 0.5 * i, -30 + 3 * i] }) });
    // Said once, with the instances of the first place and how many there are (not one line per slice pair).
    const error = await run(tilted).catch((e: Error) => e);
    expect(error).toMatchObject({ code: 'ATRIUM_ERR_CALCIUM_REFUSED', message: expect.stringMatching(/tilted or sheared stack\) \(9 places; the first: instance 1 2\.25\.[\d.]+ and instance 2 2\.25\.[\d.]+: positions move 0\.5 mm/) });
    expect((error as Error).message.match(/tilted/g)).toHaveLength(2);
  });

  it('inconsistent pixel spacing and inconsistent orientation', async () => {
    await refused(withSlice(4, { PixelSpacing: [0.6, 0.6] }), /Pixel Spacing differs from the first slice \(instance 5 2\.25\.[\d.]+: Pixel Spacing differs from slice 1\)/);
    await refused(withSlice(2, { ImageOrientationPatient: [1, 0, 0, 0, 0.9998, 0.02] }), /Image Orientation \(Patient\) differs from the first slice \(instance 3 /);
  });

  it('duplicate positions and uneven spacing', async () => {
    await refused(withSlice(5, { ImagePositionPatient: [-8, -8, -30 + 12] }), /same position along the normal/);
    await refused(withSlice(9, { ImagePositionPatient: [-8, -8, -30 + 28] }), /spacing 4 mm differs from 3 mm/);
  });

  it('two Frames of Reference', async () => {
    await refused(withSlice(3, { FrameOfReferenceUID: '2.25.8' }), /2 Frames of Reference \(2\.25\.7, 2\.25\.8\); instance 4 2\.25\.[\d.]+ differs from instance 1 /);
  });

  it('a slice without rescale or geometry: the host refuses it by the load specification (Mandatory), naming the attribute', async () => {
    for (const keyword of ['RescaleSlope', 'RescaleIntercept', 'ImagePositionPatient', 'FrameOfReferenceUID']) {
      await expect(run(withSlice(6, { [keyword]: undefined })), keyword).rejects.toMatchObject({ code: 'ATRIUM_ERR_APP_LOAD_MANDATORY', message: expect.stringContaining(keyword) });
    }
  });

  it('the app refuses them too when called without the host\'s check, naming the slice', () => {
    const noSlope = withSlice(6, { RescaleSlope: undefined });
    expect(() => checkInput(noSlope.source)).toThrow(expect.objectContaining({ code: 'ATRIUM_ERR_CALCIUM_REFUSED', message: expect.stringContaining(`instance 7 ${noSlope.sopInstanceUIDs[6]} has no RescaleSlope`) }));
    const noPosition = withSlice(0, { ImagePositionPatient: undefined });
    expect(noPosition.source.geometry).toBeUndefined();
    expect(() => checkInput(noPosition.source)).toThrow(/no usable Image Plane attributes/);
  });
});

describe('calcium scoring plugin: manifest', () => {
  it('loads as the host loads it: the manifest declares the four outputs the code maps', () => {
    const app = kit.app('calcium-scoring');
    expect([app.title, app.input]).toEqual(['Coronary calcium scoring', { modality: ['CT'], minInstances: 2 }]);
    expect(Object.fromEntries(Object.entries(app.outputs).map(([name, o]) => [name, [o.iod, o.cardinality]]))).toEqual({
      'reduced-ct': ['ct-image', '1:1'], report: ['secondary-capture-image', 'N:1'], 'screen-saves': ['secondary-capture-image', '1:1'], sr: ['comprehensive-sr', 'N:1'],
    });
  });
});
