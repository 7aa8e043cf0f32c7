import { CHARACTER_SET_TERMS, type StandaloneEncoding } from './character-set-terms.js';
import type { GraphicSetId } from './graphic-sets.js';
import { normalizeCharacterSetTerm } from './normalize-character-set-term.js';

/** How the values of one Specific Character Set (0008,0005) are decoded and encoded. */
export type CharsetPlan =
  | {
      readonly kind: 'standalone';
      readonly encoding: StandaloneEncoding;
      readonly warnings: readonly string[];
      readonly unknownTerms: readonly string[];
    }
  | {
      readonly kind: 'iso2022';
      /** True when (0008,0005) is absent or empty: ISO-IR 6 only. */
      readonly isDefault: boolean;
      /** True when code extensions (escape sequences) are declared. */
      readonly codeExtensions: boolean;
      /** G0 at the start of a value and after each delimiter (always single-byte). */
      readonly initialG0: GraphicSetId;
      /** G1 at the start of a value and after each delimiter. */
      readonly initialG1: GraphicSetId | undefined;
      /** Sets the declared terms make available, in the order of the values. */
      readonly available: readonly GraphicSetId[];
      readonly warnings: readonly string[];
      readonly unknownTerms: readonly string[];
    };

const cache = new Map<string, CharsetPlan>();

/**
 * Interprets the values of Specific Character Set (0008,0005) (PS3.3 C.12.1.1.2,
 * PS3.5 6.1.2.5). Value 1 sets the initial G0/G1 designations; an empty value 1 with more
 * values means ISO 2022 IR 6. `ISO_IR` terms mixed with `ISO 2022` terms are read as their
 * `ISO 2022` equivalents. Unknown terms are reported in `warnings`/`unknownTerms`; an
 * unknown value 1 falls back to ISO 8859-1 in G1. Plans are cached per distinct value.
 */
export function resolveCharacterSets(specificCharacterSet: readonly string[] | undefined): CharsetPlan {
  const key = (specificCharacterSet ?? []).join('\\');
  let plan = cache.get(key);
  if (plan === undefined) {
    plan = buildPlan(specificCharacterSet ?? []);
    if (cache.size > 256) cache.clear();
    cache.set(key, plan);
  }
  return plan;
}

function buildPlan(values: readonly string[]): CharsetPlan {
  const warnings: string[] = [];
  const unknownTerms: string[] = [];
  const where = `Specific Character Set (0008,0005) '${values.join('\\')}'`;
  const terms = values.map((value, i) => {
    const term = normalizeCharacterSetTerm(value);
    if (term === undefined) {
      unknownTerms.push(value);
      warnings.push(
        `${where}: unknown term '${value}' in value ${i + 1}; ` +
          (i === 0 ? 'decoding as ISO 8859-1 (latin1)' : 'ignored'),
      );
    }
    return term;
  });
  const first = terms[0];
  const firstInfo = first === undefined ? undefined : CHARACTER_SET_TERMS.get(first);
  if (firstInfo?.encoding !== undefined) {
    if (terms.length > 1) {
      warnings.push(`${where}: ${firstInfo.term} cannot be used with code extensions; values 2..${terms.length} ignored`);
    }
    return { kind: 'standalone', encoding: firstInfo.encoding, warnings, unknownTerms };
  }
  const available: GraphicSetId[] = [];
  const add = (id: GraphicSetId | undefined): void => {
    if (id !== undefined && !available.includes(id)) available.push(id);
  };
  let initialG0: GraphicSetId = 'ascii';
  let initialG1: GraphicSetId | undefined;
  if (values.length > 0 && first === undefined) {
    initialG1 = 'latin1'; // unknown value 1: lenient latin1 fallback
  } else if (firstInfo !== undefined) {
    if (firstInfo.g0 === 'ascii' || firstInfo.g0 === 'jisx0201-roman') initialG0 = firstInfo.g0;
    initialG1 = firstInfo.g1; // a multi-byte G1 set as value 1 is non-conformant but usual
  }
  add(initialG0);
  add(initialG1);
  let codeExtensions = terms.length > 1;
  terms.forEach((term, i) => {
    const info = term === undefined ? undefined : CHARACTER_SET_TERMS.get(term);
    if (info === undefined) return;
    if (info.codeExtensions) codeExtensions = true;
    if (info.encoding !== undefined) {
      warnings.push(`${where}: ${info.term} in value ${i + 1} cannot be used with code extensions; ignored`);
      return;
    }
    add(info.g0);
    add(info.g1);
  });
  const isDefault = terms.every((t) => t === '');
  return {
    kind: 'iso2022',
    isDefault,
    codeExtensions,
    initialG0,
    initialG1,
    available,
    warnings,
    unknownTerms,
  };
}
