/**
 * Referee tests for native frames and photometric handling against pydicom's pixel_array
 * (and its convert_color_space / apply_modality_lut), on sample files and on variants made
 * with DCMTK: big endian (dcmconv +tb), color-by-plane RGB (dcmdjpeg +pl), native YBR_FULL
 * (dcmdjpeg +cn of a baseline JPEG).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { decodedPhotometricInterpretation } from './decoded-photometric-interpretation.js';
import { getFrame, getNativeFrameSync } from './get-frame.js';
import { frameCount } from './frame-count.js';
import type { GetFrameOptions } from './pixel-types.js';
import { compareFrames } from './test-support/compare-frames.js';
import { gdcmRaw } from './test-support/dicom-peers.js';
import { describeWithPeers, pydicom, run, sample } from './test-support/peer-tools.js';
import { loadPixels, loadReferences, type LoadedPixels, type Reference } from './test-support/pydicom-files.js';

interface NativeCase {
  name: string;
  input: string;
  /** How to derive the file under test from the sample (peer command); absent = the sample itself. */
  prepare?: (input: string, output: string, dir: string) => void;
  options?: GetFrameOptions;
  /** Frame type and Photometric Interpretation we must deliver. */
  type: string;
  photometric: string;
  /** Largest allowed |ours - reference|; 0 = identical. */
  tolerance: number;
  bigEndian?: boolean;
  planar?: boolean;
}

const bigEndian = (input: string, output: string): void => void run('dcmconv', ['+tb', input, output]);
const jpegThen = (encode: string, decode: string[]) => (input: string, output: string, dir: string): void => {
  const compressed = join(dir, `${Math.random().toString(36).slice(2)}.dcm`);
  run('dcmcjpeg', [encode, input, compressed]);
  run('dcmdjpeg', [...decode, compressed, output]);
};

const CASES: readonly NativeCase[] = [
  { name: 'MR 16-bit signed', input: 'mr/MR_small.dcm', type: 'Int16Array', photometric: 'MONOCHROME2', tolerance: 0 },
  { name: 'MR 16/12-bit 10 frames', input: 'mr/emri_small.dcm', type: 'Uint16Array', photometric: 'MONOCHROME2', tolerance: 0 },
  { name: 'NM 16 frames', input: 'nm/NM_GATED_planar_16slots.dcm', type: 'Uint16Array', photometric: 'MONOCHROME2', tolerance: 0 },
  { name: 'RT dose 32-bit implicit VR, 15 frames', input: 'rt-seg-sr/rtdose.dcm', type: 'Uint32Array', photometric: 'MONOCHROME2', tolerance: 0 },
  { name: 'SEG 1-bit 3 frames', input: 'rt-seg-sr/liver.dcm', type: 'Uint8Array', photometric: 'MONOCHROME2', tolerance: 0 },
  { name: 'DX MONOCHROME1 reported, not inverted', input: 'dx-cr/dx_image.dcm', type: 'Uint8Array', photometric: 'MONOCHROME1', tolerance: 0 },
  {
    name: 'MONOCHROME1 16/15-bit (RG1 decompressed by GDCM)',
    input: 'dx-cr/RG1_J2KI.dcm',
    prepare: (input, output, dir) => gdcmRaw(input, output, dir),
    type: 'Uint16Array',
    photometric: 'MONOCHROME1',
    tolerance: 0,
  },
  { name: 'RGB 2 frames', input: 'sc/SC_rgb_2frame.dcm', type: 'Uint8Array', photometric: 'RGB', tolerance: 0 },
  { name: 'big endian MR 16-bit signed', input: 'mr/MR_small.dcm', prepare: bigEndian, type: 'Int16Array', photometric: 'MONOCHROME2', tolerance: 0, bigEndian: true },
  { name: 'big endian MR 16/12-bit 10 frames', input: 'mr/emri_small.dcm', prepare: bigEndian, type: 'Uint16Array', photometric: 'MONOCHROME2', tolerance: 0, bigEndian: true },
  { name: 'big endian RGB 8-bit (OB)', input: 'sc/SC_rgb.dcm', prepare: bigEndian, type: 'Uint8Array', photometric: 'RGB', tolerance: 0, bigEndian: true },
  { name: 'big endian RT dose 32-bit', input: 'rt-seg-sr/rtdose.dcm', prepare: bigEndian, type: 'Uint32Array', photometric: 'MONOCHROME2', tolerance: 0, bigEndian: true },
  {
    name: 'RGB color-by-plane (dcmdjpeg +pl) to interleaved',
    input: 'sc/SC_rgb_2frame.dcm',
    prepare: jpegThen('+e1', ['+pl']),
    type: 'Uint8Array',
    photometric: 'RGB',
    tolerance: 0,
    planar: true,
  },
  { name: 'YBR_FULL_422 native upsampled', input: 'us/US-YBR_FULL_422-EVRLE.dcm', type: 'Uint8Array', photometric: 'YBR_FULL', tolerance: 0 },
  // pydicom converts in float32 with numpy's matmul and we in float64; on these images the results are identical.
  { name: 'YBR_FULL_422 native to RGB', input: 'us/US-YBR_FULL_422-EVRLE.dcm', options: { color: 'rgb' }, type: 'Uint8Array', photometric: 'RGB', tolerance: 0 },
  { name: 'YBR_FULL native (dcmdjpeg +cn)', input: 'sc/SC_rgb_2frame.dcm', prepare: jpegThen('+eb', ['+cn']), type: 'Uint8Array', photometric: 'YBR_FULL', tolerance: 0 },
  {
    name: 'YBR_FULL native (dcmdjpeg +cn) to RGB',
    input: 'sc/SC_rgb_2frame.dcm',
    prepare: jpegThen('+eb', ['+cn']),
    options: { color: 'rgb' },
    type: 'Uint8Array',
    photometric: 'RGB',
    tolerance: 0,
  },
  {
    name: 'CT rescale to HU (slope 1) as Int32',
    input: '../test/fixtures/ct-j2k/CT.1.3.12.2.1107.5.1.4.60064.30000022120808113428000016573',
    prepare: (input, output, dir) => gdcmRaw(input, output, dir),
    options: { rescale: true },
    type: 'Int32Array',
    photometric: 'MONOCHROME2',
    tolerance: 0,
  },
  {
    name: 'MR rescale slope 0.5 intercept 3.25 as Float32',
    input: 'mr/MR_small.dcm',
    prepare: (input, output) => void pydicom([{ mode: 'modify', path: input, out: output, set: { RescaleSlope: '0.5', RescaleIntercept: '3.25' } }]),
    options: { rescale: true },
    type: 'Float32Array',
    photometric: 'MONOCHROME2',
    tolerance: 0,
  },
];

describeWithPeers('native frames vs pydicom', ['dcmconv', 'dcmcjpeg', 'dcmdjpeg', 'dcmdump', 'dcmodify', 'gdcmconv', 'pydicom'], () => {
  let dir = '';
  const loaded = new Map<string, { pixels: LoadedPixels; reference: Reference }>();

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'atrium-pixels-native-'));
    const files = CASES.map((c, i) => {
      const input = sample(c.input);
      if (!c.prepare) return input;
      const output = join(dir, `case${i}.dcm`);
      c.prepare(input, output, dir);
      return output;
    });
    const pixels = loadPixels(files.map((path, i) => ({ path, dir: join(dir, `case${i}-data`) })));
    const references = loadReferences(
      files.map((path, i) => ({
        path,
        out: join(dir, `case${i}-ref.bin`),
        ...(CASES[i]!.options?.color === 'rgb' ? { color: 'RGB' as const } : {}),
        ...(CASES[i]!.options?.rescale ? { modality: true } : {}),
      })),
    );
    CASES.forEach((c, i) => loaded.set(c.name, { pixels: pixels[i]!, reference: references[i]! }));
  }, 120_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it.each(CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const { pixels, reference } = loaded.get(c.name)!;
    const { desc, source } = pixels;
    expect(source.kind).toBe('native');
    if (source.kind !== 'native') return;
    expect(source.bigEndian).toBe(c.bigEndian ?? false);
    expect(desc.planarConfiguration ?? 0).toBe(c.planar ? 1 : 0);
    expect(frameCount(desc, source)).toBe(reference.frames.length);
    expect(decodedPhotometricInterpretation(desc, c.options)).toBe(c.photometric);
    for (let f = 0; f < reference.frames.length; f++) {
      const frame = await getFrame(desc, source, f, c.options);
      expect(frame.data.constructor.name).toBe(c.type);
      expect(frame.photometricInterpretation).toBe(c.photometric);
      expect(frame.planarConfiguration).toBe(0);
      const ref = reference.frames[f]!;
      expect(frame.data.length).toBe(ref.length);
      const diff = compareFrames(frame.data, ref);
      if (frame.data instanceof Float32Array) {
        // Float32 of the exact value, compared with pydicom's float64: equal after rounding to float32.
        const rounded = Float32Array.from(ref);
        expect(compareFrames(frame.data, rounded).differing, `frame ${f}`).toBe(0);
      } else {
        expect(diff.maxAbsDiff, `frame ${f}: ${diff.differing} samples differ`).toBeLessThanOrEqual(c.tolerance);
      }
      const sync = getNativeFrameSync(desc, source, f, c.options).data;
      expect(compareFrames(sync, frame.data)).toEqual({ sameLength: true, sameType: true, differing: 0, maxAbsDiff: 0 });
    }
  });
});
