/**
 * Value Representations (PS3.5 §6.2) and the facts about them the codec needs.
 */

/** VRs whose explicit-VR header has 2 reserved bytes and a 32-bit length (PS3.5 §7.1.2). */
const LONG_HEADER_VRS = new Set(['OB', 'OD', 'OF', 'OL', 'OV', 'OW', 'SQ', 'UC', 'UN', 'UR', 'UT', 'SV', 'UV']);

/** Every VR defined by PS3.5 Table 6.2-1. */
const KNOWN_VRS = new Set([
  'AE', 'AS', 'AT', 'CS', 'DA', 'DS', 'DT', 'FD', 'FL', 'IS', 'LO', 'LT', 'OB', 'OD', 'OF', 'OL', 'OV', 'OW',
  'PN', 'SH', 'SL', 'SQ', 'SS', 'ST', 'SV', 'TM', 'UC', 'UI', 'UL', 'UN', 'UR', 'US', 'UT', 'UV',
]);

/** VRs whose value is decoded with the Specific Character Set (PS3.5 §6.1.2.3). */
const TEXT_VRS = new Set(['SH', 'LO', 'ST', 'LT', 'UT', 'PN', 'UC']);

/** VRs whose value is character data (any repertoire). */
const STRING_VRS = new Set(['AE', 'AS', 'CS', 'DA', 'DS', 'DT', 'IS', 'LO', 'LT', 'PN', 'SH', 'ST', 'TM', 'UC', 'UI', 'UR', 'UT']);

/** String VRs that never hold more than one value: backslash is an ordinary character. */
const SINGLE_VALUED_STRING_VRS = new Set(['LT', 'ST', 'UT', 'UR']);

/** Byte size of one value of a binary numeric VR. */
const BINARY_SIZES: Readonly<Record<string, number>> = {
  AT: 4, FD: 8, FL: 4, OD: 8, OF: 4, OL: 4, OV: 8, OW: 2, SL: 4, SS: 2, SV: 8, UL: 4, US: 2, UV: 8,
};

/** Maximum value length in bytes of string VRs (PS3.5 Table 6.2-1), per value. */
const MAX_LENGTHS: Readonly<Record<string, number>> = {
  AE: 16, AS: 4, CS: 16, DA: 8, DS: 16, DT: 26, IS: 12, LO: 64, PN: 64 * 5, SH: 16, TM: 14, UI: 64,
  LT: 10240, ST: 1024,
};

export function hasLongHeader(vr: string): boolean {
  return LONG_HEADER_VRS.has(vr);
}
export function isKnownVr(vr: string): boolean {
  return KNOWN_VRS.has(vr);
}
export function isTextVr(vr: string): boolean {
  return TEXT_VRS.has(vr);
}
export function isStringVr(vr: string): boolean {
  return STRING_VRS.has(vr);
}
export function isMultiValuedStringVr(vr: string): boolean {
  return STRING_VRS.has(vr) && !SINGLE_VALUED_STRING_VRS.has(vr);
}
/** Size in bytes of one value of a binary VR, or undefined for string/sequence VRs. */
export function binaryValueSize(vr: string): number | undefined {
  return BINARY_SIZES[vr];
}
/** Maximum length of one value (bytes; characters for PN components are approximated as bytes). */
export function maxValueLength(vr: string): number | undefined {
  return MAX_LENGTHS[vr];
}
