/**
 * Referee tests for decoding: compressed variants of the sample files are made with DCMTK
 * (dcmcrle, dcmcjpeg, dcmcjpls) into a temp dir, decompressed by DCMTK (dcmdrle, dcmdjpeg,
 * dcmdjpls) or GDCM (gdcmconv --raw), and pydicom's pixel_array of the decompressed file is
 * the reference. Fragments and offsets are read from the compressed file with pydicom.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { decodedPhotometricInterpretation } from '../decoded-photometric-interpretation.js';
import { getFrame } from '../get-frame.js';
import { frameCount } from '../frame-count.js';
import { compareFrames } from '../test-support/compare-frames.js';
import { gdcmRaw } from '../test-support/dicom-peers.js';
import { describeWithPeers, run, sample } from '../test-support/peer-tools.js';
import { loadPixels, loadReferences, type LoadedPixels, type Reference } from '../test-support/pydicom-files.js';
import { PixelTransferSyntax as TS } from '../transfer-syntax-uids.js';

type Decompressor = 'dcmdrle' | 'dcmdjpeg' | 'dcmdjpls' | 'gdcm';

interface DecodeCase {
  name: string;
  /** Sample path, or `ct-native` for the first CT slice decompressed by GDCM. */
  input: string;
  /** Compressor command and options (input and output appended); none for files already compressed. */
  compress?: readonly string[];
  decompress: Decompressor;
  syntax: string;
  /** Largest allowed |ours - reference| per sample; 0 = identical. */
  tolerance: number;
}

const CT = '../test/fixtures/ct-j2k/CT.1.3.12.2.1107.5.1.4.60064.30000022120808113428000016573';

const CASES: readonly DecodeCase[] = [
  // RLE Lossless: own TypeScript decoder vs dcmdrle.
  { name: 'RLE MR 16-bit signed', input: 'mr/MR_small.dcm', compress: ['dcmcrle'], decompress: 'dcmdrle', syntax: TS.RLELossless, tolerance: 0 },
  { name: 'RLE MR 12-bit 10 frames', input: 'mr/emri_small.dcm', compress: ['dcmcrle'], decompress: 'dcmdrle', syntax: TS.RLELossless, tolerance: 0 },
  { name: 'RLE RGB 2 frames', input: 'sc/SC_rgb_2frame.dcm', compress: ['dcmcrle'], decompress: 'dcmdrle', syntax: TS.RLELossless, tolerance: 0 },
  { name: 'RLE US RGB', input: 'us/US1_UNCR.dcm', compress: ['dcmcrle'], decompress: 'dcmdrle', syntax: TS.RLELossless, tolerance: 0 },
  { name: 'RLE NM 16 frames', input: 'nm/NM_GATED_planar_16slots.dcm', compress: ['dcmcrle'], decompress: 'dcmdrle', syntax: TS.RLELossless, tolerance: 0 },
  { name: 'RLE RT dose 32-bit', input: 'rt-seg-sr/rtdose.dcm', compress: ['dcmcrle'], decompress: 'dcmdrle', syntax: TS.RLELossless, tolerance: 0 },
  { name: 'RLE sample SC_rgb_rle', input: 'sc/SC_rgb_rle.dcm', decompress: 'dcmdrle', syntax: TS.RLELossless, tolerance: 0 },
  // JPEG Baseline (Process 1) vs dcmdjpeg (which also converts YCbCr to RGB).
  { name: 'JPEG baseline RGB 2 frames', input: 'sc/SC_rgb_2frame.dcm', compress: ['dcmcjpeg', '+eb'], decompress: 'dcmdjpeg', syntax: TS.JPEGBaseline8Bit, tolerance: 0 },
  { name: 'JPEG baseline US RGB', input: 'us/US1_UNCR.dcm', compress: ['dcmcjpeg', '+eb'], decompress: 'dcmdjpeg', syntax: TS.JPEGBaseline8Bit, tolerance: 0 },
  { name: 'JPEG baseline DX 8-bit', input: 'dx-cr/dx_image.dcm', compress: ['dcmcjpeg', '+eb'], decompress: 'dcmdjpeg', syntax: TS.JPEGBaseline8Bit, tolerance: 0 },
  { name: 'JPEG baseline sample SC_rgb_jpeg_dcmtk (YBR_FULL)', input: 'sc/SC_rgb_jpeg_dcmtk.dcm', decompress: 'dcmdjpeg', syntax: TS.JPEGBaseline8Bit, tolerance: 0 },
  // JPEG Extended (Process 2 & 4), 12-bit.
  { name: 'JPEG extended 12-bit MR 10 frames', input: 'mr/emri_small.dcm', compress: ['dcmcjpeg', '+ee'], decompress: 'dcmdjpeg', syntax: TS.JPEGExtended12Bit, tolerance: 0 },
  { name: 'JPEG extended 12-bit CT', input: 'ct-native', compress: ['dcmcjpeg', '+ee'], decompress: 'dcmdjpeg', syntax: TS.JPEGExtended12Bit, tolerance: 0 },
  // JPEG Lossless Process 14, every predictor, and SV1.
  ...[1, 2, 3, 4, 5, 6, 7].map(
    (sv): DecodeCase => ({
      name: `JPEG lossless P14 SV${sv} MR 16-bit signed`,
      input: 'mr/MR_small.dcm',
      compress: ['dcmcjpeg', '+el', '+sv', String(sv)],
      decompress: 'dcmdjpeg',
      syntax: TS.JPEGLossless,
      tolerance: 0,
    }),
  ),
  { name: 'JPEG lossless P14 CT 12-bit', input: 'ct-native', compress: ['dcmcjpeg', '+el'], decompress: 'dcmdjpeg', syntax: TS.JPEGLossless, tolerance: 0 },
  { name: 'JPEG lossless P14 RGB 2 frames', input: 'sc/SC_rgb_2frame.dcm', compress: ['dcmcjpeg', '+el'], decompress: 'dcmdjpeg', syntax: TS.JPEGLossless, tolerance: 0 },
  { name: 'JPEG lossless SV1 MR 16-bit signed', input: 'mr/MR_small.dcm', compress: ['dcmcjpeg', '+e1'], decompress: 'dcmdjpeg', syntax: TS.JPEGLosslessSV1, tolerance: 0 },
  { name: 'JPEG lossless SV1 MR 12-bit 10 frames', input: 'mr/emri_small.dcm', compress: ['dcmcjpeg', '+e1'], decompress: 'dcmdjpeg', syntax: TS.JPEGLosslessSV1, tolerance: 0 },
  { name: 'JPEG lossless SV1 RGB 2 frames', input: 'sc/SC_rgb_2frame.dcm', compress: ['dcmcjpeg', '+e1'], decompress: 'dcmdjpeg', syntax: TS.JPEGLosslessSV1, tolerance: 0 },
  { name: 'JPEG lossless SV1 sample XA 4 frames (GDCM-made)', input: 'xa/gdcm-XA-4frame-jpll.dcm', decompress: 'dcmdjpeg', syntax: TS.JPEGLosslessSV1, tolerance: 0 },
  { name: 'JPEG lossless SV1 sample NM1_JPLL', input: 'nm/NM1_JPLL.dcm', decompress: 'dcmdjpeg', syntax: TS.JPEGLosslessSV1, tolerance: 0 },
  // JPEG-LS lossless and near-lossless (CharLS) vs dcmdjpls.
  { name: 'JPEG-LS lossless MR 16-bit signed', input: 'mr/MR_small.dcm', compress: ['dcmcjpls', '+el'], decompress: 'dcmdjpls', syntax: TS.JPEGLSLossless, tolerance: 0 },
  { name: 'JPEG-LS lossless MR 12-bit 10 frames', input: 'mr/emri_small.dcm', compress: ['dcmcjpls', '+el'], decompress: 'dcmdjpls', syntax: TS.JPEGLSLossless, tolerance: 0 },
  { name: 'JPEG-LS lossless CT', input: 'ct-native', compress: ['dcmcjpls', '+el'], decompress: 'dcmdjpls', syntax: TS.JPEGLSLossless, tolerance: 0 },
  { name: 'JPEG-LS lossless RGB line-interleaved', input: 'sc/SC_rgb_2frame.dcm', compress: ['dcmcjpls', '+el', '+il'], decompress: 'dcmdjpls', syntax: TS.JPEGLSLossless, tolerance: 0 },
  { name: 'JPEG-LS lossless RGB sample-interleaved', input: 'sc/SC_rgb_2frame.dcm', compress: ['dcmcjpls', '+el', '+is'], decompress: 'dcmdjpls', syntax: TS.JPEGLSLossless, tolerance: 0 },
  { name: 'JPEG-LS lossless RGB uninterleaved', input: 'sc/SC_rgb_2frame.dcm', compress: ['dcmcjpls', '+el', '+in'], decompress: 'dcmdjpls', syntax: TS.JPEGLSLossless, tolerance: 0 },
  { name: 'JPEG-LS near-lossless MR 12-bit', input: 'mr/emri_small.dcm', compress: ['dcmcjpls', '+en'], decompress: 'dcmdjpls', syntax: TS.JPEGLSNearLossless, tolerance: 0 },
  { name: 'JPEG-LS near-lossless CT NEAR=3', input: 'ct-native', compress: ['dcmcjpls', '+en', '+md', '3'], decompress: 'dcmdjpls', syntax: TS.JPEGLSNearLossless, tolerance: 0 },
  { name: 'JPEG-LS near-lossless RGB', input: 'sc/SC_rgb_2frame.dcm', compress: ['dcmcjpls', '+en'], decompress: 'dcmdjpls', syntax: TS.JPEGLSNearLossless, tolerance: 0 },
  // JPEG 2000 (OpenJPEG) vs GDCM.
  ...readdirSync(sample('../test/fixtures/ct-j2k')).sort().map(
    (file): DecodeCase => ({
      name: `JPEG 2000 lossless sample ct/...${file.slice(-5)}`,
      input: `../test/fixtures/ct-j2k/${file}`,
      decompress: 'gdcm',
      syntax: TS.JPEG2000Lossless,
      tolerance: 0,
    }),
  ),
  { name: 'JPEG 2000 lossy sample MR2_J2KI', input: 'mr/MR2_J2KI.dcm', decompress: 'gdcm', syntax: TS.JPEG2000, tolerance: 0 },
  { name: 'JPEG 2000 lossy sample RG1_J2KI (MONOCHROME1, 15-bit)', input: 'dx-cr/RG1_J2KI.dcm', decompress: 'gdcm', syntax: TS.JPEG2000, tolerance: 0 },
  { name: 'JPEG 2000 sample NM1_J2KI_edited (signed)', input: 'nm/NM1_J2KI_edited.dcm', decompress: 'gdcm', syntax: TS.JPEG2000, tolerance: 0 },
];

describeWithPeers('decoding vs DCMTK / GDCM / pydicom', ['dcmcrle', 'dcmdrle', 'dcmcjpeg', 'dcmdjpeg', 'dcmcjpls', 'dcmdjpls', 'dcmdump', 'dcmodify', 'gdcmconv', 'pydicom'], () => {
  let dir = '';
  const loaded = new Map<string, { pixels: LoadedPixels; reference: Reference }>();

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'atrium-pixels-decode-'));
    const ctNative = join(dir, 'ct-native.dcm');
    gdcmRaw(sample(CT), ctNative, dir);
    const jobs = CASES.map((c, i) => {
      const input = c.input === 'ct-native' ? ctNative : sample(c.input);
      let compressed = input;
      if (c.compress) {
        compressed = join(dir, `case${i}.dcm`);
        const [command, ...options] = c.compress;
        run(command!, [...options, input, compressed]);
      }
      const decompressed = join(dir, `case${i}-ref.dcm`);
      if (c.decompress === 'gdcm') gdcmRaw(compressed, decompressed, dir);
      else run(c.decompress, [compressed, decompressed]);
      return { compressed, decompressed, i };
    });
    const pixels = loadPixels(jobs.map((j) => ({ path: j.compressed, dir: join(dir, `case${j.i}-fragments`) })));
    const references = loadReferences(jobs.map((j) => ({ path: j.decompressed, out: join(dir, `case${j.i}-ref.bin`) })));
    CASES.forEach((c, i) => loaded.set(c.name, { pixels: pixels[i]!, reference: references[i]! }));
  }, 300_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it.each(CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const { pixels, reference } = loaded.get(c.name)!;
    const { desc, source } = pixels;
    expect(desc.transferSyntaxUID).toBe(c.syntax);
    expect(source.kind).toBe('encapsulated');
    expect(frameCount(desc, source)).toBe(reference.frames.length);
    expect(decodedPhotometricInterpretation(desc)).toBe(reference.photometricInterpretation);
    for (let f = 0; f < reference.frames.length; f++) {
      const frame = await getFrame(desc, source, f);
      expect(frame.photometricInterpretation).toBe(reference.photometricInterpretation);
      const diff = compareFrames(frame.data, reference.frames[f]!);
      expect({ frame: f, ...diff }).toEqual({ frame: f, sameLength: true, sameType: true, differing: diff.differing, maxAbsDiff: diff.maxAbsDiff });
      expect(diff.maxAbsDiff, `frame ${f}: ${diff.differing} samples differ`).toBeLessThanOrEqual(c.tolerance);
    }
  });
});
