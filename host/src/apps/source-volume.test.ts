/**
 * Volumes built by the SDK from what the host gives apps: classic CT files, an Enhanced CT whose
 * frames carry their own Pixel Value Transformation, real samples (an Enhanced MR stripped of
 * its functional groups, an NM RECON TOMO reconstruction with pydicom as the referee).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SdkError, SopClass, Tag, TransferSyntax, volumeFromMultiFrame, volumeFromSeries, volumeTransform, type DicomValue } from '@atrium/sdk';
import { havePeers, runPydicom } from '../../../test/support/peers.js';
import { readSample, REPO_ROOT } from '../../../test/support/samples.js';
import { elementFromValue } from '../derive/value-element.js';
import { concatBytes } from '../io/concat-bytes.js';
import { DataSet } from '../io/data-set.js';
import { bytesElement } from '../io/element-factory.js';
import { parseDicom } from '../io/parse-part10.js';
import { EXPLICIT_LE } from '../io/transfer-syntax.js';
import { writeDataset } from '../io/write-dataset.js';
import { DICM, buildFileMeta } from '../io/write-part10.js';
import { syntheticCtSeries } from '../testing/synthetic-ct-series.js';
import { SourceInstanceImpl } from './source-instance-impl.js';
import { sourceSeriesOf } from './source-series-of.js';

const ROWS = 3;
const COLUMNS = 4;
/** HU at a patient position (even, so that slope 2 stores it exactly). */
const hu = (x: number, y: number, z: number): number => 2 * (x + 10 * y + 100 * z) - 1000;

/**
 * An Enhanced CT (Explicit VR Little Endian, signed 16-bit) of axial frames at the given z, 1 mm
 * pixels from (−1, −1): frame f stores HU through its own Rescale Slope (1 or 2) and Intercept
 * (−1024 − 2f) in its Per-frame Pixel Value Transformation; orientation and measures are shared.
 */
function enhancedCt(zs: readonly number[]): Uint8Array {
  const transformation = (f: number) => ({ slope: f % 2 === 0 ? 1 : 2, intercept: -1024 - 2 * f });
  const pixels = new Uint8Array(zs.length * ROWS * COLUMNS * 2);
  const view = new DataView(pixels.buffer);
  zs.forEach((z, f) => {
    const { slope, intercept } = transformation(f);
    for (let r = 0; r < ROWS; r++) for (let c = 0; c < COLUMNS; c++) view.setInt16(2 * ((f * ROWS + r) * COLUMNS + c), (hu(c - 1, r - 1, z) - intercept) / slope, true);
  });
  const attributes: Record<string, DicomValue> = {
    SOPClassUID: SopClass.EnhancedCTImageStorage,
    SOPInstanceUID: '2.25.4242',
    StudyInstanceUID: '2.25.4240',
    SeriesInstanceUID: '2.25.4241',
    Modality: 'CT',
    FrameOfReferenceUID: '2.25.4243',
    SamplesPerPixel: 1,
    PhotometricInterpretation: 'MONOCHROME2',
    NumberOfFrames: zs.length,
    Rows: ROWS,
    Columns: COLUMNS,
    BitsAllocated: 16,
    BitsStored: 16,
    HighBit: 15,
    PixelRepresentation: 1,
    SharedFunctionalGroupsSequence: [{ PlaneOrientationSequence: [{ ImageOrientationPatient: [1, 0, 0, 0, 1, 0] }], PixelMeasuresSequence: [{ PixelSpacing: [1, 1], SliceThickness: 1 }] }],
    PerFrameFunctionalGroupsSequence: zs.map((z, f) => ({
      PlanePositionSequence: [{ ImagePositionPatient: [-1, -1, z] }],
      PixelValueTransformationSequence: [{ RescaleSlope: transformation(f).slope, RescaleIntercept: transformation(f).intercept, RescaleType: 'HU' }],
    })),
  };
  const elements = [...Object.entries(attributes).map(([k, v]) => elementFromValue(k, v, [])), bytesElement(Tag.PixelData, 'OW', pixels)].sort((a, b) => (a.tag >>> 0) - (b.tag >>> 0));
  const dataset = new DataSet(elements, EXPLICIT_LE);
  return concatBytes([new Uint8Array(128), DICM, writeDataset(buildFileMeta(dataset, TransferSyntax.ExplicitVRLittleEndian)), writeDataset(dataset, EXPLICIT_LE)]);
}

const instanceOf = (bytes: Uint8Array): SourceInstanceImpl => new SourceInstanceImpl(parseDicom(bytes));

describe('an Enhanced CT through the host', () => {
  const zs = [4, 0, 6, 2];
  const instance = instanceOf(enhancedCt(zs));

  it('frame(f, { rescale: true }) applies the frame\'s own Pixel Value Transformation (PS3.3 C.7.6.16.2.9)', async () => {
    for (const [f, z] of zs.entries()) {
      const frame = await instance.frame(f, { rescale: true });
      expect(Array.from(frame.data), `frame ${f}`).toEqual(Array.from({ length: ROWS * COLUMNS }, (_, p) => hu((p % COLUMNS) - 1, Math.floor(p / COLUMNS) - 1, z)));
    }
    const stored = await instance.frame(1, { rescale: false });
    expect(stored.data[0]).toBe((hu(-1, -1, 0) + 1026) / 2); // frame 1: slope 2, intercept −1026
  });

  it('gives a volume in HU with every voxel where the functional groups put it', async () => {
    const v = await volumeFromMultiFrame(instance);
    expect([v.dimensions, v.spacing, v.origin, v.frameOfReferenceUID, v.unit]).toEqual([[COLUMNS, ROWS, 4], [1, 1, 2], [-1, -1, 0], '2.25.4243', 'HU']);
    expect(v.voxels).toBeInstanceOf(Int16Array);
    const t = volumeTransform(v);
    for (let k = 0; k < 4; k++) for (let j = 0; j < ROWS; j++) for (let i = 0; i < COLUMNS; i++) {
      expect(v.voxels[i + COLUMNS * (j + ROWS * k)]).toBe(hu(...t.indexToPatient([i, j, k])));
    }
    const fromSeries = await volumeFromSeries(sourceSeriesOf([instance]));
    expect(Array.from(fromSeries.voxels)).toEqual(Array.from(v.voxels));
  });
});

describe('classic CT files through the host', () => {
  it('gives the HU of each file in its place along the normal', async () => {
    const files = syntheticCtSeries({ slices: 5, rows: 16, columns: 16, spacing: 2.5 });
    const instances = files.map(instanceOf).reverse();
    const v = await volumeFromSeries(sourceSeriesOf(instances));
    expect(v.dimensions).toEqual([16, 16, 5]);
    expect(v.spacing[2]).toBeCloseTo(2.5, 9);
    expect(v.origin[2]).toBe(-10); // slice k at z = −2.5·k: the lowest first
    for (const [k, source] of (v.sliceSources ?? []).entries()) {
      const inst = instances.find((i) => i.sopInstanceUID === source.sopInstanceUID)!;
      expect(inst.numbers('ImagePositionPatient')[2]).toBe(-10 + 2.5 * k);
      const frame = await inst.frame(0, { rescale: true });
      expect(Array.from(v.voxels.subarray(k * 256, (k + 1) * 256))).toEqual(Array.from(frame.data));
    }
  });
});

describe('real samples', () => {
  it('refuses an Enhanced MR whose functional groups were stripped (samples/mr/emri_small.dcm): its frames have no positions', async () => {
    const e = await volumeFromMultiFrame(instanceOf(readSample('mr/emri_small.dcm'))).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(SdkError);
    expect((e as SdkError).code).toBe('ATRIUM_ERR_VOLUME_INPUT');
    expect((e as SdkError).message).toContain('has 10 frame(s) but neither functional groups');
  });

  const jaszack = join(REPO_ROOT, 'test', 'fixtures', 'nm', 'Jaszack.dcm');

  it('builds the NM RECON TOMO reconstruction of a Jaszczak phantom (negative Spacing Between Slices, no Frame of Reference)', async () => {
    const v = await volumeFromMultiFrame(instanceOf(new Uint8Array(readFileSync(jaszack))));
    expect(v.dimensions).toEqual([128, 128, 45]);
    v.spacing.forEach((s) => expect(s).toBeCloseTo(4.13, 5));
    expect(v.frameOfReferenceUID).toBeUndefined();
    // Slice 1 at (0, −264.32, −165.2); slices 44 · 4.13 mm further along −z: the volume starts at slice 45.
    expect(v.origin[2]).toBeCloseTo(-165.199986 - 44 * 4.12999964, 4);
    expect(v.sliceSources?.map((s) => s.frame)).toEqual(Array.from({ length: 45 }, (_, k) => 44 - k));
  });

  it.skipIf(!havePeers('pydicom'))('puts in each slice the frame pydicom reads for it', async () => {
    const v = await volumeFromMultiFrame(instanceOf(new Uint8Array(readFileSync(jaszack))));
    const sums = JSON.parse(runPydicom('import sys, json, pydicom\nds = pydicom.dcmread(sys.argv[1])\nprint(json.dumps([int(f.sum()) for f in ds.pixel_array]))', [jaszack])) as number[];
    const plane = 128 * 128;
    const ours = Array.from({ length: 45 }, (_, k) => Array.from(v.voxels.subarray(k * plane, (k + 1) * plane), Number).reduce((a, b) => a + b, 0));
    expect(ours).toEqual(v.sliceSources!.map((s) => sums[s.frame]));
  });
});
