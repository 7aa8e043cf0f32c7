// IODs (2025: ciods.json, ciod_to_modules.json, ciod_to_func_group_macros.json, sops.json, modules.json,
// macros.json) with module attribute lists and types from the 2008 Part 3 tables → iods.generated.ts.
import { escapeTemplate, quote } from './common.mjs';
import { CURATED_MODULES, curatedRows } from './curated-modules.mjs';
import { flattenTable, makeIncludeResolver, normaliseName } from './part3.mjs';

/** Index of the 2008 module tables by normalised name (throws on ambiguity). */
function moduleIndex(tables) {
  const index = new Map();
  for (const t of tables.values()) {
    if (t.kind !== 'module') continue;
    const key = normaliseName(t.name);
    if (index.has(key)) throw new Error(`Part 3 XML: two modules named '${key}': ${index.get(key).id}, ${t.id}`);
    index.set(key, t);
  }
  return index;
}

/**
 * Builds module rows for every module used by a 2025 IOD.
 * dictionary: rows of readDictionary(), used to mark attributes retired or unknown in 2025.
 */
export function buildIods(std, tables, dictionary) {
  const dictByTag = new Map(dictionary.map((r) => [r.tagText, r]));
  const dictByName = new Map(dictionary.filter((r) => r.name).map((r) => [normaliseName(r.name), r]));
  const dictByKeyword = new Map(dictionary.filter((r) => r.keyword).map((r) => [r.keyword, r]));
  const resolve = makeIncludeResolver(tables);
  const byName = moduleIndex(tables);
  const ciodIdByName = new Map(std.ciods.map((c) => [c.name, c.id]));
  const moduleById = new Map(std.modules.map((m) => [m.id, m]));
  const macroById = new Map(std.macros.map((m) => [m.id, m]));

  const stats = {
    unresolved: new Set(), ignored: new Set(), recursions: new Set(), badNesting: [], includes: 0,
    matched: [], unmatched: [], curated: [], duplicates: 0, tagFixes: [], notInDictionary: new Set(), retired: new Set(), incomplete: [],
  };

  const usedModuleIds = [...new Set(std.ciodToModules.map((r) => r.moduleId))].sort();
  const modules = [];
  for (const id of usedModuleIds) {
    const m = moduleById.get(id);
    if (!m) throw new Error(`ciod_to_modules.json: module ${id} not in modules.json`);
    const curated = CURATED_MODULES[id];
    const table = curated?.rows ? undefined : byName.get(normaliseName(m.name));
    if (!table && !curated?.rows) {
      stats.unmatched.push(id);
      modules.push({ id, name: m.name, table: '', attributes: [], unknown: true, incomplete: false });
      continue;
    }
    const local = { unresolved: new Set(), ignored: stats.ignored, recursions: stats.recursions, badNesting: [], includes: 0 };
    const context = { dictByKeyword, tables, resolve, flatten: flattenTable, stats: local };
    // A curated module newer than 2008 is its curated rows; a 2008 module gets the rows the current standard added.
    const rows = curated?.rows ? curatedRows(curated.rows, context) : flattenTable(tables, resolve, table.id, local);
    if (curated?.append) rows.push(...curatedRows(curated.append, context));
    if (curated) stats.curated.push(`${id} (${curated.source})`);
    else stats.matched.push(id);
    const tableLabel = curated?.rows ? /Table (\S+)/.exec(curated.source)[1] : table.id;
    for (const u of local.unresolved) stats.unresolved.add(u);
    for (const b of local.badNesting) if (!stats.badNesting.includes(b)) stats.badNesting.push(b);
    stats.includes += local.includes;
    const incomplete = local.unresolved.size > 0;
    if (incomplete) stats.incomplete.push(id);
    const seen = new Set();
    const attributes = [];
    const where = tableLabel;
    for (const r of rows) {
      const path = r.path.map((t) => t.toUpperCase());
      const key = path.join('/');
      if (seen.has(key)) {
        stats.duplicates++;
        continue;
      }
      seen.add(key);
      let last = path[path.length - 1];
      let entry = dictByTag.get(last);
      if (!entry) {
        // A tag the 2025 dictionary lacks but whose name it has: a typo of the 2008 tables; the newer standard wins.
        const named = dictByName.get(normaliseName(r.name));
        if (named && !named.masked) {
          stats.tagFixes.push(`${where} ${r.name}: ${last} → ${named.tagText}`);
          entry = named;
          last = named.tagText;
          path[path.length - 1] = last;
        }
      }
      const flags = (entry?.retired ? 'R' : '') + (entry ? '' : 'N') + (r.recursive ? 'S' : '') + (r.conditional ? 'C' : '');
      if (!entry) stats.notInDictionary.add(`${last} ${r.name}`);
      else if (entry.retired) stats.retired.add(`${last} ${entry.keyword}`);
      attributes.push({ path, type: r.type, flags, name: entry ? '' : r.name });
    }
    modules.push({ id, name: m.name, table: tableLabel, attributes, unknown: false, incomplete });
  }

  const iods = std.ciods.map((c) => ({
    id: c.id,
    name: c.name,
    modules: std.ciodToModules
      .filter((r) => r.ciodId === c.id)
      .map((r) => ({ id: r.moduleId, ie: r.informationEntity ?? '', usage: r.usage, condition: r.conditionalStatement ?? '' })),
    macros: std.ciodToFuncGroupMacros
      .filter((r) => r.ciodId === c.id)
      .map((r) => ({ id: r.macroId, usage: r.usage, condition: r.conditionalStatement ?? '', moduleType: r.moduleType ?? '' })),
  }));
  const usedMacroIds = [...new Set(std.ciodToFuncGroupMacros.map((r) => r.macroId))].sort();
  const macroNames = usedMacroIds.map((id) => {
    const m = macroById.get(id);
    if (!m) throw new Error(`ciod_to_func_group_macros.json: macro ${id} not in macros.json`);
    return [id, m.name];
  });

  const sopToIod = std.sops.map((s) => {
    const iod = ciodIdByName.get(s.ciod);
    if (!iod) throw new Error(`sops.json: IOD '${s.ciod}' of ${s.id} not in ciods.json`);
    return [s.id, iod];
  });
  return { iods, modules, macroNames, sopToIod, stats };
}

function attributeLines(attributes) {
  return attributes
    .map((a) => [a.path.join('/'), a.type, a.flags, a.name].join(' ').trimEnd())
    .join('\n');
}

/** iods.generated.ts */
export function iodsModule({ iods, modules, macroNames, sopToIod }) {
  const moduleRows = modules.map((m) => {
    const flags = (m.unknown ? 'U' : '') + (m.incomplete ? 'I' : '');
    return `  ${quote(m.id)}: [${quote(m.name)}, ${quote(m.table)}, ${quote(flags)}, \`${escapeTemplate(attributeLines(m.attributes))}\`],`;
  });
  const iodRows = iods.map((i) => {
    const mods = i.modules.map((m) => `[${quote(m.id)}, ${quote(m.ie)}, ${quote(m.usage)}, ${quote(m.condition)}]`).join(', ');
    const macs = i.macros.map((m) => `[${quote(m.id)}, ${quote(m.usage)}, ${quote(m.condition)}, ${quote(m.moduleType)}]`).join(', ');
    return `  [${quote(i.id)}, ${quote(i.name)}, [${mods}], [${macs}]],`;
  });
  return `
/** [module id, IE, usage M/C/U, condition] */
export type IodModuleRow = readonly [string, string, string, string];
/** [functional group macro id, usage, condition, module type] */
export type IodMacroRow = readonly [string, string, string, string];

/** Composite IODs of the 2025 standard: [id, name, modules, functional group macros]. */
export const IOD_TABLE: readonly (readonly [string, string, readonly IodModuleRow[], readonly IodMacroRow[]])[] = [
${iodRows.join('\n')}
];

/**
 * Modules used by the IODs: id → [name (2025), Part 3 table of the 2008 edition ('' if the module
 * is not in it; the 2025 table of a module curated in tools/standard/curated-modules.mjs), flags
 * ('U' attributes unknown: module newer than 2008; 'I' incomplete: an included macro is missing
 * from the 2008 tables), attributes].
 * Attributes, one per line: \`PATH TYPE [FLAGS] [NAME]\` where PATH is 8-hex-digit tags joined
 * by '/' from the top-level sequence down ('XX' in repeating groups), TYPE is 1, 1C, 2, 2C or 3,
 * FLAGS: R retired in the 2025 dictionary, N not in the 2025 dictionary (then NAME is the 2008
 * name), S sequence whose items recursively repeat the enclosing macro (not expanded again),
 * C Type 1/2 of a conditionally included macro turned into 1C/2C.
 */
export const MODULE_TABLE: Readonly<Record<string, readonly [string, string, string, string]>> = {
${moduleRows.join('\n')}
};

/** Names of the functional group macros the IODs use, by id. */
export const FUNCTIONAL_GROUP_MACRO_NAMES: Readonly<Record<string, string>> = {
${macroNames.map(([id, name]) => `  ${quote(id)}: ${quote(name)},`).join('\n')}
};

/** SOP class UID → IOD id (sops.json). */
export const SOP_CLASS_IOD: Readonly<Record<string, string>> = {
${sopToIod.map(([uid, iod]) => `  ${quote(uid)}: ${quote(iod)},`).join('\n')}
};
`;
}
