import { Tag, lookupTag } from '@atrium/sdk';
import { cappedPath } from '../io/capped-path.js';
import type { DataSet } from '../io/data-set.js';
import { formatTag } from '../io/parse-error.js';
import { AtriumError } from '../errors/atrium-error.js';

/** The identity a de-identified copy is filed and referenced by (its UIDs are replaced, never dropped). */
const IDENTITY = [Tag.SOPClassUID, Tag.SOPInstanceUID, Tag.StudyInstanceUID, Tag.SeriesInstanceUID];

/** A UID: 1–64 characters, digits in dot-separated components, none empty (PS3.5 §9.1). */
const UID = /^[0-9]+(\.[0-9]+)*$/;

/**
 * Refuse an input the de-identifier cannot trust to be what it says. Checked before any rule runs:
 * - the identity UIDs (SOP Class, SOP Instance, Study, Series) are present, single-valued and valid
 *   UIDs — a copy without them could be neither filed nor referenced (ATRIUM_ERR_DEID_IDENTITY);
 * - the elements of every data set and item are in ascending tag order (PS3.5 §7.1). A wrong value
 *   length (e.g. 0x7FFF) makes a parser read the elements that follow as that value and resume
 *   inside other bytes: the elements it then finds are out of order, and the swallowed ones — names
 *   and IDs among them — would be copied as the kept value (ATRIUM_ERR_DEID_MALFORMED). Zero-length
 *   (0000,0000) elements, the zero padding some writers leave at the end, are let through (the
 *   profile removes group lengths anyway).
 */
export function checkDeidInput(ds: DataSet): void {
  const sop = ds.string(Tag.SOPInstanceUID) ?? '(no SOP Instance UID)';
  for (const tag of IDENTITY) {
    const problem = uidProblem(ds, tag);
    if (problem !== undefined) {
      const name = `${lookupTag(tag)?.keyword ?? 'unknown'} ${formatTag(tag)}`;
      throw new AtriumError('ATRIUM_ERR_DEID_IDENTITY', `object ${sop}: ${name} ${problem}; a de-identified copy could be neither filed nor referenced, refused (a damaged file?)`, { tag, sopInstanceUID: sop });
    }
  }
  const disorder = firstOutOfOrder(ds, []);
  if (disorder !== undefined) {
    throw new AtriumError('ATRIUM_ERR_DEID_MALFORMED', `object ${sop}: ${disorder}: the file is damaged (a wrong value length makes the elements after it read as its value), refused`, { sopInstanceUID: sop });
  }
}

function uidProblem(ds: DataSet, tag: number): string | undefined {
  const e = ds.get(tag);
  if (e === undefined) return 'is missing';
  if (e.vr !== 'UI') return `has VR ${e.vr}, not UI`;
  const values = ds.strings(tag);
  if (values.length === 0 || values[0] === '') return 'is empty';
  if (values.length > 1) return `has ${values.length} values (${JSON.stringify(values.join('\\'))}); a UID has one`;
  const v = values[0]!;
  if (v.length > 64) return `is ${v.length} characters long; a UID has at most 64`;
  if (!UID.test(v)) return `is not a UID (${JSON.stringify(v)}): digits and dots only`;
  return undefined;
}

/**
 * Where a data set's elements first go backwards, as text (`path`: the items above it, as
 * `(gggg,eeee)[i]`; printed capped, see cappedPath); undefined when they ascend throughout.
 */
function firstOutOfOrder(ds: DataSet, path: readonly string[]): string | undefined {
  let previous = -1;
  for (const e of ds.elements) {
    const tag = e.tag >>> 0;
    if (tag === 0 && e.value.length === 0) continue;
    if (tag <= previous) return `${cappedPath([...path, formatTag(tag)], '/')} follows ${cappedPath([...path, formatTag(previous)], '/')} (elements out of order)`;
    previous = tag;
    for (const [i, item] of (e.items ?? []).entries()) {
      const inner = firstOutOfOrder(item.dataset, [...path, `${formatTag(tag)}[${i}]`]);
      if (inner !== undefined) return inner;
    }
  }
  return undefined;
}
