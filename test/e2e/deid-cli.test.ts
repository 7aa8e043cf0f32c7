/** `atrium deid` end to end: folders in, de-identified Part 10 out, consistent UIDs, references kept. */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Tag, TransferSyntax } from '@atrium/sdk';
import type { DataSet } from '../../host/src/io/data-set.js';
import { parseDicom } from '../../host/src/io/parse-part10.js';
import { writePart10 } from '../../host/src/io/write-part10.js';
import { stringElement } from '../../host/src/io/element-factory.js';
import { readFrame } from '../../host/src/io/pixel-access.js';
import { IMAGE_COLUMNS, burnedInImage, sampleValue, type BurnedInImageOptions } from '../../host/src/deid/test-support/burned-in-image.js';
import { atrium, filesUnder, tempDir } from './cli-helpers.js';

const RTSTRUCT_IMAGE = '1.2.826.0.1.3680043.8.498.2010020400001.2.1'; // Contour Image Sequence reference in rtstruct.dcm

/** A temp folder with a few samples, the MR made into the image rtstruct.dcm refers to, and a burned-in object. */
function inputFolder(): string {
  const dir = tempDir('atrium-deid-in-');
  mkdirSync(join(dir, 'sub'));
  for (const s of ['rt-seg-sr/rtstruct.dcm', 'rt-seg-sr/rtplan.dcm', 'rt-seg-sr/test-SR.dcm', 'mr/MR_small.dcm']) copyFileSync(join('samples', s), join(dir, 'sub', basename(s)));
  const mr = parseDicom(readFileSync('samples/mr/MR_small.dcm'));
  writeFileSync(join(dir, 'referenced-mr.dcm'), writePart10({ ...mr, meta: undefined, dataset: mr.dataset.with(new Map([[Tag.SOPInstanceUID, stringElement(Tag.SOPInstanceUID, 'UI', RTSTRUCT_IMAGE)]])) }));
  copyFileSync('test/fixtures/deid/test_burned_in_annotation_default/burned_in_yes.dcm', join(dir, 'burned.dcm'));
  writeFileSync(join(dir, 'notes.txt'), 'not DICOM');
  return dir;
}

/** Every Referenced SOP Instance UID at any depth. */
function referencedSops(ds: DataSet): string[] {
  return ds.elements.flatMap((e) => (e.items ? e.items.flatMap((i) => referencedSops(i.dataset)) : e.tag === Tag.ReferencedSOPInstanceUID ? ds.strings(e.tag) : []));
}

describe('atrium deid', () => {
  const input = inputFolder();
  const key = join(tempDir(), 'deid.key');

  it('writes <study>/<series>/<sop>.dcm under new UIDs, refuses burned-in, keeps references, is consistent with one key file', async () => {
    const out1 = join(tempDir(), 'out');
    const r1 = await atrium('deid', input, '--out', out1, '--key-file', key, '--option', 'retain-longitudinal-modified-dates');
    expect(r1.err).toBe('');
    expect(r1.code).toBe(1); // one refusal
    expect(r1.out).toContain('written 5, duplicate 0, refused 1, unreadable 0, failed 0, skipped (not DICOM) 1');
    expect(r1.out).toContain('ATRIUM_ERR_DEID_BURNED_IN');
    expect(r1.out).toContain('(created');
    const files = filesUnder(out1);
    expect(files.length).toBe(5);
    const byModality = new Map<string, DataSet>();
    for (const f of files) {
      const ds = parseDicom(readFileSync(f)).dataset;
      const rel = f.slice(out1.length + 1).split('/');
      expect(rel).toEqual([ds.string(Tag.StudyInstanceUID), ds.string(Tag.SeriesInstanceUID), `${ds.string(Tag.SOPInstanceUID)}.dcm`]);
      expect(ds.string(Tag.SOPInstanceUID)).toMatch(/^2\.25\.[1-9]\d*$/);
      expect(ds.string(Tag.PatientIdentityRemoved)).toBe('YES');
      byModality.set(ds.string(Tag.Modality)!, ds);
    }
    // rtstruct's Contour Image reference points at the new SOP Instance UID of the MR it refers to
    const rtstruct = byModality.get('RTSTRUCT')!;
    const refs = referencedSops(rtstruct);
    expect(refs.length).toBeGreaterThan(0);
    const mr = files.map((f) => parseDicom(readFileSync(f)).dataset).find((ds) => ds.string(Tag.Modality) === 'MR' && refs.includes(ds.string(Tag.SOPInstanceUID)!));
    expect(mr, 'the MR rtstruct refers to, under its new UID').toBeDefined();
    expect(JSON.stringify(refs)).not.toContain('1.2.826.0.1.3680043');

    // same key file: the same output names, byte-identical files
    const out2 = join(tempDir(), 'out');
    const r2 = await atrium('deid', input, '--out', out2, '--key-file', key, '--option', 'retain-longitudinal-modified-dates');
    expect(r2.out).not.toContain('(created');
    expect(filesUnder(out2).map((f) => f.slice(out2.length))).toEqual(files.map((f) => f.slice(out1.length)));
    for (const f of files) expect(readFileSync(join(out2, f.slice(out1.length))).equals(readFileSync(f))).toBe(true);
    // another key: other UIDs
    const out3 = join(tempDir(), 'out');
    await atrium('deid', input, '--out', out3, '--key-file', join(tempDir(), 'other.key'));
    expect(filesUnder(out3).map((f) => basename(f)).filter((n) => files.some((g) => basename(g) === n))).toEqual([]);
    // the originals are untouched
    expect(readFileSync(join(input, 'sub', 'MR_small.dcm')).equals(readFileSync('samples/mr/MR_small.dcm'))).toBe(true);
  });

  it('--json gives the full report; a CSV map and the GCA-9300R preset apply; a configured UID root is used', async () => {
    const map = join(tempDir(), 'map.csv');
    const mr = parseDicom(readFileSync('samples/mr/MR_small.dcm')).dataset;
    writeFileSync(map, `OriginalPatientID,PatientName,PatientID\n"${mr.string(Tag.PatientID)}",SUBJECT^ONE,S001\n`);
    const out = join(tempDir(), 'out');
    const r = await atrium('--json', 'deid', 'samples/mr/MR_small.dcm', '--out', out, '--key-file', key, '--map', map, '--preset', 'gca-9300r', '--uid-root', '1.2.392.200036.9110.66');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out);
    expect(report.written).toBe(1);
    expect(report.files[0].report.notes.join(' ')).toContain('GCA-9300R');
    const ds = parseDicom(readFileSync(report.files[0].output)).dataset;
    expect([ds.string(Tag.PatientName), ds.string(Tag.PatientID)]).toEqual(['SUBJECT^ONE', 'S001']);
    expect(ds.string(Tag.SOPInstanceUID)).toMatch(/^1\.2\.392\.200036\.9110\.66\.[1-9]\d*$/);
    expect(ds.string(Tag.SOPInstanceUID)!.length).toBeLessThanOrEqual(64);
    // a patient missing from the map is refused, not passed through
    const r2 = await atrium('deid', 'samples/rt-seg-sr/rtplan.dcm', '--out', join(tempDir(), 'out'), '--map', map);
    expect(r2.code).toBe(1);
    expect(r2.out).toContain('ATRIUM_ERR_DEID_UNMAPPED_PATIENT');
  });

  it('--mask applies the Clean Pixel Data Option to burned-in objects, native and compressed (decoded to Explicit VR Little Endian)', async () => {
    const dir = tempDir('atrium-deid-mask-');
    const us: BurnedInImageOptions = { modality: 'US', photometric: 'RGB', bitsAllocated: 8, bitsStored: 8, frames: 2 };
    const sc: BurnedInImageOptions = { modality: 'OT', photometric: 'MONOCHROME2', bitsAllocated: 16, bitsStored: 12, frames: 1, transferSyntax: TransferSyntax.RLELossless };
    writeFileSync(join(dir, 'us-native.dcm'), (await burnedInImage(us)).bytes);
    writeFileSync(join(dir, 'sc-rle.dcm'), (await burnedInImage(sc)).bytes);
    copyFileSync('test/fixtures/deid/test_burned_in_annotation_default/burned_in_yes.dcm', join(dir, 'burned-j2k.dcm'));
    const out = join(tempDir(), 'out');
    const r = await atrium('--json', 'deid', dir, '--out', out, '--mask', '1,1,3,2', '--mask', '8,0,5,1');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ written: 3, duplicate: 0, refused: 0 });
    expect(filesUnder(out)).toHaveLength(3);
    const inside = (row: number, column: number): boolean => (row >= 1 && row < 3 && column >= 1 && column < 4) || (row === 0 && column >= 8 && column < 13);
    for (const f of filesUnder(out)) {
      const file = parseDicom(readFileSync(f));
      const ds = file.dataset;
      expect(file.transferSyntax.uid).toBe(TransferSyntax.ExplicitVRLittleEndian);
      expect(ds.string(Tag.BurnedInAnnotation)).toBe('NO');
      expect(ds.items(Tag.DeidentificationMethodCodeSequence).map((i) => i.dataset.string(Tag.CodeValue))).toContain('113101');
      const columns = ds.number(Tag.Columns)!;
      const spp = ds.number(Tag.SamplesPerPixel)!;
      const frames = Math.max(1, ds.number(Tag.NumberOfFrames) ?? 1);
      const o = columns === IMAGE_COLUMNS ? (spp === 3 ? us : sc) : undefined;
      for (let frame = 0; frame < frames; frame++) {
        const data = (await readFrame(file, frame)).data;
        for (let i = 0; i < data.length; i++) {
          const p = Math.floor(i / spp), row = Math.floor(p / columns), column = p % columns;
          // black: 0 for the unsigned synthetic images, -32768 for the signed 16-bit MONOCHROME2 JPEG 2000 fixture
          if (inside(row, column)) expect(data[i], `${basename(f)} ${row},${column}`).toBe(o ? 0 : -32768);
          else if (o) expect(data[i]).toBe(sampleValue(o, frame, row, column, i % spp));
        }
      }
      if (!o) expect(ds.string(Tag.LossyImageCompression)).toBe('01'); // JPEG 2000 (.91) without Lossy Image Compression 00
    }
  });

  it('usage errors exit 2 with a clear message', async () => {
    const bad = async (...a: string[]): Promise<string> => { const r = await atrium('deid', ...a); expect(r.code, a.join(' ')).toBe(2); return r.err; };
    expect(await bad(input, '--out', 'x', '--option', 'retain-everything')).toContain('unknown --option "retain-everything"');
    expect(await bad(input)).toContain('--out');
    expect(await bad(input, '--out', 'x', '--uid-root', '1.02.3')).toContain('--uid-root');
    expect(await bad(input, '--out', 'x', '--profile', 'full')).toContain('--profile');
    const csv = join(tempDir(), 'bad.csv');
    writeFileSync(csv, 'OriginalPatientID,PatientName,PatientID\nA,B,C\nD,E\n');
    expect(await bad(input, '--out', 'x', '--map', csv)).toContain('bad.csv line 3: 2 fields, the header has 3');
  });
});
