import { decodeElementStrings } from '../io/element-value.js';
import type { DataElement } from '../io/data-element.js';
import type { DataSet } from '../io/data-set.js';

const DA = /^(\d{4})(\d{2})(\d{2})$/;
const TM = /^([01]\d|2[0-3])([0-5]\d([0-5]\d|60)?)?(\.\d{1,6})?$/;
const DT = /^(?<y>\d{4})(?:(?<m>\d{2})(?:(?<d>\d{2})(?:([01]\d|2[0-3])(?:[0-5]\d(?:[0-5]\d|60)?(?:\.\d{1,6})?)?)?)?)?(?:[+-]\d{4})?$/;

/**
 * The first value of a DA, TM or DT element that is not a valid value of its VR (PS3.5 §6.2: DA
 * YYYYMMDD of a real calendar day, TM HH[MM[SS[.F{1,6}]]], DT YYYY[MM[DD[HH[MM[SS[.F]]]]]][±ZZZZ]),
 * e.g. the "00000000" some systems write for an unknown birth date; undefined when every value is
 * valid or the element is of another VR. Empty values are valid (unknown).
 */
export function invalidTemporalValue(e: DataElement, source: DataSet): string | undefined {
  if (e.vr !== 'DA' && e.vr !== 'TM' && e.vr !== 'DT') return undefined;
  for (const raw of decodeElementStrings(e, source.encoding, source.characterSet)) {
    const v = raw.trim();
    if (v !== '' && !valid(e.vr, v)) return v;
  }
  return undefined;
}

function valid(vr: string, v: string): boolean {
  if (vr === 'DA') return realDate(v);
  if (vr === 'TM') return TM.test(v);
  const g = DT.exec(v)?.groups;
  return g !== undefined && realDate(`${g.y}${g.m ?? '01'}${g.d ?? '01'}`);
}

/** A YYYYMMDD that is a day of the Gregorian calendar. */
function realDate(v: string): boolean {
  const m = DA.exec(v);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return mo >= 1 && mo <= 12 && d >= 1 && date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}
