/**
 * The 3-D apps end to end through the CLI on a generated CT (a bone ball, a soft-tissue ball and a
 * tilted contrast rod in a water cylinder, with soft edges): MPR planes in the source's Frame of
 * Reference put the objects where geometry says (patient coordinates, within half a voxel) and equal
 * an independent reformat of the source files (pydicom + scipy); the rotating MIP records each view's
 * angle; the surface app's Encapsulated STL encloses the ball's volume within its bounds; every
 * output passes dciodvfy; re-runs replace. Apps run from the compiled host and plugin: build first.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Tag } from '@atrium/sdk';
import type { DataSet } from '../../host/src/io/data-set.js';
import { parseDicom, type DicomFile } from '../../host/src/io/parse-part10.js';
import { readFrame } from '../../host/src/io/pixel-access.js';
import { syntheticCtSeries } from '../../host/src/testing/synthetic-ct-series.js';
import { openWorkstation } from '../../host/src/store/open-workstation.js';
import { ballRodPhantom, BONE_BALL, CONTRAST_ROD } from '../support/ball-rod-phantom.js';
import { havePeers, runPydicom, runPython } from '../support/peers.js';
import { atrium, tempDir } from './cli-helpers.js';
import { dciodvfyFile } from '../support/dciodvfy.js';

type Vec3 = [number, number, number];
interface Written { output: string; seriesInstanceUID: string; sopInstanceUID: string; status: 'stored' | 'replaced' }
interface RunResult { summary: string; written: Written[]; data: Record<string, unknown> }

const SLICE = 1.25;
const HALF_VOXEL = SLICE / 2;

/** Image Plane of an output and the patient point of a pixel. */
function planeOf(ds: DataSet): { position: Vec3; row: Vec3; column: Vec3; spacing: number; rows: number; columns: number } {
  const o = ds.numbers(Tag.ImageOrientationPatient);
  return { position: ds.numbers(Tag.ImagePositionPatient) as Vec3, row: [o[0]!, o[1]!, o[2]!], column: [o[3]!, o[4]!, o[5]!], spacing: ds.numbers(Tag.PixelSpacing)[0]!, rows: ds.number(Tag.Rows)!, columns: ds.number(Tag.Columns)! };
}
const at = (p: ReturnType<typeof planeOf>, c: number, r: number): Vec3 => [0, 1, 2].map((a) => p.position[a]! + c * p.spacing * p.row[a]! + r * p.spacing * p.column[a]!) as Vec3;
const dot = (a: readonly number[], b: readonly number[]): number => a[0]! * b[0]! + a[1]! * b[1]! + a[2]! * b[2]!;
const cross = (a: Vec3, b: Vec3): Vec3 => [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];

/** Weighted centroid (patient mm) of the pixels in (lo, hi], weights their height above lo. */
function centroid(values: ArrayLike<number>, p: ReturnType<typeof planeOf>, lo: number, hi = Infinity): Vec3 {
  let w = 0;
  const s: Vec3 = [0, 0, 0];
  for (let r = 0; r < p.rows; r++) for (let c = 0; c < p.columns; c++) {
    const v = values[r * p.columns + c]!;
    if (v <= lo || v > hi) continue;
    const q = at(p, c, r);
    for (let a = 0; a < 3; a++) s[a] = s[a]! + (v - lo) * q[a]!;
    w += v - lo;
  }
  return s.map((x) => x / w) as Vec3;
}

describe('3D reconstruction apps on a generated CT, through the CLI', () => {
  const store = tempDir('atrium-3d-e2e-');
  const input = tempDir('atrium-3d-input-');
  const files = syntheticCtSeries({ slices: 48, rows: 64, columns: 64, pixelSpacing: 1, sliceThickness: SLICE, phantom: ballRodPhantom, seed: 3 });
  const source = parseDicom(files[0]!).dataset;
  const seriesUID = source.string(Tag.SeriesInstanceUID)!;
  const run = async (app: string, ...params: string[]): Promise<RunResult> => {
    const r = await atrium('--store', store, '--json', 'run', app, '--series', seriesUID, ...params.flatMap((p) => ['--param', p]));
    expect(r.code, `${r.err}\n${r.out.slice(0, 2000)}`).toBe(0);
    return JSON.parse(r.out) as RunResult;
  };
  const read = (w: Written): { file: DicomFile; path: string } => {
    const ws = openWorkstation(store);
    try {
      const path = ws.files.absolute(ws.index.getInstances({ SOPInstanceUID: w.sopInstanceUID })[0]!.file.path);
      return { file: parseDicom(readFileSync(path)), path };
    } finally {
      ws.close();
    }
  };
  const pixels = async (w: Written): Promise<{ plane: ReturnType<typeof planeOf>; hu: Float64Array; ds: DataSet; path: string }> => {
    const { file, path } = read(w);
    const frame = await readFrame(file, 0, { rescale: true });
    return { plane: planeOf(file.dataset), hu: Float64Array.from(frame.data), ds: file.dataset, path };
  };
  let coronal: RunResult;
  let oblique: RunResult;
  let mip: RunResult | undefined;

  beforeAll(async () => {
    files.forEach((bytes, i) => writeFileSync(join(input, `ct-${i + 1}.dcm`), bytes));
    expect((await atrium('--store', store, 'import', input)).code).toBe(0);
    coronal = await run('mpr', 'orientation=coronal');
    oblique = await run('mpr', 'orientation=oblique', 'normal=0.3,1,0.5', `point=${BONE_BALL.centre.join(',')}`, 'slab=mip', 'thickness=3', 'spacing=2');
  }, 180_000);

  it('MPR coronal: one CT instance per plane in the source Frame of Reference, exact geometry, CID 7203 derivation, source slices referenced', async () => {
    expect(coronal.written.length).toBe(64); // one plane per voxel row: y −31.5 … 31.5 mm
    let previous: number | undefined;
    for (const w of coronal.written) {
      const { ds, plane } = await pixels(w);
      expect(ds.string(Tag.SOPClassUID)).toBe(source.string(Tag.SOPClassUID));
      expect(ds.string(Tag.FrameOfReferenceUID)).toBe(source.string(Tag.FrameOfReferenceUID));
      expect(ds.strings(Tag.ImageType)).toEqual(['DERIVED', 'SECONDARY', 'AXIAL']);
      expect(ds.numbers(Tag.ImageOrientationPatient)).toEqual([1, 0, 0, 0, 0, -1]);
      expect(ds.numbers(Tag.PixelSpacing)).toEqual([1, 1]);
      expect(ds.number(Tag.SpacingBetweenSlices)).toBe(1);
      expect(ds.number(Tag.SliceThickness)).toBe(1);
      const y = plane.position[1];
      if (previous !== undefined) expect(y - previous).toBeCloseTo(1, 6);
      previous = y;
      const code = ds.get(Tag.DerivationCodeSequence)!.items![0]!.dataset;
      expect([code.string(Tag.CodeValue), code.string(Tag.CodingSchemeDesignator), code.string(Tag.CodeMeaning)]).toEqual(['113072', 'DCM', 'Multiplanar reformatting']);
      expect(ds.get(Tag.SourceImageSequence)!.items!.length).toBe(48); // every axial slice crosses a coronal plane
    }
  });

  it('MPR coronal: the bone ball and the tilted rod are where geometry says, within half a voxel (patient coordinates)', async () => {
    const planes = await Promise.all(coronal.written.map((w) => pixels(w)));
    const through = planes.reduce((best, p) => (Math.abs(p.plane.position[1] - BONE_BALL.centre[1]) < Math.abs(best.plane.position[1] - BONE_BALL.centre[1]) ? p : best));
    const ball = centroid(through.hu, through.plane, 600);
    expect(Math.abs(ball[0] - BONE_BALL.centre[0])).toBeLessThan(HALF_VOXEL);
    expect(Math.abs(ball[2] - BONE_BALL.centre[2])).toBeLessThan(HALF_VOXEL);
    // The rod (400 HU) crosses a plane y = c where its axis does.
    for (const p of planes.filter((q) => Math.abs(q.plane.position[1] - CONTRAST_ROD.centre[1] - 4) < 0.5)) {
      const t = (p.plane.position[1] - CONTRAST_ROD.centre[1]) / CONTRAST_ROD.axis![1];
      const crossing = CONTRAST_ROD.centre.map((c, a) => c + t * CONTRAST_ROD.axis![a]!);
      const found = centroid(p.hu, p.plane, 100, 500);
      expect(Math.abs(found[0] - crossing[0]!)).toBeLessThan(HALF_VOXEL);
      expect(Math.abs(found[2] - crossing[2]!)).toBeLessThan(HALF_VOXEL);
    }
  });

  it('MPR oblique MIP slab: planes normal to (0.3, 1, 0.5), 2 mm apart, 3 mm thick; the ball centred in the plane through it', async () => {
    const planes = await Promise.all(oblique.written.map((w) => pixels(w)));
    const n = cross(planes[0]!.plane.row, planes[0]!.plane.column);
    const given = [0.3, 1, 0.5].map((x) => x / Math.hypot(0.3, 1, 0.5));
    expect(Math.abs(Math.abs(dot(n, given)) - 1)).toBeLessThan(1e-9);
    expect(planes[0]!.ds.number(Tag.SliceThickness)).toBe(3);
    expect(planes[0]!.ds.number(Tag.SpacingBetweenSlices)).toBe(2);
    const codes = planes[0]!.ds.get(Tag.DerivationCodeSequence)!.items!.map((i) => i.dataset.string(Tag.CodeValue));
    expect(codes).toEqual(['113072', '113078']);
    const through = planes.find((p) => Math.abs(dot(p.plane.position, n) - dot(BONE_BALL.centre, n)) < 1e-6)!;
    expect(through).toBeDefined();
    const ball = centroid(through.hu, through.plane, 600);
    for (let a = 0; a < 3; a++) expect(Math.abs(ball[a]! - BONE_BALL.centre[a]!)).toBeLessThan(HALF_VOXEL);
  });

  it.skipIf(!havePeers('scipy'))('coronal and oblique planes equal the same reformat by pydicom + scipy map_coordinates from the source files', async () => {
    const thin = await run('mpr', 'orientation=oblique', 'normal=0.3,1,0.5', `point=${BONE_BALL.centre.join(',')}`, 'count=3');
    for (const w of [coronal.written[20]!, coronal.written[40]!, ...thin.written]) {
      const { path, hu } = await pixels(w);
      const script = `
import sys, glob, json, numpy as np, pydicom
from scipy.ndimage import map_coordinates
slices = sorted((pydicom.dcmread(f) for f in glob.glob(sys.argv[1] + '/*.dcm')), key=lambda d: float(d.ImagePositionPatient[2]))
vol = np.stack([d.pixel_array * float(d.RescaleSlope) + float(d.RescaleIntercept) for d in slices])
first = slices[0]
o = np.array(first.ImagePositionPatient, float)
r, c = np.array(first.ImageOrientationPatient[:3], float), np.array(first.ImageOrientationPatient[3:], float)
dz = float(slices[1].ImagePositionPatient[2]) - float(slices[0].ImagePositionPatient[2])
ps = [float(x) for x in first.PixelSpacing]
M = np.column_stack([r * ps[1], c * ps[0], np.cross(r, c) * dz])
out = pydicom.dcmread(sys.argv[2])
oo, orow, ocol, ops = np.array(out.ImagePositionPatient, float), np.array(out.ImageOrientationPatient[:3], float), np.array(out.ImageOrientationPatient[3:], float), float(out.PixelSpacing[0])
cc, rr = np.meshgrid(np.arange(out.Columns), np.arange(out.Rows))
pts = oo[:, None, None] + orow[:, None, None] * cc * ops + ocol[:, None, None] * rr * ops
ijk = np.linalg.solve(M, (pts - o[:, None, None]).reshape(3, -1)).reshape(3, out.Rows, out.Columns)
inside = np.all([(ijk[a] >= 0) & (ijk[a] <= n - 1) for a, n in enumerate((vol.shape[2], vol.shape[1], vol.shape[0]))], axis=0)
ref = map_coordinates(vol, [ijk[2], ijk[1], ijk[0]], order=1)
print(json.dumps(np.where(inside, ref, np.nan).ravel().tolist()))`;
      const reference = JSON.parse(runPython('scipy', script, [input, path]).replace(/NaN/g, 'null')) as (number | null)[];
      const compared = reference.map((v, i) => (v === null ? 0 : Math.abs(v - hu[i]!)));
      expect(reference.filter((v) => v !== null).length).toBeGreaterThan(hu.length / 3);
      // Atrium stores whole HU: within rounding of scipy's linear interpolation.
      expect(Math.max(...compared)).toBeLessThanOrEqual(0.5 + 1e-3);
    }
  });

  it('rotating MIP: one Secondary Capture per view, the angle in Image Comments and in the private block, orientation letters', async () => {
    mip = await run('mip', 'projections=4');
    expect(mip.written.map((w) => w.output)).toEqual(['views', 'views', 'views', 'views']);
    const orientations: string[][] = [];
    for (const w of mip.written) orientations.push(read(w).file.dataset.strings(Tag.PatientOrientation));
    // From the front the rows run to the patient's left; at 90° (from the left) to posterior; then right, anterior.
    expect(orientations).toEqual([['L', 'F'], ['P', 'F'], ['R', 'F'], ['A', 'F']]);
    if (havePeers('pydicom')) {
      const angles = mip.written.map((w) => JSON.parse(runPydicom(`import sys, json, pydicom
ds = pydicom.dcmread(sys.argv[1])
b = ds.private_block(0x7109, 'ATRIUM 3D VIEW 1')
print(json.dumps({'camera': [float(x) for x in b[0x30].value], 'mode': b[0x34].value, 'source': b[0x33].value, 'comments': ds.ImageComments}))`, [read(w).path])) as { camera: number[]; mode: string; source: string; comments: string });
      expect(angles.map((a) => a.camera[0])).toEqual([0, 90, 180, 270]);
      expect(angles.every((a) => a.mode === 'MIP' && a.source === seriesUID)).toBe(true);
      expect(angles[1]!.comments).toContain('projection 2 of 4 at 90 degrees about the head-foot axis');
    }
  });

  it('surface: an Encapsulated STL whose mesh encloses the bone ball (volume within 2%, bounds within a quarter voxel), and an OBJ file', async () => {
    // The soft-tissue ball (200 HU) and the rod (400 HU) stay below the iso-value.
    const obj = join(tempDir('atrium-3d-mesh-'), 'ball.obj');
    // 500 HU: halfway between water and bone, where the soft edge puts the ball's surface.
    const surface = await run('surface', 'isoValue=500', `meshFile=${obj}`);
    expect(surface.written.map((w) => w.output)).toEqual(['surface']);
    const ds = read(surface.written[0]!).file.dataset;
    expect(ds.string(Tag.Modality)).toBe('M3D');
    expect(ds.string(Tag.MIMETypeOfEncapsulatedDocument)).toBe('model/stl');
    expect(ds.string(Tag.FrameOfReferenceUID)).toBe(source.string(Tag.FrameOfReferenceUID));
    const stl = ds.get(Tag.EncapsulatedDocument)!.value;
    expect(ds.number(Tag.EncapsulatedDocumentLength)).toBe(stl.length);
    const { volume, min, max } = stlMeasures(stl);
    const r = BONE_BALL.radius;
    expect(Math.abs(volume / ((4 / 3) * Math.PI * r ** 3) - 1)).toBeLessThan(0.02);
    for (let a = 0; a < 3; a++) {
      expect(Math.abs(min[a]! - (BONE_BALL.centre[a]! - r))).toBeLessThan(SLICE / 4);
      expect(Math.abs(max[a]! - (BONE_BALL.centre[a]! + r))).toBeLessThan(SLICE / 4);
    }
    const text = readFileSync(obj, 'utf8');
    expect(text.split('\n').filter((l) => l.startsWith('f ')).length).toBe(surface.data.triangles);
  });

  it.skipIf(!havePeers('dciodvfy'))('every object the apps wrote passes dciodvfy without an Error', () => {
    const ws = openWorkstation(store);
    try {
      const failures: string[] = [];
      for (const inst of ws.index.getInstances({}).filter((i) => i.series.SeriesInstanceUID !== seriesUID)) {
        const { errors } = dciodvfyFile(ws.files.absolute(inst.file.path));
        if (errors.length > 0) failures.push(`${inst.instance.SOPInstanceUID}:\n  ${errors.join('\n  ')}`);
      }
      expect(failures).toEqual([]);
    } finally {
      ws.close();
    }
  });

  it('a re-run replaces: the same UIDs, stored as replacements, no new series', async () => {
    expect(mip, 'the rotating MIP test ran first').toBeDefined();
    const again = await run('mip', 'projections=4');
    expect(again.written.map((w) => w.sopInstanceUID)).toEqual(mip!.written.map((w) => w.sopInstanceUID));
    expect(new Set(again.written.map((w) => w.status))).toEqual(new Set(['replaced']));
  });

  // Each refusal is tested with the apps' own tests (the kit); here, that the CLI reports them.
  it('refuses what cannot be reformatted, with coded errors naming the parameter, without a stack trace', async () => {
    const refuse = async (app: string, ...params: string[]): Promise<string> => {
      const r = await atrium('--store', store, 'run', app, '--series', seriesUID, ...params.flatMap((p) => ['--param', p]));
      expect(r.code).not.toBe(0);
      expect(r.err).not.toMatch(/\n\s+at /); // a user error never prints a stack trace
      return r.err;
    };
    expect(await refuse('mpr', 'orientation=oblique')).toMatch(/parameter "normal" is needed.*ATRIUM_ERR_PARAM_INVALID/);
    expect(await refuse('surface', 'meshFile=/tmp/x.dcm')).toMatch(/"meshFile" must end in .stl or .obj.*ATRIUM_ERR_PARAM_INVALID/);
  });
});

/** Enclosed volume and bounds of a binary STL (divergence theorem over its triangles). */
function stlMeasures(stl: Uint8Array): { volume: number; min: number[]; max: number[] } {
  const view = new DataView(stl.buffer, stl.byteOffset, stl.byteLength);
  const n = view.getUint32(80, true);
  let volume = 0;
  const min = [Infinity, Infinity, Infinity];
  const max = [-Infinity, -Infinity, -Infinity];
  for (let t = 0; t < n; t++) {
    const o = 84 + 50 * t + 12;
    const v = [0, 1, 2].map((k) => [0, 1, 2].map((a) => view.getFloat32(o + 12 * k + 4 * a, true)));
    for (const p of v) for (let a = 0; a < 3; a++) { min[a] = Math.min(min[a]!, p[a]!); max[a] = Math.max(max[a]!, p[a]!); }
    const [a, b, c] = v as [number[], number[], number[]];
    volume += (a[0]! * (b[1]! * c[2]! - b[2]! * c[1]!) - a[1]! * (b[0]! * c[2]! - b[2]! * c[0]!) + a[2]! * (b[0]! * c[1]! - b[1]! * c[0]!)) / 6;
  }
  return { volume, min, max };
}
