/**
 * Deflated data sets inflated as a stream (inflate-dataset.ts) and read within bounded memory
 * (deflated-object.ts): small ones in memory, exactly as parseDicom reads them; large ones in
 * a temporary file that is never left behind, walked there (its lies found) and only their
 * header parsed; a deflate bomb refused as soon as it passes maxInflatedBytes.
 */
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { Tag } from '@atrium/sdk';
import { DEFLATED_EXPLICIT_LE } from '../../../test/support/deflated-object.js';
import { encodeDataset, el, FIXTURE_EXPLICIT_LE, minimalInstance, part10, type FixtureElement } from '../../../test/support/dicom-fixture.js';
import { useTempDir } from '../../../test/support/temp-dir.js';
import { MemoryWindow } from './byte-window.js';
import { parseDicomBounded, readDeflatedObject } from './deflated-object.js';
import { INFLATED_IN_MEMORY_BYTES, inflateDataset } from './inflate-dataset.js';
import { DEFAULT_PARSE_LIMITS } from './parse-limits.js';
import { parseDicom, parsePreface } from './parse-part10.js';

const dir = useTempDir('atrium-deflated-');
const MiB = 1024 * 1024;

/** A deflated Part 10 file of the minimal instance with `changes`; Pixel Data of `pixelBytes` zeros (2×2 frames). */
function deflatedFile(pixelBytes: number, changes: [number, FixtureElement | null][] = [], after: Uint8Array = new Uint8Array(0)): Uint8Array {
  const frames = pixelBytes / 4;
  const elements = minimalInstance('2.25.8805', new Map<number, FixtureElement | null>([
    [Tag.NumberOfFrames, el(Tag.NumberOfFrames, 'IS', `${frames}`.length % 2 ? `${frames} ` : `${frames}`)],
    [Tag.PixelData, el(Tag.PixelData, 'OB', new Uint8Array(pixelBytes))],
    ...changes,
  ]));
  const dataset = Buffer.concat([encodeDataset(elements, FIXTURE_EXPLICIT_LE), after]);
  return part10(deflateRawSync(dataset), { transferSyntaxUID: DEFLATED_EXPLICIT_LE, sopClassUID: '1.2.840.10008.5.1.4.1.1.7', sopInstanceUID: '2.25.8805.3' });
}

const codeAndMessage = (fn: () => unknown): string => {
  try {
    fn();
    return 'read';
  } catch (e) {
    return `${(e as { code?: string }).code}: ${(e as Error).message}`;
  }
};

describe('inflateDataset', () => {
  it('holds a small data set in memory, inflated exactly as zlib inflates it', () => {
    const bytes = deflatedFile(4096);
    const { datasetStart } = parsePreface(bytes);
    const inflated = inflateDataset(new MemoryWindow(bytes), datasetStart, { maxBytes: DEFAULT_PARSE_LIMITS.maxInflatedBytes });
    expect(inflated.bytes && Buffer.from(inflated.bytes).equals(inflateRawSync(bytes.subarray(datasetStart)))).toBe(true);
  });

  it('sends a larger one to a temporary file that is gone from its folder at once, and reads it back', () => {
    const temp = join(dir(), 'tmp');
    mkdirSync(temp);
    const bytes = deflatedFile(INFLATED_IN_MEMORY_BYTES + 4 * MiB);
    const { datasetStart } = parsePreface(bytes);
    const inflated = inflateDataset(new MemoryWindow(bytes), datasetStart, { maxBytes: DEFAULT_PARSE_LIMITS.maxInflatedBytes, tempDir: temp });
    try {
      expect(inflated.bytes).toBeUndefined();
      expect(readdirSync(temp)).toEqual([]);
      const whole = inflateRawSync(bytes.subarray(datasetStart));
      expect(inflated.window.size).toBe(whole.length);
      expect(Buffer.from(inflated.window.bytes(0, 4096)).equals(whole.subarray(0, 4096))).toBe(true);
      expect(Buffer.from(inflated.window.bytes(whole.length - 10, 10)).equals(whole.subarray(-10))).toBe(true);
    } finally {
      inflated.close();
    }
  });

  it('refuses a deflate bomb as soon as it passes maxInflatedBytes, a cut stream, and a temporary folder that is missing', () => {
    const bytes = deflatedFile(INFLATED_IN_MEMORY_BYTES + 4 * MiB);
    const { datasetStart } = parsePreface(bytes);
    const window = new MemoryWindow(bytes);
    expect(codeAndMessage(() => inflateDataset(window, datasetStart, { maxBytes: 8 * MiB }))).toBe(
      `ATRIUM_ERR_PARSE_LIMIT: the deflated data set inflates to more than ${8 * MiB} bytes (limit maxInflatedBytes = ${8 * MiB}) at byte offset ${datasetStart}; a site that needs more raises it with \`atrium config set maxInflatedBytes <n>\``,
    );
    const cut = new MemoryWindow(bytes.subarray(0, bytes.length - 100));
    expect(codeAndMessage(() => inflateDataset(cut, datasetStart, { maxBytes: DEFAULT_PARSE_LIMITS.maxInflatedBytes }))).toBe(`ATRIUM_ERR_PARSE_MALFORMED: deflated dataset cannot be inflated (unexpected end of file) at byte offset ${datasetStart}`);
    const missing = join(dir(), 'no-such-folder');
    expect(codeAndMessage(() => inflateDataset(window, datasetStart, { maxBytes: DEFAULT_PARSE_LIMITS.maxInflatedBytes, tempDir: missing }))).toMatch(
      new RegExp(`^ATRIUM_ERR_INFLATE_TEMP_FILE: the deflated data set inflates to more than ${INFLATED_IN_MEMORY_BYTES} bytes and goes to a temporary file in ${missing}, which does not exist$`),
    );
    expect(existsSync(missing)).toBe(false);
  });
});

describe('readDeflatedObject', () => {

  it('reads a small object as parseDicom does', () => {
    const bytes = deflatedFile(4096);
    const bounded = parseDicomBounded(bytes, { tempDir: dir() });
    const whole = parseDicom(bytes);
    expect(bounded.dataset.elements.map((e) => [e.tag, Buffer.from(e.value).toString('hex')])).toEqual(whole.dataset.elements.map((e) => [e.tag, Buffer.from(e.value).toString('hex')]));
    expect(bounded.stoppedAtPixelData).toBe(false);
  });

  it('reads a large one as a large file is read: its header, up to Pixel Data', () => {
    const bytes = deflatedFile(INFLATED_IN_MEMORY_BYTES + 4 * MiB);
    const file = parseDicomBounded(bytes, { tempDir: dir() });
    expect(file.stoppedAtPixelData).toBe(true);
    expect(file.dataset.has(Tag.PixelData)).toBe(false);
    expect(file.dataset.string(Tag.SOPInstanceUID)).toBe('2.25.8805.3');
    expect(file.dataset.string(Tag.NumberOfFrames)).toBe(`${(INFLATED_IN_MEMORY_BYTES + 4 * MiB) / 4}`);
  });

  it('walks a large one to its end: a length that lies after Pixel Data is refused (a header-only read does not look there)', () => {
    // (7FE1,0010) claims 65,000 bytes; 2 follow.
    const lie = Buffer.from('e17f1000 4f42 0000 e8fd0000 0000'.replace(/ /g, ''), 'hex');
    const bytes = deflatedFile(INFLATED_IN_MEMORY_BYTES + 4 * MiB, [], lie);
    const preface = parsePreface(bytes);
    const window = new MemoryWindow(bytes);
    expect(codeAndMessage(() => readDeflatedObject(window, preface, { limits: DEFAULT_PARSE_LIMITS, tempDir: dir(), objectBytes: bytes.length }))).toMatch(/^ATRIUM_ERR_PARSE_TRUNCATED: value length 65000 runs past the end of the data \(2 bytes left\) in \(7FE1,0010\) at byte offset \d+$/);
    expect(readDeflatedObject(window, preface, { limits: DEFAULT_PARSE_LIMITS, tempDir: dir(), objectBytes: bytes.length, headerOnly: true }).dataset.string(Tag.SOPInstanceUID)).toBe('2.25.8805.3');
  });

  it(`refuses a large one holding more than ${INFLATED_IN_MEMORY_BYTES} bytes before Pixel Data (that part is held in memory)`, () => {
    const bytes = deflatedFile(4, [[0x00091010, el(0x00091010, 'OB', new Uint8Array(INFLATED_IN_MEMORY_BYTES + MiB))], [0x00090010, el(0x00090010, 'LO', 'ATRIUM TEST ')]]);
    expect(codeAndMessage(() => parseDicomBounded(bytes, { tempDir: dir() }))).toMatch(
      new RegExp(`^ATRIUM_ERR_PARSE_LIMIT: the deflated data set holds more than ${INFLATED_IN_MEMORY_BYTES} bytes before Pixel Data, the most of it read into memory \\(it inflates to \\d+ bytes\\)$`),
    );
  });
});
