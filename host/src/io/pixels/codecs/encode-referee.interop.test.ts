/**
 * Referee tests for encoding: frames of native sample files are encoded by us, wrapped with
 * {@link encapsulate} into a Part 10 file (pydicom copies the native file and swaps in the
 * Pixel Data and transfer syntax), decompressed by DCMTK and GDCM, and pydicom's pixel_array
 * of each result must equal pydicom's pixel_array of the original.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { encapsulate } from '../encapsulate.js';
import { encodeFrames } from '../encode-frames.js';
import { compareFrames } from '../test-support/compare-frames.js';
import { gdcmRaw } from '../test-support/dicom-peers.js';
import { describeWithPeers, pydicom, run, sample } from '../test-support/peer-tools.js';
import { loadPixels, loadReferences, type LoadedPixels, type Reference } from '../test-support/pydicom-files.js';
import { PixelTransferSyntax as TS } from '../transfer-syntax-uids.js';

type Peer = 'dcmdrle' | 'dcmdjpls' | 'dcmdjpeg' | 'gdcm';

const PEERS: Record<string, readonly Peer[]> = {
  [TS.RLELossless]: ['dcmdrle', 'gdcm'],
  [TS.JPEGLSLossless]: ['dcmdjpls', 'gdcm'],
  [TS.JPEGLosslessSV1]: ['dcmdjpeg', 'gdcm'],
  [TS.JPEG2000Lossless]: ['gdcm'],
};

const INPUTS = {
  'MR 16-bit signed': 'mr/MR_small.dcm',
  'MR 16/12-bit 10 frames': 'mr/emri_small.dcm',
  'CT 16/12-bit 512x512': 'ct-native',
  'RGB 2 frames': 'sc/SC_rgb_2frame.dcm',
  'US RGB 640x480': 'us/US1_UNCR.dcm',
  'US YBR_FULL_422 as YBR_FULL': 'us/US-YBR_FULL_422-EVRLE.dcm',
  'NM 16 frames': 'nm/NM_GATED_planar_16slots.dcm',
  'RT dose 32-bit': 'rt-seg-sr/rtdose.dcm',
} as const;
type InputName = keyof typeof INPUTS;

const CASES: ReadonlyArray<readonly [InputName, string]> = [
  ...(Object.keys(INPUTS) as InputName[]).map((name) => [name, TS.RLELossless] as const),
  ...(['MR 16-bit signed', 'MR 16/12-bit 10 frames', 'CT 16/12-bit 512x512', 'RGB 2 frames', 'US RGB 640x480', 'NM 16 frames'] as const).flatMap((name) => [
    [name, TS.JPEGLSLossless] as const,
    [name, TS.JPEG2000Lossless] as const,
    [name, TS.JPEGLosslessSV1] as const,
  ]),
];

const CT = '../test/fixtures/ct-j2k/CT.1.3.12.2.1107.5.1.4.60064.30000022120808113428000016573';

describeWithPeers('our encoders vs DCMTK / GDCM decoders', ['dcmdrle', 'dcmdjpls', 'dcmdjpeg', 'dcmdump', 'dcmodify', 'gdcmconv', 'pydicom'], () => {
  let dir = '';
  const inputs = new Map<InputName, { path: string; pixels: LoadedPixels; reference: Reference }>();

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'atrium-pixels-encode-'));
    const names = Object.keys(INPUTS) as InputName[];
    const paths = names.map((name) => {
      const rel = INPUTS[name];
      if (rel !== 'ct-native') return sample(rel);
      const out = join(dir, 'ct-native.dcm');
      gdcmRaw(sample(CT), out, dir);
      return out;
    });
    const pixels = loadPixels(paths.map((path, i) => ({ path, dir: join(dir, `input${i}`) })));
    const references = loadReferences(paths.map((path, i) => ({ path, out: join(dir, `input${i}-ref.bin`) })));
    names.forEach((name, i) => inputs.set(name, { path: paths[i]!, pixels: pixels[i]!, reference: references[i]! }));
  }, 120_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  let n = 0;
  it.each(CASES.map(([name, syntax]) => [`${name} -> ${syntax}`, name, syntax] as const))('%s', async (_title, name, syntax) => {
    const input = inputs.get(name)!;
    const { desc, source } = input.pixels;
    // Each frame checked to decode back to its values by our own decoder.
    const { frames, photometricInterpretation: photometric } = await encodeFrames(desc, source, syntax);
    const id = `case${n++}`;
    const value = join(dir, `${id}.pixeldata`);
    writeFileSync(value, encapsulate(frames));
    const encodedFile = join(dir, `${id}.dcm`);
    const set: Record<string, unknown> = { PhotometricInterpretation: photometric };
    if (desc.samplesPerPixel > 1) set.PlanarConfiguration = 0;
    pydicom([{ mode: 'part10', template: input.path, out: encodedFile, pixel_data: value, ts: syntax, set }]);

    const peers = PEERS[syntax]!;
    const decoded = peers.map((peer) => {
      const out = join(dir, `${id}-${peer}.dcm`);
      if (peer === 'gdcm') gdcmRaw(encodedFile, out, dir);
      else run(peer, [encodedFile, out]);
      return out;
    });
    const refs = loadReferences(decoded.map((path) => ({ path, out: `${path}.bin` })));
    refs.forEach((ref, i) => {
      expect(ref.frames.length, peers[i]).toBe(input.reference.frames.length);
      ref.frames.forEach((frame, f) => {
        const diff = compareFrames(frame, input.reference.frames[f]!);
        expect({ peer: peers[i], frame: f, ...diff }).toEqual({ peer: peers[i], frame: f, sameLength: true, sameType: true, differing: 0, maxAbsDiff: 0 });
      });
    });
  });
});
