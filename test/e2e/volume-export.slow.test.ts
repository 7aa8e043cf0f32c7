/**
 * `atrium export <series> --format nifti|nrrd`: the volume through ITK's image IO with its
 * orientation kept. Referee: Debian's dcm2niix writes the same series; its NIfTI affine (sform) and
 * voxels must equal ours — for an axial CT, a CT acquired obliquely and an MR whose rows run along
 * −y. The NRRD's space directions and origin are the DICOM geometry (LPS).
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { Tag, TransferSyntax } from '@atrium/sdk';
import { concatBytes } from '../../host/src/io/concat-bytes.js';
import { stringElement } from '../../host/src/io/element-factory.js';
import { parseDicom } from '../../host/src/io/parse-part10.js';
import { EXPLICIT_LE } from '../../host/src/io/transfer-syntax.js';
import { writeDataset } from '../../host/src/io/write-dataset.js';
import { DICM, buildFileMeta } from '../../host/src/io/write-part10.js';
import { syntheticCtSeries } from '../../host/src/testing/synthetic-ct-series.js';
import { ballRodPhantom } from '../support/ball-rod-phantom.js';
import { havePeers, peer } from '../support/peers.js';
import { REPO_ROOT } from '../support/samples.js';
import { atrium, tempDir } from './cli-helpers.js';

interface Nifti { dim: number[]; srow: number[][]; sformCode: number; values: Float64Array }

/** The fields of a NIfTI-1 file the test compares: dimensions, sform rows, scaled voxel values. */
function readNifti(path: string): Nifti {
  let b = readFileSync(path);
  if (path.endsWith('.gz')) b = gunzipSync(b);
  const dim = [1, 2, 3].map((i) => b.readInt16LE(40 + 2 * i));
  const datatype = b.readInt16LE(70);
  const offset = b.readFloatLE(108);
  const slope = b.readFloatLE(112) || 1;
  const intercept = b.readFloatLE(116);
  const srow = [0, 1, 2].map((r) => [0, 1, 2, 3].map((c) => b.readFloatLE(280 + 16 * r + 4 * c)));
  const n = dim[0]! * dim[1]! * dim[2]!;
  const read = datatype === 4 ? (i: number) => b.readInt16LE(offset + 2 * i) : datatype === 512 ? (i: number) => b.readUInt16LE(offset + 2 * i) : (i: number) => b.readFloatLE(offset + 4 * i);
  return { dim, srow, sformCode: b.readInt16LE(254), values: Float64Array.from({ length: n }, (_, i) => read(i) * slope + intercept) };
}

/** The synthetic series with its geometry turned: slices perpendicular to `normal`, rows along `row`. */
function obliqueSeries(): Uint8Array[] {
  const row = [0.9238795, 0, -0.3826834];
  const column = [0.1464466, 0.9238795, 0.3535534];
  const normal = [row[1]! * column[2]! - row[2]! * column[1]!, row[2]! * column[0]! - row[0]! * column[2]!, row[0]! * column[1]! - row[1]! * column[0]!];
  return syntheticCtSeries({ slices: 20, rows: 32, columns: 40, pixelSpacing: 0.9, sliceThickness: 1.5, phantom: ballRodPhantom, seed: 11 }).map((bytes, k) => {
    const ds = parseDicom(bytes).dataset;
    const position = [0, 1, 2].map((a) => 10 - 18 * row[a]! - 14 * column[a]! + 1.5 * k * normal[a]!);
    const turned = ds.with(new Map([
      [Tag.ImageOrientationPatient, stringElement(Tag.ImageOrientationPatient, 'DS', [...row, ...column].map(String))],
      [Tag.ImagePositionPatient, stringElement(Tag.ImagePositionPatient, 'DS', position.map((x) => x.toFixed(6)))],
    ]));
    return concatBytes([new Uint8Array(128), DICM, writeDataset(buildFileMeta(turned, TransferSyntax.ExplicitVRLittleEndian)), writeDataset(turned, EXPLICIT_LE)]);
  });
}

describe('atrium export --format nifti|nrrd', () => {
  const store = tempDir('atrium-volume-export-');
  const out = tempDir('atrium-volume-export-out-');
  const series: Record<string, { dir: string; uid: string }> = {};
  const add = async (name: string, files: Uint8Array[] | string): Promise<void> => {
    let dir: string;
    if (typeof files === 'string') dir = files;
    else {
      dir = tempDir(`atrium-export-${name}-`);
      files.forEach((f, i) => writeFileSync(join(dir, `${i}.dcm`), f));
    }
    expect((await atrium('--store', store, 'import', dir)).code).toBe(0);
    const first = readdirSync(dir).find((f) => f.endsWith('.dcm'))!;
    series[name] = { dir, uid: parseDicom(readFileSync(join(dir, first))).dataset.string(Tag.SeriesInstanceUID)! };
  };

  beforeAll(async () => {
    await add('axial CT', syntheticCtSeries({ slices: 24, rows: 48, columns: 40, pixelSpacing: 0.8, sliceThickness: 1.25, phantom: ballRodPhantom, seed: 7 }));
    await add('oblique CT', obliqueSeries());
    await add('MR, rows along -y', join(REPO_ROOT, 'test/fixtures/mr-pacsman'));
  }, 120_000);

  it.skipIf(!havePeers('dcm2niix')).each(['axial CT', 'oblique CT', 'MR, rows along -y'])('%s: the affine and the voxels equal those dcm2niix writes', async (name) => {
    const { dir, uid } = series[name]!;
    const ours = join(out, `${name.replace(/\W+/g, '-')}.nii.gz`);
    const r = await atrium('--store', store, 'export', uid, '--format', 'nifti', '--out', ours);
    expect(r.code, r.err).toBe(0);
    const referee = tempDir('atrium-dcm2niix-');
    execFileSync(peer('dcm2niix')!, ['-z', 'n', '-f', 'reference', '-o', referee, dir], { encoding: 'utf8' });
    const theirs = readNifti(join(referee, 'reference.nii'));
    const mine = readNifti(ours);
    expect(mine.dim).toEqual(theirs.dim);
    expect(mine.sformCode).toBeGreaterThan(0);
    for (let row = 0; row < 3; row++) for (let c = 0; c < 4; c++) expect(Math.abs(mine.srow[row]![c]! - theirs.srow[row]![c]!), `srow ${row},${c}`).toBeLessThan(1e-3);
    expect(mine.values).toEqual(theirs.values);
  });

  it('NRRD: LPS space, the DICOM geometry as space directions and origin', async () => {
    const path = join(out, 'oblique.nrrd');
    expect((await atrium('--store', store, 'export', series['oblique CT']!.uid, '--format', 'nrrd', '--out', path)).code).toBe(0);
    const header = readFileSync(path).subarray(0, 1024).toString('latin1');
    expect(header).toContain('space: left-posterior-superior');
    expect(header).toContain('sizes: 40 32 20');
    const directions = /space directions: \(([^)]*)\) \(([^)]*)\) \(([^)]*)\)/.exec(header)!.slice(1).map((v) => v.split(',').map(Number));
    const expected = [[0.9238795 * 0.9, 0, -0.3826834 * 0.9], [0.1464466 * 0.9, 0.9238795 * 0.9, 0.3535534 * 0.9]];
    for (let a = 0; a < 2; a++) for (let c = 0; c < 3; c++) expect(directions[a]![c]!).toBeCloseTo(expected[a]![c]!, 5);
    expect(Math.hypot(...directions[2]!)).toBeCloseTo(1.5, 4);
    const origin = /space origin: \(([^)]*)\)/.exec(header)![1]!.split(',').map(Number);
    [10 - 18 * 0.9238795 - 14 * 0.1464466, 10 - 14 * 0.9238795, 10 + 18 * 0.3826834 - 14 * 0.3535534].forEach((v, a) => expect(origin[a]!).toBeCloseTo(v, 4));
  });

  it('refuses a wrong file ending, a file inside the store, and a UID that is not a series', async () => {
    const uid = series['axial CT']!.uid;
    const refuse = async (...args: string[]): Promise<string> => {
      const r = await atrium('--store', store, 'export', ...args);
      expect(r.code).not.toBe(0);
      return r.err;
    };
    expect(await refuse(uid, '--format', 'nifti', '--out', join(out, 'x.png'))).toContain('ATRIUM_ERR_EXPORT_FORMAT');
    expect(await refuse(uid, '--format', 'nrrd', '--out', join(store, 'files', 'x.nrrd'))).toContain('ATRIUM_ERR_EXPORT_TARGET');
    expect(await refuse(uid, '--format', 'dicom', '--out', join(out, 'x.nii'))).toContain('--format must be nifti or nrrd');
    const study = parseDicom(readFileSync(join(series['axial CT']!.dir, '0.dcm'))).dataset.string(Tag.StudyInstanceUID)!;
    expect(await refuse(study, '--format', 'nifti', '--out', join(out, 'study.nii'))).toMatch(/is a study; a volume is exported from one series.*ATRIUM_ERR_EXPORT_INPUT/);
  });
});
