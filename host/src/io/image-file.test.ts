/**
 * Frame access from a file (image-file.ts, fragment-index.ts): every frame equals the
 * frame of the file parsed into memory, and reading one frame reads the header and that
 * frame's bytes, not the file — native (byte ranges, also 1-bit frames that do not start
 * on a byte, big endian) and encapsulated (through the Basic Offset Table, or a scan of the
 * fragment headers without one); deflated, inflated in memory or, when large, into a
 * temporary file the frames are read from.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Tag } from '@atrium/sdk';
import { deflatedFrames } from '../../../test/support/deflated-object.js';
import { FIXTURE_EXPLICIT_BE, FIXTURE_EXPLICIT_LE, encodeDataset, el, minimalInstance, part10, uint16s, type FixtureEncoding } from '../../../test/support/dicom-fixture.js';
import { allSampleFiles, readSample, samplePath } from '../../../test/support/samples.js';
import { useTempDir } from '../../../test/support/temp-dir.js';
import { writeSyntheticEnhancedMr, syntheticMrPixel } from '../testing/synthetic-enhanced-mr.js';
import { imageSourceOf, openImageFile } from './image-file.js';
import { parseDicom } from './parse-part10.js';
import { encapsulate } from './pixels/encapsulate.js';

const dir = useTempDir('atrium-image-file-');

async function framesOf(path: string, frames: number | readonly number[]): Promise<unknown[]> {
  const image = openImageFile(path);
  try {
    const out = [];
    for (const i of typeof frames === 'number' ? [...Array(frames).keys()] : frames) out.push(Array.from((await image.frame(i, { rescale: true, color: 'rgb' })).data));
    return out;
  } finally {
    image.close();
  }
}

/** A minimal instance with `pixels` as its Pixel Data and the pixel attributes given. */
function imageFile(name: string, enc: FixtureEncoding, tsUid: string, attrs: Record<number, number>, pixelData: Uint8Array, encapsulated = false): string {
  const is = (v: number): string => (String(v).length % 2 === 1 ? `${v} ` : String(v));
  const all = { [Tag.SamplesPerPixel]: 1, [Tag.PixelRepresentation]: 0, ...attrs };
  const changes = new Map(Object.entries(all).map(([tag, v]) => [Number(tag), Number(tag) === Tag.NumberOfFrames ? el(Tag.NumberOfFrames, 'IS', is(v)) : el(Number(tag), 'US', uint16s([v], enc.littleEndian))] as const));
  const elements = minimalInstance(undefined, new Map([...changes, [Tag.PixelData, null]]));
  const head = encodeDataset(elements, enc);
  const pixelHeader = encodeDataset([el(Tag.PixelData, encapsulated ? 'OB' : 'OW', new Uint8Array(0), { length: encapsulated ? 0xffffffff : pixelData.length })], enc);
  const path = join(dir(), name);
  writeFileSync(path, part10(Buffer.concat([head, pixelHeader, pixelData]), { transferSyntaxUID: tsUid, sopClassUID: '1.2.840.10008.5.1.4.1.1.7', sopInstanceUID: '2.25.314159265358979323846.3' }));
  return path;
}

describe('openImageFile', () => {
  it('gives the first and the last frame of every sample image as the parsed file gives them', async () => {
    let images = 0;
    for (const rel of allSampleFiles()) {
      let parsed;
      try {
        parsed = parseDicom(readSample(rel));
      } catch {
        continue;
      }
      if (!parsed.dataset.has(Tag.PixelData) || parsed.dataset.number(Tag.Rows) === undefined) continue;
      const count = Math.max(1, parsed.dataset.number(Tag.NumberOfFrames) ?? 1);
      const frames = [...new Set([0, count - 1])];
      const memory = imageSourceOf(parsed);
      const expected = [];
      for (const i of frames) expected.push(Array.from((await memory.frame(i, { rescale: true, color: 'rgb' })).data));
      expect(await framesOf(samplePath(rel), frames), rel).toEqual(expected);
      images++;
    }
    expect(images).toBeGreaterThan(30);
  });

  it('reads the header and one frame of a 2,000-frame Enhanced MR, not the file', async () => {
    const path = join(dir(), 'mr2000.dcm');
    const { size } = writeSyntheticEnhancedMr(path, { frames: 2000, rows: 64, columns: 64 });
    const image = openImageFile(path);
    try {
      const headerBytes = image.bytesRead;
      const frame = await image.frame(1999);
      expect(frame.data[0]).toBe(syntheticMrPixel(1999, 0, 0));
      expect(frame.data[64 * 5 + 7]).toBe(syntheticMrPixel(1999, 5, 7));
      expect(image.bytesRead - headerBytes).toBe(64 * 64 * 2);
      expect(image.bytesRead).toBeLessThan(size / 2);
      await expect(image.frame(2000)).rejects.toMatchObject({ code: 'ATRIUM_ERR_PIXELS_FRAME_INDEX' });
    } finally {
      image.close();
    }
  });

  it('1-bit frames that do not start on a byte, little and big endian', async () => {
    // 3 frames of 3×5 pixels: 15 bits each, frames start at bits 0, 15, 30.
    const bits = [...Array(45).keys()].map((i) => (i * 7) % 3 === 0 ? 1 : 0);
    const packed = new Uint8Array(8);
    bits.forEach((b, i) => (packed[i >> 3]! |= b << (i & 7)));
    const attrs = { [Tag.Rows]: 3, [Tag.Columns]: 5, [Tag.BitsAllocated]: 1, [Tag.BitsStored]: 1, [Tag.HighBit]: 0, [Tag.NumberOfFrames]: 3 };
    for (const [enc, ts] of [[FIXTURE_EXPLICIT_LE, '1.2.840.10008.1.2.1'], [FIXTURE_EXPLICIT_BE, '1.2.840.10008.1.2.2']] as const) {
      // Big endian OW: the bytes of each 16-bit word are swapped.
      const stored = enc.littleEndian ? packed : packed.map((_, i) => packed[i ^ 1]!);
      const path = imageFile(`bits-${ts}.dcm`, enc, ts, attrs, stored);
      const frames = await framesOf(path, 3);
      expect(frames).toEqual([0, 1, 2].map((f) => bits.slice(15 * f, 15 * f + 15)));
      const memory = imageSourceOf(parseDicom(readFileSync(path)));
      expect(frames).toEqual(await Promise.all([0, 1, 2].map(async (i) => Array.from((await memory.frame(i, { rescale: true, color: 'rgb' })).data))));
    }
  });

  it('encapsulated frames through the Basic Offset Table, and by a scan of the fragments without one', async () => {
    // RLE Lossless frames of 1×2048 8-bit pixels: one RLE segment each (header, then literal runs of 128).
    const rle = (v: number[]): Uint8Array => {
      const header = new Uint8Array(64);
      new DataView(header.buffer).setUint32(0, 1, true);
      new DataView(header.buffer).setUint32(4, 64, true);
      const runs = [...Array(v.length / 128).keys()].flatMap((r) => [127, ...v.slice(128 * r, 128 * r + 128)]);
      return Buffer.concat([header, Uint8Array.from(runs)]);
    };
    const frames = [...Array(50).keys()].map((f) => [...Array(2048).keys()].map((i) => (f * 5 + i) & 0xff));
    const attrs = { [Tag.Rows]: 1, [Tag.Columns]: 2048, [Tag.NumberOfFrames]: 50 };
    const withTable = encapsulate(frames.map(rle));
    const withoutTable = Buffer.concat([Uint8Array.from([0xfe, 0xff, 0x00, 0xe0, 0, 0, 0, 0]), withTable.subarray(8 + 4 * 50)]);
    const reads: Record<string, number> = {};
    for (const [name, value] of [['bot', withTable], ['no-bot', withoutTable]] as const) {
      const path = imageFile(`rle-${name}.dcm`, FIXTURE_EXPLICIT_LE, '1.2.840.10008.1.2.5', attrs, value, true);
      const image = openImageFile(path);
      try {
        const before = image.bytesRead;
        expect(Array.from((await image.frame(42)).data)).toEqual(frames[42]);
        reads[name] = image.bytesRead - before;
      } finally {
        image.close();
      }
      expect(await framesOf(path, 50)).toEqual(frames);
    }
    // With the table: the table, the frame's item header and its ~2 KB; without: a walk over every fragment
    // header past the first 64 KiB (read when the file was opened).
    expect(reads.bot).toBeLessThan(16 * 1024);
    expect(reads['no-bot']).toBeGreaterThan(32 * 1024);
  });

  it('refuses a frame of Pixel Data cut short, naming the frame', async () => {
    const attrs = { [Tag.Rows]: 2, [Tag.Columns]: 2, [Tag.BitsAllocated]: 16, [Tag.BitsStored]: 16, [Tag.HighBit]: 15, [Tag.NumberOfFrames]: 4 };
    const path = imageFile('short.dcm', FIXTURE_EXPLICIT_LE, '1.2.840.10008.1.2.1', attrs, new Uint8Array(8 * 3));
    const image = openImageFile(path);
    try {
      expect(Array.from((await image.frame(2)).data)).toEqual([0, 0, 0, 0]);
      await expect(image.frame(3)).rejects.toMatchObject({ code: 'ATRIUM_ERR_PIXELS_TRUNCATED' });
    } finally {
      image.close();
    }
  });

  it('deflated: a small data set inflated in memory, a large one into a temporary file (gone from its folder) the frame is read from', async () => {
    const temp = join(dir(), 'inflate-tmp');
    mkdirSync(temp);
    for (const [name, shape] of [['small', { rows: 4, columns: 8, frames: 3 }], ['large', { rows: 1000, columns: 1000, frames: 40 }]] as const) {
      const path = join(dir(), `deflated-${name}.dcm`);
      writeFileSync(path, (await deflatedFrames(shape)).bytes);
      const image = openImageFile(path, undefined, temp);
      try {
        expect(readdirSync(temp)).toEqual([]);
        const last = await image.frame(shape.frames - 1);
        expect(Array.from(last.data).slice(0, 3)).toEqual([0, 1, 2]);
        expect(last.data[(shape.rows - 1) * shape.columns + shape.columns - 1]).toBe((shape.rows + shape.columns - 2) % 256);
        expect(Array.from((await image.frame(0)).data).every((v) => v === 0)).toBe(true);
      } finally {
        image.close();
      }
    }
  });
});
