/**
 * Value Representations whose values use Specific Character Set (0008,0005)
 * (PS3.5 6.1.2.3, PS3.3 C.12.1.1.2). All other VRs use the default repertoire.
 */
export const TEXT_VRS: ReadonlySet<string> = new Set(['SH', 'LO', 'ST', 'LT', 'UT', 'PN', 'UC']);

/** Text VRs that may hold several values separated by `\` (the others treat `\` as text). */
const MULTI_VALUED_TEXT_VRS: ReadonlySet<string> = new Set(['SH', 'LO', 'PN', 'UC']);

/**
 * Returns a predicate telling whether a byte (or a character's code, below 0x80) is a
 * delimiter for `vr` at which the character set switches back to the one of value 1 of
 * (0008,0005) (PS3.5 6.1.2.5.3): every control character except ESC (CR, LF, FF, TAB...),
 * `\` between values of multi-valued VRs, and `^` and `=` in PN.
 */
export function delimiterTest(vr: string): (code: number) => boolean {
  const backslash = MULTI_VALUED_TEXT_VRS.has(vr);
  const pn = vr === 'PN';
  return (code) =>
    (code < 0x20 && code !== 0x1b) ||
    (backslash && code === 0x5c) ||
    (pn && (code === 0x5e || code === 0x3d));
}
