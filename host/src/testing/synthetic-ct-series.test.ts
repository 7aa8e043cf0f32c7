import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SopClass, Tag, TransferSyntax, iodForSopClass } from '@atrium/sdk';
import { afterAll, describe, expect, it } from 'vitest';
import { havePeers, runPydicom } from '../../../test/support/peers.js';
import { parseDicom } from '../io/parse-part10.js';
import { openWorkstation } from '../store/open-workstation.js';
import { ctPhantom } from './ct-phantom.js';
import { syntheticCtSeries } from './synthetic-ct-series.js';
import { syntheticUid } from './synthetic-uid.js';
import { dciodvfyFile } from '../../../test/support/dciodvfy.js';

const scratch = mkdtempSync(join(tmpdir(), 'atrium-synthetic-ct-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** 9 slices of 512×512, 10 mm apart: the sphere (z = -40 ± 35 mm) is in slices 1..7 only. */
const big = syntheticCtSeries({ slices: 9, sliceThickness: 10 });
/** Small signed series, other seed. */
const small = syntheticCtSeries({ slices: 3, rows: 64, columns: 48, pixelRepresentation: 1, seed: 7, patientName: 'Müller^Jürgen' });

function save(name: string, files: readonly Uint8Array[]): string[] {
  return files.map((bytes, i) => {
    const path = join(scratch, `${name}-${i}.dcm`);
    writeFileSync(path, bytes);
    return path;
  });
}
const bigPaths = save('big', big);
const smallPaths = save('small', small);

describe('syntheticUid', () => {
  it('is a 2.25 UID derived from the parts, stable and distinct', () => {
    expect(syntheticUid(1, 'ct-instance', 0)).toBe(syntheticUid(1, 'ct-instance', 0));
    const uids = new Set<string>();
    for (let i = 0; i < 2000; i++) {
      const uid = syntheticUid(3, 'x', i);
      expect(uid).toMatch(/^2\.25\.(0|[1-9][0-9]*)$/);
      expect(uid.length).toBeLessThanOrEqual(44);
      uids.add(uid);
    }
    expect(uids.size).toBe(2000);
    // Pinned: the first 128 bits of sha256("atrium-synthetic:1:ct-study") in decimal.
    expect(syntheticUid(1, 'ct-study')).toBe('2.25.283578351506370874903680157180373959873');
    expect(parseDicom(big[0]!).dataset.string(Tag.StudyInstanceUID)).toBe('2.25.283578351506370874903680157180373959873');
  });
});

describe('ctPhantom', () => {
  it('slice() paints exactly what huAt() says at every pixel', () => {
    const p = ctPhantom(350, -40);
    const grid = { x0: -174.658203125, y0: -174.658203125, spacing: 0.68359375, rows: 512, columns: 512 };
    for (const z of [0, -10, -40, -75.5]) {
      const img = p.slice(z, grid);
      let mismatches = 0;
      for (let r = 0; r < 512; r++) for (let c = 0; c < 512; c++) if (img[r * 512 + c] !== p.huAt(grid.x0 + c * grid.spacing, grid.y0 + r * grid.spacing, z)) mismatches++;
      expect(mismatches).toBe(0);
    }
  });
  it('has air, water and four inserts at the stated places', () => {
    const p = ctPhantom(350, -40);
    expect([p.huAt(-170, -170, 0), p.huAt(0, 0, 0), p.huAt(70, 0, 0), p.huAt(-70, 0, 0), p.huAt(0, 70, 0), p.huAt(0, -70, -40), p.huAt(0, -70, 0)]).toEqual([
      -1000, 0, 1000, -100, 300, 60, 0,
    ]);
  });
});

describe('syntheticCtSeries', () => {
  it('is deterministic and seed-dependent', () => {
    const again = syntheticCtSeries({ slices: 3, rows: 64, columns: 48, pixelRepresentation: 1, seed: 7, patientName: 'Müller^Jürgen' });
    expect(again.map((b, i) => Buffer.from(b).equals(small[i]!))).toEqual([true, true, true]);
    const other = syntheticCtSeries({ slices: 3, rows: 64, columns: 48, pixelRepresentation: 1, seed: 8 });
    expect(parseDicom(other[0]!).dataset.string(Tag.SOPInstanceUID)).not.toBe(parseDicom(small[0]!).dataset.string(Tag.SOPInstanceUID));
  });

  it('writes CT Image Storage, Explicit VR LE, with every Type 1 and Type 2 attribute of the mandatory modules', () => {
    const iod = iodForSopClass(SopClass.CTImageStorage)!;
    const required = iod.modules
      .filter((m) => m.usage === 'M')
      .flatMap((m) => m.attributes.filter((a) => a.path.length === 1 && (a.type === '1' || a.type === '2')).map((a) => ({ ...a, module: m.id })));
    expect(required.length).toBeGreaterThan(35);
    for (const bytes of [...big, ...small]) {
      const f = parseDicom(bytes);
      expect(f.meta?.string(Tag.TransferSyntaxUID)).toBe(TransferSyntax.ExplicitVRLittleEndian);
      expect(f.meta?.string(Tag.MediaStorageSOPInstanceUID)).toBe(f.dataset.string(Tag.SOPInstanceUID));
      expect(f.dataset.string(Tag.SOPClassUID)).toBe(SopClass.CTImageStorage);
      const missing = required.filter((a) => !f.dataset.has(a.tag)).map((a) => `${a.module}:${a.keyword}`);
      const emptyType1 = required.filter((a) => a.type === '1' && (f.dataset.get(a.tag)?.value.length ?? 0) === 0).map((a) => a.keyword);
      expect(missing).toEqual([]);
      expect(emptyType1).toEqual([]);
      expect(f.dataset.string(Tag.PatientPosition)).toBe('HFS');
    }
  });

  it('has axial geometry stepping along z', () => {
    const sets = big.map((b) => parseDicom(b, { headerOnly: true }).dataset);
    expect(sets.map((d) => d.numbers(Tag.ImagePositionPatient))).toEqual(
      [0, -10, -20, -30, -40, -50, -60, -70, -80].map((z) => [-174.658203125, -174.658203125, z === 0 ? 0 : z]),
    );
    expect(sets.map((d) => d.number(Tag.SliceLocation))).toEqual([0, -10, -20, -30, -40, -50, -60, -70, -80]);
    expect(sets.map((d) => d.number(Tag.InstanceNumber))).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const d = sets[0]!;
    expect(d.numbers(Tag.ImageOrientationPatient)).toEqual([1, 0, 0, 0, 1, 0]);
    expect(d.numbers(Tag.PixelSpacing)).toEqual([0.68359375, 0.68359375]);
    expect([d.number(Tag.SliceThickness), d.number(Tag.RescaleSlope), d.number(Tag.RescaleIntercept)]).toEqual([10, 1, -1024]);
    expect([d.number(Tag.Rows), d.number(Tag.Columns), d.number(Tag.BitsAllocated), d.number(Tag.BitsStored), d.number(Tag.HighBit), d.number(Tag.PixelRepresentation)]).toEqual([512, 512, 16, 12, 11, 0]);
    const s = parseDicom(small[0]!).dataset;
    expect([s.number(Tag.BitsStored), s.number(Tag.HighBit), s.number(Tag.PixelRepresentation)]).toEqual([16, 15, 1]);
    expect(s.strings(Tag.SpecificCharacterSet)).toEqual(['ISO_IR 192']);
    expect(s.string(Tag.PatientName)).toBe('Müller^Jürgen');
    expect(new Set(sets.map((x) => x.string(Tag.SeriesInstanceUID))).size).toBe(1);
    expect(new Set(sets.map((x) => x.string(Tag.SOPInstanceUID))).size).toBe(9);
  });

  it('is refused nothing by the store, even with strict validation', () => {
    for (const validation of ['safety', 'strict'] as const) {
      const ws = openWorkstation(join(scratch, `store-${validation}`), { validation });
      try {
        const outcomes = [...big, ...small].map((b, i) => ws.store.receive(b, `test:${i}`));
        expect(outcomes.map((o) => o.status)).toEqual(Array(12).fill('stored'));
        expect(ws.index.listInstancePaths()).toHaveLength(12);
      } finally {
        ws.close();
      }
    }
  });

  // dicom3tools (Debian bookworm) reports no Warnings for these files; Errors fail the test.
  const haveDciodvfy = havePeers('dciodvfy');
  it.skipIf(!haveDciodvfy)('passes dciodvfy without errors', () => {
    for (const path of [...bigPaths, ...smallPaths]) {
      const { errors, output } = dciodvfyFile(path);
      expect(errors, `${path}:\n${output}`).toEqual([]);
      expect(output).toContain('CTImage');
    }
  });

  const havePydicom = havePeers('pydicom');
  it.skipIf(!havePydicom)('pydicom reads back the exact HU of the phantom', () => {
    // Pixel (row, column) of a point in mm, on the 512×512 grid of 0.68359375 mm from -174.658203125.
    const at = (x: number, y: number): [number, number] => [Math.round((y + 174.658203125) / 0.68359375), Math.round((x + 174.658203125) / 0.68359375)];
    const points: [number, [number, number]][] = [
      [0, [0, 0]], // corner: air
      [0, at(0, 0)], // centre: water
      [0, at(70, 0)], // bone rod
      [0, at(-70, 0)], // fat rod
      [0, at(0, 70)], // contrast rod
      [0, at(0, -70)], // sphere centre line, slice z=0: outside the sphere (|dz| = 40 > 35)
      [4, at(0, -70)], // slice z=-40: sphere centre
      [8, at(0, -70)], // slice z=-80: outside again
      [4, [511, 511]], // far corner: air
    ];
    const script = `
import sys, json, pydicom
paths = json.loads(sys.argv[1]); points = json.loads(sys.argv[2])
out = []
cache = {}
for (i, (r, c)) in points:
    if i not in cache:
        ds = pydicom.dcmread(paths[i])
        cache[i] = (ds.pixel_array.astype('int32') * int(ds.RescaleSlope) + int(ds.RescaleIntercept), str(ds.pixel_array.dtype))
    out.append(int(cache[i][0][r, c]))
small = pydicom.dcmread(json.loads(sys.argv[3])[1])
print(json.dumps({"hu": out, "dtype": cache[0][1], "smallDtype": str(small.pixel_array.dtype), "smallShape": list(small.pixel_array.shape),
  "smallCentre": int(small.pixel_array[32, 24]) + int(small.RescaleIntercept), "smallCorner": int(small.pixel_array[0, 0]) + int(small.RescaleIntercept),
  "name": str(small.PatientName)}))
`;
    const result = JSON.parse(runPydicom(script, [JSON.stringify(bigPaths), JSON.stringify(points), JSON.stringify(smallPaths)])) as Record<string, unknown>;
    expect(result).toEqual({
      hu: [-1000, 0, 1000, -100, 300, 0, 60, 0, -1000],
      dtype: 'uint16',
      smallDtype: 'int16',
      smallShape: [64, 48],
      smallCentre: 0,
      smallCorner: -1000,
      name: 'Müller^Jürgen',
    });
  });

  it.skipIf(!havePydicom)('pydicom sees every pixel of a slice as the phantom defines it', () => {
    const script = `
import sys, pydicom
ds = pydicom.dcmread(sys.argv[1])
hu = ds.pixel_array.astype('int32') + int(ds.RescaleIntercept)
sys.stdout.write(hu.astype('<i2').tobytes().hex())
`;
    const hex = runPydicom(script, [bigPaths[4]!]);
    const fromPydicom = new Int16Array(new Uint8Array(Buffer.from(hex, 'hex')).buffer);
    const expected = ctPhantom(350, -40).slice(-40, { x0: -174.658203125, y0: -174.658203125, spacing: 0.68359375, rows: 512, columns: 512 });
    expect(fromPydicom.length).toBe(512 * 512);
    expect(Buffer.from(fromPydicom.buffer).equals(Buffer.from(expected.buffer))).toBe(true);
    expect(new Set(expected)).toEqual(new Set([-1000, 0, 1000, -100, 300, 60]));
  });
});
