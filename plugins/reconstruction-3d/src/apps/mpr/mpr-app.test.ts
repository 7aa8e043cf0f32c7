/**
 * The MPR app as the workstation runs it (the kit: parameters as the command line gives them, the
 * input selector and load specification, the mapping engine, the store's receive validation and
 * dciodvfy on every plane) on small analytic series: geometry, HU pixels and the slices each plane
 * crosses; an MR source gives MR planes; contradictory planes are refused naming the parameter.
 */
import { SopClass } from '@atrium/sdk';
import { expectDerivedToMatchGolden, testPlugin } from '@atrium/testing';
import { describe, expect, it } from 'vitest';
import plugin from '../../index.js';
import { softBall } from '../../test-support/analytic-volume.js';
import { analyticSeries } from '../../test-support/analytic-series.js';

const kit = testPlugin(new URL('../../..', import.meta.url), plugin);
const ball = softBall([4, -3, 10], 6, 1000, 0);
/** A bone ball in a water cylinder, 32 × 32 × 20 voxels of 1 mm. */
const ct = analyticSeries((x, y, z) => (Math.hypot(x, y) < 15 ? ball(x, y, z) : -1000), { size: 32, slices: 20 });

describe('mpr on a CT', () => {
  it('writes one CT plane per requested plane with its geometry, HU pixels and the slices it crosses', async () => {
    const run = await kit.run('mpr', ct, { orientation: 'axial', count: '3', point: '4,-3,10' });
    const planes = run.output('ct-mpr');
    expect(planes).toHaveLength(3);
    const middle = planes[1]!;
    expect(middle.sopClassUID).toBe(SopClass.CTImageStorage);
    expect(middle.numbers('ImageOrientationPatient')).toEqual([1, 0, 0, 0, 1, 0]);
    expect(middle.numbers('ImagePositionPatient')[2]).toBe(10);
    expect(middle.attribute('ImageType')).toEqual(['DERIVED', 'SECONDARY', 'AXIAL']);
    expect(middle.attribute('DerivationCodeSequence')).toEqual([{ CodeValue: '113072', CodingSchemeDesignator: 'DCM', CodeMeaning: 'Multiplanar reformatting' }]);
    // HU as stored: the identity rescale (Rescale Type is written only for values that are not HU).
    expect([middle.number('RescaleIntercept'), middle.number('RescaleSlope'), middle.string('RescaleType')]).toEqual([0, 1, undefined]);
    // An axial plane on slice 11 takes its values from that slice only (linear interpolation).
    const referenced = (middle.attribute('SourceImageSequence') as { ReferencedSOPInstanceUID: string }[]).map((i) => i.ReferencedSOPInstanceUID);
    expect(referenced).toEqual([ct.sopInstanceUIDs[10]]);
    const frame = await middle.frame(0, { rescale: true });
    expect([frame.rows, frame.columns, middle.number('PixelRepresentation'), middle.number('BitsAllocated')]).toEqual([32, 32, 1, 16]);
    expect(Math.max(...frame.data)).toBe(1000);
    // The series lands in the source study, in its Frame of Reference, made by the workstation.
    expect([middle.studyInstanceUID, middle.string('FrameOfReferenceUID')]).toEqual([ct.studyInstanceUID, ct.source.instances[0]!.string('FrameOfReferenceUID')]);
    expect([middle.string('Manufacturer'), middle.string('ManufacturerModelName')]).toEqual(['Atrium', 'Multiplanar reformatting']);
    expect(run.result.data).toMatchObject({ planes: 3, slab: 'thin', pixelSpacing: 1 });
  });

  it('records a slab in Image Type, the derivation codes (MPR + MIP) and Slice Thickness', async () => {
    const run = await kit.run('mpr', ct, { orientation: 'coronal', count: '1', point: '4,-3,10', slab: 'mip', thickness: '8' });
    const [plane] = run.output('ct-mpr');
    expect(plane!.numbers('ImageOrientationPatient')).toEqual([1, 0, 0, 0, 0, -1]);
    expect(plane!.number('SliceThickness')).toBe(8);
    expect((plane!.attribute('DerivationCodeSequence') as { CodeValue: string }[]).map((c) => c.CodeValue)).toEqual(['113072', '113078']);
    expect(plane!.string('SeriesDescription')).toBe('MPR coronal, MIP 8 mm, 1 mm');
  });

  it('refuses contradictory planes with the parameter named', async () => {
    const refuse = async (raw: Record<string, unknown>) => (await kit.run('mpr', ct, raw).then(() => undefined, (e: { code?: string; message: string }) => `${e.code}: ${e.message}`));
    expect(await refuse({ orientation: 'oblique' })).toMatch(/^ATRIUM_ERR_PARAM_INVALID: parameter "normal" is needed/);
    expect(await refuse({ orientation: 'coronal', normal: '0,1,0' })).toMatch(/^ATRIUM_ERR_PARAM_INVALID: parameter "normal" applies only to orientation=oblique/);
    expect(await refuse({ orientation: 'oblique', normal: '0,1,0', points: '0,0,0;1,0,0;0,1,0' })).toMatch(/^ATRIUM_ERR_PARAM_INVALID: parameter "points" cannot be given with "normal"/);
    expect(await refuse({ orientation: 'oblique', normal: '0,0,0' })).toMatch(/^ATRIUM_ERR_PARAM_INVALID: parameter "normal"/);
    expect(await refuse({ orientation: 'oblique', normal: '0,1' })).toMatch(/^ATRIUM_ERR_PARAM_INVALID: parameter "normal"/);
    expect(await refuse({ thickness: '2' })).toMatch(/^ATRIUM_ERR_PARAM_INVALID: parameter "thickness" applies only to slab modes/);
    expect(await refuse({ orientation: 'axial', point: '0,0,900', count: '3' })).toMatch(/^ATRIUM_ERR_PARAM_INVALID/);
    expect(await refuse({ engine: 'vtk', interpolation: 'cubic' })).toMatch(/^ATRIUM_ERR_PARAM_INVALID: parameter "interpolation"/);
    expect(await refuse({ orientation: 'diagonal' })).toMatch(/^ATRIUM_ERR_PARAM_INVALID: parameter "orientation"/);
    expect(await refuse({ orientation: 'oblique', points: '0,0,0;1,1,1;2,2,2' })).toMatch(/^ATRIUM_ERR_PARAM_INVALID: parameter "points".*zero vector/);
    expect(await refuse({ slab: 'mip' })).toMatch(/^ATRIUM_ERR_PARAM_INVALID: parameter "thickness" must be above 0 for slab=mip/);
    expect(await refuse({ pixelSpacing: '0.001' })).toMatch(/^ATRIUM_ERR_PARAM_INVALID: parameter "pixelSpacing": a plane would be .* give a larger "pixelSpacing"/);
    expect(await refuse({ spacing: '0.001' })).toMatch(/^ATRIUM_ERR_PARAM_INVALID: parameter "spacing": \d+ planes of 0\.001 mm \(at most 4096\)/);
  });

  it('writes what the golden file holds: one axial CT plane through the ball', async () => {
    const run = await kit.run('mpr', ct, { orientation: 'axial', count: '1', point: '4,-3,10' });
    expectDerivedToMatchGolden(run.output('ct-mpr')[0]!, 'golden/mpr-ct-plane.json');
  });
});

describe('mpr on an MR', () => {
  const mr = analyticSeries((x, y, z) => (Math.hypot(x, y) < 15 ? 200 + ball(x, y, z) / 2 : 0), { size: 24, slices: 12, modality: 'MR', seed: 'mpr-mr' });

  it('writes MR planes (MR Image IOD: Image Type MPR, the source\'s sequence), and the golden file holds a sagittal one', async () => {
    const run = await kit.run('mpr', mr, { orientation: 'sagittal', count: '1', point: '4,-3,6' });
    const [plane] = run.output('mr-mpr');
    expect(run.output('ct-mpr')).toEqual([]);
    expect(plane!.sopClassUID).toBe(SopClass.MRImageStorage);
    expect(plane!.attribute('ImageType')).toEqual(['DERIVED', 'SECONDARY', 'MPR']);
    expect(plane!.numbers('ImageOrientationPatient')).toEqual([0, 1, 0, 0, 0, -1]);
    expect([plane!.string('ScanningSequence'), plane!.string('SequenceVariant'), plane!.number('RepetitionTime')]).toEqual(['SE', 'NONE', 500]);
    expect(plane!.attribute('RescaleSlope')).toBeUndefined();
    expectDerivedToMatchGolden(plane!, 'golden/mpr-mr-plane.json');
  });
});
