/**
 * The 94x94 double-byte sets of ISO 2022 IR 87, 159, 149 and 58, decoded with Node's
 * TextDecoder by moving their bytes into GR: JIS X 0208 as EUC-JP, JIS X 0212 as EUC-JP
 * with the SS3 (0x8F) prefix, KS X 1001 as EUC-KR and GB 2312 as GB18030 (EUC-CN).
 */

/** Identifier of a 94x94 double-byte set. */
export type DoubleByteSetId = 'jisx0208' | 'jisx0212' | 'ksx1001' | 'gb2312';

const LABELS: Record<DoubleByteSetId, string> = {
  jisx0208: 'euc-jp',
  jisx0212: 'euc-jp',
  ksx1001: 'euc-kr',
  gb2312: 'gb18030',
};

const decoders = new Map<string, TextDecoder>();

function decoder(label: string): TextDecoder {
  let d = decoders.get(label);
  if (d === undefined) {
    d = new TextDecoder(label);
    decoders.set(label, d);
  }
  return d;
}

/**
 * Decodes `pairs` (an even number of bytes, two per character, already moved to GR: a GL
 * pair must be passed with 0x80 added to both bytes) of the set `id`. KS X 1001 and GB 2312
 * pairs are decoded with the EUC-KR and GB18030 decoders (the latter also decodes the GBK
 * extension found in the wild). Undefined code points decode to U+FFFD.
 */
export function decodeDoubleBytes(id: DoubleByteSetId, pairs: readonly number[]): string {
  if (id !== 'jisx0212') return decoder(LABELS[id]).decode(Uint8Array.from(pairs));
  const out = new Uint8Array((pairs.length / 2) * 3);
  let o = 0;
  for (let i = 0; i + 1 < pairs.length; i += 2) {
    out[o++] = 0x8f;
    out[o++] = pairs[i] ?? 0;
    out[o++] = pairs[i + 1] ?? 0;
  }
  return decoder(LABELS[id]).decode(out);
}

/**
 * Rows (0-based, first byte minus 0xA1) that the encoder may use, so that the extensions
 * the WHATWG indexes add are never written: JIS X 0208 rows 1..8 and 16..84 (not NEC row 13
 * nor IBM rows 89..92), GB 2312 rows 1..9 and 16..87 (not the GBK/GB18030 user areas).
 */
function usableRow(id: DoubleByteSetId, row: number): boolean {
  if (id === 'jisx0208') return row <= 7 || (row >= 15 && row <= 83);
  if (id === 'gb2312') return row <= 8 || (row >= 15 && row <= 86);
  return true;
}

/** True for a Private Use Area character (never encoded: its meaning is vendor-specific). */
function isPrivateUse(c: string): boolean {
  const cp = c.codePointAt(0) ?? 0;
  return cp >= 0xe000 && cp <= 0xf8ff;
}

const encodeTables = new Map<DoubleByteSetId, ReadonlyMap<string, number>>();

/**
 * Character to code (first byte << 8 | second byte, both in GL 0x21..0x7E) of the set `id`.
 * Built on first use by decoding every one of the 94x94 code points once.
 */
export function doubleByteEncodeTable(id: DoubleByteSetId): ReadonlyMap<string, number> {
  let map = encodeTables.get(id);
  if (map !== undefined) return map;
  const m = new Map<string, number>();
  const d = decoder(LABELS[id]);
  const pair = new Uint8Array(id === 'jisx0212' ? 3 : 2);
  pair[0] = 0x8f;
  const p = pair.length - 2;
  for (let row = 0; row < 94; row++) {
    if (!usableRow(id, row)) continue;
    for (let cell = 0; cell < 94; cell++) {
      pair[p] = 0xa1 + row;
      pair[p + 1] = 0xa1 + cell;
      const c = d.decode(pair);
      if (c.length === 0 || c.includes('\ufffd') || [...c].length !== 1 || m.has(c) || isPrivateUse(c)) {
        continue;
      }
      m.set(c, ((0x21 + row) << 8) | (0x21 + cell));
    }
  }
  map = m;
  encodeTables.set(id, map);
  return map;
}
