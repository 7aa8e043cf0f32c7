import { expectDerivedToMatchGolden, testPlugin, type DerivedTestObject } from '@atrium/testing';
import { describe, expect, it } from 'vitest';
import plugin from '../index.js';
import type { PlacedVolume } from '../recon/volume-layout.js';
import { inside, valueAt, type AnalyticPhantom } from '../test-support/analytic-phantom.js';
import { ctSeries } from '../test-support/ct-series.js';
import { derivedVolumes, voxelCentre } from '../test-support/derived-volume.js';
import { correlation, distance, maskedMedian, spotCentroid } from '../test-support/image-metrics.js';
import type { NmObject } from '../test-support/nm-object.js';
import { nmStudyIds } from '../test-support/nm-study-ids.js';
import { nmTestSeries } from '../test-support/nm-test-series.js';
import { SPECT_SPHERES, mirrored, spectPhantom, uniformCylinder } from '../test-support/spect-phantom.js';
import { tomoAcquisition, type TomoAcquisitionOptions } from '../test-support/tomo-acquisition.js';

// The analytic phantom acquired as DICOM describes it: 64 × 32 frames of 4 mm, two heads starting at
// 0° and 180°, 30 views of 6° each, clockwise (360° in all), the rotation axis at patient
// (x, y) = (12, −8) mm, the middle row at z = 20 mm.
const AXIS = [12, -8] as const;
const Z = 20;
const ids = nmStudyIds(7);
const acquisition = (o: Partial<TomoAcquisitionOptions> = {}) =>
  tomoAcquisition({
    ids,
    phantom: spectPhantom(),
    columns: 64,
    rows: 32,
    pixel: 4,
    detectors: [0, 180],
    viewsPerDetector: 30,
    step: 6,
    direction: 'CW',
    axis: AXIS,
    zCenter: Z,
    countsPerView: 40_000,
    seriesInstanceUID: '2.25.701',
    sopInstanceUID: '2.25.702',
    ...o,
  });

/** The plugin as the host loads it: its manifest checked, the code joined with it. */
const kit = testPlugin(new URL('../..', import.meta.url), plugin);

/** nm-recon run by the kit on the acquisition, with the study's other series (a CT) for ctx.readSeries. */
async function run(object: NmObject, raw: Record<string, unknown>, others: NmObject[][] = []) {
  return kit.run('nm-recon', nmTestSeries([object]), raw, { studySeries: others.map(nmTestSeries) });
}

/** The transaxial volume of a run, read back from its stored NM RECON TOMO object. */
const transaxial = async (r: { output(name: string): readonly DerivedTestObject[] }) => (await derivedVolumes(r.output('recon')[0]!))[0]!;

/** The phantom (mm around the axis) averaged over the voxel of size `size` around a patient point (2 × 2 × 2 samples). */
function truthAt(p: AnalyticPhantom, x: readonly number[], size: readonly number[]): number {
  let v = 0;
  for (const a of [-0.25, 0.25]) for (const b of [-0.25, 0.25]) for (const c of [-0.25, 0.25]) {
    v += valueAt(p, [x[0]! + a * size[0]! - AXIS[0], x[1]! + b * size[1]! - AXIS[1], x[2]! + c * size[2]! - Z]);
  }
  return v / 8;
}

/** r with the truth and the mirrored truth inside the body, and the worst sphere centroid error (voxels), on the stored volume. */
function score(v: PlacedVolume, label: string) {
  const phantom = spectPhantom();
  const truth = new Float32Array(v.data.length);
  const mirror = new Float32Array(v.data.length);
  const body = new Uint8Array(v.data.length);
  for (let j = 0; j < v.rows; j++) for (let i = 0; i < v.columns; i++) for (let k = 0; k < v.slices; k++) {
    const p = voxelCentre(v, i, j, k);
    const n = (j * v.columns + i) * v.slices + k;
    truth[n] = truthAt(phantom, p, v.spacing);
    mirror[n] = truthAt(mirrored(phantom), p, v.spacing);
    body[n] = inside(phantom.ellipsoids[0]!, [p[0] - AXIS[0], p[1] - AXIS[1], p[2] - Z]) ? 1 : 0;
  }
  const level = maskedMedian(v.data, body);
  const errors = SPECT_SPHERES.map((s) => {
    const c = s.shape.center;
    const at = [(c[0] + AXIS[0] - v.origin[0]) / v.spacing[0], (c[1] + AXIS[1] - v.origin[1]) / v.spacing[1], (c[2] + Z - v.origin[2]) / v.spacing[2]] as const;
    return distance(spotCentroid(v, at, s.shape.semiAxes[0] / v.spacing[0] + 1.5, level, s.kind === 'hot' ? 1 : -1), at);
  });
  const r = correlation(v.data, truth, body);
  const rMirror = correlation(v.data, mirror, body);
  console.log(`${label}: r ${r.toFixed(3)}, mirrored r ${rMirror.toFixed(3)}, centroid errors ${errors.map((e) => e.toFixed(2)).join(' / ')} voxels`);
  return { r, rMirror, worst: Math.max(...errors) };
}

const sum = (a: ArrayLike<number>) => Array.from(a).reduce((x, y) => x + y, 0);

describe('nm-recon on the analytic phantom acquired as NM TOMO (two heads, clockwise, off-centre axis)', () => {
  const noiseless = acquisition({ countsPerView: 2_000_000 });
  const noisy = acquisition({ noiseSeed: 5 });

  it('FBP (ramp), noiseless: r ≥ 0.95 with the truth in patient space, spheres within one voxel, mirrored truth ≥ 0.2 lower', async () => {
    const r = await run(noiseless, { method: 'fbp', filter: 'ramp' });
    const s = score(await transaxial(r), 'nm-recon FBP ramp, noiseless');
    expect(s.r).toBeGreaterThanOrEqual(0.95);
    expect(s.worst).toBeLessThanOrEqual(1);
    expect(s.rMirror).toBeLessThanOrEqual(s.r - 0.2);
    expect(r.result.summary).toMatch(/^TOMO 64×32, 60 frames: 1 photopeak window\(s\) reconstructed \(SPECT FBP ramp/);
  });

  it('OSEM 4 × 8, noiseless: r ≥ 0.95, spheres within one voxel, mirrored ≥ 0.2 lower; the stored counts are the projections\' within 1 %', async () => {
    const r = await run(noiseless, { method: 'osem', iterations: 4, subsets: 8 });
    const v = await transaxial(r);
    const s = score(v, 'nm-recon OSEM 4x8, noiseless');
    expect(s.r).toBeGreaterThanOrEqual(0.95);
    expect(s.worst).toBeLessThanOrEqual(1);
    expect(s.rMirror).toBeLessThanOrEqual(s.r - 0.2);
    // Counts on the stored object: Σ stored × slope against Σ projections.
    const projections = noiseless.frames.reduce((acc, f) => acc + sum(f), 0);
    expect(Math.abs(sum(v.data) / projections - 1)).toBeLessThan(0.01);
    expect(r.output('recon')[0]!.number('CountsAccumulated')).toBe(projections);
  });

  it('with Poisson noise: FBP of Butterworth pre-filtered projections and OSEM 4 × 8 with an 8 mm Gaussian reach r ≥ 0.85', async () => {
    const fbpRun = await run(noisy, { method: 'fbp', filter: 'ramp', prefilter: 'butterworth', prefilterCutoff: 0.5, order: 5 });
    const osemRun = await run(noisy, { method: 'osem', postFilter: 8 });
    for (const [label, r] of [['FBP, pre-filtered, noisy', fbpRun], ['OSEM 4x8 + 8 mm Gaussian, noisy', osemRun]] as const) {
      const s = score(await transaxial(r), `nm-recon ${label}`);
      expect(s.r).toBeGreaterThanOrEqual(0.85);
      expect(s.worst).toBeLessThanOrEqual(1);
      expect(s.rMirror).toBeLessThanOrEqual(s.r - 0.2);
    }
  });

  it('reconstructs a counter-clockwise single-head 360° acquisition, and a 180° arc of two heads at 90°, as well', async () => {
    const cc = await run(acquisition({ detectors: [30], viewsPerDetector: 60, direction: 'CC' }), { method: 'fbp', filter: 'ramp' });
    expect(score(await transaxial(cc), 'one head CC').r).toBeGreaterThanOrEqual(0.95);
    const lMode = await run(acquisition({ detectors: [-45, 45], viewsPerDetector: 15, direction: 'CW' }), { method: 'osem' });
    expect(score(await transaxial(lMode), 'two heads at 90°, 180° arc').r).toBeGreaterThanOrEqual(0.95);
  });

  it('a wrong rotation direction in the header breaks the reconstruction (the geometry really comes from DICOM)', async () => {
    const attributes = { ...noiseless.attributes, RotationInformationSequence: [{ ...(noiseless.attributes.RotationInformationSequence as object[])[0]!, RotationDirection: 'CC' }] };
    const r = await run({ attributes, frames: noiseless.frames }, { method: 'fbp', filter: 'ramp' });
    expect(score(await transaxial(r), 'CW data labelled CC').r).toBeLessThan(0.5);
  });

  it('applies Center of Rotation Offset: a 6 mm offset corrected reconstructs as well; ignoring it does not', async () => {
    const shifted = acquisition({ corOffset: 6 });
    const corrected = await run(shifted, { method: 'fbp', filter: 'ramp' });
    const ignored = await run(shifted, { method: 'fbp', filter: 'ramp', corCorrection: false });
    const a = score(await transaxial(corrected), 'COR 6 mm corrected');
    const b = score(await transaxial(ignored), 'COR 6 mm ignored');
    expect(a.r).toBeGreaterThanOrEqual(0.95);
    expect(b.r).toBeLessThan(a.r - 0.05);
    expect(corrected.output('recon')[0]!.attribute('CorrectedImage')).toEqual(['UNIF', 'COR']);
  });

  it('reconstructs the photopeak window only: the scatter window is neither summed in nor reconstructed', async () => {
    const two = acquisition({ scatterWindow: true });
    const r = await run(two, { method: 'osem' });
    expect(r.output('recon')).toHaveLength(1);
    expect((r.result.data!.windows as { reconstructed: boolean; reason: string }[]).map((w) => [w.reconstructed, w.reason])).toEqual([
      [true, 'contains the 140.5 keV line of TC-99M'],
      [false, 'contains no principal line of TC-99M (140.5 keV): a scatter window'],
    ]);
    const photopeak = two.frames.filter((_, f) => (two.attributes.EnergyWindowVector as number[])[f] === 1).reduce((acc, f) => acc + sum(f), 0);
    expect(r.output('recon')[0]!.number('CountsAccumulated')).toBe(photopeak);
  });
});

describe('nm-recon attenuation correction of a uniform attenuated cylinder (radius 90 mm, μ 0.15 /cm)', () => {
  const cylinder = uniformCylinder(90, 0.015);
  const attenuated = acquisition({ phantom: cylinder, countsPerView: 2_000_000 });
  const ctUid = '2.25.777';
  const ct = ctSeries({ ids, body: cylinder.ellipsoids[0]!, columns: 128, slices: 40, pixel: 2, sliceSpacing: 4, axis: AXIS, zCenter: Z, seriesInstanceUID: ctUid });

  /** Ring means of the radial profile around the axis, out to 8 mm inside the edge: min and max relative to their mean. */
  function flatness(v: PlacedVolume) {
    const rings = new Map<number, number[]>();
    for (let j = 0; j < v.rows; j++) for (let i = 0; i < v.columns; i++) {
      const p = voxelCentre(v, i, j, 0);
      const r = Math.hypot(p[0] - AXIS[0], p[1] - AXIS[1]);
      if (r > 82) continue;
      const ring = Math.floor(r / v.spacing[0]);
      for (let k = 4; k < v.slices - 4; k++) rings.set(ring, [...(rings.get(ring) ?? []), v.data[(j * v.columns + i) * v.slices + k]!]);
    }
    const means = [...rings.values()].map((x) => sum(x) / x.length);
    const mean = sum(means) / means.length;
    return { min: Math.min(...means) / mean, max: Math.max(...means) / mean };
  }

  it.each([
    ['OSEM, uniform μ in the threshold outline', { method: 'osem', attenuation: 'threshold' }],
    ['OSEM, uniform μ in the ellipse outline', { method: 'osem', attenuation: 'ellipse' }],
    ['OSEM, the CT μ-map', { method: 'osem', attenuation: 'ct', ctSeries: ctUid }],
  ])('%s: flat within ±5 percent, Corrected Image lists ATTN', async (label, params) => {
    const r = await run(attenuated, params, [ct]);
    const f = flatness(await transaxial(r));
    console.log(`${label}: ${((f.min - 1) * 100).toFixed(1)} % … +${((f.max - 1) * 100).toFixed(1)} %`);
    expect(f.min).toBeGreaterThanOrEqual(0.95);
    expect(f.max).toBeLessThanOrEqual(1.05);
    expect(r.output('recon')[0]!.attribute('CorrectedImage')).toContain('ATTN');
  });

  it('refuses a CT of another Frame of Reference and a CT series that is not stored, naming why', async () => {
    const other = ctSeries({ ids: { ...ids, frameOfReferenceUID: '2.25.999' }, body: cylinder.ellipsoids[0]!, columns: 32, slices: 4, pixel: 8, sliceSpacing: 8, seriesInstanceUID: '2.25.778' });
    await expect(run(attenuated, { attenuation: 'ct', ctSeries: '2.25.778' }, [other])).rejects.toThrow(/Frame of Reference/);
    await expect(run(attenuated, { attenuation: 'ct', ctSeries: '2.25.779' }, [ct])).rejects.toThrow(/no series 2\.25\.779/);
    await expect(run(attenuated, { attenuation: 'ct' }, [ct])).rejects.toThrow(/attenuation=ct needs the CT series/);
  });

  it('refuses a ctSeries that is a path, a series of another study, or the NM series itself, as the workstation does', async () => {
    const elsewhere = ctSeries({ ids: nmStudyIds(8), body: cylinder.ellipsoids[0]!, columns: 32, slices: 4, pixel: 8, sliceSpacing: 8, seriesInstanceUID: '2.25.780' });
    await expect(run(attenuated, { attenuation: 'ct', ctSeries: '../ct' }, [ct])).rejects.toMatchObject({ code: 'ATRIUM_ERR_PARAM_INVALID', details: { parameter: 'ctSeries' } });
    await expect(run(attenuated, { attenuation: 'ct', ctSeries: '2.25.780' }, [ct, elsewhere])).rejects.toMatchObject({ code: 'ATRIUM_ERR_APP_INPUT', message: `no series 2.25.780 is stored in study ${ids.studyInstanceUID}` });
    await expect(run(attenuated, { attenuation: 'ct', ctSeries: '2.25.701' }, [ct])).rejects.toThrow(/series 2\.25\.701 is NM, not CT/);
  });
});

describe('nm-recon: the objects it writes, pinned by golden files', () => {
  // A small acquisition (32 × 8 frames of 8 mm, 2 × 16 views of 11.25°, attenuated, Poisson noise) and its CT (32 × 32 × 10 of 8 mm).
  const small = acquisition({ phantom: spectPhantom({ mu: 0.015 }), columns: 32, rows: 8, pixel: 8, viewsPerDetector: 16, step: 11.25, countsPerView: 20_000, noiseSeed: 3, sopInstanceUID: '2.25.703' });
  const ct = ctSeries({ ids, body: spectPhantom({ mu: 0.015 }).attenuator!.shape, columns: 32, slices: 10, pixel: 8, sliceSpacing: 8, axis: AXIS, zCenter: Z, seriesInstanceUID: '2.25.704' });

  it('writes what the golden files hold: OSEM with the CT μ-map, a short-axis volume and the display page', async () => {
    // a kit of its own: the Series Numbers do not depend on what the other tests ran
    const r = await testPlugin(new URL('../..', import.meta.url), plugin).run('nm-recon', nmTestSeries([small]), {
      method: 'osem', iterations: 2, subsets: 4, attenuation: 'ct', ctSeries: '2.25.704', reorient: true,
    }, { studySeries: [nmTestSeries(ct)] });
    expect(r.objects.map((o) => o.output)).toEqual(['recon', 'short-axis', 'vertical-long-axis', 'horizontal-long-axis', 'page']);
    expectDerivedToMatchGolden(r.output('recon')[0]!, 'golden/nm-recon-transaxial.json');
    expectDerivedToMatchGolden(r.output('short-axis')[0]!, 'golden/nm-recon-short-axis.json');
    expectDerivedToMatchGolden(r.output('page')[0]!, 'golden/nm-recon-page.json');
  });
});
