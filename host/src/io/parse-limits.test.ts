/**
 * The limits of what the parser builds in memory (parse-limits.ts): nesting read to 256
 * levels (the reproducer nested 65 deep, which DCMTK and pydicom read, included), and
 * objects of very many empty items or elements refused with ATRIUM_ERR_PARSE_LIMIT
 * naming the limit, the element and the byte offset — from the attacker's side: the
 * bytes are valid DICOM, only the counts are hostile.
 */
import { readFileSync } from 'node:fs';
import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { Tag } from '@atrium/sdk';
import { emptyItemsObject, manyElementsObject, nestedObject } from '../../../test/support/bulk-objects.js';
import { FIXTURE_EXPLICIT_LE, encodeDataset, minimalInstance, part10 } from '../../../test/support/dicom-fixture.js';
import { REPO_ROOT } from '../../../test/support/samples.js';
import type { AtriumError } from '../errors/atrium-error.js';
import { parseDicom } from './parse-part10.js';
import { allowedCount, DEFAULT_PARSE_LIMITS } from './parse-limits.js';

function refusal(fn: () => unknown): AtriumError {
  try {
    fn();
  } catch (e) {
    return e as AtriumError;
  }
  throw new Error('expected a refusal');
}

/** Depth of the deepest sequence item. */
function depthOf(items: readonly { dataset: { elements: readonly { items?: readonly unknown[] }[] } }[]): number {
  let max = 0;
  for (const item of items) {
    for (const e of item.dataset.elements) if (e.items) max = Math.max(max, depthOf(e.items as typeof items));
  }
  return items.length === 0 ? 0 : 1 + max;
}

describe('nesting depth', () => {
  it('reads the reproducer nested 65 deep (DCMTK and pydicom read it)', () => {
    const bytes = readFileSync(`${REPO_ROOT}test/fixtures/repro/D9_nesting-65-deep_rejected-but-readable-by-dcmtk-pydicom.dcm`);
    const file = parseDicom(bytes);
    const deepest = Math.max(...file.dataset.elements.filter((e) => e.items).map((e) => depthOf(e.items!)));
    expect(deepest).toBeGreaterThanOrEqual(65);
  });

  it(`reads ${DEFAULT_PARSE_LIMITS.maxDepth} levels and refuses one more, naming maxDepth, the tag path and the offset`, () => {
    const ok = parseDicom(nestedObject(DEFAULT_PARSE_LIMITS.maxDepth));
    expect(depthOf(ok.dataset.items(0x00091010))).toBe(DEFAULT_PARSE_LIMITS.maxDepth);
    const e = refusal(() => parseDicom(nestedObject(DEFAULT_PARSE_LIMITS.maxDepth + 1)));
    expect(e.code).toBe('ATRIUM_ERR_PARSE_LIMIT');
    expect(e.details).toMatchObject({ limit: 'maxDepth', value: 256 });
    expect((e.details.tagPath as string[]).length).toBe(257);
    // The message shows the first and last three steps of the 257 (the whole path is in details.tagPath).
    const path = '(0009,1010) > (0009,1010) > (0009,1010) > … 251 more … > (0009,1010) > (0009,1010) > (0009,1010) (257 levels)';
    expect(e.message).toMatch(/^sequences nested deeper than 256 \(limit maxDepth = 256\) in (.*) at byte offset \d+; .*atrium config set maxDepth/);
    expect(e.message).toContain(` in ${path} at byte offset `);
  });

  it('a site may allow nesting up to 1024 levels (the largest maxDepth setting)', () => {
    expect(depthOf(parseDicom(nestedObject(1024), { limits: { ...DEFAULT_PARSE_LIMITS, maxDepth: 1024 } }).dataset.items(0x00091010))).toBe(1024);
  });
});

describe('items and elements', () => {
  it('refuses 5,000,000 empty items (40 MB) at the item past maxItems, with its file offset', () => {
    const bytes = emptyItemsObject(5_000_000);
    const allowed = allowedCount(DEFAULT_PARSE_LIMITS, 'maxItems', bytes.length);
    expect(allowed).toBe(250_000 + Math.floor(bytes.length / 1024));
    const e = refusal(() => parseDicom(bytes));
    expect(e.code).toBe('ATRIUM_ERR_PARSE_LIMIT');
    expect(e.details).toMatchObject({ limit: 'maxItems', value: DEFAULT_PARSE_LIMITS.maxItems, tagPath: ['(0009,1010)'] });
    expect(e.message).toMatch(new RegExp(`^more than ${allowed} sequence items in one object \\(limit maxItems = 250000, plus one per 1024 bytes of the object\\) in \\(0009,1010\\) at byte offset \\d+`));
    // The refused item is the one after the allowed ones: the first item header is 8 × allowed bytes before it.
    const first = (e.details.offset as number) - 8 * allowed;
    expect(bytes[first]).toBe(0xfe);
    expect(bytes[first - 4]).toBe(0x00); // the SQ's 32-bit length ends just before the first item
    expect([...bytes.subarray(first, first + 4)]).toEqual([0xfe, 0xff, 0x00, 0xe0]);
  });

  it(`reads exactly maxItems (${DEFAULT_PARSE_LIMITS.maxItems}) items`, () => {
    const file = parseDicom(emptyItemsObject(DEFAULT_PARSE_LIMITS.maxItems));
    expect(file.dataset.items(0x00091010)).toHaveLength(DEFAULT_PARSE_LIMITS.maxItems);
  });

  it('refuses more data elements than allowed, naming the element', () => {
    const bytes = manyElementsObject(520_000);
    const allowed = allowedCount(DEFAULT_PARSE_LIMITS, 'maxElements', bytes.length);
    expect(allowed).toBeLessThan(520_000);
    const e = refusal(() => parseDicom(bytes));
    expect(e.code).toBe('ATRIUM_ERR_PARSE_LIMIT');
    expect(e.details.limit).toBe('maxElements');
    expect(e.message).toMatch(new RegExp(`^more than ${allowed} data elements in one object \\(limit maxElements = 500000, plus one per 512 bytes of the object\\) in \\([0-9A-F]{4},[0-9A-F]{4}\\) at byte offset \\d+`));
  });

  it('reads an object of maxElements elements', () => {
    const n = DEFAULT_PARSE_LIMITS.maxElements - minimalInstance().length;
    const file = parseDicom(manyElementsObject(n));
    expect(file.dataset.size).toBe(DEFAULT_PARSE_LIMITS.maxElements);
    expect(file.dataset.string(Tag.PatientName)).toBe('Fixture^Test');
  });

  it('counts Pixel Data fragments read into memory as items', () => {
    const fragments = Buffer.alloc(8 * 20);
    for (let i = 0; i < 20; i++) {
      fragments.writeUInt16LE(Tag.Item >>> 16, 8 * i);
      fragments.writeUInt16LE(Tag.Item & 0xffff, 8 * i + 2);
    }
    const pixelData = Buffer.concat([Buffer.from([0xe0, 0x7f, 0x10, 0x00, 0x4f, 0x42, 0, 0, 0xff, 0xff, 0xff, 0xff]), fragments, Buffer.from([0xfe, 0xff, 0xdd, 0xe0, 0, 0, 0, 0])]);
    const head = encodeDataset(minimalInstance().filter((x) => x.tag !== Tag.PixelData), FIXTURE_EXPLICIT_LE);
    const bytes = part10(Buffer.concat([head, pixelData]), { transferSyntaxUID: '1.2.840.10008.1.2.4.70', sopClassUID: '1.2.840.10008.5.1.4.1.1.7', sopInstanceUID: '2.25.314159265358979323846.3' });
    expect(parseDicom(bytes).dataset.get(Tag.PixelData)?.encapsulated?.fragments).toHaveLength(19);
    const e = refusal(() => parseDicom(bytes, { limits: { ...DEFAULT_PARSE_LIMITS, maxItems: 10 } }));
    expect(e.details).toMatchObject({ limit: 'maxItems', tagPath: ['(7FE0,0010)'] });
  });
});

describe('deflated data sets', () => {
  it('refuses a data set that inflates past maxInflatedBytes (a deflate bomb) without inflating it all', () => {
    const head = encodeDataset(minimalInstance(), FIXTURE_EXPLICIT_LE);
    const size = 64 * 1024 * 1024; // a private OB value of 64 MiB of zeros deflates to ~64 KB
    const bomb = Buffer.concat([head, Buffer.from([0xe1, 0x7f, 0x10, 0x10, 0x4f, 0x42, 0, 0]), Buffer.from(new Uint32Array([size]).buffer), Buffer.alloc(size)]);
    const bytes = part10(deflateRawSync(bomb), { transferSyntaxUID: '1.2.840.10008.1.2.1.99', sopClassUID: '1.2.840.10008.5.1.4.1.1.7', sopInstanceUID: '2.25.314159265358979323846.3' });
    expect(bytes.length).toBeLessThan(1024 * 1024);
    const e = refusal(() => parseDicom(bytes, { limits: { ...DEFAULT_PARSE_LIMITS, maxInflatedBytes: 1024 * 1024 } }));
    expect(e.code).toBe('ATRIUM_ERR_PARSE_LIMIT');
    expect(e.details.limit).toBe('maxInflatedBytes');
    expect(parseDicom(bytes).dataset.string(Tag.PatientName)).toBe('Fixture^Test');
  });
});
