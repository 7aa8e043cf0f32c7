import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { havePeers, runPeer } from '../../../test/support/peers.js';
import { parseDicom } from '../io/parse-part10.js';
import { readFrame } from '../io/pixel-access.js';
import { syntheticCtSeries } from '../testing/synthetic-ct-series.js';
import { imageSourceOf } from '../io/image-file.js';
import { renderFrame } from './render-frame.js';

const scratch = mkdtempSync(join(tmpdir(), 'atrium-render-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Pixels of a binary PGM (P5) or PPM (P6) with maxval 255, as dcmj2pnm writes them. */
function readPnm(path: string): { width: number; height: number; channels: number; data: Uint8Array } {
  const bytes = readFileSync(path);
  const header = bytes.subarray(0, 64).toString('latin1').match(/^(P5|P6)\s+(\d+)\s+(\d+)\s+255\s/);
  if (!header) throw new Error(`${path}: not a binary PNM with maxval 255`);
  const width = Number(header[2]);
  const height = Number(header[3]);
  const channels = header[1] === 'P5' ? 1 : 3;
  return { width, height, channels, data: new Uint8Array(bytes.subarray(header[0].length, header[0].length + width * height * channels)) };
}

/** Largest absolute difference between two byte arrays of equal length. */
function maxDiff(a: Uint8Array, b: Uint8Array): number {
  expect(a.length).toBe(b.length);
  let d = 0;
  for (let i = 0; i < a.length; i++) d = Math.max(d, Math.abs(a[i]! - b[i]!));
  return d;
}

describe('renderFrame', () => {
  it('applies rescale and the linear VOI function of PS3.3 C.11.2.1.2.1 exactly', async () => {
    // The synthetic CT: air -1000, water 0, bone 1000, fat -100, contrast 300, sphere 60 HU; window 40/400 stored in the file.
    const file = parseDicom(syntheticCtSeries({ slices: 1, rows: 64, columns: 64 })[0]!);
    const byInstance = await renderFrame(imageSourceOf(file));
    expect(byInstance.window).toEqual({ center: 40, width: 400 });
    expect(byInstance.windowSource).toBe('instance');
    // 0 HU in 40/400: ((0 - 39.5) / 399 + 0.5) · 255 = 102.26 → 102; -100 → 38.35 → 38; 60 → 140.60 → 141; ≥ 239.5 → 255; ≤ -160.5 → 0.
    expect(new Set(byInstance.data)).toEqual(new Set([0, 102, 255, 38, 141]));
    const given = await renderFrame(imageSourceOf(file), { window: { center: 0, width: 2001 } });
    // -1000 → 0, 0 → 127.5 → 128, 1000 → 255, -100 → ((-100 + 0.5)/2000 + 0.5)·255 = 114.81 → 115, 300 → 165.56 → 166, 60 → 135.21 → 135.
    expect(new Set(given.data)).toEqual(new Set([0, 128, 255, 115, 166, 135]));
    expect(given.windowSource).toBe('given');
  });

  it('uses the frame min/max when the instance has no window: min → 0, max → 255, linear between', async () => {
    const file = parseDicom(readFileSync('samples/mr/emri_small.dcm'));
    const image = await renderFrame(imageSourceOf(file));
    expect(image.windowSource).toBe('min-max');
    const values = (await readFrame(file, 0, { rescale: true })).data;
    let min = Infinity;
    let max = -Infinity;
    for (const v of values) [min, max] = [Math.min(min, v), Math.max(max, v)];
    expect(image.window).toEqual({ center: (min + max + 1) / 2, width: max - min + 1 });
    for (let i = 0; i < values.length; i++) {
      const expected = Math.round(((values[i]! - min) / (max - min)) * 255);
      if (image.data[i] !== expected) throw new Error(`pixel ${i}: ${values[i]} → ${image.data[i]}, expected ${expected}`);
    }
  });

  it('refuses a frame that does not exist', async () => {
    const file = parseDicom(readFileSync('samples/sc/SC_rgb_2frame.dcm'));
    await expect(renderFrame(imageSourceOf(file), { frame: 2 })).rejects.toMatchObject({ code: 'ATRIUM_ERR_RENDER_FRAME' });
  });

  const cases: [string, string, number, string[]][] = [
    ['MONOCHROME2 with a given window', 'samples/mr/MR_small.dcm', 1, ['+Ww', '600', '1200']],
    ['MONOCHROME1 (inverted) with a given window', 'samples/dx-cr/dx_image.dcm', 1, ['+Ww', '2000', '3000']],
    ['RGB as is', 'samples/sc/SC_rgb.dcm', 3, []],
    ['RGB, second frame', 'samples/sc/SC_rgb_2frame.dcm', 3, ['+F', '2']],
    ['YBR_FULL_422 to RGB', 'samples/us/US-YBR_FULL_422-EVRLE.dcm', 3, []],
  ];
  it.skipIf(!havePeers('dcmj2pnm'))('matches dcmj2pnm pixel for pixel (±1 for rounding)', async () => {
    for (const [name, path, channels, args] of cases) {
      const out = join(scratch, `${name.replace(/\W+/g, '-')}.pnm`);
      runPeer('dcmj2pnm', [...args, path, out]);
      const ref = readPnm(out);
      const frameArg = args.indexOf('+F');
      const wArg = args.indexOf('+Ww');
      const ours = await renderFrame(imageSourceOf(parseDicom(readFileSync(path))), {
        frame: frameArg >= 0 ? Number(args[frameArg + 1]) - 1 : 0,
        ...(wArg >= 0 ? { window: { center: Number(args[wArg + 1]), width: Number(args[wArg + 2]) } } : {}),
      });
      expect({ name, width: ours.width, height: ours.height, channels: ours.channels }).toEqual({ name, width: ref.width, height: ref.height, channels });
      expect(maxDiff(ours.data, ref.data), name).toBeLessThanOrEqual(channels === 3 && name.includes('YBR') ? 2 : 1);
    }
  });
});
