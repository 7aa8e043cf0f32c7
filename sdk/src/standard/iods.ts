import { lookupTag } from './dictionary.js';
import { FUNCTIONAL_GROUP_MACRO_NAMES, IOD_TABLE, MODULE_TABLE, SOP_CLASS_IOD } from './iods.generated.js';

/** Attribute Type of a module table (PS3.5 §7.4). */
export type AttributeType = '1' | '1C' | '2' | '2C' | '3';

/** Module usage in an IOD: Mandatory, Conditional, User option. */
export type ModuleUsage = 'M' | 'C' | 'U';

/** One attribute of a module, with its position in sequences. */
export interface ModuleAttribute {
  /**
   * Tags from the top-level data set down: [tag] for a top-level attribute, [seqTag, tag] for an
   * attribute in the items of a sequence, and so on. Repeating-group tags (60xx) have xx = 00.
   */
  readonly path: readonly number[];
  /** Last element of {@link path}. */
  readonly tag: number;
  /** 2025 keyword; '' when the attribute is not in the 2025 dictionary. */
  readonly keyword: string;
  /** 2025 name, or the 2008 name when the attribute is not in the 2025 dictionary. */
  readonly name: string;
  /** Type as given by the 2008 Part 3 tables. */
  readonly type: AttributeType;
  /** Retired in the 2025 dictionary. */
  readonly retired: boolean;
  /** False when the 2008 tables list a tag the 2025 dictionary does not have. */
  readonly inDictionary: boolean;
  /** A sequence whose items recursively repeat the enclosing macro (e.g. SR Content Sequence); not expanded again. */
  readonly recursive: boolean;
}

/** A module as used by one IOD. */
export interface IodModule {
  /** Module id of the 2025 tables, e.g. 'general-series'. */
  readonly id: string;
  /** Module name (2025), e.g. 'General Series'. */
  readonly name: string;
  /** Information entity, e.g. 'Series'. */
  readonly informationEntity: string;
  readonly usage: ModuleUsage;
  /** Condition text of a usage C module; undefined otherwise. */
  readonly condition: string | undefined;
  /**
   * The 2008 Part 3 table the attributes come from (e.g. 'C.7-5a'), or for a module newer than
   * 2008 curated from the current PS3.3 (tools/standard/curated-modules.mjs) its 2025 table
   * (e.g. 'C.35.1-1'); undefined if none.
   */
  readonly part3Table: string | undefined;
  /** True when the module is newer than the 2008 tables: {@link attributes} is empty. */
  readonly attributesUnknown: boolean;
  /** True when a macro the module includes is missing from the 2008 tables (e.g. functional group macros). */
  readonly attributesIncomplete: boolean;
  /** Attributes in table order, macros expanded, nested sequence contents flattened with their paths. */
  readonly attributes: readonly ModuleAttribute[];
}

/** A functional group macro an enhanced multi-frame IOD may use (attributes not listed). */
export interface FunctionalGroupMacroUsage {
  readonly id: string;
  readonly name: string;
  readonly usage: ModuleUsage;
  readonly condition: string | undefined;
  /** 'Multi-frame' or 'Current Frame'. */
  readonly moduleType: string;
}

/** A composite Information Object Definition (PS3.3 Annex A). */
export interface IodDefinition {
  /** IOD id of the 2025 tables, e.g. 'ct-image'. */
  readonly id: string;
  /** IOD name, e.g. 'CT Image'. */
  readonly name: string;
  /** SOP classes whose instances follow this IOD. */
  readonly sopClassUids: readonly string[];
  readonly modules: readonly IodModule[];
  readonly functionalGroupMacros: readonly FunctionalGroupMacroUsage[];
}

const TYPES = new Set<string>(['1', '1C', '2', '2C', '3']);
const USAGES = new Set<string>(['M', 'C', 'U']);

const moduleAttributes = new Map<string, readonly ModuleAttribute[]>();
const iods = new Map<string, IodDefinition>();
const type1 = new Map<string, readonly number[]>();

function parseAttributes(moduleId: string, text: string): readonly ModuleAttribute[] {
  const out: ModuleAttribute[] = [];
  if (text === '') return out;
  for (const line of text.split('\n')) {
    const [pathText = '', type = '', flags = '', ...nameWords] = line.split(' ');
    if (!TYPES.has(type)) throw new Error(`ATRIUM_ERR_STANDARD_TABLE: module ${moduleId}: bad attribute line '${line}'`);
    const path = pathText.split('/').map((t) => parseInt(t.replace(/X/g, '0'), 16) >>> 0);
    const tag = path[path.length - 1] ?? 0;
    const inDictionary = !flags.includes('N');
    const entry = inDictionary ? lookupTag(tag) : undefined;
    out.push({
      path,
      tag,
      keyword: entry?.keyword ?? '',
      name: entry?.name ?? nameWords.join(' '),
      type: type as AttributeType,
      retired: flags.includes('R'),
      inDictionary,
      recursive: flags.includes('S'),
    });
  }
  return out;
}

function attributesOf(moduleId: string): readonly ModuleAttribute[] {
  let attrs = moduleAttributes.get(moduleId);
  if (attrs === undefined) {
    attrs = parseAttributes(moduleId, MODULE_TABLE[moduleId]?.[3] ?? '');
    moduleAttributes.set(moduleId, attrs);
  }
  return attrs;
}

function usageOf(text: string, where: string): ModuleUsage {
  if (!USAGES.has(text)) throw new Error(`ATRIUM_ERR_STANDARD_TABLE: bad usage '${text}' in ${where}`);
  return text as ModuleUsage;
}

function buildIod(row: (typeof IOD_TABLE)[number]): IodDefinition {
  const [id, name, moduleRows, macroRows] = row;
  const modules = moduleRows.map(([moduleId, ie, usage, condition]): IodModule => {
    const [moduleName = moduleId, table = '', flags = ''] = MODULE_TABLE[moduleId] ?? [];
    return {
      id: moduleId,
      name: moduleName,
      informationEntity: ie,
      usage: usageOf(usage, `IOD ${id} module ${moduleId}`),
      condition: condition === '' ? undefined : condition,
      part3Table: table === '' ? undefined : table,
      attributesUnknown: flags.includes('U'),
      attributesIncomplete: flags.includes('I'),
      attributes: attributesOf(moduleId),
    };
  });
  const functionalGroupMacros = macroRows.map(([macroId, usage, condition, moduleType]): FunctionalGroupMacroUsage => ({
    id: macroId,
    name: FUNCTIONAL_GROUP_MACRO_NAMES[macroId] ?? macroId,
    usage: usageOf(usage, `IOD ${id} macro ${macroId}`),
    condition: condition === '' ? undefined : condition,
    moduleType,
  }));
  const sopClassUids = Object.keys(SOP_CLASS_IOD).filter((uid) => SOP_CLASS_IOD[uid] === id);
  return { id, name, sopClassUids, modules, functionalGroupMacros };
}

/** The IOD with a given 2025 id (e.g. 'ct-image'), or undefined. */
export function iodById(id: string): IodDefinition | undefined {
  let iod = iods.get(id);
  if (iod === undefined) {
    const row = IOD_TABLE.find((r) => r[0] === id);
    if (row === undefined) return undefined;
    iod = buildIod(row);
    iods.set(id, iod);
  }
  return iod;
}

/** The IOD that instances of a SOP class follow, e.g. CT Image Storage → CT Image; undefined for unknown or non-storage SOP classes. */
export function iodForSopClass(sopClassUid: string): IodDefinition | undefined {
  const id = SOP_CLASS_IOD[sopClassUid];
  return id === undefined ? undefined : iodById(id);
}

/** Ids of every IOD of the 2025 standard. */
export function iodIds(): readonly string[] {
  return IOD_TABLE.map((r) => r[0]);
}

/**
 * Top-level Type 1 attributes of the mandatory (usage M) modules of a SOP class's IOD, as tags,
 * without duplicates, in module order. Empty for an unknown SOP class. Modules newer than the 2008
 * tables contribute nothing (their attributes are unknown).
 */
export function type1AttributesOf(sopClassUid: string): readonly number[] {
  const cached = type1.get(sopClassUid);
  if (cached !== undefined) return cached;
  const iod = iodForSopClass(sopClassUid);
  const tags: number[] = [];
  if (iod !== undefined) {
    const seen = new Set<number>();
    for (const m of iod.modules) {
      if (m.usage !== 'M') continue;
      for (const a of m.attributes) {
        if (a.path.length === 1 && a.type === '1' && !seen.has(a.tag)) {
          seen.add(a.tag);
          tags.push(a.tag);
        }
      }
    }
  }
  type1.set(sopClassUid, tags);
  return tags;
}
