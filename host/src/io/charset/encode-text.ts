import { AtriumError } from '../../errors/atrium-error.js';
import { doubleByteEncodeTable, type DoubleByteSetId } from './double-byte-tables.js';
import { gb18030Bytes } from './gb18030-encoder.js';
import { GRAPHIC_SETS, type GraphicSetId } from './graphic-sets.js';
import { resolveCharacterSets, type CharsetPlan } from './resolve-character-sets.js';
import { isSingleByteG1Set, singleByteEncodeTable } from './single-byte-tables.js';
import { delimiterTest, TEXT_VRS } from './text-vrs.js';

type Iso2022Plan = Extract<CharsetPlan, { kind: 'iso2022' }>;

function describe(specificCharacterSet: readonly string[] | undefined): string {
  const v = (specificCharacterSet ?? []).join('\\');
  return v === '' ? 'the default repertoire (no Specific Character Set)' : `Specific Character Set '${v}'`;
}

function unencodable(
  ch: string,
  index: number,
  specificCharacterSet: readonly string[] | undefined,
  vr: string,
): AtriumError {
  const cp = ch.codePointAt(0) ?? 0;
  const u = `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  const shown = cp < 0x20 || (cp >= 0xd800 && cp <= 0xdfff) ? u : `'${ch}' (${u})`;
  const repertoire = TEXT_VRS.has(vr) ? describe(specificCharacterSet) : `the default repertoire (VR ${vr} is not a text VR)`;
  return new AtriumError(
    'ATRIUM_ERR_CHARSET_UNENCODABLE',
    `Cannot encode character ${shown} at index ${index} of a ${vr} value with ${repertoire}`,
    { character: ch, codePoint: cp, index, vr, specificCharacterSet: [...(specificCharacterSet ?? [])] },
  );
}

/** Bytes of character `ch` in graphic set `set` (GL for G0 sets, GR for G1 sets). */
function encodeIn(set: GraphicSetId, ch: string): number[] | undefined {
  if (set === 'ascii' || set === 'jisx0201-roman') {
    const cp = ch.charCodeAt(0);
    return ch.length === 1 && cp < 0x80 ? [cp] : undefined;
  }
  if (isSingleByteG1Set(set)) {
    const b = singleByteEncodeTable(set).get(ch);
    return b === undefined ? undefined : [b];
  }
  const code = doubleByteEncodeTable(set as DoubleByteSetId).get(ch);
  if (code === undefined) return undefined;
  const high = GRAPHIC_SETS[set].register === 'G1' ? 0x80 : 0;
  return [(code >> 8) | high, (code & 0xff) | high];
}

function encodeIso2022(text: string, plan: Iso2022Plan, vr: string, fail: (ch: string, i: number) => never): number[] {
  const out: number[] = [];
  const isDelimiter = delimiterTest(vr);
  let g0: GraphicSetId = plan.initialG0;
  let g1: GraphicSetId | undefined = plan.initialG1;
  const designate = (set: GraphicSetId): void => {
    out.push(...GRAPHIC_SETS[set].escape);
    if (GRAPHIC_SETS[set].register === 'G0') g0 = set;
    else g1 = set;
  };
  let index = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp < 0x80) {
      if (cp === 0x1b) fail(ch, index);
      if (isDelimiter(cp)) {
        // PS3.5 6.1.2.5.3: value 1's character set is active before each delimiter.
        if (g0 !== plan.initialG0) designate(plan.initialG0);
        if (plan.initialG1 !== undefined && g1 !== plan.initialG1) designate(plan.initialG1);
        g1 = plan.initialG1; // what a reader assumes after the delimiter
      } else if (GRAPHIC_SETS[g0].width === 2) {
        designate(plan.initialG0);
      }
      out.push(cp);
    } else {
      let bytes = g1 === undefined ? undefined : encodeIn(g1, ch);
      if (bytes === undefined && GRAPHIC_SETS[g0].width === 2) bytes = encodeIn(g0, ch);
      if (bytes === undefined) {
        for (const set of plan.available) {
          if (set === g0 || set === g1) continue;
          bytes = encodeIn(set, ch);
          if (bytes !== undefined) {
            designate(set);
            break;
          }
        }
      }
      if (bytes === undefined) fail(ch, index);
      out.push(...bytes);
    }
    index += ch.length;
  }
  if (g0 !== plan.initialG0) designate(plan.initialG0);
  return out;
}

function hasLoneSurrogate(text: string): number {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        i++;
        continue;
      }
      return i;
    }
    if (c >= 0xdc00 && c <= 0xdfff) return i;
  }
  return -1;
}

/**
 * Encodes a string value (all its values and delimiters, no padding added) for writing, the
 * inverse of `decodeText`: UTF-8 for ISO_IR 192; GB18030/GBK; single-byte sets through
 * reverse tables; the ISO 2022 terms (Japanese IR 13/87/159, Korean IR 149, Chinese IR 58
 * and the single-byte ones) with escape sequences, switching back to value 1's sets before
 * every delimiter and at the end of the value (PS3.5 6.1.2.5.3). Non-text VRs take ASCII only.
 *
 * @throws AtriumError `ATRIUM_ERR_CHARSET_UNENCODABLE` naming the first character the
 *   character set cannot represent (or ESC, a lone surrogate); `ATRIUM_ERR_CHARSET_UNKNOWN_TERM`
 *   when (0008,0005) holds a term Atrium does not know.
 */
export function encodeText(
  text: string,
  specificCharacterSet: readonly string[] | undefined,
  vr: string,
): Uint8Array {
  function fail(ch: string, index: number): never {
    throw unencodable(ch, index, specificCharacterSet, vr);
  }
  const lone = hasLoneSurrogate(text);
  if (lone >= 0) fail(text.charAt(lone), lone);
  if (!TEXT_VRS.has(vr)) {
    const out = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c >= 0x80) fail(String.fromCodePoint(text.codePointAt(i) ?? c), i);
      out[i] = c;
    }
    return out;
  }
  const plan = resolveCharacterSets(specificCharacterSet);
  if (plan.unknownTerms.length > 0) {
    throw new AtriumError(
      'ATRIUM_ERR_CHARSET_UNKNOWN_TERM',
      `Cannot encode a ${vr} value with ${describe(specificCharacterSet)}: unknown term '${plan.unknownTerms[0]}'`,
      { specificCharacterSet: [...(specificCharacterSet ?? [])], vr },
    );
  }
  if (plan.kind === 'iso2022') return Uint8Array.from(encodeIso2022(text, plan, vr, fail));
  if (plan.encoding === 'utf-8') return new TextEncoder().encode(text);
  const out: number[] = [];
  let index = 0;
  for (const ch of text) {
    const bytes = gb18030Bytes(ch.codePointAt(0) ?? 0, plan.encoding === 'gbk');
    if (bytes === undefined) fail(ch, index);
    out.push(...bytes);
    index += ch.length;
  }
  return Uint8Array.from(out);
}
