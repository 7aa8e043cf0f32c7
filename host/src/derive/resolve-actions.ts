import { iodById, lookupKeyword, sopClassInfo, tagToString, type AttributeType, type IodDefinition, type IodModule, type MappingRule, type OutputDefinition } from '@atrium/sdk';
import { AtriumError } from '../errors/atrium-error.js';
import { ruleLabel, type ActionRule } from './action-rule.js';
import { DEFAULT_RULES, FIXED_RULES, PIXEL_GROUP } from './default-rules.js';
import { GENERATORS } from './generators/index.js';

/** Where a resolved rule comes from. */
export type RuleOrigin = 'fixed' | 'mapping' | 'default' | 'pixels';

/** The rule of one attribute. */
export interface ResolvedAttribute {
  readonly keyword: string;
  readonly tag: number;
  /** Attribute name (PS3.6). */
  readonly name: string;
  readonly rule: ActionRule;
  readonly origin: RuleOrigin;
}

/** The rule of one top-level attribute of a module, with its Type in that module. */
export interface ResolvedModuleAttribute extends ResolvedAttribute {
  readonly type: AttributeType;
}

/** One module of the output IOD with the rule of each of its top-level attributes. */
export interface ResolvedModule {
  readonly module: IodModule;
  readonly attributes: readonly ResolvedModuleAttribute[];
}

/** A mapping that cannot be applied: unknown keyword or generator, or a fixed attribute remapped. */
export interface MappingProblem {
  readonly keyword: string;
  readonly tag: string;
  readonly rule: string;
  readonly message: string;
}

/** Everything the engine and the conformance statement need to know about an output. */
export interface ResolvedActions {
  readonly iod: IodDefinition;
  /** The (non-retired) SOP class of the IOD. */
  readonly sopClassUID: string;
  readonly modules: readonly ResolvedModule[];
  /** Attributes the mapping lists that are not top-level attributes of the IOD's modules (kept unless Removed). */
  readonly extras: readonly ResolvedAttribute[];
  readonly problems: readonly MappingProblem[];
}

const cache = new WeakMap<OutputDefinition, ResolvedActions>();

/**
 * Resolve the save action of every top-level attribute of an output's IOD, and of the extra
 * attributes its mapping lists: the fixed engine rules ({@link FIXED_RULES}), then the
 * mapping, then the pixel group rule ({@link PIXEL_GROUP}: Pixel Data's rule, by default
 * `Generated (Pixels)`), then the engine defaults ({@link DEFAULT_RULES}), else `Copied`.
 * The one function both {@link deriveObject} and the conformance statement use, so what is
 * documented is what runs. Throws ATRIUM_ERR_DERIVE_IOD for an IOD without tables.
 */
export function resolveActions(output: OutputDefinition): ResolvedActions {
  const hit = cache.get(output);
  if (hit) return hit;
  const iod = iodById(output.iod);
  if (!iod) throw new AtriumError('ATRIUM_ERR_DERIVE_IOD', `output IOD '${output.iod}' has no IOD table`, { iod: output.iod });
  const sopClassUID = iod.sopClassUids.find((uid) => sopClassInfo(uid)?.retired !== true) ?? iod.sopClassUids[0] ?? '';
  const problems: MappingProblem[] = [];
  const mapping = output.mapping as Readonly<Record<string, MappingRule | undefined>>;
  const pixelRule: ActionRule = mapping.PixelData ?? { action: 'Generated', generator: 'Pixels' };
  const inIod = new Set<string>();

  const resolve = (keyword: string, tag: number, name: string): ResolvedAttribute => {
    const fixed = FIXED_RULES[keyword];
    if (fixed) return { keyword, tag, name, rule: fixed, origin: 'fixed' };
    const mapped = mapping[keyword];
    if (mapped) return { keyword, tag, name, rule: mapped, origin: 'mapping' };
    if (PIXEL_GROUP.has(keyword)) return { keyword, tag, name, rule: pixelRule, origin: 'pixels' };
    const def = DEFAULT_RULES[keyword];
    if (def) return { keyword, tag, name, rule: def, origin: 'default' };
    return { keyword, tag, name, rule: { action: 'Copied' }, origin: 'default' };
  };

  const modules = iod.modules.map((module): ResolvedModule => {
    const attributes: ResolvedModuleAttribute[] = [];
    for (const a of module.attributes) {
      if (a.path.length !== 1 || a.keyword === '') continue;
      inIod.add(a.keyword);
      attributes.push({ ...resolve(a.keyword, a.tag, a.name), type: a.type });
    }
    return { module, attributes };
  });

  const extras: ResolvedAttribute[] = [];
  for (const [keyword, rule] of Object.entries(mapping)) {
    if (!rule) continue;
    const entry = lookupKeyword(keyword);
    const tag = entry ? tagToString(entry.tag) : '';
    if (!entry) {
      problems.push({ keyword, tag, rule: ruleLabel(rule), message: `${keyword} is not a DICOM keyword (PS3.6): the mapping cannot name it` });
      continue;
    }
    const fixed = FIXED_RULES[keyword];
    if (fixed && ruleLabel(fixed) !== ruleLabel(rule)) {
      problems.push({ keyword, tag, rule: ruleLabel(rule), message: `${keyword} ${tag} is always ${ruleLabel(fixed)} by the engine; the mapping may not make it ${ruleLabel(rule)}` });
    }
    if (rule.action === 'Generated' && rule.generator !== 'Content' && !Object.hasOwn(GENERATORS, rule.generator)) {
      problems.push({ keyword, tag, rule: ruleLabel(rule), message: `${keyword} ${tag}: no generator named '${rule.generator}'` });
    }
    if (!inIod.has(keyword) && rule.action !== 'Removed') extras.push(resolve(keyword, entry.tag, entry.name));
  }
  const resolved: ResolvedActions = { iod, sopClassUID, modules, extras, problems };
  cache.set(output, resolved);
  return resolved;
}
