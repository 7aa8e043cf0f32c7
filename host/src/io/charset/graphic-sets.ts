/**
 * The ISO 2022 graphic character sets (code elements) that DICOM Specific Character Set
 * (0008,0005) can designate, with the escape sequences of PS3.3 Tables C.12-3 and C.12-4.
 *
 * A single-byte set designated to G1 is used in GR (bytes 0xA0..0xFF); a multi-byte set
 * designated to G0 is used in GL (bytes 0x21..0x7E, two per character); a multi-byte set
 * designated to G1 is used in GR (two bytes 0xA1..0xFE per character).
 */

/** Identifier of one graphic character set. */
export type GraphicSetId =
  | 'ascii' // ISO-IR 6, ISO 646 IRV
  | 'jisx0201-roman' // ISO-IR 14, JIS X 0201 Romaji
  | 'jisx0201-katakana' // ISO-IR 13, JIS X 0201 half-width Katakana
  | 'latin1' // ISO-IR 100
  | 'latin2' // ISO-IR 101
  | 'latin3' // ISO-IR 109
  | 'latin4' // ISO-IR 110
  | 'cyrillic' // ISO-IR 144
  | 'arabic' // ISO-IR 127
  | 'greek' // ISO-IR 126
  | 'hebrew' // ISO-IR 138
  | 'latin5' // ISO-IR 148
  | 'latin9' // ISO-IR 203
  | 'thai' // ISO-IR 166, TIS 620-2533
  | 'jisx0208' // ISO-IR 87
  | 'jisx0212' // ISO-IR 159
  | 'ksx1001' // ISO-IR 149
  | 'gb2312'; // ISO-IR 58

/** Static description of one graphic set. */
export interface GraphicSet {
  readonly id: GraphicSetId;
  /** Register the escape sequence designates the set to. */
  readonly register: 'G0' | 'G1';
  /** Bytes per character. */
  readonly width: 1 | 2;
  /** The escape sequence (starting with ESC 0x1B) written to designate the set. */
  readonly escape: readonly number[];
}

const ESC = 0x1b;

function set(id: GraphicSetId, register: 'G0' | 'G1', width: 1 | 2, escape: string): GraphicSet {
  return { id, register, width, escape: [ESC, ...Array.from(escape, (c) => c.charCodeAt(0))] };
}

/** All graphic sets, keyed by id. */
export const GRAPHIC_SETS: Readonly<Record<GraphicSetId, GraphicSet>> = {
  ascii: set('ascii', 'G0', 1, '(B'),
  'jisx0201-roman': set('jisx0201-roman', 'G0', 1, '(J'),
  'jisx0201-katakana': set('jisx0201-katakana', 'G1', 1, ')I'),
  latin1: set('latin1', 'G1', 1, '-A'),
  latin2: set('latin2', 'G1', 1, '-B'),
  latin3: set('latin3', 'G1', 1, '-C'),
  latin4: set('latin4', 'G1', 1, '-D'),
  cyrillic: set('cyrillic', 'G1', 1, '-L'),
  arabic: set('arabic', 'G1', 1, '-G'),
  greek: set('greek', 'G1', 1, '-F'),
  hebrew: set('hebrew', 'G1', 1, '-H'),
  latin5: set('latin5', 'G1', 1, '-M'),
  latin9: set('latin9', 'G1', 1, '-b'),
  thai: set('thai', 'G1', 1, '-T'),
  jisx0208: set('jisx0208', 'G0', 2, '$B'),
  jisx0212: set('jisx0212', 'G0', 2, '$(D'),
  ksx1001: set('ksx1001', 'G1', 2, '$)C'),
  gb2312: set('gb2312', 'G1', 2, '$)A'),
};

/**
 * Escape sequences recognised when decoding, as the bytes after ESC. Besides those of
 * {@link GRAPHIC_SETS} this accepts `ESC $ @` (JIS C 6226-1978) and `ESC $ ( B` as
 * designations of JIS X 0208, which some writers emit.
 */
const DECODE_ESCAPES: ReadonlyMap<string, GraphicSetId> = new Map<string, GraphicSetId>([
  ...Object.values(GRAPHIC_SETS).map(
    (s) => [String.fromCharCode(...s.escape.slice(1)), s.id] as [string, GraphicSetId],
  ),
  ['$@', 'jisx0208'],
  ['$(B', 'jisx0208'],
]);

/**
 * Parses the escape sequence starting at `bytes[offset]` (which must be ESC).
 * Returns its length (ESC, intermediate bytes 0x20..0x2F, final byte 0x30..0x7E) and the
 * graphic set it designates, or `undefined` when the sequence is not one DICOM uses.
 * A truncated sequence has length up to the end of `bytes` and no set.
 */
export function parseEscapeSequence(
  bytes: Uint8Array,
  offset: number,
): { length: number; set: GraphicSetId | undefined } {
  let i = offset + 1;
  while (i < bytes.length && (bytes[i] ?? 0) >= 0x20 && (bytes[i] ?? 0) <= 0x2f) i++;
  const final = bytes[i];
  if (final === undefined || final < 0x30 || final > 0x7e) {
    return { length: i - offset, set: undefined };
  }
  const key = String.fromCharCode(...bytes.subarray(offset + 1, i + 1));
  return { length: i + 1 - offset, set: DECODE_ESCAPES.get(key) };
}
