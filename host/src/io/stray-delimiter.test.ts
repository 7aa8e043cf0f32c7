/**
 * An item or delimiter tag (group FFFE) where a data element belongs — the D3 reproducer's
 * stray Sequence Delimitation Item at the top level, a stray Item, a Sequence Delimitation
 * Item where an item's Item Delimitation Item belongs — gets one verdict from every reader:
 * the parser (store, deid), its header-only read (indexing, `render`), the streaming walker
 * (`show`, large objects) and the image reader (`render`) refuse it with the same
 * ATRIUM_ERR_PARSE_MALFORMED message and offset (the commands on D3: test/e2e/stray-delimiter.test.ts;
 * DCMTK and pydicom on it: test/interop/io-stray-delimiter.test.ts).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDir } from '../../../test/support/temp-dir.js';
import { MemoryWindow } from './byte-window.js';
import { dumpFile } from './dump-file.js';
import { openImageFile } from './image-file.js';
import { parseDicom } from './parse-part10.js';
import { readDicomHeader } from './read-dicom-header.js';
import { Tag } from '@atrium/sdk';

const dir = useTempDir('atrium-stray-');
const D3 = new Uint8Array(readFileSync('test/fixtures/repro/D3_nometa-stray-SeqDelim_stored-but-unreadable.dcm'));
/** Where D3's stray (FFFE,E0DD) lies: between (0008,0090) and (0008,0201), a bare Explicit VR Little Endian data set. */
const STRAY_AT = 226;

const hex = (s: string): Uint8Array => new Uint8Array(Buffer.from(s.replace(/\s/g, ''), 'hex'));
/** D3 with its 8 stray bytes replaced by `bytes`. */
const d3With = (bytes: Uint8Array): Uint8Array => new Uint8Array(Buffer.concat([D3.subarray(0, STRAY_AT), bytes, D3.subarray(STRAY_AT + 8)]));

/** (0008,1140) SQ of undefined length whose item of undefined length ends with a Sequence Delimitation Item instead of its Item Delimitation Item. */
const ITEM_ENDED_BY_SEQUENCE_DELIMITER = hex('08004011 5351 0000 ffffffff  feff00e0 ffffffff  08005011 5549 0600 312e322e3300  feffdde0 00000000  feffdde0 00000000');

const CASES = [
  { name: 'D3 as received: a Sequence Delimitation Item at the top level', bytes: D3, at: STRAY_AT, message: `found a Sequence Delimitation Item (FFFE,E0DD), which ends no sequence here, where a data element is expected at byte offset ${STRAY_AT}` },
  { name: 'an Item at the top level', bytes: d3With(hex('feff00e0 00000000')), at: STRAY_AT, message: `found an Item (FFFE,E000) outside a sequence where a data element is expected at byte offset ${STRAY_AT}` },
  { name: 'an Item Delimitation Item at the top level', bytes: d3With(hex('feff0de0 00000000')), at: STRAY_AT, message: `Item Delimitation Item outside an item of undefined length at byte offset ${STRAY_AT}` },
  { name: '(FFFE,1234) at the top level', bytes: d3With(hex('feff3412 00000000')), at: STRAY_AT, message: `found (FFFE,1234) (group FFFE holds only items and delimiters) where a data element is expected at byte offset ${STRAY_AT}` },
  {
    name: 'a Sequence Delimitation Item where an item\'s Item Delimitation Item belongs',
    bytes: d3With(ITEM_ENDED_BY_SEQUENCE_DELIMITER),
    at: STRAY_AT + 34,
    message: `found a Sequence Delimitation Item (FFFE,E0DD), which ends no sequence here, where a data element or the Item Delimitation Item is expected in (0008,1140) at byte offset ${STRAY_AT + 34}`,
  },
];

/** What a reader made of the input: its error's code and message, or 'read'. */
function verdict(read: () => unknown): string {
  try {
    read();
    return 'read';
  } catch (e) {
    return `${(e as { code?: string }).code}: ${(e as Error).message}`;
  }
}

describe('a stray item or delimiter tag where a data element belongs', () => {
  it.each(CASES)('$name: refused alike by the parser, the header-only read, the walker and the image reader', ({ name, bytes, message }) => {
    const path = join(dir(), `${name.replace(/\W+/g, '-')}.dcm`);
    writeFileSync(path, bytes);
    const expected = `ATRIUM_ERR_PARSE_MALFORMED: ${message}`;
    expect(verdict(() => parseDicom(bytes)), 'parseDicom').toBe(expected);
    expect(verdict(() => parseDicom(bytes, { headerOnly: true })), 'header-only parse').toBe(expected);
    expect(verdict(() => readDicomHeader(path)), 'readDicomHeader').toBe(expected);
    expect(verdict(() => [...dumpFile(new MemoryWindow(bytes)).dataset]), 'dumpFile (show)').toBe(expected);
    expect(verdict(() => openImageFile(path)), 'openImageFile (render)').toBe(expected);
  });

  it('the same data set without the stray bytes is read (the verdict is about them alone)', () => {
    const fixed = new Uint8Array(Buffer.concat([D3.subarray(0, STRAY_AT), D3.subarray(STRAY_AT + 8)]));
    expect(parseDicom(fixed).dataset.string(Tag.PatientID)).toBe('SCSGERM');
    expect([...dumpFile(new MemoryWindow(fixed)).dataset].some((l) => l.startsWith('(7FE0,0010) OB'))).toBe(true);
  });
});
