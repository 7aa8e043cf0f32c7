/**
 * The four apps on a small analytic series (a bone ball in water) with a fake run context: what
 * they ask the engine to write — geometry, derivation, sources, pixels, private block — and what
 * they refuse.
 */
import { describe, expect, it } from 'vitest';
import { SdkError, type DicomItem, type Parameters, type ParameterSchema, validateParameters } from '@atrium/sdk';
import { softBall } from '../test-support/analytic-volume.js';
import { fakeAxialSeries, fakeRun } from '../test-support/fake-run.js';
import { VIEW_CREATOR } from '../score3d-private-block.js';
import { mipApp } from './mip/mip-app.js';
import { mprApp } from './mpr/mpr-app.js';
import { render3dApp } from './render3d/render3d-app.js';
import { surfaceApp } from './surface/surface-app.js';

const ball = softBall([4, -3, 10], 6, 1000, 0);
const series = fakeAxialSeries((x, y, z) => (Math.hypot(x, y) < 15 ? ball(x, y, z) : -1000), { size: 32, slices: 20, spacing: 1, sliceSpacing: 1 });
const params = <S extends ParameterSchema>(schema: S, raw: Record<string, unknown> = {}): Parameters<S> => validateParameters(schema, raw);
const codeOf = async (f: () => Promise<unknown>): Promise<string | undefined> => {
  try {
    await f();
    return undefined;
  } catch (e) {
    return e instanceof SdkError ? e.code : String(e);
  }
};

describe('mpr', () => {
  it('writes one CT plane per requested plane with its geometry, HU pixels and the slices it crosses', async () => {
    const run = fakeRun();
    const result = await mprApp.run(run.ctx, series, params(mprApp.parameters, { orientation: 'axial', count: 3, point: '4,-3,10' }));
    expect(run.writes.map((w) => w.output)).toEqual(['ct-mpr', 'ct-mpr', 'ct-mpr']);
    const [middle] = run.writes.slice(1, 2);
    const content = middle!.request.content!;
    expect(content.ImageOrientationPatient).toEqual([1, 0, 0, 0, 1, 0]);
    expect((content.ImagePositionPatient as number[])[2]).toBe(10);
    expect(content.ImageType).toEqual(['AXIAL']);
    expect((content.DerivationCodeSequence as DicomItem[])[0]).toEqual({ CodeValue: '113072', CodingSchemeDesignator: 'DCM', CodeMeaning: 'Multiplanar reformatting' });
    expect([content.RescaleIntercept, content.RescaleSlope, content.RescaleType]).toEqual([0, 1, 'HU']);
    // An axial plane on slice 11 takes its values from that slice only (linear interpolation).
    expect(middle!.request.sources.map((s) => s.number('InstanceNumber'))).toEqual([11]);
    const pixels = middle!.request.pixels!;
    expect([pixels.signed, pixels.bitsAllocated, pixels.rows, pixels.columns]).toEqual([true, 16, 32, 32]);
    expect(Math.max(...(pixels.data as Int16Array))).toBe(1000);
    expect(result.data).toMatchObject({ planes: 3, slab: 'thin', pixelSpacing: 1 });
  });

  it('refuses contradictory planes with the parameter named', async () => {
    const refuse = (raw: Record<string, unknown>) => codeOf(() => mprApp.run(fakeRun().ctx, series, params(mprApp.parameters, raw)));
    expect(await refuse({ orientation: 'oblique' })).toBe('ATRIUM_ERR_PARAM_INVALID');
    expect(await refuse({ orientation: 'coronal', normal: '0,1,0' })).toBe('ATRIUM_ERR_PARAM_INVALID');
    expect(await refuse({ orientation: 'oblique', normal: '0,1,0', points: '0,0,0;1,0,0;0,1,0' })).toBe('ATRIUM_ERR_PARAM_INVALID');
    expect(await refuse({ orientation: 'oblique', normal: '0,0,0' })).toBe('ATRIUM_ERR_PARAM_INVALID');
    expect(await refuse({ orientation: 'oblique', normal: '0,1' })).toBe('ATRIUM_ERR_PARAM_INVALID');
    expect(await refuse({ thickness: 2 })).toBe('ATRIUM_ERR_PARAM_INVALID');
    expect(await refuse({ orientation: 'axial', point: '0,0,900', count: 3 })).toBe('ATRIUM_ERR_PARAM_INVALID');
    expect(await refuse({ engine: 'vtk', interpolation: 'cubic' })).toBe('ATRIUM_ERR_PARAM_INVALID');
  });
});

describe('mip', () => {
  it('writes one grey Secondary Capture per angle, with the angle, the orientation and the private block', async () => {
    const run = fakeRun();
    await mipApp.run(run.ctx, series, params(mipApp.parameters, { projections: 4 }));
    expect(run.writes).toHaveLength(4);
    const views = run.writes.map((w) => w.request);
    expect(views.map((v) => v.content!.PatientOrientation)).toEqual([['L', 'F'], ['P', 'F'], ['R', 'F'], ['A', 'F']]);
    expect(views.map((v) => (v.privateData![VIEW_CREATOR]!.camera as number[])[0])).toEqual([0, 90, 180, 270]);
    expect(views.every((v) => v.privateData![VIEW_CREATOR]!.renderingMode === 'MIP' && v.privateData![VIEW_CREATOR]!.sourceSeries === '2.25.70')).toBe(true);
    expect(views[0]!.pixels).toMatchObject({ samplesPerPixel: 1, bitsAllocated: 8 });
    expect(views[1]!.content!.ImageComments).toMatch(/^MIP projection 2 of 4 at 90 degrees about the head-foot axis/);
  });
});

describe('render-3d', () => {
  it('asks the renderer for one scene with every view, and writes RGB views with the view parameters', async () => {
    const run = fakeRun({ render: true });
    const big = fakeAxialSeries((x, y, z) => ball(x, y, z), { size: 40, slices: 20, spacing: 1, sliceSpacing: 1 });
    await render3dApp.run(run.ctx, big, params(render3dApp.parameters, { views: 3, size: 64, renderResolution: 32, preset: 'vessels' }));
    expect(run.scenes).toHaveLength(1);
    const scene = run.scenes[0]!;
    expect(scene.cameras).toHaveLength(3);
    expect(scene.volume!.grid.dimensions).toEqual([20, 20, 10]); // 40×40×20 drawn at half the resolution
    expect(scene.volume!.blend).toBe('composite');
    expect(run.writes.map((w) => (w.request.privateData![VIEW_CREATOR]!.camera as number[])[0])).toEqual([0, 120, 240]);
    expect(run.writes[0]!.request.privateData![VIEW_CREATOR]!.window).toEqual([300, 600]);
    expect(run.writes[0]!.request.pixels).toMatchObject({ samplesPerPixel: 3, rows: 64, columns: 64 });
  });

  it('gives the renderer the iso-surface in surface mode, and says when the host has no renderer', async () => {
    const run = fakeRun({ render: true });
    await render3dApp.run(run.ctx, series, params(render3dApp.parameters, { mode: 'surface', isoValue: 500, size: 64 }));
    expect(run.scenes[0]!.surfaces![0]!.triangles.length).toBeGreaterThan(300);
    expect(run.writes[0]!.request.privateData![VIEW_CREATOR]).toMatchObject({ renderingMode: 'SURFACE', isoValue: 500 });
    expect(await codeOf(() => render3dApp.run(fakeRun().ctx, series, params(render3dApp.parameters)))).toBe('ATRIUM_ERR_RENDER_UNAVAILABLE');
  });
});

describe('surface', () => {
  it('writes the ball as an Encapsulated STL in mm, and refuses an iso-value that meets nothing', async () => {
    const run = fakeRun();
    const result = await surfaceApp.run(run.ctx, series, params(surfaceApp.parameters, { isoValue: 500 }));
    const content = run.writes[0]!.request.content!;
    expect([content.Modality, content.MIMETypeOfEncapsulatedDocument]).toEqual(['M3D', 'model/stl']);
    expect(content.MeasurementUnitsCodeSequence).toEqual([{ CodeValue: 'mm', CodingSchemeDesignator: 'UCUM', CodeMeaning: 'mm' }]);
    const stl = content.EncapsulatedDocument as Uint8Array;
    expect(new DataView(stl.buffer, stl.byteOffset).getUint32(80, true)).toBe(result.data!.triangles);
    expect(Math.abs((result.data!.volumeMm3 as number) / ((4 / 3) * Math.PI * 6 ** 3) - 1)).toBeLessThan(0.03);
    expect(await codeOf(() => surfaceApp.run(fakeRun().ctx, series, params(surfaceApp.parameters, { isoValue: 9000 })))).toBe('ATRIUM_ERR_PARAM_INVALID');
  });
});
