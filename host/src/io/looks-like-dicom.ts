/**
 * A cheap sniff of whether bytes are DICOM at all: the "DICM" prefix (after a preamble or
 * at the start), or a first element of group 0002 or 0008 (a bare dataset), in either
 * byte order. Corrupt DICOM still passes; it is the parser's job to refuse it with a reason.
 */
export function looksLikeDicom(b: Uint8Array): boolean {
  const dicm = (at: number): boolean => b[at] === 0x44 && b[at + 1] === 0x49 && b[at + 2] === 0x43 && b[at + 3] === 0x4d;
  if (dicm(128) || dicm(0)) return true;
  if (b.length < 8) return false;
  const le = (b[0] ?? 0) | ((b[1] ?? 0) << 8);
  const be = ((b[0] ?? 0) << 8) | (b[1] ?? 0);
  return le === 0x0002 || le === 0x0008 || be === 0x0002 || be === 0x0008;
}
