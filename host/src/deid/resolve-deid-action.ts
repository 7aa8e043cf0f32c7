import { iodForSopClass, type AttributeType, type DeidAction, type DeidOption, type DeidRule } from '@atrium/sdk';
import type { AppliedAction } from './deid-options.js';

/** Strength of a Type for "keep only when the IOD requires it": 1 and 1C require a value, 2 and 2C presence. */
const RANK: Record<AttributeType, number> = { '1': 3, '1C': 3, '2': 2, '2C': 2, '3': 1 };

/**
 * What the IOD asks of an attribute at one position: a value (Type 1/1C), presence (Type 2/2C),
 * nothing (Type 3), or `unknown` when the IOD tables do not list the attribute there (unknown SOP
 * class; functional group macros, whose attributes the tables lack; attributes added to a module
 * after the 2008 Part 3 tables the SDK's types come from, e.g. Operators' Name in the RT Series
 * Module). Combined actions keep an empty or dummy element when the requirement is `unknown`
 * (see resolveAction).
 */
export type Requirement = 'value' | 'presence' | 'none' | 'unknown';

/**
 * Requirements of an IOD by attribute position. Keys: the decimal tags from the top-level data set
 * down, each followed by '/' except the last ('2147483647', '805961904/805961906'); repeating
 * groups (50xx, 60xx) with xx = 00, see {@link positionKey}.
 */
export type IodRequirements = ReadonlyMap<string, Requirement>;

const cache = new Map<string, IodRequirements>();

/**
 * The requirement of every attribute position of the IOD of a SOP class, top level and nested:
 * the strongest Type any of its modules gives the attribute at that position (1/1C → value,
 * 2/2C → presence, 3 → none). Empty for unknown SOP classes (everything `unknown`).
 */
export function iodRequirements(sopClassUid: string): IodRequirements {
  const cached = cache.get(sopClassUid);
  if (cached) return cached;
  const best = new Map<string, number>();
  for (const module of iodForSopClass(sopClassUid)?.modules ?? []) {
    for (const a of module.attributes) {
      const key = a.path.map((t) => t >>> 0).join('/');
      best.set(key, Math.max(best.get(key) ?? 0, RANK[a.type]));
    }
  }
  const out = new Map<string, Requirement>();
  for (const [key, rank] of best) out.set(key, rank === 3 ? 'value' : rank === 2 ? 'presence' : 'none');
  cache.set(sopClassUid, out);
  return out;
}

/** The {@link IodRequirements} key of `tag` under `parent` ('' at top level, else the sequence's key + '/'). */
export function positionKey(parent: string, tag: number): string {
  const group = tag >>> 16;
  const t = (group & 0xff01) === 0x5000 || (group & 0xff01) === 0x6000 ? (tag & 0xff00ffff) >>> 0 : tag >>> 0;
  return parent + t;
}

/** The requirement at a position (see {@link Requirement}); `unknown` when not listed. */
export function requirementAt(requirements: IodRequirements, key: string): Requirement {
  return requirements.get(key) ?? 'unknown';
}

/**
 * The action of the selected options and the Basic Profile for a rule, before type resolution:
 * the first selected option column (in Table E.1-1 order) that has an entry, else the Basic
 * Profile. When both Longitudinal options are selected, Modified Dates wins (the less retaining).
 */
export function selectedAction(rule: DeidRule, options: ReadonlySet<DeidOption>): DeidAction {
  return optionAction(rule, options) ?? rule.basic;
}

/** The action of the first selected option column with an entry for the rule (see selectedAction), or undefined. */
export function optionAction(rule: DeidRule, options: ReadonlySet<DeidOption>): DeidAction | undefined {
  if (options.size === 0) return undefined;
  if (options.has('retainLongitudinalModifiedDates') && rule.options.retainLongitudinalModifiedDates) {
    return rule.options.retainLongitudinalModifiedDates;
  }
  for (const [option, action] of Object.entries(rule.options) as [DeidOption, DeidAction][]) {
    if (option === 'retainLongitudinalFullDates' && options.has('retainLongitudinalModifiedDates')) continue;
    if (options.has(option)) return action;
  }
  return undefined;
}

/** True for the combined codes, whose outcome depends on the attribute's {@link Requirement}. */
export function isCombined(action: DeidAction): boolean {
  return action.includes('/');
}

/**
 * Resolve a (possibly combined) action code by the attribute's requirement in the IOD. Removal (X)
 * only when the IOD says the attribute is Type 3 there; a required attribute is kept empty (Z) or,
 * when Type 1, with a dummy (D) — never with its value. Where the tables do not list the position
 * (`unknown`: an attribute newer than the 2008 module tables, e.g. Patient ID inside Source Patient
 * Group Identification Sequence, where it is Type 1; SR content below the depth the tables unroll,
 * e.g. Observation DateTime, Type 1C) a code that allows D takes the dummy, valid whatever the Type,
 * except on a sequence, which is emptied (its items are not walked as content):
 * - X/Z → Z unless none (then X);
 * - X/D, X/Z/D → D for value or unknown (a sequence: Z for unknown), Z for presence, X for none;
 * - Z/D → D for value or unknown (a sequence: Z for unknown), else Z;
 * - X/Z/U* → U for UID values (VR UI); on a sequence U (items kept, each element de-identified by
 *   its own rule, so references keep pointing at the remapped UIDs) unless none (then X); other
 *   VRs as X/Z.
 */
export function resolveAction(action: DeidAction, vr: string, requirement: Requirement): AppliedAction {
  const dummyWhenUnknown = vr === 'SQ' ? 'Z' : 'D';
  switch (action) {
    case 'X/Z':
      return requirement === 'none' ? 'X' : 'Z';
    case 'X/D':
    case 'X/Z/D':
      return requirement === 'value' ? 'D' : requirement === 'unknown' ? dummyWhenUnknown : requirement === 'none' ? 'X' : 'Z';
    case 'Z/D':
      return requirement === 'value' ? 'D' : requirement === 'unknown' ? dummyWhenUnknown : 'Z';
    case 'X/Z/U*':
      if (vr === 'UI') return 'U';
      if (requirement === 'none') return 'X';
      return vr === 'SQ' ? 'U' : 'Z';
    default:
      return action;
  }
}
