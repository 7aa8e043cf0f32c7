import type { DataElement } from '../io/data-element.js';
import type { DataSet } from '../io/data-set.js';
import { bytesElement, numberElement, stringElement } from '../io/element-factory.js';
import { binaryValueSize, isStringVr } from '../io/vr.js';
import { shiftDate, shiftDateTime } from './date-shift.js';

/** The placeholder written by the C (clean) action into text. */
export const CLEANED_TEXT = 'CLEANED';

/** Dummy values of action D, valid for each string VR (within its maximum length). */
const DUMMY: Readonly<Record<string, string>> = {
  PN: 'ANONYMOUS', LO: 'ANONYMIZED', SH: 'ANONYMIZED', CS: 'ANONYMIZED', AE: 'ANONYMIZED',
  LT: 'ANONYMIZED', ST: 'ANONYMIZED', UT: 'ANONYMIZED', UC: 'ANONYMIZED', UR: 'urn:anonymized',
  DA: '19000101', TM: '000000', DT: '19000101000000', AS: '000Y', IS: '0', DS: '0',
};

/** An element with no value (action Z); a sequence without items. */
export function emptyElement(e: DataElement): DataElement {
  return e.vr === 'SQ' ? { tag: e.tag, vr: 'SQ', value: new Uint8Array(0), items: [], undefinedLength: false } : bytesElement(e.tag, e.vr, new Uint8Array(0));
}

/**
 * The element replaced by a dummy value valid for its VR (action D): text dummies, DA 19000101,
 * TM 000000, AS 000Y, numbers 0, binary values zeroed to one value; UI values go through `mapUid`.
 * (The walk handles D on a sequence: items kept, each de-identified by its own rules.)
 */
export function dummyElement(e: DataElement, ds: DataSet, mapUid: (uid: string) => string): DataElement {
  if (e.vr === 'SQ' || e.vr === 'UN') return emptyElement(e);
  if (e.vr === 'UI') return stringElement(e.tag, 'UI', ds.strings(e.tag).map(mapUid));
  const text = DUMMY[e.vr];
  if (text !== undefined) return stringElement(e.tag, e.vr, text, ds.characterSet);
  if (e.vr === 'OB' || e.vr === 'OW' || e.vr === 'OF' || e.vr === 'OD' || e.vr === 'OL' || e.vr === 'OV') {
    return bytesElement(e.tag, e.vr, new Uint8Array(Math.max(2, binaryValueSize(e.vr) ?? 2)));
  }
  if (binaryValueSize(e.vr) !== undefined && e.vr !== 'SV' && e.vr !== 'UV') return numberElement(e.tag, e.vr, [0], ds.encoding);
  return emptyElement(e);
}

/**
 * Action C (clean) of a non-sequence element: dates and date-times shifted by `shiftDays` when
 * the Modified Dates option is in force (undefined: not), times kept then; other text replaced by
 * {@link CLEANED_TEXT}; anything else (binary values: overlay data, graphics) removed (undefined).
 */
export function cleanedElement(e: DataElement, ds: DataSet, shiftDays: number | undefined, mapUid: (uid: string) => string): DataElement | undefined {
  if (e.vr === 'DA' || e.vr === 'DT') {
    if (shiftDays === undefined) return dummyElement(e, ds, mapUid);
    const shift = e.vr === 'DA' ? shiftDate : shiftDateTime;
    const values = ds.strings(e.tag).map((v) => (v === '' ? '' : (shift(v, shiftDays) ?? DUMMY[e.vr]!)));
    return stringElement(e.tag, e.vr, values);
  }
  if (e.vr === 'TM') return shiftDays === undefined ? dummyElement(e, ds, mapUid) : e;
  if (e.vr === 'UI') return dummyElement(e, ds, mapUid);
  if (isStringVr(e.vr) && e.vr !== 'AS' && e.vr !== 'IS' && e.vr !== 'DS') {
    return e.value.length === 0 ? e : stringElement(e.tag, e.vr, CLEANED_TEXT, ds.characterSet);
  }
  if (e.vr === 'AS' || e.vr === 'IS' || e.vr === 'DS') return dummyElement(e, ds, mapUid);
  return undefined;
}
