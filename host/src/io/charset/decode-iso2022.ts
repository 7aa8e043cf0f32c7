import { decodeDoubleBytes, type DoubleByteSetId } from './double-byte-tables.js';
import { GRAPHIC_SETS, parseEscapeSequence, type GraphicSetId } from './graphic-sets.js';
import type { CharsetPlan } from './resolve-character-sets.js';
import { singleByteDecodeTable } from './single-byte-tables.js';
import { delimiterTest } from './text-vrs.js';

type Iso2022Plan = Extract<CharsetPlan, { kind: 'iso2022' }>;

function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(' ');
}

/**
 * True when `b` may follow a lead byte 0x81..0xFE of the double-byte set designated to G1:
 * 0xA1..0xFE for KS X 1001 (Node's EUC-KR decoder has no UHC extension), 0x80..0xFE for
 * GB 2312 (the GBK extension decodes through the GB18030 decoder).
 */
function isG1Trail(set: GraphicSetId, b: number | undefined): b is number {
  if (b === undefined) return false;
  return b <= 0xfe && b >= (set === 'ksx1001' ? 0xa1 : 0x80);
}

/**
 * Decodes one text value with the ISO 2022 code extension technique of PS3.5 6.1.2.5:
 * escape sequences designate sets to G0 and G1, and the designations of value 1 of
 * (0008,0005) are restored at each delimiter of `vr`. Lenient: unknown escape sequences are
 * skipped, GR bytes with nothing in G1 decode as ISO 8859-1; each anomaly is reported once
 * through `warn`.
 */
export function decodeIso2022(
  bytes: Uint8Array,
  plan: Iso2022Plan,
  vr: string,
  warn: (message: string) => void,
): string {
  const isDelimiter = delimiterTest(vr);
  const reported = new Set<string>();
  const warnOnce = (kind: string, message: string): void => {
    if (reported.has(kind)) return;
    reported.add(kind);
    warn(`${vr} value: ${message}`);
  };
  let g0: GraphicSetId = plan.initialG0;
  let g1: GraphicSetId | undefined = plan.initialG1;
  const out: string[] = [];
  let runSet: DoubleByteSetId | undefined;
  let run: number[] = [];
  const flush = (): void => {
    if (runSet !== undefined && run.length > 0) out.push(decodeDoubleBytes(runSet, run));
    run = [];
  };
  const pushPair = (set: GraphicSetId, b1: number, b2: number): void => {
    if (runSet !== set) flush();
    runSet = set as DoubleByteSetId;
    run.push(b1, b2);
  };
  const pushChar = (c: string): void => {
    if (run.length > 0) flush();
    out.push(c);
  };

  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] ?? 0;
    if (b === 0x1b) {
      const { length, set } = parseEscapeSequence(bytes, i);
      if (set === undefined) {
        const seq = hex(bytes.subarray(i, i + length));
        warnOnce('escape', `unrecognised escape sequence ${seq} at offset ${i}; skipped`);
      } else {
        if (!plan.codeExtensions) {
          warnOnce('noext', `escape sequence at offset ${i} although Specific Character Set declares no code extensions; applied`);
        }
        if (GRAPHIC_SETS[set].register === 'G0') g0 = set;
        else g1 = set;
      }
      i += length;
      continue;
    }
    if (b < 0x80) {
      if (GRAPHIC_SETS[g0].width === 2 && b >= 0x21 && b <= 0x7e) {
        const b2 = bytes[i + 1];
        if (b2 !== undefined && b2 >= 0x21 && b2 <= 0x7e) {
          pushPair(g0, b | 0x80, b2 | 0x80);
          i += 2;
          continue;
        }
        warnOnce('lone', `lone byte 0x${b.toString(16)} at offset ${i} in double-byte set ${g0}; decoded as ASCII`);
      }
      if (isDelimiter(b)) {
        g0 = plan.initialG0;
        g1 = plan.initialG1;
      }
      pushChar(String.fromCharCode(b));
      i++;
      continue;
    }
    if (g1 === undefined) {
      if (!plan.isDefault) {
        warnOnce('gr', `byte 0x${b.toString(16)} at offset ${i} but no character set designated to G1; decoded as ISO 8859-1`);
      }
      pushChar(String.fromCharCode(b));
      i++;
    } else if (GRAPHIC_SETS[g1].width === 2) {
      const b2 = bytes[i + 1];
      if (b >= 0x81 && b <= 0xfe && isG1Trail(g1, b2)) {
        pushPair(g1, b, b2);
        i += 2;
      } else {
        warnOnce('lone', `lone byte 0x${b.toString(16)} at offset ${i} in double-byte set ${g1}; decoded as U+FFFD`);
        pushChar('\ufffd');
        i++;
      }
    } else {
      pushChar(singleByteDecodeTable(g1)[b] ?? '\ufffd');
      i++;
    }
  }
  flush();
  return out.join('');
}
