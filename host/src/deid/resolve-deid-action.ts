import { iodForSopClass, type AttributeType, type DeidAction, type DeidOption, type DeidRule } from '@atrium/sdk';
import type { AppliedAction } from './deid-options.js';

/** Strength of a Type for "keep only when the IOD requires it": 1 and 1C require a value, 2 and 2C presence. */
const RANK: Record<AttributeType, number> = { '1': 3, '1C': 3, '2': 2, '2C': 2, '3': 1 };
type Requirement = 'value' | 'presence' | 'none';

const typeCache = new Map<string, ReadonlyMap<number, Requirement>>();

/**
 * Requirement of each top-level attribute in the IOD of a SOP class: the strongest Type any of
 * its modules gives the attribute (1/1C → value, 2/2C → presence). Empty for unknown SOP classes.
 */
export function topLevelRequirements(sopClassUid: string): ReadonlyMap<number, Requirement> {
  const cached = typeCache.get(sopClassUid);
  if (cached) return cached;
  const best = new Map<number, number>();
  for (const module of iodForSopClass(sopClassUid)?.modules ?? []) {
    for (const a of module.attributes) {
      if (a.path.length !== 1) continue;
      best.set(a.tag, Math.max(best.get(a.tag) ?? 0, RANK[a.type]));
    }
  }
  const out = new Map<number, Requirement>();
  for (const [tag, rank] of best) out.set(tag, rank === 3 ? 'value' : rank === 2 ? 'presence' : 'none');
  typeCache.set(sopClassUid, out);
  return out;
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

/**
 * Resolve a (possibly combined) action code by the attribute's requirement in the IOD
 * (`undefined` for nested attributes: the least retaining choice). X/Z → Z when Type 1 or 2,
 * else X; X/D, X/Z/D → D for Type 1, Z for Type 2, else X; Z/D → D for Type 1, else Z;
 * X/Z/U* → U for UID values (VR UI), else as X/Z.
 */
export function resolveAction(action: DeidAction, vr: string, requirement: Requirement | undefined): AppliedAction {
  const req = requirement ?? 'none';
  switch (action) {
    case 'X/Z':
      return req === 'none' ? 'X' : 'Z';
    case 'X/D':
    case 'X/Z/D':
      return req === 'value' ? 'D' : req === 'presence' ? 'Z' : 'X';
    case 'Z/D':
      return req === 'value' ? 'D' : 'Z';
    case 'X/Z/U*':
      return vr === 'UI' ? 'U' : req === 'none' ? 'X' : 'Z';
    default:
      return action;
  }
}
