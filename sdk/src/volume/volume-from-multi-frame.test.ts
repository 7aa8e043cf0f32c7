import { describe, expect, it } from 'vitest';
import type { DicomItem, DicomValue } from '../app/dicom-value.js';
import { SdkError } from '../sdk-error.js';
import { fakeInstance, sampleFrame, type Phantom, type Plane } from './test-support/fake-source.js';
import type { Vec3 } from './volume.js';
import { volumeFromMultiFrame } from './volume-from-multi-frame.js';
import { volumeFromSeries } from './volume-from-series.js';
import { volumeTransform } from './volume-transform.js';

const coded = async (p: Promise<unknown>): Promise<SdkError> => {
  const e = await p.then(() => undefined, (x: unknown) => x);
  expect(e).toBeInstanceOf(SdkError);
  return e as SdkError;
};
const voxel = (v: { dimensions: readonly number[]; voxels: ArrayLike<number> }, i: number, j: number, k: number): number =>
  v.voxels[i + v.dimensions[0]! * (j + v.dimensions[1]! * k)]!;
const ORIENTATION = [1, 0, 0, 0, 0, -1] as const; // coronal: rows along +x, columns toward the feet; normal (0, 1, 0)
const SPACING = [0.8, 0.6] as const;

/** An Enhanced CT whose frame f lies at `positions[f]` (Plane Position per frame; orientation and measures shared). */
function enhancedCt(positions: readonly Vec3[], phantom: Phantom, content: (f: number) => DicomItem = () => ({}), extra: Record<string, DicomValue> = {}) {
  const planes: Plane[] = positions.map((position) => ({ position, orientation: ORIENTATION, pixelSpacing: SPACING }));
  const attributes: Record<string, DicomValue> = {
    SOPClassUID: '1.2.840.10008.5.1.4.1.1.2.1',
    Modality: 'CT',
    FrameOfReferenceUID: '2.25.50',
    Rows: 3,
    Columns: 4,
    NumberOfFrames: positions.length,
    SharedFunctionalGroupsSequence: [{
      PlaneOrientationSequence: [{ ImageOrientationPatient: [...ORIENTATION] }],
      PixelMeasuresSequence: [{ PixelSpacing: [...SPACING], SliceThickness: 1.5 }],
      PixelValueTransformationSequence: [{ RescaleSlope: 1, RescaleIntercept: -1024, RescaleType: 'HU' }],
    }],
    PerFrameFunctionalGroupsSequence: positions.map((p, f) => ({ PlanePositionSequence: [{ ImagePositionPatient: [...p] }], FrameContentSequence: [content(f)] })),
    ...extra,
  };
  return fakeInstance('2.25.60', attributes, (f) => sampleFrame(planes[f]!, 3, 4, phantom, 'float64'), positions.length);
}

describe('volumeFromMultiFrame: Enhanced CT / MR (functional groups)', () => {
  const phantom: Phantom = (x, y, z) => 10 * x + 100 * y + z;
  const at = (y: number): Vec3 => [-2, y, 40];

  it('places every frame by its Plane Position and the shared orientation and measures, sorted along the normal', async () => {
    const instance = enhancedCt([at(6), at(0), at(4), at(2)], phantom);
    const v = await volumeFromMultiFrame(instance);
    expect(v.dimensions).toEqual([4, 3, 4]);
    expect(v.spacing).toEqual([0.6, 0.8, 2]);
    expect(v.origin).toEqual([-2, 0, 40]);
    expect(v.direction).toEqual([[1, 0, 0], [0, 0, -1], [0, 1, 0]]);
    expect([v.frameOfReferenceUID, v.unit]).toEqual(['2.25.50', 'HU']);
    expect(v.sliceSources).toEqual([1, 3, 2, 0].map((frame) => ({ sopInstanceUID: '2.25.60', frame })));
    const t = volumeTransform(v);
    for (const [i, j, k] of [[0, 0, 0], [3, 2, 3], [1, 2, 1]] as const) expect(voxel(v, i, j, k)).toBeCloseTo(phantom(...t.indexToPatient([i, j, k])), 3);
  });

  it('a series of one multi-frame image goes to the same builder', async () => {
    const instance = enhancedCt([at(0), at(2)], phantom);
    const v = await volumeFromSeries({ studyInstanceUID: '2.25.1', seriesInstanceUID: '2.25.2', modality: 'CT', instances: [instance], geometry: undefined });
    expect(v.dimensions).toEqual([4, 3, 2]);
  });

  it('places a series of single-frame enhanced images by their functional groups', async () => {
    const instances = [at(4), at(0), at(2)].map((p) => enhancedCt([p], phantom));
    const v = await volumeFromSeries({ studyInstanceUID: '2.25.1', seriesInstanceUID: '2.25.2', modality: 'CT', instances, geometry: undefined });
    expect([v.dimensions, v.origin, v.spacing]).toEqual([[4, 3, 3], [-2, 0, 40], [0.6, 0.8, 2]]);
  });

  it('refuses frames that share positions (two temporal positions), naming them; builds one temporal position from `frames`', async () => {
    const positions = [at(0), at(2), at(4), at(0), at(2), at(4)];
    const instance = enhancedCt(positions, phantom, (f) => ({ StackID: '1', InStackPositionNumber: (f % 3) + 1, TemporalPositionIndex: f < 3 ? 1 : 2 }));
    const e = await coded(volumeFromMultiFrame(instance));
    expect(e.code).toBe('ATRIUM_ERR_VOLUME_GEOMETRY');
    expect(e.message).toContain('same position along the normal (frame 1 (stack 1, position 1, temporal position 1) of 2.25.60, frame 4 (stack 1, position 1, temporal position 2) of 2.25.60)');
    expect(e.message).toContain('choose the frames of one with the `frames` option');
    const second = await volumeFromMultiFrame(instance, { frames: [3, 4, 5] });
    expect(second.sliceSources?.map((s) => s.frame)).toEqual([3, 4, 5]);
    const bad = await coded(volumeFromMultiFrame(instance, { frames: [0, 6] }));
    expect([bad.code, bad.message]).toEqual(['ATRIUM_ERR_VOLUME_INPUT', 'frame 6 is not a frame of 2.25.60 (0 to 5)']);
    expect((await coded(volumeFromMultiFrame(instance, { frames: [1, 1] }))).message).toBe('frame 1 is chosen twice');
  });

  it('refuses a multi-frame image whose frames have no positions (an Enhanced MR stripped of its functional groups)', async () => {
    const stripped = fakeInstance('2.25.61', { SOPClassUID: '1.2.840.10008.5.1.4.1.1.4.1', Modality: 'MR', Rows: 2, Columns: 2, NumberOfFrames: 10 }, () => sampleFrame({ position: [0, 0, 0], orientation: [1, 0, 0, 0, 1, 0], pixelSpacing: [1, 1] }, 2, 2, () => 0), 10);
    const e = await coded(volumeFromMultiFrame(stripped));
    expect(e.code).toBe('ATRIUM_ERR_VOLUME_INPUT');
    expect(e.message).toBe('2.25.61 has 10 frame(s) but neither functional groups (PS3.3 C.7.6.16: Plane Position / Orientation (Patient), Pixel Measures) nor NM slice geometry (Slice Vector, Detector Information Sequence): its frames have no positions');
  });

  it('refuses per-frame items that do not match Number of Frames', async () => {
    const instance = enhancedCt([at(0), at(2)], phantom);
    const lying = fakeInstance('2.25.62', { ...Object.fromEntries(['Rows', 'Columns', 'SharedFunctionalGroupsSequence'].map((k) => [k, instance.attribute(k)!])), PerFrameFunctionalGroupsSequence: [(instance.attribute('PerFrameFunctionalGroupsSequence') as DicomItem[])[0]!] }, () => sampleFrame({ position: at(0), orientation: ORIENTATION, pixelSpacing: SPACING }, 3, 4, phantom), 2);
    const e = await coded(volumeFromMultiFrame(lying));
    expect([e.code, e.message]).toEqual(['ATRIUM_ERR_VOLUME_INPUT', '2.25.62 has 1 Per-frame Functional Groups Sequence item(s) for 2 frames (PS3.3 C.7.6.16)']);
  });
});

describe('volumeFromMultiFrame: NM RECON TOMO', () => {
  /** An NM reconstruction of `sliceVector.length` frames, frame f being slice sliceVector[f]. */
  function reconTomo(sliceVector: readonly number[], spacingBetweenSlices: number, imageType = 'RECON TOMO') {
    const position: Vec3 = [-100, -120, 50];
    const orientation = [1, 0, 0, 0, 1, 0] as const; // normal +z
    const planeOf = (slice: number): Plane => ({ position: [position[0], position[1], position[2] + (slice - 1) * spacingBetweenSlices], orientation, pixelSpacing: [4, 4] });
    const attributes: Record<string, DicomValue> = {
      SOPClassUID: '1.2.840.10008.5.1.4.1.1.20',
      Modality: 'NM',
      ImageType: ['DERIVED', 'PRIMARY', imageType, 'EMISSION'],
      Rows: 2,
      Columns: 2,
      PixelSpacing: [4, 4],
      SpacingBetweenSlices: spacingBetweenSlices,
      SliceVector: [...sliceVector],
      NumberOfSlices: Math.max(...sliceVector),
      DetectorInformationSequence: [{ ImagePositionPatient: [...position], ImageOrientationPatient: [...orientation] }],
      Units: 'CNTS',
    };
    return fakeInstance('2.25.70', attributes, (f) => sampleFrame(planeOf(sliceVector[f]!), 2, 2, (_x, _y, z) => z), sliceVector.length);
  }

  it('stacks slice s at Image Position (Patient) + (s − 1) · Spacing Between Slices along the normal', async () => {
    const v = await volumeFromMultiFrame(reconTomo([1, 2, 3, 4], 4));
    expect([v.origin, v.spacing, v.direction[2], v.unit, v.frameOfReferenceUID]).toEqual([[-100, -120, 50], [4, 4, 4], [0, 0, 1], 'CNTS', undefined]);
    expect([0, 1, 2, 3].map((k) => voxel(v, 1, 1, k))).toEqual([50, 54, 58, 62]);
  });

  it('reads a negative Spacing Between Slices (written by some systems) as slices stacked against the normal', async () => {
    const v = await volumeFromMultiFrame(reconTomo([1, 2, 3, 4], -4));
    expect([v.origin, v.spacing]).toEqual([[-100, -120, 38], [4, 4, 4]]);
    expect([0, 1, 2, 3].map((k) => voxel(v, 0, 0, k))).toEqual([38, 42, 46, 50]);
    expect(v.sliceSources?.map((s) => s.frame)).toEqual([3, 2, 1, 0]);
  });

  it('refuses gated frames sharing slices unless one gate is chosen; refuses projections', async () => {
    const gated = reconTomo([1, 2, 3, 1, 2, 3], 4, 'RECON GATED TOMO');
    const e = await coded(volumeFromMultiFrame(gated));
    expect(e.message).toContain('same position along the normal (frame 1 (slice 1) of 2.25.70, frame 4 (slice 1) of 2.25.70)');
    expect((await volumeFromMultiFrame(gated, { frames: [3, 4, 5] })).dimensions).toEqual([2, 2, 3]);
    const projections = await coded(volumeFromMultiFrame(reconTomo([1, 2], 4, 'TOMO')));
    expect([projections.code, projections.message]).toEqual(['ATRIUM_ERR_VOLUME_INPUT', '2.25.70 is an NM image whose frames have no volume geometry: Image Type value 3 is TOMO, not RECON TOMO (projections are not a volume)']);
  });
});
