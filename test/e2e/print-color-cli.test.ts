import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SopClass } from '@atrium/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_PARSE_LIMITS } from '../../host/src/io/parse-limits.js';
import { openImageFile } from '../../host/src/io/image-file.js';
import { printScpDouble, type PrintScpDouble } from '../../host/src/net/test-support/print-scp-double.js';
import { readLabel } from '../../host/src/render/test-support/read-label.js';
import { atrium, tempDir } from './cli-helpers.js';

/**
 * `atrium print --color` as a user types it, against the Print SCP test double (DCMTK's
 * dcmprscp prints grayscale only): Basic Color Print Management, an RGB image box with the
 * stored image's own pixels at the printer's matrix; with the label on, the patient's name,
 * ID and study date burned in and read back; `--preview --color` writes an RGB PNG.
 */
const SOURCE = 'samples/sc/SC_rgb.dcm'; // 100 × 100 RGB, Lestrade^G, ID1, 20170101
const SERIES = '1.2.826.0.1.3680043.8.498.16157229083793556332623330502397121062';

describe('atrium print --color against the Print SCP double', () => {
  const store = tempDir('atrium-print-color-');
  const previews = tempDir('atrium-print-color-out-'); // outside the store: print refuses a path inside it
  let printer: PrintScpDouble;
  beforeAll(async () => {
    printer = await printScpDouble();
    expect((await atrium('--store', store, 'import', SOURCE)).code).toBe(0);
  });
  afterAll(() => printer.close());

  const addPrinter = (label: 'on' | 'off', matrix: number) => atrium('--store', store, 'ae', 'add', 'PRINTDOUBLE', '--host', '127.0.0.1', '--port', String(printer.port), '--roles', 'print', '--print-matrix', String(matrix), '--print-label', label);

  it('prints the stored RGB pixels unchanged in a Basic Color Image Box, then at a matrix of 200 with the label burned in', async () => {
    expect((await addPrinter('off', 100)).code).toBe(0);
    const run = await atrium('--store', store, 'print', SERIES, 'PRINTDOUBLE', '--color');
    expect(run.code, run.err).toBe(0);
    expect(run.out).toMatch(/^PRINTDOUBLE: 1 colour film\(s\) printed, 1 images \(job \d+\); printer NORMAL/);
    const box = printer.films[0]!.boxes[0]!;
    expect([printer.films[0]!.meta, box.sopClass, box.photometric, box.rows, box.columns]).toEqual([SopClass.BasicColorPrintManagementMeta, SopClass.BasicColorImageBox, 'RGB', 100, 100]);
    const file = openImageFile(join(process.cwd(), SOURCE), DEFAULT_PARSE_LIMITS);
    try {
      const frame = await file.frame(0, { color: 'rgb' });
      expect(Buffer.from(box.pixels).equals(Buffer.from(Uint8Array.from(frame.data)))).toBe(true);
    } finally {
      file.close();
    }
    expect((await addPrinter('on', 200)).code).toBe(0);
    expect((await atrium('--store', store, 'print', SERIES, 'PRINTDOUBLE', '--color')).code).toBe(0);
    const labelled = printer.films[1]!.boxes[0]!;
    expect([labelled.rows, labelled.columns]).toEqual([200, 200]);
    expect(readLabel(labelled.pixels, 200, 200, 255, 3)).toBe('Lestrade G  ID1  2017-01-01');
    expect(printer.refusals).toEqual([]);
  });

  it('--preview --color --printer writes an RGB PNG at that printer\'s matrix', async () => {
    const out = join(previews, 'film.png');
    const run = await atrium('--store', store, 'print', SERIES, '--preview', out, '--color', '--printer', 'PRINTDOUBLE');
    expect(run.code, run.err).toBe(0);
    const png = readFileSync(out);
    expect([png.readUInt32BE(16), png.readUInt32BE(20), png[25]]).toEqual([200, 200, 2]); // the printer's matrix; colour type 2: RGB
  });
});
