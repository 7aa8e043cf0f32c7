/**
 * The surface export as the workstation runs it (the kit: the engine, the receive validation,
 * dciodvfy on the Encapsulated STL) on a small analytic CT: the ball's iso-surface in patient mm,
 * its volume within 3 %, the model's Frame of Reference and units; an iso-value that meets nothing
 * and a mesh file of another kind are refused before anything is written.
 */
import { SopClass } from '@atrium/sdk';
import { expectDerivedToMatchGolden, testPlugin } from '@atrium/testing';
import { describe, expect, it } from 'vitest';
import plugin from '../../index.js';
import { softBall } from '../../test-support/analytic-volume.js';
import { analyticSeries } from '../../test-support/analytic-series.js';

const kit = testPlugin(new URL('../../..', import.meta.url), plugin);
const ball = softBall([4, -3, 10], 6, 1000, 0);
const ct = analyticSeries((x, y, z) => (Math.hypot(x, y) < 15 ? ball(x, y, z) : -1000), { size: 32, slices: 20 });

describe('surface', () => {
  it('writes the ball as an Encapsulated STL in mm, in the source\'s Frame of Reference', async () => {
    const run = await kit.run('surface', ct, { isoValue: '500' });
    const [model] = run.output('surface');
    expect(model!.sopClassUID).toBe(SopClass.EncapsulatedSTLStorage);
    expect([model!.string('Modality'), model!.string('MIMETypeOfEncapsulatedDocument')]).toEqual(['M3D', 'model/stl']);
    expect(model!.attribute('MeasurementUnitsCodeSequence')).toEqual([{ CodeValue: 'mm', CodingSchemeDesignator: 'UCUM', CodeMeaning: 'mm' }]);
    expect(model!.string('FrameOfReferenceUID')).toBe(ct.source.instances[0]!.string('FrameOfReferenceUID'));
    // Enhanced General Equipment (Type 1): the workstation, its station as the serial number.
    expect([model!.string('Manufacturer'), model!.string('ManufacturerModelName'), model!.string('DeviceSerialNumber'), model!.string('SoftwareVersions')]).toEqual(['Atrium', 'Surface export (STL)', 'ATRIUM-TESTING', '0.1.0']);
    const stl = model!.attribute('EncapsulatedDocument') as Uint8Array;
    const triangles = run.result.data!.triangles as number;
    expect(new DataView(stl.buffer, stl.byteOffset).getUint32(80, true)).toBe(triangles);
    // The document's length without the padding to an even length (PS3.3 C.24.2): 84 + 50 bytes a triangle.
    expect(model!.number('EncapsulatedDocumentLength')).toBe(84 + 50 * triangles);
    expect(Math.abs((run.result.data!.volumeMm3 as number) / ((4 / 3) * Math.PI * 6 ** 3) - 1)).toBeLessThan(0.03);
    expect((run.result.data!.min as number[]).map(Math.round)).toEqual([-2, -9, 4]);
    expect((run.result.data!.max as number[]).map(Math.round)).toEqual([10, 3, 16]);
  });

  it('refuses an iso-value that meets nothing (giving the values found), a bone seed outside the volume, and a mesh file of another kind before any work', async () => {
    await expect(kit.run('surface', ct, { isoValue: '9000' })).rejects.toMatchObject({ code: 'ATRIUM_ERR_PARAM_INVALID', message: expect.stringMatching(/parameter "isoValue": no surface at 9000 HU in the volume \(values -1000…1000\)/) });
    await expect(kit.run('surface', ct, { boneSeed: '500,0,0' })).rejects.toMatchObject({ code: 'ATRIUM_ERR_PARAM_INVALID', message: expect.stringContaining('"boneSeed" 500,0,0 mm lies outside the volume') });
    const progress: number[] = [];
    await expect(kit.run('surface', ct, { meshFile: 'bone.ply' }, { onProgress: (f) => progress.push(f) })).rejects.toMatchObject({ code: 'ATRIUM_ERR_PARAM_INVALID', message: expect.stringContaining('parameter "meshFile" must end in .stl or .obj (got "bone.ply")') });
    expect(progress).toEqual([]);
  });

  it('writes what the golden file holds: the model of the ball at 500 HU', async () => {
    const run = await kit.run('surface', ct, { isoValue: '500' });
    expectDerivedToMatchGolden(run.output('surface')[0]!, 'golden/surface-stl.json');
  });
});
