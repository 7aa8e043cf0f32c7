import { lookupKeyword } from '@atrium/sdk';
import type { QueryResult } from '../../db/query-engine.js';
import { jsonTag, type DicomJsonObject } from './dicom-json.js';

/** VRs whose stored value is one text value (no backslash splitting, PS3.5 §6.2). */
const SINGLE_VALUED = new Set(['LT', 'ST', 'UT', 'UR']);

function values(vr: string, value: string | number): unknown[] {
  if (typeof value === 'number') return [value];
  const parts = SINGLE_VALUED.has(vr) ? [value] : value.split('\\');
  return parts.map((v) => {
    if (v === '') return null;
    if (vr === 'PN') {
      const [Alphabetic, Ideographic, Phonetic] = v.split('=');
      return { ...(Alphabetic ? { Alphabetic } : {}), ...(Ideographic ? { Ideographic } : {}), ...(Phonetic ? { Phonetic } : {}) };
    }
    if (vr === 'IS' || vr === 'DS' || vr === 'US' || vr === 'UL' || vr === 'SS' || vr === 'SL') {
      const n = Number(v);
      return Number.isFinite(n) ? n : v;
    }
    return v;
  });
}

/**
 * One QIDO-RS match as DICOM JSON (PS3.18 §10.6.3.3): each returned key with its
 * dictionary tag and VR, `Value` only when the index holds a value (an empty attribute is
 * `{ vr }`, as a C-FIND response returns it zero-length); plus `extra` attributes
 * (RetrieveURL, InstanceAvailability ...). Keys come out in tag order.
 */
export function qidoMatchJson(row: QueryResult, extra: DicomJsonObject = {}): DicomJsonObject {
  const out: DicomJsonObject = { ...extra };
  for (const [keyword, value] of Object.entries(row)) {
    const entry = lookupKeyword(keyword);
    if (!entry || keyword === 'QueryRetrieveLevel' || keyword === 'TransferSyntaxUID' || keyword === 'SpecificCharacterSet') continue;
    const vr = entry.vr; // the dictionary's VR (the engine's own decides only matching)
    out[jsonTag(entry.tag)] = value === undefined || value === null || value === '' ? { vr } : { vr, Value: values(vr, value) };
  }
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
