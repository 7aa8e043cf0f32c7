import { iodForSopClass } from '@atrium/sdk';
import type { DataSet } from '../../io/data-set.js';
import { decodeElementStrings } from '../../io/element-value.js';
import { uidProblem } from '../../io/uid-problem.js';
import { maxValueLength } from '../../io/vr.js';
import { validationProblem, type ValidationProblem } from './validation-problem.js';

const requiredCache = new Map<string, readonly number[]>();

/** Top-level Type 1 attributes of the mandatory modules of a SOP class's IOD (cached; [] for an unknown class). */
export function mandatoryType1(sopClassUid: string): readonly number[] {
  let tags = requiredCache.get(sopClassUid);
  if (!tags) {
    tags = (iodForSopClass(sopClassUid)?.modules ?? [])
      .filter((m) => m.usage === 'M')
      .flatMap((m) => m.attributes.filter((a) => a.path.length === 1 && a.type === '1').map((a) => a.tag));
    requiredCache.set(sopClassUid, [...new Set(tags)]);
  }
  return requiredCache.get(sopClassUid)!;
}

/** Whether the IOD of a SOP class has the module `id` as mandatory. */
export function hasMandatoryModule(sopClassUid: string, id: string): boolean {
  return (iodForSopClass(sopClassUid)?.modules ?? []).some((m) => m.usage === 'M' && m.id === id);
}

/**
 * The Type 1 attributes `tags` (those not checked elsewhere): present, non-empty, each
 * value within the VR's maximum length (PS3.5 Table 6.2-1) — "missing, empty, or longer
 * than the defined Standard value" in the words of the Canon GCA-9300R conformance
 * statement §4.1.3.3.1.
 */
export function checkType1(ds: DataSet, tags: Iterable<number>): ValidationProblem[] {
  const problems: ValidationProblem[] = [];
  for (const tag of tags) {
    const e = ds.get(tag);
    if (!e) problems.push(validationProblem('MISSING', tag, 'is missing'));
    else if (e.value.length === 0 && !e.items?.length && !e.encapsulated) problems.push(validationProblem('EMPTY', tag, 'is empty'));
    else if (e.items === undefined && !e.encapsulated) problems.push(...checkValues(ds, tag, []));
  }
  return problems;
}

/** Every UI element at any depth, except the top-level `skip` tags: each value a valid UID (empty values are left to the Type checks). */
export function checkUids(ds: DataSet, skip: ReadonlySet<number>, path: readonly number[] = []): ValidationProblem[] {
  const problems: ValidationProblem[] = [];
  for (const e of ds.elements) {
    if (e.vr === 'UI' && !(path.length === 0 && skip.has(e.tag))) problems.push(...checkValues(ds, e.tag, path));
    for (const item of e.items ?? []) problems.push(...checkUids(item.dataset, skip, [...path, e.tag]));
  }
  return problems;
}

/** The first value of `tag` that is too long for its VR, or (UI) not a UID. */
function checkValues(ds: DataSet, tag: number, path: readonly number[]): ValidationProblem[] {
  const e = ds.get(tag)!;
  const max = maxValueLength(e.vr);
  if (max === undefined) return [];
  for (const v of decodeElementStrings(e, ds.encoding, ds.characterSet)) {
    if (e.vr === 'UI' && v !== '') {
      const problem = uidProblem(v);
      if (problem) return [validationProblem(problem.kind, tag, problem.what, path)];
    } else if (v.length > max) {
      return [validationProblem('TOO_LONG', tag, `has a value of ${v.length} characters, longer than the ${max} allowed for VR ${e.vr}`, path)];
    }
  }
  return [];
}
