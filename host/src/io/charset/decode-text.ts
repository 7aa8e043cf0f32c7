import type { StandaloneEncoding } from './character-set-terms.js';
import { decodeIso2022 } from './decode-iso2022.js';
import { resolveCharacterSets } from './resolve-character-sets.js';
import { TEXT_VRS } from './text-vrs.js';

/** Options of {@link decodeText}. */
export interface DecodeTextOptions {
  /** Receives one message per anomaly (unknown term, bad escape sequence, invalid bytes). */
  readonly onWarning?: (message: string) => void;
}

const CHUNK = 0x2000;

/** Bytes as ISO 8859-1 code points (the identity; WHATWG's "iso-8859-1" is windows-1252). */
function latin1(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += CHUNK) {
    s += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  }
  return s;
}

function isPlainAscii(bytes: Uint8Array): boolean {
  for (const b of bytes) if (b >= 0x80 || b === 0x1b) return false;
  return true;
}

const LABELS: Record<StandaloneEncoding, string> = { 'utf-8': 'utf-8', gb18030: 'gb18030', gbk: 'gbk' };
const decoders = new Map<string, TextDecoder>();

function standaloneDecoder(encoding: StandaloneEncoding, fatal: boolean): TextDecoder {
  const key = `${encoding}:${fatal}`;
  let d = decoders.get(key);
  if (d === undefined) {
    // ignoreBOM keeps a leading U+FEFF instead of silently dropping it.
    d = new TextDecoder(LABELS[encoding], { fatal, ignoreBOM: true });
    decoders.set(key, d);
  }
  return d;
}

/**
 * Decodes the bytes of a string value (all its values, delimiters and padding included) to
 * text, as PS3.5 6.1 and PS3.3 C.12.1.1.2 define for Specific Character Set (0008,0005).
 *
 * - Only the text VRs SH, LO, ST, LT, UT, PN and UC use `specificCharacterSet`; all other
 *   VRs (CS, DA, UI, AE, ...) use the default repertoire.
 * - Absent or empty (0008,0005) means ISO-IR 6 (ASCII); bytes >= 0x80 then decode as
 *   ISO 8859-1 instead of failing.
 * - ISO 2022 terms: escape sequences switch G0/G1; value 1's designations are restored at
 *   CR, LF, FF, TAB (any control but ESC), at `\` for SH, LO, PN and UC, and at `^` and
 *   `=` for PN. An empty value 1 means ISO 2022 IR 6.
 * - ISO_IR 192, GB18030 and GBK decode the whole value at once.
 *
 * Never throws: unknown terms fall back to ISO 8859-1, invalid bytes become U+FFFD, and
 * every anomaly is reported through `options.onWarning`. Padding is not removed.
 */
export function decodeText(
  bytes: Uint8Array,
  specificCharacterSet: readonly string[] | undefined,
  vr: string,
  options: DecodeTextOptions = {},
): string {
  if (!TEXT_VRS.has(vr)) return latin1(bytes);
  const plan = resolveCharacterSets(specificCharacterSet);
  const warn = options.onWarning ?? ((): void => {});
  for (const w of plan.warnings) warn(w);
  if (isPlainAscii(bytes)) return latin1(bytes);
  if (plan.kind === 'standalone') {
    try {
      return standaloneDecoder(plan.encoding, true).decode(bytes);
    } catch {
      warn(`${vr} value: invalid ${LABELS[plan.encoding]} bytes replaced with U+FFFD`);
      return standaloneDecoder(plan.encoding, false).decode(bytes);
    }
  }
  return decodeIso2022(bytes, plan, vr, warn);
}
