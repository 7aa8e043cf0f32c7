/**
 * Referee tests for transcoding: compressed samples (and compressed variants DCMTK / GDCM
 * make of native samples) are converted to Explicit and Implicit VR Little Endian by us and
 * by DCMTK (dcmdrle, dcmdjpeg, dcmdjpls) or GDCM (gdcmconv --raw); the Pixel Data must be
 * byte-identical, the dcmdump element lists equal but for the expected pixel-module changes,
 * and dciodvfy must report no error the source did not have. Native samples compressed by
 * us must decode back (DCMTK / GDCM) to the source pixels; native re-encodings must be
 * byte-identical to dcmconv's.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Tag, TransferSyntax as TS } from '@atrium/sdk';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { concatBytes } from '../concat-bytes.js';
import { parseDicom } from '../parse-part10.js';
import { describeWithPeers, run, sample } from '../pixels/test-support/peer-tools.js';
import { buildFileMeta } from '../write-part10.js';
import { writeDataset } from '../write-dataset.js';
import { transcodeDataset } from './transcode-dataset.js';
import { dciodvfyFile } from '../../../../test/support/dciodvfy.js';

type Referee = 'dcmdrle' | 'dcmdjpeg' | 'dcmdjpls' | 'gdcm';

interface DecodeCase {
  input: string;
  /** DCMTK / GDCM command making the compressed input from a native sample (input and output appended). */
  make?: readonly string[];
  syntax: string;
  referee: Referee;
  /** Tags whose dcmdump lines may differ, with the reason. */
  differs?: Readonly<Record<string, string>>;
}

const DECODE: readonly DecodeCase[] = [
  { input: 'sc/SC_rgb_rle.dcm', syntax: TS.RLELossless, referee: 'dcmdrle' },
  { input: 'sc/SC_rgb_jpeg_dcmtk.dcm', syntax: TS.JPEGBaseline8Bit, referee: 'dcmdjpeg' },
  { input: 'sc/SC_rgb.dcm', make: ['dcmcjpeg', '+eb'], syntax: TS.JPEGBaseline8Bit, referee: 'dcmdjpeg' }, // YBR_FULL_422 → RGB
  { input: 'mr/emri_small.dcm', make: ['dcmcjpeg', '+ee'], syntax: TS.JPEGExtended12Bit, referee: 'dcmdjpeg' },
  { input: 'mr/MR_small.dcm', make: ['dcmcjpeg', '+el'], syntax: TS.JPEGLossless, referee: 'dcmdjpeg' },
  { input: 'nm/NM1_JPLL.dcm', syntax: TS.JPEGLosslessSV1, referee: 'dcmdjpeg' },
  { input: 'xa/gdcm-XA-4frame-jpll.dcm', syntax: TS.JPEGLosslessSV1, referee: 'dcmdjpeg' },
  { input: 'mr/MR_small.dcm', make: ['dcmcjpls', '+el'], syntax: TS.JPEGLSLossless, referee: 'dcmdjpls' },
  { input: 'sc/SC_rgb.dcm', make: ['dcmcjpls', '+el', '+in'], syntax: TS.JPEGLSLossless, referee: 'dcmdjpls' }, // colour-by-plane
  { input: 'mr/emri_small.dcm', make: ['dcmcjpls', '+en'], syntax: TS.JPEGLSNearLossless, referee: 'dcmdjpls' },
  { input: 'mr/MR_small.dcm', make: ['gdcmconv', '--j2k'], syntax: TS.JPEG2000Lossless, referee: 'gdcm' },
  { input: 'sc/SC_rgb.dcm', make: ['gdcmconv', '--j2k'], syntax: TS.JPEG2000Lossless, referee: 'gdcm' },
  { input: 'mr/MR2_J2KI.dcm', syntax: TS.JPEG2000, referee: 'gdcm' },
  { input: 'nm/NM1_J2KI_edited.dcm', syntax: TS.JPEG2000, referee: 'gdcm', differs: { '0028,0008': 'GDCM drops Number of Frames [1]; we keep it' } },
];

interface EncodeCase {
  input: string;
  syntax: string;
  referee: Referee;
}

const ENCODE_INPUTS = ['mr/MR_small.dcm', 'mr/emri_small.dcm', 'sc/SC_rgb_2frame.dcm', 'dx-cr/dx_image.dcm'];
const ENCODE_TARGETS: ReadonlyArray<readonly [string, Referee]> = [
  [TS.RLELossless, 'dcmdrle'],
  [TS.JPEGLSLossless, 'dcmdjpls'],
  [TS.JPEG2000Lossless, 'gdcm'],
  [TS.JPEGLosslessSV1, 'dcmdjpeg'],
];
const ENCODE: readonly EncodeCase[] = ENCODE_INPUTS.flatMap((input) => ENCODE_TARGETS.map(([syntax, referee]) => ({ input, syntax, referee })));

/** Native samples: ours vs dcmconv (+ti implicit, +te explicit, +td deflated, and back from +tb big endian). */
const NATIVE = ['mr/MR_small.dcm', 'rt-seg-sr/test-SR.dcm', 'charsets/chrH31.dcm', 'sc/SC_rgb.dcm', 'rt-seg-sr/rtplan.dcm', 'rt-seg-sr/rtdose.dcm'];
const DCMCONV: ReadonlyArray<readonly [string, string]> = [
  [TS.ImplicitVRLittleEndian, '+ti'],
  [TS.ExplicitVRLittleEndian, '+te'],
  [TS.DeflatedExplicitVRLittleEndian, '+td'],
];

const read = (path: string) => parseDicom(new Uint8Array(readFileSync(path)));

/** A Part 10 file around transcoded dataset bytes. */
function writeFile(path: string, source: ReturnType<typeof read>, dataset: Uint8Array, syntax: string): void {
  const meta = writeDataset(buildFileMeta(source.dataset, syntax));
  writeFileSync(path, concatBytes([new Uint8Array(128), new TextEncoder().encode('DICM'), meta, dataset]));
}

function decompress(referee: Referee, input: string, output: string): void {
  if (referee === 'gdcm') run('gdcmconv', ['--raw', input, output]);
  else run(referee, [input, output]);
}

/**
 * dcmdump element lines without File Meta and Pixel Data (compared byte for byte), sequence
 * and item lengths normalised (DCMTK writes defined lengths where we keep undefined ones).
 */
function elementLines(path: string, ignore: readonly string[]): string[] {
  return run('dcmdump', ['-q', path])
    .split('\n')
    .filter((l) => l.startsWith('(') || l.trimStart().startsWith('('))
    .filter((l) => !l.trimStart().startsWith('(0002,') && !l.trimStart().startsWith('(7fe0,0010)') && !ignore.some((t) => l.trimStart().startsWith(`(${t})`)))
    .map((l) =>
      l
        .replace(/with (explicit|undefined) length/, 'with length')
        .replace(/ for re-encod(ing|\.)/, '')
        .replace(/#\s*(u\/l|\d+),/, '#')
        .replace(/(\S) {2,}/g, '$1 '),
    );
}

const dciodvfyCache = new Map<string, Set<string>>();

/** dciodvfy's Error lines (it reports on stderr and may exit non-zero), cached per path. */
function dciodvfyErrors(path: string, cache = false): Set<string> {
  const cached = cache ? dciodvfyCache.get(path) : undefined;
  if (cached) return cached;
  // File Meta is made by this test, not by transcodeDataset: its findings are not ours.
  const errors = new Set(dciodvfyFile(path).errors.filter((l) => !l.includes('(0x0002,')));
  if (cache) dciodvfyCache.set(path, errors);
  return errors;
}

describeWithPeers('transcoding vs DCMTK / GDCM', ['dcmdrle', 'dcmdjpeg', 'dcmdjpls', 'dcmcjpeg', 'dcmcjpls', 'dcmconv', 'dcmdump', 'gdcmconv', 'dciodvfy'], () => {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'atrium-transcode-'));
  });
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it.each(DECODE.map((c, i) => [`${c.input} ${c.make?.join(' ') ?? ''} → native vs ${c.referee}`, c, i] as const))('%s', async (_name, c, i) => {
    let input = sample(c.input);
    if (c.make) {
      const [command, ...options] = c.make;
      input = join(dir, `d${i}-in.dcm`);
      run(command!, [...options, sample(c.input), input]);
    }
    const reference = join(dir, `d${i}-ref.dcm`);
    decompress(c.referee, input, reference);
    const source = read(input);
    expect(source.transferSyntax.uid).toBe(c.syntax);
    const expectedPixels = read(reference).dataset.get(Tag.PixelData)!.value;
    const referenceLines = elementLines(reference, Object.keys(c.differs ?? {}));
    const sourceErrors = dciodvfyErrors(input);
    for (const syntax of [TS.ExplicitVRLittleEndian, TS.ImplicitVRLittleEndian]) {
      const out = join(dir, `d${i}-${syntax}.dcm`);
      writeFile(out, source, await transcodeDataset(source, syntax), syntax);
      const ours = read(out);
      expect(ours.transferSyntax.uid).toBe(syntax);
      expect(Buffer.from(ours.dataset.get(Tag.PixelData)!.value).equals(Buffer.from(expectedPixels)), `${syntax}: Pixel Data`).toBe(true);
      expect(elementLines(out, Object.keys(c.differs ?? {}))).toEqual(referenceLines);
      const newErrors = [...dciodvfyErrors(out)].filter((e) => !sourceErrors.has(e));
      expect(newErrors, `${syntax}: new dciodvfy errors`).toEqual([]);
    }
  });

  it.each(ENCODE.map((c, i) => [`${c.input} → ${c.syntax} decodes back with ${c.referee}`, c, i] as const))('%s', async (_name, c, i) => {
    const source = read(sample(c.input));
    const encoded = join(dir, `e${i}.dcm`);
    writeFile(encoded, source, await transcodeDataset(source, c.syntax), c.syntax);
    expect(read(encoded).transferSyntax.uid).toBe(c.syntax);
    const back = join(dir, `e${i}-back.dcm`);
    decompress(c.referee, encoded, back);
    const pixels = source.dataset.get(Tag.PixelData)!.value;
    const decoded = read(back).dataset.get(Tag.PixelData)!.value;
    // dx_image has odd-length (unpadded) native Pixel Data; the decoded value is padded to even.
    expect(decoded.length - pixels.length).toBeLessThanOrEqual(1);
    expect(Buffer.from(decoded.subarray(0, pixels.length)).equals(Buffer.from(pixels))).toBe(true);
    const newErrors = [...dciodvfyErrors(encoded)].filter((e) => !dciodvfyErrors(sample(c.input), true).has(e));
    expect(newErrors).toEqual([]);
  });

  it.each(NATIVE)('%s: native re-encodings are byte-identical to dcmconv', async (path) => {
    const source = read(sample(path));
    const bigEndian = join(dir, `${path.replace(/\W/g, '_')}-be.dcm`);
    run('dcmconv', ['+tb', sample(path), bigEndian]);
    const fromBigEndian = read(bigEndian);
    for (const [syntax, option] of DCMCONV) {
      const reference = join(dir, `${path.replace(/\W/g, '_')}${option}.dcm`);
      run('dcmconv', [option, sample(path), reference]);
      const expected = Buffer.from(read(reference).datasetBytes);
      for (const from of [source, fromBigEndian]) {
        const ours = await transcodeDataset(from, syntax);
        const inflated = syntax === TS.DeflatedExplicitVRLittleEndian ? parseDicom(ours, { transferSyntaxUID: syntax }).datasetBytes : ours;
        expect(Buffer.from(inflated).equals(expected), `${from.transferSyntax.uid} → ${syntax}`).toBe(true);
      }
    }
  });
});
