/**
 * Print SCU against DCMTK's dcmprscp (Basic Grayscale Print Management; Shimadzu SCORE 3D §3,
 * Canon GCA-9300R and Shimadzu DAR-9500f conformance statements, Print): `atrium print` of
 * two known images on a 2x1 film; dcmprscp stores what it receives (a Stored Print object
 * and one Hardcopy Grayscale image per box), read back with pydicom: the layout, film size,
 * orientation, box positions, and every pixel after the window (PS3.3 §C.11.2.1.2.1) — the
 * images are made at the print matrix so no scaling is involved. `--preview` writes the same
 * film as a PNG without a printer. A printer's own matrix and depth (`atrium ae add --print-matrix
 * --print-bits`) are what dcmprscp stores, with the patient's name, ID and study date burned
 * into each image (dcmprscp has no Basic Annotation Box) and read back glyph by glyph.
 * Needs dcmprscp and pydicom (under CI=true their absence fails) and the CLI built (`npx tsc -b`).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readLabel } from '../../host/src/render/test-support/read-label.js';
import { freePort } from '../support/free-port.js';
import { havePeers, peer, runPydicom } from '../support/peers.js';
import { makeTempDir, removeTempDir } from '../support/temp-dir.js';

const ok = havePeers('dcmprscp', 'pydicom');
const CLI = join(fileURLToPath(new URL('../..', import.meta.url)), 'host/bin/atrium.js');
const MATRIX = 256;
const WINDOW = { center: 512, width: 1024 };

/** Two CT images at the print matrix: a horizontal ramp 0…1020 (128 wide) and a constant 700. */
const MAKE_IMAGES = `
import sys, numpy as np
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.uid import ExplicitVRLittleEndian, generate_uid
study, series = generate_uid(), generate_uid()
for n, (cols, pixels) in enumerate([(128, np.tile(np.arange(128, dtype=np.uint16) * 8 + 4, (256, 1))), (256, np.full((256, 256), 700, dtype=np.uint16))]):
    ds = Dataset()
    ds.file_meta = FileMetaDataset(); ds.file_meta.TransferSyntaxUID = ExplicitVRLittleEndian
    ds.SOPClassUID = '1.2.840.10008.5.1.4.1.1.2'; ds.SOPInstanceUID = generate_uid(); ds.file_meta.MediaStorageSOPClassUID = ds.SOPClassUID; ds.file_meta.MediaStorageSOPInstanceUID = ds.SOPInstanceUID
    ds.PatientName = 'Print^Test'; ds.PatientID = 'PRINT-1'; ds.StudyDate = '20260102'; ds.StudyInstanceUID = study; ds.SeriesInstanceUID = series; ds.Modality = 'CT'; ds.SeriesNumber = 1; ds.InstanceNumber = n + 1
    ds.Rows, ds.Columns = 256, cols; ds.SamplesPerPixel = 1; ds.PhotometricInterpretation = 'MONOCHROME2'
    ds.BitsAllocated, ds.BitsStored, ds.HighBit, ds.PixelRepresentation = 16, 16, 15, 0
    ds.RescaleIntercept, ds.RescaleSlope = 0, 1
    ds.PixelData = pixels.tobytes()
    ds.save_as(f'{sys.argv[1]}/{n + 1}.dcm', write_like_original=False)
print(series)
`;

/** What dcmprscp stored: the Stored Print's film and each box's Hardcopy Grayscale pixels (by position). */
const READ_STORED = `
import sys, json, glob
import pydicom
files = [pydicom.dcmread(f) for f in glob.glob(sys.argv[1] + '/*.dcm')]
sp = sorted([f for f in files if f.SOPClassUID == '1.2.840.10008.5.1.1.27'], key=lambda f: (f.InstanceCreationDate, f.InstanceCreationTime))[-1:]
hg = {f.SOPInstanceUID: f for f in files if f.SOPClassUID == '1.2.840.10008.5.1.1.29'}
film = sp[0].FilmBoxContentSequence[0]
boxes = {}
for box in sp[0].ImageBoxContentSequence:
    image = hg[box.ReferencedImageSequence[0].ReferencedSOPInstanceUID]
    boxes[int(box.ImageBoxPosition)] = {'rows': int(image.Rows), 'columns': int(image.Columns), 'photometric': image.PhotometricInterpretation, 'bitsStored': int(image.BitsStored), 'pixels': image.pixel_array.flatten().tolist()}
print(json.dumps({'stored': len(sp), 'format': film.ImageDisplayFormat, 'size': film.FilmSizeID, 'orientation': film.FilmOrientation, 'boxes': boxes}))
`;

/** The linear VOI function of PS3.3 §C.11.2.1.2.1 to 8 bits, as the standard writes it. */
function windowed(x: number, c: number, w: number): number {
  if (x <= c - 0.5 - (w - 1) / 2) return 0;
  if (x > c - 0.5 + (w - 1) / 2) return 255;
  return Math.round(((x - (c - 0.5)) / (w - 1) + 0.5) * 255);
}

describe.skipIf(!ok)('Print SCU against dcmprscp', () => {
  let dir: string;
  let printer: ChildProcess | undefined;
  let series: string;
  let port: number;
  const atrium = (...args: string[]) => spawnSync(process.execPath, [CLI, '--store', join(dir, 'store'), ...args], { encoding: 'utf8', timeout: 60_000 });

  beforeAll(async () => {
    dir = makeTempDir('atrium-print-');
    for (const d of ['images', 'db', 'spool']) mkdirSync(join(dir, d));
    series = runPydicom(MAKE_IMAGES, [join(dir, 'images')]).trim();
    expect(atrium('import', join(dir, 'images')).status).toBe(0);
    port = await freePort();
    writeFileSync(join(dir, 'print.cfg'), [
      '[[GENERAL]]', '[DATABASE]', `Directory = ${join(dir, 'db')}`, '[PRINT]', `Directory = ${join(dir, 'spool')}`, 'DetailedLog = false', 'BinaryLog = false',
      'MinPrintResolution = 64\\64', 'MaxPrintResolution = 8192\\8192', 'DefaultIllumination = 2000', 'DefaultReflection = 10',
      '[[COMMUNICATION]]', '[PRINTSCP]', 'Aetitle = PRINTSCP', 'Description = test printer', 'Hostname = localhost', `Port = ${port}`, 'Type = LOCALPRINTER',
      'DisplayFormat = 1,1\\2,1\\1,2\\2,2', 'FilmSizeID = 8INX10IN\\14INX17IN', 'MediumType = PAPER', 'FilmDestination = MAGAZINE', 'MagnificationType = REPLICATE\\NONE',
      'MaxDensity = 320', 'MinDensity = 20', 'MaxPDU = 32768', 'Supports12Bit = true', 'SupportsImageSize = true', '',
    ].join('\n'));
    printer = spawn(peer('dcmprscp')!, ['-c', join(dir, 'print.cfg'), '-p', 'PRINTSCP'], { stdio: 'ignore' });
    await new Promise((r) => setTimeout(r, 500));
    expect(atrium('ae', 'add', 'PRINTSCP', '--host', '127.0.0.1', '--port', String(port), '--roles', 'print', '--print-label', 'off').status).toBe(0);
    expect(atrium('config', 'set', 'printMatrix', String(MATRIX)).status).toBe(0);
  });
  afterAll(() => {
    if (printer?.pid !== undefined && printer.exitCode === null) process.kill(printer.pid, 'SIGKILL');
    removeTempDir(dir);
  });

  it('prints a 2x1 film: layout, film size, orientation and the windowed pixels as dcmprscp stored them', () => {
    const run = atrium('print', series, 'PRINTSCP', '--layout', '2x1', '--film-size', '14INX17IN', '--orientation', 'landscape', '--window', `${WINDOW.center},${WINDOW.width}`);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^PRINTSCP: 1 film\(s\) printed, 2 images \(job \d+\); printer NORMAL/);
    const stored = JSON.parse(runPydicom(READ_STORED, [join(dir, 'db')])) as { stored: number; format: string; size: string; orientation: string; boxes: Record<string, { rows: number; columns: number; photometric: string; pixels: number[] }> };
    expect(stored).toMatchObject({ stored: 1, format: 'STANDARD\\2,1', size: '14INX17IN', orientation: 'LANDSCAPE' });
    const ramp = stored.boxes['1']!;
    expect([ramp.rows, ramp.columns, ramp.photometric]).toEqual([256, 128, 'MONOCHROME2']);
    const expectedRamp = Array.from({ length: 256 * 128 }, (_, i) => windowed((i % 128) * 8 + 4, WINDOW.center, WINDOW.width));
    expect(ramp.pixels).toEqual(expectedRamp);
    const flat = stored.boxes['2']!;
    expect([flat.rows, flat.columns]).toEqual([256, 256]);
    expect(new Set(flat.pixels)).toEqual(new Set([windowed(700, WINDOW.center, WINDOW.width)]));
  });

  it('prints at the printer\'s own matrix and depth (384, 12 bit) with the patient\'s name, ID and study date burned in, as dcmprscp stored them', () => {
    const added = atrium('ae', 'add', 'PRINTSCP', '--host', '127.0.0.1', '--port', String(port), '--roles', 'print', '--print-matrix', '384', '--print-bits', '12', '--print-label', 'on');
    expect(added.stdout).toContain('printer matrix 384, 12 bit, label burned in');
    try {
      const run = atrium('print', series, 'PRINTSCP', '--layout', '2x1', '--window', `${WINDOW.center},${WINDOW.width}`);
      expect(run.status, run.stderr).toBe(0);
      const stored = JSON.parse(runPydicom(READ_STORED, [join(dir, 'db')])) as { boxes: Record<string, { rows: number; columns: number; bitsStored: number; pixels: number[] }> };
      const [ramp, flat] = [stored.boxes['1']!, stored.boxes['2']!];
      expect([ramp.rows, ramp.columns, ramp.bitsStored, flat.rows, flat.columns, flat.bitsStored]).toEqual([384, 192, 12, 384, 384, 12]);
      // Above the label band every pixel of the flat image is 700 windowed to 12 bits (PS3.3 §C.11.2.1.2.1).
      const band = 9;
      const expected12 = Math.round(((700 - (WINDOW.center - 0.5)) / (WINDOW.width - 1) + 0.5) * 4095);
      expect(new Set(flat.pixels.slice(0, (384 - band) * 384))).toEqual(new Set([expected12]));
      for (const box of [ramp, flat]) expect(readLabel(box.pixels, box.columns, box.rows, 4095)).toBe('Print Test  PRINT-1  2026-01-02');
    } finally {
      atrium('ae', 'add', 'PRINTSCP', '--host', '127.0.0.1', '--port', String(port), '--roles', 'print', '--print-matrix', 'default', '--print-bits', '8', '--print-label', 'off');
    }
  });

  it('--preview writes the film as a PNG without a printer', () => {
    const out = join(dir, 'film.png');
    const run = atrium('print', series, '--preview', out, '--layout', '2x1', '--window', `${WINDOW.center},${WINDOW.width}`);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain(`${out}  film 2x1, 512×256`);
    const png = readFileSync(out);
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([512, 256]);
  });

  it('refuses bad options and a printer without role print, with coded messages', () => {
    expect(atrium('print', series, 'PRINTSCP', '--layout', '11x1').stderr).toMatch(/--layout must be <columns>x<rows>.*\[ATRIUM_ERR_CLI_BAD_OPTION\]/);
    expect(atrium('print', series, 'PRINTSCP', '--copies', '0').stderr).toMatch(/--copies must be a whole number/);
    expect(atrium('ae', 'add', 'PACS', '--host', '127.0.0.1', '--port', String(port)).status).toBe(0);
    expect(atrium('print', series, 'PACS').stderr).toMatch(/PACS does not have the role "print".*\[ATRIUM_ERR_AE_ROLE\]/);
  });

  it('a layout or film size the printer does not offer is refused naming what was asked and the status\'s meaning; colour, naming the SOP class', () => {
    const layout = atrium('print', series, 'PRINTSCP', '--layout', '3x3', '--film-size', 'A9');
    expect(layout.status).toBe(1);
    expect(layout.stderr).toMatch(/Film Box N-CREATE \(Image Display Format STANDARD\\3,3, Film Size ID A9\) at PRINTSCP failed: status 0106 \(Invalid attribute value\) \[ATRIUM_ERR_NET_REMOTE_FAILED\]/);
    const color = atrium('print', series, 'PRINTSCP', '--color');
    expect(color.stderr).toMatch(/accepted none of the 1 proposed presentation contexts \(Basic Color Print Management Meta SOP Class 1\.2\.840\.10008\.5\.1\.1\.18\): it does not offer this service \[ATRIUM_ERR_NET_NO_CONTEXT\]/);
  });
});
