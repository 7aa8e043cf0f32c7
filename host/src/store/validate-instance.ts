import { Tag, iodForSopClass, lookupTag } from '@atrium/sdk';
import type { DataSet } from '../io/data-set.js';
import { decodeElementStrings } from '../io/element-value.js';
import { formatTag } from '../io/parse-error.js';
import { maxValueLength } from '../io/vr.js';

/** Why an instance is refused at the door (seed 001 §4.1.3.3.1). */
export interface ValidationProblem {
  /** ATRIUM_ERR_VALIDATE_MISSING | _EMPTY | _TOO_LONG | _BAD_UID */
  readonly code: string;
  readonly tag: number;
  readonly keyword: string;
  readonly message: string;
}

/**
 * How much of the IOD is checked on receive.
 * - `safety` (default): Type 1 attributes of the mandatory modules that carry identity,
 *   pixel interpretation and geometry ({@link SAFETY_MODULES}) — the "possible patient
 *   hazards" of seed 001 §4.1.3.3.1 — plus every UID.
 * - `strict`: Type 1 attributes of every mandatory module of the IOD.
 */
export type ValidationPolicy = 'safety' | 'strict';

/** Modules (PS3.3 ids) whose Type 1 attributes the `safety` policy requires. */
export const SAFETY_MODULES: ReadonlySet<string> = new Set([
  'patient', 'general-study', 'general-series', 'frame-of-reference', 'image-plane', 'image-pixel',
  'multi-frame', 'sop-common', 'ct-image', 'mr-image', 'nm-image-pixel', 'pet-image',
]);

const requiredCache = new Map<string, readonly number[]>();

/** Top-level Type 1 attributes of the mandatory modules of a SOP class's IOD under a policy (cached). */
export function requiredAttributes(sopClassUid: string, policy: ValidationPolicy): readonly number[] {
  const key = `${policy} ${sopClassUid}`;
  let tags = requiredCache.get(key);
  if (!tags) {
    tags = (iodForSopClass(sopClassUid)?.modules ?? [])
      .filter((m) => m.usage === 'M' && (policy === 'strict' || SAFETY_MODULES.has(m.id)))
      .flatMap((m) => m.attributes.filter((a) => a.path.length === 1 && a.type === '1').map((a) => a.tag));
    requiredCache.set(key, tags);
  }
  return tags;
}

/** Identity attributes the store cannot do without, whatever the IOD. */
const IDENTITY = [Tag.SOPClassUID, Tag.SOPInstanceUID, Tag.StudyInstanceUID, Tag.SeriesInstanceUID];

const UID_SYNTAX = /^[0-9]+(\.[0-9]+)*$/;

/**
 * Type 1 validation on receive, as the GCA-9300R does (seed 001 §4.1.3.3.1): "any tags of
 * type 1 (including all UIDs) which are missing, empty, or longer than the defined
 * Standard value" reject the instance. Checked here:
 * - the identity UIDs (SOP Class, SOP Instance, Study, Series) and the top-level Type 1
 *   attributes of the IOD's mandatory modules that the policy covers: present, non-empty;
 * - those attributes and every UI element at any depth: each value within the VR's
 *   maximum length (UI: 64) and, for UIDs, made of digits and dots.
 * Returns every problem found ([] when the instance is acceptable).
 */
export function validateInstance(ds: DataSet, policy: ValidationPolicy = 'safety'): ValidationProblem[] {
  const problems: ValidationProblem[] = [];
  const sopClass = ds.string(Tag.SOPClassUID);
  const required = new Set<number>([...IDENTITY, ...(sopClass ? requiredAttributes(sopClass, policy) : [])]);
  for (const tag of required) {
    const e = ds.get(tag);
    if (!e) problems.push(problem('MISSING', tag, 'is missing'));
    else if (e.value.length === 0 && !e.items?.length && !e.encapsulated) problems.push(problem('EMPTY', tag, 'is empty'));
    else if (e.items === undefined && !e.encapsulated) checkLengths(ds, tag, problems, []);
  }
  checkUids(ds, problems, [], required);
  return problems;
}

function checkLengths(ds: DataSet, tag: number, problems: ValidationProblem[], path: readonly number[]): void {
  const e = ds.get(tag);
  if (!e) return;
  const max = maxValueLength(e.vr);
  if (max === undefined) return;
  for (const v of decodeElementStrings(e, ds.encoding, ds.characterSet)) {
    if (v.length > max) {
      problems.push(problem('TOO_LONG', tag, `has a value of ${v.length} characters, longer than the ${max} allowed for VR ${e.vr}`, path));
      return;
    }
  }
  if (e.vr === 'UI') {
    for (const v of decodeElementStrings(e, ds.encoding, ds.characterSet)) {
      if (v !== '' && !UID_SYNTAX.test(v)) {
        problems.push(problem('BAD_UID', tag, `is not a valid UID (${JSON.stringify(v)}): only digits and dots are allowed`, path));
        return;
      }
    }
  }
}

function checkUids(ds: DataSet, problems: ValidationProblem[], path: readonly number[], alreadyChecked: ReadonlySet<number>): void {
  for (const e of ds.elements) {
    if (e.vr === 'UI' && !(path.length === 0 && alreadyChecked.has(e.tag))) checkLengths(ds, e.tag, problems, path);
    for (const item of e.items ?? []) checkUids(item.dataset, problems, [...path, e.tag], new Set());
  }
}

function problem(kind: string, tag: number, what: string, path: readonly number[] = []): ValidationProblem {
  const keyword = lookupTag(tag)?.keyword ?? 'unknown';
  const where = [...path, tag].map((t) => `${lookupTag(t)?.keyword ?? 'unknown'} ${formatTag(t)}`).join(' > ');
  return { code: `ATRIUM_ERR_VALIDATE_${kind}`, tag, keyword, message: `${kind === 'MISSING' || kind === 'EMPTY' ? 'Type 1 attribute ' : ''}${where} ${what}` };
}
