/**
 * An Enhanced CT (one multi-frame image: Plane Position per frame, Plane Orientation, Pixel Measures
 * and Pixel Value Transformation shared) through the MPR and surface apps: the volume comes from the
 * functional groups, the reformatted planes are classic CT images in its Frame of Reference whose
 * Source Image Sequence references the multi-frame image, and every output passes dciodvfy.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { SopClass, Tag, TransferSyntax, type DicomValue } from '@atrium/sdk';
import { elementFromValue } from '../../host/src/derive/value-element.js';
import { concatBytes } from '../../host/src/io/concat-bytes.js';
import { DataSet } from '../../host/src/io/data-set.js';
import { bytesElement } from '../../host/src/io/element-factory.js';
import { parseDicom } from '../../host/src/io/parse-part10.js';
import { EXPLICIT_LE } from '../../host/src/io/transfer-syntax.js';
import { writeDataset } from '../../host/src/io/write-dataset.js';
import { DICM, buildFileMeta } from '../../host/src/io/write-part10.js';
import { openWorkstation } from '../../host/src/store/open-workstation.js';
import { BONE_BALL, phantomHu } from '../support/ball-rod-phantom.js';
import { havePeers } from '../support/peers.js';
import { atrium, tempDir } from './cli-helpers.js';
import { dciodvfyFile } from '../support/dciodvfy.js';

const SIZE = 48;
const FRAMES = 40;
const PIXEL = 1.2;
const STEP = 1.5;
const X0 = (-(SIZE - 1) * PIXEL) / 2;

/** The ball-and-rod phantom as an Enhanced CT: frames from z = 0 down to −58.5 mm, stored as HU + 1024. */
function enhancedCt(): Uint8Array {
  const pixels = new Uint8Array(FRAMES * SIZE * SIZE * 2);
  const view = new DataView(pixels.buffer);
  for (let f = 0; f < FRAMES; f++) for (let r = 0; r < SIZE; r++) for (let c = 0; c < SIZE; c++) {
    view.setUint16(2 * ((f * SIZE + r) * SIZE + c), phantomHu(X0 + c * PIXEL, X0 + r * PIXEL, -f * STEP) + 1024, true);
  }
  const attributes: Record<string, DicomValue> = {
    SOPClassUID: SopClass.EnhancedCTImageStorage, SOPInstanceUID: '2.25.5051', StudyInstanceUID: '2.25.5050', SeriesInstanceUID: '2.25.5052',
    FrameOfReferenceUID: '2.25.5053', Modality: 'CT', PatientName: 'Enhanced^Phantom', PatientID: 'ENH-1', PatientBirthDate: '19700101', PatientSex: 'O',
    StudyDate: '20240102', StudyTime: '093000', ReferringPhysicianName: '', StudyID: '1', AccessionNumber: '', SeriesNumber: 1, InstanceNumber: 1,
    ContentDate: '20240102', ContentTime: '093000', AcquisitionDateTime: '20240102093000', Manufacturer: 'Atrium', PositionReferenceIndicator: '',
    ImageType: ['ORIGINAL', 'PRIMARY', 'AXIAL', 'NONE'], SamplesPerPixel: 1, PhotometricInterpretation: 'MONOCHROME2', NumberOfFrames: FRAMES,
    Rows: SIZE, Columns: SIZE, BitsAllocated: 16, BitsStored: 16, HighBit: 15, PixelRepresentation: 0, BurnedInAnnotation: 'NO',
    SharedFunctionalGroupsSequence: [{
      PlaneOrientationSequence: [{ ImageOrientationPatient: [1, 0, 0, 0, 1, 0] }],
      PixelMeasuresSequence: [{ PixelSpacing: [PIXEL, PIXEL], SliceThickness: STEP }],
      PixelValueTransformationSequence: [{ RescaleSlope: 1, RescaleIntercept: -1024, RescaleType: 'HU' }],
    }],
    PerFrameFunctionalGroupsSequence: Array.from({ length: FRAMES }, (_, f) => ({ PlanePositionSequence: [{ ImagePositionPatient: [X0, X0, -f * STEP] }] })),
  };
  const elements = [...Object.entries(attributes).map(([k, v]) => elementFromValue(k, v, [])), bytesElement(Tag.PixelData, 'OW', pixels)].sort((a, b) => (a.tag >>> 0) - (b.tag >>> 0));
  const dataset = new DataSet(elements, EXPLICIT_LE);
  return concatBytes([new Uint8Array(128), DICM, writeDataset(buildFileMeta(dataset, TransferSyntax.ExplicitVRLittleEndian)), writeDataset(dataset, EXPLICIT_LE)]);
}

describe('3D apps on an Enhanced CT', () => {
  const store = tempDir('atrium-3d-enhanced-');
  const run = async (app: string, ...params: string[]) => {
    const r = await atrium('--store', store, '--json', 'run', app, '--series', '2.25.5052', ...params.flatMap((p) => ['--param', p]));
    expect(r.code, `${r.err}${r.out.slice(0, 2000)}`).toBe(0);
    return JSON.parse(r.out) as { written: { sopInstanceUID: string }[]; data: Record<string, unknown> };
  };

  beforeAll(async () => {
    const dir = tempDir('atrium-3d-enhanced-in-');
    writeFileSync(join(dir, 'enhanced-ct.dcm'), enhancedCt());
    expect((await atrium('--store', store, 'import', dir)).code).toBe(0);
  }, 60_000);

  it('reformats it into classic CT planes referencing the multi-frame image, and surfaces the bone ball', async () => {
    const mpr = await run('mpr', 'orientation=sagittal', `point=${BONE_BALL.centre.join(',')}`, 'count=3');
    const ws = openWorkstation(store);
    try {
      for (const w of mpr.written) {
        const path = ws.files.absolute(ws.index.getInstances({ SOPInstanceUID: w.sopInstanceUID })[0]!.file.path);
        const ds = parseDicom(readFileSync(path)).dataset;
        expect(ds.string(Tag.SOPClassUID)).toBe(SopClass.CTImageStorage);
        expect(ds.string(Tag.FrameOfReferenceUID)).toBe('2.25.5053');
        expect(ds.get(Tag.SourceImageSequence)!.items!.map((i) => i.dataset.string(Tag.ReferencedSOPInstanceUID))).toEqual(['2.25.5051']);
        if (havePeers('dciodvfy')) {
          expect(dciodvfyFile(path).errors).toEqual([]);
        }
      }
    } finally {
      ws.close();
    }
    const surface = await run('surface', 'isoValue=500');
    const r = BONE_BALL.radius;
    expect(Math.abs((surface.data.volumeMm3 as number) / ((4 / 3) * Math.PI * r ** 3) - 1)).toBeLessThan(0.03);
  });
});
