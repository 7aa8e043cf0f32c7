import { type AttributeType, iodById, lookupTag, Tag, tagToString } from '@atrium/sdk';
import { AtriumError } from '../errors/atrium-error.js';
import { cappedPath } from '../io/capped-path.js';
import { TEXT_VRS } from '../io/charset/index.js';
import type { DataElement } from '../io/data-element.js';
import type { DataSet } from '../io/data-set.js';
import { decodeElementStrings } from '../io/element-value.js';
import { binaryValueSize, isMultiValuedStringVr, isStringVr, maxValueLength } from '../io/vr.js';
import { DECIDABLE_CONDITIONS } from './decidable-conditions.js';
import { presentModules } from './module-roles.js';
import { vmAllows } from './value-multiplicity.js';

/** One reason a derived object is not valid: the attribute, and the rule that produced it. */
export interface DeriveProblem {
  readonly keyword: string;
  /** '(gggg,eeee)'. */
  readonly tag: string;
  /** The mapping rule (provenance) of the top-level attribute concerned; 'none' when it has none. */
  readonly rule: string;
  readonly message: string;
}

const UID = /^(?:0|[1-9][0-9]*)(?:\.(?:0|[1-9][0-9]*))*$/;
const TYPE_RANK: Readonly<Record<AttributeType, number>> = { '1': 0, '1C': 1, '2': 2, '2C': 3, '3': 4 };

/**
 * Validate a derived dataset against its IOD before it is stored or sent:
 * - Type 1 attributes of present modules present and not empty, Type 2 present (a C/U
 *   module is present when one of its own Type 1/2 attributes is, see `moduleRoles`);
 * - decidable conditions ({@link DECIDABLE_CONDITIONS}: Pixel Data for image IODs, Planar
 *   Configuration when Samples per Pixel > 1, Patient Orientation without Image Orientation),
 *   Specific Character Set when a text value is not ASCII, the targets of Frame Increment
 *   Pointer present;
 * - every element, in sequences too: VR one the dictionary allows, VM per the dictionary,
 *   value length per VR (characters for text VRs, PN per component group), UID syntax;
 * - private elements: each with its non-empty LO Private Creator (PS3.5 §7.8.1).
 * Each problem names the attribute (keyword and tag) and the rule from `provenance`.
 */
export function validateDerived(ds: DataSet, iodId: string, provenance: Readonly<Record<string, string>>): DeriveProblem[] {
  const iod = iodById(iodId);
  if (!iod) throw new AtriumError('ATRIUM_ERR_DERIVE_IOD', `no IOD table for '${iodId}'`, { iod: iodId });
  const problems: DeriveProblem[] = [];
  const ruleOf = (keyword: string): string => provenance[keyword] ?? 'none';
  const tagOf = (keyword: string): number | undefined => keywordTags(ds).get(keyword);
  const has = (keyword: string): boolean => tagOf(keyword) !== undefined;
  const report = (keyword: string, tag: number, message: string): void => {
    problems.push({ keyword, tag: tagToString(tag), rule: ruleOf(keyword), message: `${keyword} ${tagToString(tag)} ${message} (rule: ${ruleOf(keyword)})` });
  };

  const required = new Map<string, { tag: number; type: AttributeType }>();
  for (const role of presentModules(iod, has)) {
    for (const a of role.module.attributes) {
      if (a.path.length !== 1 || a.keyword === '') continue;
      const prev = required.get(a.keyword);
      if (!prev || TYPE_RANK[a.type] < TYPE_RANK[prev.type]) required.set(a.keyword, { tag: a.tag, type: a.type });
    }
  }
  for (const [keyword, { tag, type }] of required) {
    const e = ds.get(tag);
    if (type === '1' && !e) report(keyword, tag, 'Type 1 is absent');
    else if (type === '1' && e && isEmpty(e)) report(keyword, tag, 'Type 1 is empty');
    else if (type === '2' && !e) report(keyword, tag, 'Type 2 is absent');
  }

  const view = { has, number: (keyword: string): number | undefined => { const t = tagOf(keyword); return t === undefined ? undefined : ds.number(t); } };
  for (const c of DECIDABLE_CONDITIONS) {
    if (!c.applies(iod) || !c.required(view)) continue;
    const e = ds.get(c.tag);
    if (!e || (c.type === '1C' && isEmpty(e))) report(c.keyword, c.tag, `Type ${c.type} is ${e ? 'empty' : 'absent'} but required: ${c.why}`);
  }
  const condition = (keyword: string, tag: number, why: string): void => {
    const e = ds.get(tag);
    if (!e || isEmpty(e)) report(keyword, tag, `Type 1C is ${e ? 'empty' : 'absent'} but required: ${why}`);
  };
  if (hasNonAsciiText(ds.elements)) condition('SpecificCharacterSet', Tag.SpecificCharacterSet, 'a text value is not in the default repertoire');
  for (const target of ds.numbers(Tag.FrameIncrementPointer)) {
    const entry = lookupTag(target);
    const e = ds.get(target);
    if (!e || isEmpty(e)) report(entry?.keyword || 'FrameIncrementPointer', target, `is the target of Frame Increment Pointer (0028,0009) but is ${e ? 'empty' : 'absent'}`);
  }

  checkElements(ds, [], ruleOf, problems);
  problems.push(...privateCreatorProblems(ds, ruleOf));
  return problems;
}

/**
 * PS3.5 §7.8.1 at the top level: a private data element (gggg,bbee), bb ≥ 10, needs its Private
 * Creator (gggg,00bb), which is LO and not empty.
 */
function privateCreatorProblems(ds: DataSet, ruleOf: (keyword: string) => string): DeriveProblem[] {
  const problems: DeriveProblem[] = [];
  for (const e of ds.elements) {
    const group = e.tag >>> 16;
    const element = e.tag & 0xffff;
    if ((group & 1) === 0 || group <= 0x0007) continue;
    const report = (tag: number, message: string): void => {
      const rule = ruleOf(tagToString(tag));
      problems.push({ keyword: tagToString(tag), tag: tagToString(tag), rule, message: `${tagToString(tag)} ${message} (rule: ${rule})` });
    };
    if (element >= 0x0010 && element <= 0x00ff) {
      if (e.vr !== 'LO' || isEmpty(e)) report(e.tag, 'is a Private Creator: it must be a non-empty LO (PS3.5 §7.8.1)');
    } else if (element >= 0x1000) {
      const creator = ds.get(((group << 16) | (element >>> 8)) >>> 0);
      if (!creator || isEmpty(creator)) report(e.tag, `is a private element without its Private Creator (${tagToString(((group << 16) | (element >>> 8)) >>> 0)}) (PS3.5 §7.8.1)`);
    }
  }
  return problems;
}

function checkElements(ds: DataSet, path: readonly string[], ruleOf: (keyword: string) => string, problems: DeriveProblem[]): void {
  for (const e of ds.elements) {
    const group = e.tag >>> 16;
    if ((group & 1) === 1 || (e.tag & 0xffff) === 0) continue;
    const entry = lookupTag(e.tag);
    const keyword = entry?.keyword || tagToString(e.tag);
    const top = path[0] ?? keyword;
    const where = path.length === 0 ? `${keyword} ${tagToString(e.tag)}` : `${cappedPath([...path, keyword])} ${tagToString(e.tag)}`;
    const report = (message: string): void => {
      problems.push({ keyword, tag: tagToString(e.tag), rule: ruleOf(top), message: `${where} ${message} (rule: ${ruleOf(top)})` });
    };
    if (!entry) {
      report('is not in the data dictionary');
      continue;
    }
    if (entry.vrs.length > 0 && !entry.vrs.includes(e.vr) && !(e.tag === Tag.PixelData && e.encapsulated)) {
      report(`has VR ${e.vr}; the dictionary allows ${entry.vrs.join(' or ')}`);
      continue;
    }
    if (e.items) {
      for (const item of e.items) checkElements(item.dataset, [...path, keyword], ruleOf, problems);
      continue;
    }
    if (e.encapsulated || e.value.length === 0) continue;
    const size = binaryValueSize(e.vr);
    if (size !== undefined && e.value.length % size !== 0) {
      report(`has ${e.value.length} bytes, not a multiple of the ${size}-byte ${e.vr} value`);
      continue;
    }
    const values = isStringVr(e.vr) ? decodeElementStrings(e, ds.encoding, ds.characterSet) : [];
    const count = isStringVr(e.vr) ? (isMultiValuedStringVr(e.vr) ? values.length : 1) : size !== undefined && !/^O/.test(e.vr) ? e.value.length / size : 1;
    if (!vmAllows(entry.vm, count)) report(`has ${count} value(s); VM is ${entry.vm}`);
    const max = maxValueLength(e.vr);
    for (const v of values) {
      if (e.vr === 'PN') {
        if (v.split('=').some((g) => g.length > 64)) report(`value '${v}' has a component group longer than 64 characters`);
      } else if (max !== undefined) {
        const length = TEXT_VRS.has(e.vr) ? [...v].length : v.length;
        if (length > max) report(`value '${v.length > 40 ? `${v.slice(0, 40)}…` : v}' is ${length} characters long; ${e.vr} allows ${max}`);
      }
      if (e.vr === 'UI' && v !== '' && !UID.test(v)) report(`value '${v}' is not a UID (digits and dots, no leading zeros)`);
    }
  }
}

function isEmpty(e: DataElement): boolean {
  if (e.items) return e.items.length === 0;
  if (e.encapsulated) return e.encapsulated.fragments.length === 0;
  if (!isStringVr(e.vr)) return e.value.length === 0;
  return e.value.every((b) => b === 0x20 || b === 0);
}

function hasNonAsciiText(elements: readonly DataElement[]): boolean {
  return elements.some((e) => (e.items ? e.items.some((it) => hasNonAsciiText(it.dataset.elements)) : TEXT_VRS.has(e.vr) && e.value.some((b) => b >= 0x80 || b === 0x1b)));
}

const keywordCache = new WeakMap<DataSet, Map<string, number>>();

function keywordTags(ds: DataSet): Map<string, number> {
  let map = keywordCache.get(ds);
  if (!map) {
    map = new Map();
    for (const e of ds.elements) {
      const k = lookupTag(e.tag)?.keyword;
      if (k) map.set(k, e.tag);
    }
    keywordCache.set(ds, map);
  }
  return map;
}
