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
  const decoder = new Iso2022Decoder(bytes, plan, vr, warn);
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] ?? 0;
    if (b === 0x1b) i += decoder.escape(i);
    else if (b < 0x80) i += decoder.gl(i, b);
    else i += decoder.gr(i, b);
  }
  return decoder.text();
}

/** The state of one value's decoding: the sets in G0 and G1, the text so far, the double-byte run pending. */
class Iso2022Decoder {
  private g0: GraphicSetId;
  private g1: GraphicSetId | undefined;
  private readonly out: string[] = [];
  private runSet: DoubleByteSetId | undefined;
  private run: number[] = [];
  private readonly reported = new Set<string>();
  private readonly isDelimiter: (b: number) => boolean;

  constructor(
    private readonly bytes: Uint8Array,
    private readonly plan: Iso2022Plan,
    private readonly vr: string,
    private readonly warn: (message: string) => void,
  ) {
    this.g0 = plan.initialG0;
    this.g1 = plan.initialG1;
    this.isDelimiter = delimiterTest(vr);
  }

  /** An escape sequence at `i`: designates its set; returns its length. */
  escape(i: number): number {
    const { length, set } = parseEscapeSequence(this.bytes, i);
    if (set === undefined) {
      this.warnOnce('escape', `unrecognised escape sequence ${hex(this.bytes.subarray(i, i + length))} at offset ${i}; skipped`);
    } else {
      if (!this.plan.codeExtensions) this.warnOnce('noext', `escape sequence at offset ${i} although Specific Character Set declares no code extensions; applied`);
      if (GRAPHIC_SETS[set].register === 'G0') this.g0 = set;
      else this.g1 = set;
    }
    return length;
  }

  /** A GL byte (< 0x80) at `i`, decoded with G0; a delimiter restores the initial designations. Returns the bytes used. */
  gl(i: number, b: number): number {
    if (GRAPHIC_SETS[this.g0].width === 2 && b >= 0x21 && b <= 0x7e) {
      const b2 = this.bytes[i + 1];
      if (b2 !== undefined && b2 >= 0x21 && b2 <= 0x7e) {
        this.pushPair(this.g0, b | 0x80, b2 | 0x80);
        return 2;
      }
      this.warnOnce('lone', `lone byte 0x${b.toString(16)} at offset ${i} in double-byte set ${this.g0}; decoded as ASCII`);
    }
    if (this.isDelimiter(b)) {
      this.g0 = this.plan.initialG0;
      this.g1 = this.plan.initialG1;
    }
    this.pushChar(String.fromCharCode(b));
    return 1;
  }

  /** A GR byte (≥ 0x80) at `i`, decoded with G1. Returns the bytes used. */
  gr(i: number, b: number): number {
    const g1 = this.g1;
    if (g1 === undefined) {
      if (!this.plan.isDefault) this.warnOnce('gr', `byte 0x${b.toString(16)} at offset ${i} but no character set designated to G1; decoded as ISO 8859-1`);
      this.pushChar(String.fromCharCode(b));
      return 1;
    }
    if (GRAPHIC_SETS[g1].width !== 2) {
      this.pushChar(singleByteDecodeTable(g1)[b] ?? '\ufffd');
      return 1;
    }
    const b2 = this.bytes[i + 1];
    if (b >= 0x81 && b <= 0xfe && isG1Trail(g1, b2)) {
      this.pushPair(g1, b, b2);
      return 2;
    }
    this.warnOnce('lone', `lone byte 0x${b.toString(16)} at offset ${i} in double-byte set ${g1}; decoded as U+FFFD`);
    this.pushChar('\ufffd');
    return 1;
  }

  /** The decoded text. */
  text(): string {
    this.flush();
    return this.out.join('');
  }

  private warnOnce(kind: string, message: string): void {
    if (this.reported.has(kind)) return;
    this.reported.add(kind);
    this.warn(`${this.vr} value: ${message}`);
  }

  private flush(): void {
    if (this.runSet !== undefined && this.run.length > 0) this.out.push(decodeDoubleBytes(this.runSet, this.run));
    this.run = [];
  }

  private pushPair(set: GraphicSetId, b1: number, b2: number): void {
    if (this.runSet !== set) this.flush();
    this.runSet = set as DoubleByteSetId;
    this.run.push(b1, b2);
  }

  private pushChar(c: string): void {
    if (this.run.length > 0) this.flush();
    this.out.push(c);
  }
}
