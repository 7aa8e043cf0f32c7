import type { GraphicSetId } from './graphic-sets.js';

/** WHATWG labels of Node's TextDecoder for the upper halves of the 96-character sets. */
const LABELS: Partial<Record<GraphicSetId, string>> = {
  latin2: 'iso-8859-2',
  latin3: 'iso-8859-3',
  latin4: 'iso-8859-4',
  cyrillic: 'iso-8859-5',
  arabic: 'iso-8859-6',
  greek: 'iso-8859-7',
  hebrew: 'iso-8859-8',
  // WHATWG maps this label to windows-1254, identical to ISO 8859-9 in 0xA0..0xFF.
  latin5: 'iso-8859-9',
  latin9: 'iso-8859-15',
  // windows-874 is identical to TIS 620 / ISO 8859-11 in 0xA0..0xFF.
  thai: 'windows-874',
};

const decodeTables = new Map<GraphicSetId, readonly string[]>();
const encodeTables = new Map<GraphicSetId, ReadonlyMap<string, number>>();

/** True when `id` is a single-byte set with a table for GR bytes. */
export function isSingleByteG1Set(id: GraphicSetId): boolean {
  return id === 'latin1' || id === 'jisx0201-katakana' || LABELS[id] !== undefined;
}

/**
 * Table of 256 one-character strings decoding a byte used in GR with the single-byte set
 * `id` designated to G1. Bytes below 0xA0 map to the same code point (ASCII, C1 controls)
 * like ISO 8859-1; positions the set does not define decode to U+FFFD. Built once from
 * TextDecoder (ISO 8859-1 itself is the identity: WHATWG's "iso-8859-1" is windows-1252).
 */
export function singleByteDecodeTable(id: GraphicSetId): readonly string[] {
  let table = decodeTables.get(id);
  if (table !== undefined) return table;
  const t: string[] = [];
  for (let b = 0; b < 0xa0; b++) t.push(String.fromCharCode(b));
  if (id === 'jisx0201-katakana') {
    for (let b = 0xa0; b < 0x100; b++) {
      t.push(b >= 0xa1 && b <= 0xdf ? String.fromCharCode(0xff61 + b - 0xa1) : '\ufffd');
    }
  } else if (id === 'latin1') {
    for (let b = 0xa0; b < 0x100; b++) t.push(String.fromCharCode(b));
  } else {
    const label = LABELS[id];
    if (label === undefined) throw new Error(`no single-byte table for graphic set ${id}`);
    const upper = new Uint8Array(0x60).map((_, i) => 0xa0 + i);
    const text = new TextDecoder(label).decode(upper);
    if (text.length !== 0x60) throw new Error(`unexpected decoding of ${label}`);
    t.push(...text);
  }
  table = t;
  decodeTables.set(id, table);
  return table;
}

/**
 * Reverse of {@link singleByteDecodeTable} for the graphic characters 0xA0..0xFF of the set:
 * character to byte. Built once per set, on first use.
 */
export function singleByteEncodeTable(id: GraphicSetId): ReadonlyMap<string, number> {
  let map = encodeTables.get(id);
  if (map !== undefined) return map;
  const m = new Map<string, number>();
  const table = singleByteDecodeTable(id);
  for (let b = 0xa0; b < 0x100; b++) {
    const c = table[b];
    if (c !== undefined && c !== '\ufffd' && !m.has(c)) m.set(c, b);
  }
  map = m;
  encodeTables.set(id, map);
  return map;
}
