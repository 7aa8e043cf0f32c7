/**
 * GB18030 and GBK encoding of single characters. Node's TextEncoder only writes UTF-8, so
 * the tables are built on first use by decoding every code once with TextDecoder:
 * the two-byte codes (lead 0x81..0xFE, trail 0x40..0xFE except 0x7F) and the four-byte
 * codes of the BMP (linear index 0..39419); supplementary planes are algorithmic
 * (linear index 189000 + code point - 0x10000).
 */

let twoByte: Map<number, number> | undefined;
let fourByteBmp: Map<number, number> | undefined;

function buildTwoByte(): Map<number, number> {
  const m = new Map<number, number>();
  const d = new TextDecoder('gb18030');
  const pair = new Uint8Array(2);
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      pair[0] = lead;
      pair[1] = trail;
      const c = d.decode(pair);
      const cp = c.codePointAt(0);
      if (cp === undefined || c.length !== (cp > 0xffff ? 2 : 1) || cp === 0xfffd || m.has(cp)) continue;
      m.set(cp, (lead << 8) | trail);
    }
  }
  return m;
}

function linearBytes(index: number): number[] {
  return [
    0x81 + Math.floor(index / 12600),
    0x30 + (Math.floor(index / 1260) % 10),
    0x81 + (Math.floor(index / 10) % 126),
    0x30 + (index % 10),
  ];
}

function buildFourByteBmp(): Map<number, number> {
  const count = 39420;
  const bytes = new Uint8Array(count * 4);
  for (let i = 0; i < count; i++) bytes.set(linearBytes(i), i * 4);
  const text = new TextDecoder('gb18030').decode(bytes);
  if (text.length !== count) throw new Error('unexpected GB18030 four-byte decoding');
  const m = new Map<number, number>();
  for (let i = 0; i < count; i++) m.set(text.charCodeAt(i), i);
  return m;
}

/**
 * Bytes of code point `cp` in GB18030 (or, with `gbk`, in GBK: ASCII and two-byte codes
 * only), or `undefined` when it has none. Two-byte codes win over four-byte codes for the
 * few characters that decode from both.
 */
export function gb18030Bytes(cp: number, gbk: boolean): number[] | undefined {
  if (cp < 0x80) return [cp];
  twoByte ??= buildTwoByte();
  const code = twoByte.get(cp);
  if (code !== undefined) return [code >> 8, code & 0xff];
  if (gbk) return undefined;
  if (cp >= 0x10000 && cp <= 0x10ffff) return linearBytes(189000 + cp - 0x10000);
  if (cp >= 0xd800 && cp <= 0xdfff) return undefined; // lone surrogate
  fourByteBmp ??= buildFourByteBmp();
  const index = fourByteBmp.get(cp);
  return index === undefined ? undefined : linearBytes(index);
}
